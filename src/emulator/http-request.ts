/** Between node:http and the emulator's own request and response shapes; loads nothing else, so the port can open early. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

/** The body of a request whose body is not read yet. */
export const NO_BODY = Buffer.alloc(0);

/** The request line and headers as an {@link EmulatorRequest}; `undefined` when the URL cannot be parsed. */
export function toRequest(message: IncomingMessage, body: Buffer): EmulatorRequest | undefined {
  const target = message.url ?? '/';
  let url: URL;
  try {
    // Origin-form is joined as text: `//key` is a path here, not a host.
    url = target.startsWith('/') ? new URL(`http://emulator${target}`) : new URL(target);
  } catch {
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: message.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    ...(message.socket.remoteAddress ? { remoteAddress: message.socket.remoteAddress } : {}),
  };
}

/** A 400 answer that closes the connection, for a request the emulator cannot read. */
export function badRequest(message: string): EmulatorResponse {
  return { status: 400, headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ __type: 'BadRequest', message }) };
}

/** Writes `response` to the client, unless the client has gone or was answered already. */
export function answer(message: IncomingMessage, reply: ServerResponse, response: EmulatorResponse): void {
  // The client may have gone, or a parse error answered on the socket already.
  if (reply.headersSent || reply.writableEnded || !reply.socket || reply.socket.destroyed || reply.socket.writableEnded) return;
  const headers: Record<string, string | string[]> = { ...response.headers };
  if (response.cookies?.length) headers['set-cookie'] = response.cookies;
  reply.writeHead(response.status, headers);
  reply.end(message.method === 'HEAD' ? undefined : response.body);
}
