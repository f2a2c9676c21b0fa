/**
 * `fetch` in the lab worker: requests to the loopback (127.0.0.1, localhost) stay in the page,
 * answered by the emulator for its origin (graders read the trace with fetch, as on a machine) and
 * by the page's loopback network for other ports (a grader's own servers; a closed port refuses
 * as Node's fetch does). Every other request goes to the network as before.
 */
import type { EmulatorRequest, EmulatorResponse } from '../../emulator/types.ts';
import { answerFromEmulator } from '../net/emulator-origin.ts';
import { localFetch } from '../net/local-fetch.ts';
import { answerLocal, isLoopback } from '../net/local-network.ts';

/** Routes the worker's `fetch` calls for `origin` to `handle`, and other loopback calls to the page's servers. */
export function routeFetchToEmulator(origin: string, handle: (request: EmulatorRequest) => Promise<EmulatorResponse>): void {
  const network = globalThis.fetch.bind(globalThis);
  const emulatorOrigin = new URL(origin).origin;
  const local = localFetch((request, closed) => (new URL(request.url).origin === emulatorOrigin ? answerFromEmulator(handle, request) : answerLocal(request, closed)));
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), (globalThis as { location?: { href: string } }).location?.href);
    return isLoopback(url.hostname) ? local(input, init) : network(input, init);
  };
}
