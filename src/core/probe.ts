/**
 * Asks an endpoint what answers there: nothing, the kit's emulator, LocalStack, or something else.
 * The emulator marks its health answer with a header so the two local targets can be told apart.
 */
import { EMULATOR_HEADER } from '../emulator/identity.ts';
import { coreMessage } from './core-messages.ts';
import { inLanguage } from './i18n/texts.ts';

/** The response header by which the kit's emulator names itself. */
export { EMULATOR_HEADER } from '../emulator/identity.ts';

/** What answered on an endpoint's `/_localstack/health` route; `detail` is in the learner's language. */
export type ProbeResult =
  | { kind: 'free' }
  | { kind: 'emulator'; version: string }
  | { kind: 'localstack'; version: string; edition: string }
  | { kind: 'other'; detail: string };

/** Probes `endpoint` (an origin such as http://127.0.0.1:4566), waiting at most `timeoutMs`. */
export async function probeEndpoint(endpoint: string, timeoutMs = 1500): Promise<ProbeResult> {
  let response: Response;
  try {
    response = await fetch(new URL('/_localstack/health', endpoint), { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return describeFetchFailure(error);
  }
  const emulatorVersion = response.headers.get(EMULATOR_HEADER);
  if (emulatorVersion !== null) return { kind: 'emulator', version: emulatorVersion };
  const body = await response.text().catch(() => '');
  const health = parseHealth(body);
  if (response.ok && health) return { kind: 'localstack', version: health.version, edition: health.edition };
  return { kind: 'other', detail: inLanguage(coreMessage('notLocalStackHealth', { status: response.status })) };
}

function describeFetchFailure(error: unknown): ProbeResult {
  const code = findCode(error);
  if (code === 'ECONNREFUSED') return { kind: 'free' };
  if (error instanceof Error && error.name === 'TimeoutError') {
    return { kind: 'other', detail: inLanguage(coreMessage('noHttpAnswer')) };
  }
  return { kind: 'other', detail: code ?? (error instanceof Error ? error.message : String(error)) };
}

function findCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ('code' in e && typeof e.code === 'string') return e.code;
  }
  return undefined;
}

function parseHealth(body: string): { version: string; edition: string } | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null || !('services' in value)) return undefined;
    const record = value as Record<string, unknown>;
    return {
      version: typeof record.version === 'string' ? record.version : 'unknown',
      edition: typeof record.edition === 'string' ? record.edition : 'unknown',
    };
  } catch {
    return undefined;
  }
}
