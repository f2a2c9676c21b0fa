/**
 * Reads a request body under a {@link BodyLimit}: a declared Content-Length over the limit is
 * refused before a byte is read, and a body that grows past it (chunked) is refused the moment
 * it does. What follows a refusal is read and thrown away, so the client, still sending, can
 * read the answer; memory never holds more than the limit.
 */
import type { IncomingMessage } from 'node:http';
import type { BodyLimit } from './request-limits.ts';

/** How much of a refused body is read and dropped before the connection is closed instead. */
export const DRAIN_BYTES = 64 * 1024 * 1024;

/** The outcome of {@link readLimitedBody}: the body, or the size known when it was refused. */
export type BodyOutcome = { body: Buffer } | { refused: true; size: number | undefined };

function declaredLength(message: IncomingMessage): number | undefined {
  const header = message.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

/** True when the request's headers alone show its body is over the limit. */
export function declaredTooLarge(message: IncomingMessage, limit: BodyLimit): boolean {
  const declared = declaredLength(message);
  return !limit.truncate && declared !== undefined && declared > limit.bytes;
}

/** Reads and drops the rest of a refused body; past {@link DRAIN_BYTES} the connection is closed. */
export function drain(message: IncomingMessage): void {
  let dropped = 0;
  message.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_BYTES) message.socket.destroy();
  });
  message.on('error', () => {});
  message.resume();
}

/** Reads a body, keeping at most `limit.bytes` (or `bytes + 1` when the limit truncates). */
export function readLimitedBody(message: IncomingMessage, limit: BodyLimit): Promise<BodyOutcome> {
  if (declaredTooLarge(message, limit)) {
    drain(message);
    return Promise.resolve({ refused: true, size: declaredLength(message) });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let seen = 0;
    let refused = false;
    message.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (refused) {
        if (seen - limit.bytes > DRAIN_BYTES) message.socket.destroy();
        return;
      }
      if (seen <= limit.bytes) {
        chunks.push(chunk);
        kept = seen;
        return;
      }
      if (limit.truncate) {
        // One byte past the limit is all the receiver needs to know the body was too large.
        if (kept <= limit.bytes) chunks.push(chunk.subarray(0, limit.bytes + 1 - kept));
        kept = limit.bytes + 1;
        return;
      }
      refused = true;
      chunks.length = 0;
      resolve({ refused: true, size: declaredLength(message) });
    });
    message.on('end', () => {
      if (!refused) resolve({ body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
    });
    message.on('error', (error) => {
      if (!refused) reject(error);
    });
  });
}
