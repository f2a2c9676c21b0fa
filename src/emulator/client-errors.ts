/**
 * Answers requests Node's HTTP parser refuses (headers too large, a URL too long, Content-Length
 * with Transfer-Encoding, a bad chunk size, NUL in a header, bytes a URL may not hold) with the
 * status Node and AWS's front ends give, instead of dropping the connection in silence.
 */
import type { Duplex } from 'node:stream';
import { http } from './node-http.ts';

/** How long a refused connection stays open to read what the client still sends, so it can read the answer. */
export const LINGER_MS = 2_000;

/** Node's parser error codes with a status other than 400. */
const STATUS_BY_CODE: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

const REQUEST_LINE = /^[A-Z]+ /;

/** What the client is told for each status, and what to do about it. */
const ADVICE: Record<number, string> = {
  400: 'The request is not valid HTTP/1.1; check how the client builds it.',
  408: 'The request took too long to arrive; send it again.',
  413: 'The chunk extensions are too large; send the body without them.',
  414: 'The URL is too long; send the data in the request body instead.',
  431: 'The request headers are too large; send fewer or shorter headers.',
};

/** The status for a parser error; `rawPacket` tells a long URL (414) from long headers (431). */
export function statusForParseError(error: Error & { code?: string; rawPacket?: Buffer }, maxHeaderSize: number): number {
  const status = STATUS_BY_CODE[error.code ?? ''] ?? 400;
  if (status !== 431 || !error.rawPacket) return status;
  const packet = error.rawPacket;
  const lineEnd = packet.indexOf('\r\n');
  // Node counts the request line against maxHeaderSize too: an unfinished request line is a long URL.
  const longUrl = REQUEST_LINE.test(packet.subarray(0, 16).toString('latin1')) && (lineEnd === -1 || lineEnd > maxHeaderSize / 2);
  return longUrl ? 414 : 431;
}

/** A `clientError` listener for an http.Server: answers once, then closes after the client has had time to read. */
export function clientErrorHandler(maxHeaderSize: number): (error: Error & { code?: string }, socket: Duplex) => void {
  const answered = new WeakSet<Duplex>();
  return (error, socket) => {
    if (answered.has(socket)) return;
    answered.add(socket);
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    // A reset by the client, or an answer already under way: nothing sensible can be written.
    if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const status = statusForParseError(error, maxHeaderSize);
    const body = JSON.stringify({ __type: http.STATUS_CODES[status]?.replace(/\W/g, '') ?? 'BadRequest', message: ADVICE[status] ?? ADVICE[400] });
    socket.on('error', () => {});
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Bad Request'}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    socket.resume();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}
