/**
 * `fetch` in the lab worker: requests to the emulator's origin are answered in-process (graders
 * read the trace with fetch, as on a machine); every other request goes to the network as before.
 */
import type { EmulatorRequest, EmulatorResponse } from '../../emulator/types.ts';

/** Routes the worker's `fetch` calls for `origin` to `handle`. */
export function routeFetchToEmulator(origin: string, handle: (request: EmulatorRequest) => Promise<EmulatorResponse>): void {
  const network = globalThis.fetch.bind(globalThis);
  const { host } = new URL(origin);
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== new URL(origin).origin) return network(input, init);
    const headers: Record<string, string> = { host };
    request.headers.forEach((value, name) => { headers[name] = value; });
    // A Request drops the headers a browser sets itself (Origin, Access-Control-Request-*); a grader's
    // CORS preflight needs them, and nothing leaves the page, so they are passed on as given.
    new Headers(init?.headers).forEach((value, name) => { headers[name] = value; });
    const body = Buffer.from(await request.arrayBuffer());
    const answer = await handle({ method: request.method, path: url.pathname, query: url.searchParams, headers, body });
    const bytes = typeof answer.body === 'string' ? new TextEncoder().encode(answer.body) : new Uint8Array(answer.body);
    return new Response(answer.status === 204 || answer.status === 304 ? null : bytes, { status: answer.status, headers: answer.headers });
  };
}
