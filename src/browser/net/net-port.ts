/**
 * The page's loopback network between threads: a Lambda environment Worker's `fetch` sends its
 * requests over messages to the lab worker, which answers them with its registered servers
 * (local-network.ts). An aborted fetch, or an environment that ends, drops the request on the
 * server's side as a closed socket would.
 */
import type { MessageTarget } from '../emulator/wire.ts';
import { localFetch } from './local-fetch.ts';
import type { NetRequest, NetResponse } from './local-network.ts';

/** Environment -> lab worker: send a request. */
interface NetRequestMessage {
  kind: 'net-request';
  id: number;
  request: NetRequest;
}
/** Environment -> lab worker: the caller gave up on a request. */
interface NetAbortMessage {
  kind: 'net-abort';
  id: number;
}
/** Lab worker -> environment: the answer, or the socket error the request failed with. */
interface NetResponseMessage {
  kind: 'net-response';
  id: number;
  response?: NetResponse;
  error?: { message: string; fields: Record<string, unknown> };
}

/** Answers the network requests arriving on `port` with `answer`; `close()` drops those still open. */
export function serveNetwork(port: MessageTarget, answer: (request: NetRequest, closed: AbortSignal) => Promise<NetResponse>): { close(): void } {
  const open = new Map<number, AbortController>();
  port.addEventListener('message', (event) => {
    const message = event.data as NetRequestMessage | NetAbortMessage | undefined;
    if (message?.kind === 'net-abort') open.get(message.id)?.abort();
    if (message?.kind !== 'net-request') return;
    const gone = new AbortController();
    open.set(message.id, gone);
    answer(message.request, gone.signal).then(
      (answered) => {
        // A copy: a Buffer's bytes may sit in Node's shared pool, which must not be transferred away.
        const response = { ...answered, body: new Uint8Array(answered.body) };
        port.postMessage({ kind: 'net-response', id: message.id, response } satisfies NetResponseMessage, [response.body.buffer as ArrayBuffer]);
      },
      (error: Error) => {
        const { message: text, stack: _stack, ...fields } = Object.assign({ message: String(error?.message ?? error) }, error);
        port.postMessage({ kind: 'net-response', id: message.id, error: { message: text, fields: JSON.parse(JSON.stringify(fields)) } } satisfies NetResponseMessage);
      },
    ).finally(() => open.delete(message.id));
  });
  (port as { start?: () => void }).start?.();
  return {
    close() {
      for (const gone of open.values()) gone.abort();
      open.clear();
    },
  };
}

/** A `fetch` that sends every request over `port` to the thread that serves the page's network. */
export function portFetch(port: MessageTarget): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  let next = 0;
  const waiting = new Map<number, (message: NetResponseMessage) => void>();
  port.addEventListener('message', (event) => {
    const message = event.data as NetResponseMessage | undefined;
    if (message?.kind !== 'net-response') return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  return localFetch((request, signal) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, (message) => {
      if (message.response) resolve(message.response);
      else reject(Object.assign(new Error(message.error?.message ?? 'other side closed'), message.error?.fields));
    });
    signal.addEventListener('abort', () => {
      waiting.delete(id);
      port.postMessage({ kind: 'net-abort', id } satisfies NetAbortMessage);
    }, { once: true });
    port.postMessage({ kind: 'net-request', id, request } satisfies NetRequestMessage, [request.body.buffer as ArrayBuffer]);
  }));
}
