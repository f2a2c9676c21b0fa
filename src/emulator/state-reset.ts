/**
 * LocalStack's and moto's state resets: `POST /_localstack/state/reset` forgets every service's
 * state, `POST /_localstack/state/<service>/reset` one service's, `POST /moto-api/reset` all of it.
 * With a state folder the database follows (store.ts). Only requests no web page could have sent
 * are served (localstack-routes.ts).
 */
import type { Emulator } from './emulator.ts';
import { changeRefusal, jsonAnswer, refusedChange } from './change-guard.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

/** LocalStack's names of services the emulator knows by another name. */
const LOCALSTACK_NAMES: Record<string, string> = { apigateway: 'apigatewayv2', cloudwatchlogs: 'logs', eventbridge: 'events', 'dynamodb-streams': 'dynamodbstreams' };

/** Services whose state another service's reset takes along, as they share its resources. */
const TAKEN_ALONG: Record<string, string[]> = { dynamodb: ['dynamodbstreams'] };

/** Forgets the state of `service` (and of what shares its resources), or of every service, and the trace with all of it. */
export function resetState(emulator: Emulator, service?: string): void {
  if (service === undefined) {
    emulator.store.reset();
    emulator.trace.clear();
    emulator.log('state reset: every service starts empty');
    return;
  }
  for (const name of [service, ...(TAKEN_ALONG[service] ?? [])]) if (emulator.services.has(name)) emulator.store.reset(name);
  emulator.log(`state reset: ${service} starts empty`);
}

function resetAnswer(request: EmulatorRequest, emulator: Emulator, service: string | undefined, body: unknown): EmulatorResponse {
  if (request.method !== 'POST') return jsonAnswer(405, { error: 'MethodNotAllowed', message: 'a reset changes state: use POST' });
  const refused = changeRefusal(request, emulator);
  if (refused) return refusedChange(refused);
  resetState(emulator, service);
  return jsonAnswer(200, body);
}

/** `POST /_localstack/state/reset` and `POST /_localstack/state/<service>/reset`. */
export function stateResetRoute(emulator: Emulator): (request: EmulatorRequest) => EmulatorResponse | undefined {
  return (request) => {
    const parts = request.path.split('/').slice(3);
    if (parts.length === 1 && parts[0] === 'reset') return resetAnswer(request, emulator, undefined, undefined);
    if (parts.length !== 2 || parts[1] !== 'reset') return undefined;
    const asked = decodeURIComponent(parts[0]!).toLowerCase();
    const service = LOCALSTACK_NAMES[asked] ?? asked;
    if (!emulator.services.has(service)) {
      const known = [...emulator.services.keys()].sort().join(', ');
      return jsonAnswer(404, { error: 'NotFound', message: `no emulated service is called ${asked}: use one of ${known}` });
    }
    return resetAnswer(request, emulator, service, undefined);
  };
}

/** `POST /moto-api/reset`, as moto's server answers it. */
export function motoResetRoute(emulator: Emulator): (request: EmulatorRequest) => EmulatorResponse | undefined {
  return (request) => (request.path === '/moto-api/reset' ? resetAnswer(request, emulator, undefined, { status: 'ok' }) : undefined);
}
