/** `GET /_localstack/health` in LocalStack's shape, so tools written for LocalStack see a healthy endpoint. */
import { EMULATOR_HEADER, EMULATOR_VERSION } from './identity.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

/** Where LocalStack, and so the kit, answers health checks. */
export const HEALTH_PATH = '/_localstack/health';

/**
 * Paths answered while the services load: the health check (how a client learns the port is up)
 * and the Lambda Runtime API, which only environments started by a loaded service call.
 */
export function answersWhileStarting(path: string): boolean {
  return path === HEALTH_PATH || path.startsWith('/_lambda-runtime/');
}

/** What the health route needs to know of an emulator, which it knows before its services load. */
export interface HealthSource {
  readonly serviceNames: readonly string[];
  readonly servicesLoaded: boolean;
}

/** The health answer: every emulated service `available` while the services load, then `running` (LocalStack's words). */
export function healthResponse(request: EmulatorRequest, emulator: HealthSource): EmulatorResponse | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const state = emulator.servicesLoaded ? 'running' : 'available';
  const services = Object.fromEntries(emulator.serviceNames.map((name) => [name, state]));
  const body = { services, edition: 'community', version: `${EMULATOR_VERSION}-workshop-emulator` };
  return {
    status: 200,
    headers: { 'content-type': 'application/json', [EMULATOR_HEADER]: EMULATOR_VERSION },
    body: JSON.stringify(body),
  };
}
