/**
 * The page's loopback network, held by the lab worker: servers a grader starts with
 * `http.createServer().listen()` are registered here under a made-up port, and requests to
 * 127.0.0.1 or localhost on that port (the grader's own fetch, a function's fetch from its Lambda
 * environment Worker) are answered by them without leaving the page. Nothing else is reachable:
 * a closed port refuses and any other host is not found, with the errors Node's fetch gives.
 */

/** A request on the page's network, in a form that passes through postMessage. */
export interface NetRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/** An answer on the page's network. */
export interface NetResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/** What a registered server does with one request; `closed` fires when the client goes away first. */
export type LocalAnswer = (request: NetRequest, closed: AbortSignal) => Promise<NetResponse>;

/** The first made-up port: the start of the range operating systems hand out for port 0. */
const FIRST_PORT = 49152;
const servers = new Map<number, LocalAnswer>();
let nextPort = FIRST_PORT;

/** A network error as Node's sockets and DNS resolver make them (the `cause` of fetch's TypeError). */
export function networkError(message: string, fields: { errno: number; code: string; syscall: string; [key: string]: unknown }): Error {
  return Object.assign(new Error(message), fields);
}

/** Registers `answer` on `port` (0: a free made-up port) and returns the port; throws EADDRINUSE when it is taken. */
export function listenLocal(port: number, answer: LocalAnswer, host = '127.0.0.1'): number {
  if (port === 0) {
    while (servers.has(nextPort)) nextPort = nextPort >= 65535 ? FIRST_PORT : nextPort + 1;
    port = nextPort;
    nextPort = nextPort >= 65535 ? FIRST_PORT : nextPort + 1;
  } else if (servers.has(port)) {
    throw networkError(`listen EADDRINUSE: address already in use ${host}:${port}`, { errno: -98, code: 'EADDRINUSE', syscall: 'listen', address: host, port });
  }
  servers.set(port, answer);
  return port;
}

/** Unregisters the server on `port`: later requests to it are refused. */
export function closeLocal(port: number): void {
  servers.delete(port);
}

/** True for the names of this machine's loopback interface. */
export function isLoopback(hostname: string): boolean {
  const name = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

function portOf(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/**
 * Answers `request` with the server registered on its port; rejects with Node's ECONNREFUSED when
 * none is, and ENOTFOUND for a host other than the loopback (the page reaches no other network).
 */
export async function answerLocal(request: NetRequest, closed: AbortSignal = new AbortController().signal): Promise<NetResponse> {
  const url = new URL(request.url);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (!isLoopback(hostname)) {
    throw networkError(`getaddrinfo ENOTFOUND ${hostname} (code in the browser page reaches only servers on 127.0.0.1 of the same page: run the lab with \`npm start\` on your machine to reach ${hostname})`, { errno: -3008, code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname });
  }
  const port = portOf(url);
  const server = url.protocol === 'http:' ? servers.get(port) : undefined;
  const address = hostname === 'localhost' ? '127.0.0.1' : hostname;
  if (!server) throw networkError(`connect ECONNREFUSED ${address}:${port}`, { errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address, port });
  return server(request, closed);
}
