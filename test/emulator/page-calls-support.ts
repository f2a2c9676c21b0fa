/**
 * Requests as a web page sends them to the emulator: an Origin header, a preflight before any call
 * with an Authorization header, and the resource explorer's own SigV4 signer (site/…/sigv4.ts).
 * Raw HTTP, because fetch does not let a test set Origin.
 */
import { request as httpRequest } from 'node:http';
import { signRequest } from '../../site/src/components/live/sigv4.ts';

/** An HTTP answer with its headers. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly these headers. */
export function rawRequest(base: string, method: string, path: string, headers: Record<string, string>, body = ''): Promise<RawAnswer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The preflight a browser sends before a call with these headers. */
export function preflight(base: string, path: string, origin: string, headers: string[]): Promise<RawAnswer> {
  return rawRequest(base, 'OPTIONS', path, { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers.join(',') });
}

/** A POST signed by the explorer's signer as `account` with `secret`, sent from `origin` (none: as the SDK sends it). */
export async function signedPost(base: string, path: string, options: { origin?: string; account?: string; secret?: string; service: string; headers: Record<string, string>; body: string }): Promise<RawAnswer> {
  const url = new URL(path, base).toString();
  const signed = await signRequest({ method: 'POST', url, headers: options.headers, body: options.body }, { accessKeyId: options.account ?? '000000000000', secretAccessKey: options.secret ?? 'test' }, 'us-east-1', options.service);
  return rawRequest(base, 'POST', path, { ...signed, ...(options.origin ? { origin: options.origin } : {}) }, options.body);
}

/** The headers of a JSON-protocol call to `target` (`AmazonSQS.SendMessage`). */
export function jsonHeaders(target: string, version: '1.0' | '1.1'): Record<string, string> {
  return { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target };
}
