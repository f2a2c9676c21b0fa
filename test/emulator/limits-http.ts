/** Raw HTTP and socket helpers for the limits tests: requests the SDK would never send, with bounded waits. */
import { request } from 'node:http';
import { connect } from 'node:net';

/** A SigV4-shaped Authorization header for `service`: routing and the missing-authentication check read only its shape. */
export function signedAs(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;
}

/** An answer read by {@link send}. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends one request with node:http. `body` may be a generator of chunks, so a huge body is
 * streamed without being held; the upload stops early when the server answers first.
 */
export function send(port: number, options: { method?: string; path?: string; headers?: Record<string, string | number>; body?: Buffer | string | Iterable<Buffer> }, timeoutMs = 60_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      call.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const call = request({ host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/', headers: options.headers ?? {} }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        clearTimeout(timer);
        resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      answer.on('error', reject);
    });
    // The server may answer and close before the whole body is sent: that answer is the result.
    call.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const body = options.body;
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
      call.end(body);
      return;
    }
    const chunks = body[Symbol.iterator]();
    const pump = (): void => {
      for (;;) {
        if (call.destroyed) return;
        const next = chunks.next();
        if (next.done) return void call.end();
        if (!call.write(next.value)) return void call.once('drain', pump);
      }
    };
    call.on('response', () => chunks.return?.());
    pump();
  });
}

/** Writes `bytes` on a fresh socket and resolves with everything the server sent before closing (or the wait ran out). */
export function rawExchange(port: number, bytes: Buffer | string, waitMs = 5_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', done);
    socket.on('error', done);
    socket.on('connect', () => socket.write(bytes));
  });
}
