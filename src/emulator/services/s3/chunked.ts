/**
 * Request payloads as S3 receives them: plain bodies (checked against a hex `x-amz-content-sha256`)
 * and aws-chunked bodies (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`, `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`
 * and its `-TRAILER` form), decoded so the stored bytes are exactly the bytes the client sent.
 * Chunk signatures are not verified, as no SigV4 signature is.
 */
import { createHash } from 'node:crypto';
import { IncompleteBody, XAmzContentSHA256Mismatch } from './errors.ts';

/** A request body after transfer framing is removed. */
export interface Payload {
  body: Buffer;
  /** Trailing headers of an aws-chunked body (names in lower case), like `x-amz-checksum-crc32`. */
  trailers: Record<string, string>;
  /** Content-Encoding to store: the sent value without `aws-chunked`; `undefined` when nothing is left. */
  contentEncoding: string | undefined;
}

const CRLF = Buffer.from('\r\n');

/** True when the body uses aws-chunked framing. */
export function isAwsChunked(headers: Record<string, string>): boolean {
  const encoding = (headers['content-encoding'] ?? '').toLowerCase();
  return encoding.split(',').some((part) => part.trim() === 'aws-chunked') || (headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
}

function storedEncoding(headers: Record<string, string>): string | undefined {
  const kept = (headers['content-encoding'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part.toLowerCase() !== 'aws-chunked');
  return kept.length > 0 ? kept.join(',') : undefined;
}

/** Removes aws-chunked framing: `<hex size>[;chunk-signature=...]\r\n<bytes>\r\n` ... `0...\r\n<trailers>\r\n`. */
export function decodeAwsChunked(raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const chunks: Buffer[] = [];
  let position = 0;
  for (;;) {
    const lineEnd = raw.indexOf(CRLF, position);
    if (lineEnd < 0) throw new IncompleteBody('The aws-chunked body ended before its final zero-length chunk.');
    const sizeText = raw.toString('latin1', position, lineEnd).split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw new IncompleteBody(`The aws-chunked body has a chunk header that is not a hexadecimal size: "${sizeText.slice(0, 40)}".`);
    const size = Number.parseInt(sizeText, 16);
    position = lineEnd + 2;
    if (size === 0) break;
    if (position + size > raw.length) throw new IncompleteBody('An aws-chunked chunk is shorter than its declared size.');
    chunks.push(raw.subarray(position, position + size));
    position += size;
    if (raw[position] !== 0x0d || raw[position + 1] !== 0x0a) throw new IncompleteBody('An aws-chunked chunk is longer than its declared size.');
    position += 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of raw.toString('latin1', position).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), trailers };
}

/** The body a PutObject or UploadPart stores, with trailers; checks the declared lengths and hashes. */
export function readPayload(headers: Record<string, string>, raw: Buffer): Payload {
  const contentEncoding = storedEncoding(headers);
  if (isAwsChunked(headers)) {
    const { body, trailers } = decodeAwsChunked(raw);
    const declared = headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== body.length) throw new IncompleteBody();
    return { body, trailers, contentEncoding };
  }
  const sha = headers['x-amz-content-sha256'];
  if (sha && /^[0-9a-fA-F]{64}$/.test(sha)) {
    const computed = createHash('sha256').update(raw).digest('hex');
    if (computed !== sha.toLowerCase()) throw new XAmzContentSHA256Mismatch(sha, computed);
  }
  return { body: raw, trailers: {}, contentEncoding };
}
