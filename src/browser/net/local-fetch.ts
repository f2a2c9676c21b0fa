/**
 * `fetch` over the page's loopback network (local-network.ts): the Request a caller builds is sent
 * to a registered server, the answer comes back as a Response, and failures reject as Node's fetch
 * rejects (TypeError 'fetch failed' with the socket's error as `cause`; an aborted request with
 * the signal's reason). Redirects are followed as fetch follows them.
 */
import type { NetRequest, NetResponse } from './local-network.ts';

/** Sends one request on the page's network; `signal` aborts when the caller gives up. */
export type NetSend = (request: NetRequest, signal: AbortSignal) => Promise<NetResponse>;

/** As many redirects as fetch follows before it fails. */
const MAX_REDIRECTS = 20;
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** The request in its message form. */
export async function netRequestOf(request: Request, init?: RequestInit): Promise<NetRequest> {
  const headers: Array<[string, string]> = [];
  request.headers.forEach((value, name) => headers.push([name, value]));
  // A browser's Request drops the headers it sets itself (Origin, ...); on this network nothing does.
  const given = new Headers(init?.headers);
  given.forEach((value, name) => {
    if (!request.headers.has(name)) headers.push([name, value]);
  });
  const body = request.method === 'GET' || request.method === 'HEAD' ? new Uint8Array(0) : new Uint8Array(await request.arrayBuffer());
  // What Node's fetch and a browser's send when the caller sets none.
  if (!headers.some(([name]) => name === 'accept')) headers.push(['accept', '*/*']);
  if (body.length > 0 && !headers.some(([name]) => name === 'content-length')) headers.push(['content-length', String(body.length)]);
  return { url: request.url, method: request.method, headers, body };
}

/** The Response for `answer` to a request of `url`. */
export function responseOf(answer: NetResponse, url: string, method: string): Response {
  const body = NULL_BODY.has(answer.status) || method === 'HEAD' ? null : answer.body;
  const response = new Response(body as ConstructorParameters<typeof Response>[0], { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

function aborted(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** A `fetch` for URLs on the page's network, sending through `send`. */
export function localFetch(send: NetSend): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return async (input, init) => {
    let request = new Request(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) throw aborted(signal);
    const redirect = init?.redirect ?? request.redirect;
    for (let hops = 0; ; hops++) {
      const sent = await netRequestOf(request, hops === 0 ? init : undefined);
      const gone = new AbortController();
      const answer = await new Promise<NetResponse>((resolve, reject) => {
        const onAbort = () => {
          gone.abort();
          reject(aborted(signal!));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        send(sent, gone.signal).then(resolve, (error: unknown) => reject(new TypeError('fetch failed', { cause: error }))).finally(() => signal?.removeEventListener('abort', onAbort));
      });
      const location = answer.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
      if (!REDIRECT.has(answer.status) || redirect === 'manual' || location === undefined) return responseOf(answer, sent.url, sent.method);
      if (redirect === 'error' || hops >= MAX_REDIRECTS) throw new TypeError('fetch failed', { cause: new Error(redirect === 'error' ? 'unexpected redirect' : 'redirect count exceeded') });
      const next = new URL(location, sent.url).href;
      const keepBody = answer.status === 307 || answer.status === 308;
      const method = keepBody || sent.method === 'HEAD' ? sent.method : 'GET';
      request = new Request(next, { method, headers: keepBody ? request.headers : undefined, body: keepBody && sent.body.length > 0 ? sent.body : undefined });
    }
  };
}
