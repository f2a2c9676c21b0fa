/**
 * `GET /_localstack/info` and `GET /_localstack/init[/<stage>]` in LocalStack's shapes (its field
 * names and states), so tools that wait for LocalStack's init scripts wait for the kit's too.
 */
import { createHash, randomUUID } from 'node:crypto';
import { hostname, platform } from 'node:os';
import type { Emulator } from './emulator.ts';
import { EMULATOR_HEADER, EMULATOR_VERSION } from './identity.ts';
import { INIT_STAGES, initStatusOf, type InitScript, type InitStage } from './init-hooks.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

function json(status: number, body: unknown): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', [EMULATOR_HEADER]: EMULATOR_VERSION }, body: JSON.stringify(body) };
}

function onlyGet(request: EmulatorRequest): EmulatorResponse | undefined {
  return request.method === 'GET' || request.method === 'HEAD' ? undefined : json(405, { error: 'MethodNotAllowed', message: 'these routes only read: use GET' });
}

// The same machine gives the same id, as LocalStack keeps one per machine; no name of the host is shown.
const MACHINE_ID = `gen_${createHash('sha256').update(hostname()).digest('hex').slice(0, 12)}`;

/** The `/_localstack/info` route: what this emulator is and how long it has run. */
export function infoRoute(emulator: Emulator): (request: EmulatorRequest) => EmulatorResponse | undefined {
  const sessionId = randomUUID();
  const startedAt = Date.now();
  return (request) => {
    if (request.path !== '/_localstack/info') return undefined;
    const refused = onlyGet(request);
    if (refused) return refused;
    return json(200, {
      version: `${EMULATOR_VERSION}-workshop-emulator`,
      edition: 'community',
      is_license_activated: false,
      session_id: sessionId,
      machine_id: MACHINE_ID,
      system: platform(),
      is_docker: false,
      server_time_utc: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
      uptime: Math.floor((Date.now() - startedAt) / 1000),
    });
  };
}

const scriptView = (script: InitScript) => ({ stage: script.stage, name: script.name, state: script.state });

/** The `/_localstack/init` route: which stages are done and every init script's state; `/<stage>` for one stage. */
export function initRoute(emulator: Emulator): (request: EmulatorRequest) => EmulatorResponse | undefined {
  return (request) => {
    const [, , , stageName, ...more] = request.path.split('/');
    if (!request.path.startsWith('/_localstack/init') || (request.path.length > 17 && request.path[17] !== '/') || more.length > 0) return undefined;
    const refused = onlyGet(request);
    if (refused) return refused;
    const status = initStatusOf(emulator);
    if (!stageName) return json(200, { completed: status.completed, scripts: status.scripts.map(scriptView) });
    const stage = stageName.toUpperCase() as InitStage;
    if (!INIT_STAGES.includes(stage)) return json(404, { error: 'NotFound', message: `no such stage ${stageName}: use one of ${INIT_STAGES.join(', ').toLowerCase()}` });
    return json(200, { completed: status.completed[stage], scripts: status.scripts.filter((script) => script.stage === stage).map(scriptView) });
  };
}
