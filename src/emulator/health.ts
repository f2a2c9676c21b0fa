/** `GET /_localstack/health` in LocalStack's shape, so tools written for LocalStack see a healthy endpoint. */
import { EMULATOR_HEADER, EMULATOR_VERSION } from './identity.ts';
import type { Emulator } from './emulator.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

/** The health answer: every emulated service `running`. */
export function healthResponse(request: EmulatorRequest, emulator: Emulator): EmulatorResponse | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const services = Object.fromEntries([...emulator.services.keys()].map((name) => [name, 'running']));
  const body = { services, edition: 'community', version: `${EMULATOR_VERSION}-workshop-emulator` };
  return {
    status: 200,
    headers: { 'content-type': 'application/json', [EMULATOR_HEADER]: EMULATOR_VERSION },
    body: JSON.stringify(body),
  };
}
