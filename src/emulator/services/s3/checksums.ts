/**
 * S3's additional checksums: CRC32, CRC32C, CRC64NVME, SHA1 and SHA256, read from `x-amz-checksum-*`
 * headers or aws-chunked trailers, verified against the bytes received, stored with the object and
 * returned when a reader asks with `x-amz-checksum-mode: ENABLED`. Content-MD5 is checked here too.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { crc32c, crc64nvme } from './crc.ts';
import { BadDigest, InvalidDigest, InvalidRequest } from './errors.ts';
import type { StoredChecksum } from './model.ts';

/** The checksum algorithms the emulator computes. */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;

/** One of {@link CHECKSUM_ALGORITHMS}. */
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** Whether an object's checksum covers its bytes (FULL_OBJECT) or its parts' checksums (COMPOSITE). */
export type ChecksumType = 'FULL_OBJECT' | 'COMPOSITE';

const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 };

/** The raw digest of `data`. */
export function digest(algorithm: ChecksumAlgorithm, data: Uint8Array): Buffer {
  switch (algorithm) {
    case 'CRC32': {
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32BE(crc32(data));
      return bytes;
    }
    case 'CRC32C':
      return crc32c(data);
    case 'CRC64NVME':
      return crc64nvme(data);
    case 'SHA1':
      return createHash('sha1').update(data).digest();
    case 'SHA256':
      return createHash('sha256').update(data).digest();
  }
}

/** The base64 checksum of `data`, as S3 writes it in headers. */
export function checksumOf(algorithm: ChecksumAlgorithm, data: Uint8Array): string {
  return digest(algorithm, data).toString('base64');
}

/** The header (or trailer) that carries a checksum, like `x-amz-checksum-crc32`. */
export function checksumHeaderName(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** The XML member that carries a checksum, like `ChecksumCRC32`. */
export function checksumMember(algorithm: ChecksumAlgorithm): string {
  return `Checksum${algorithm}`;
}

/** Reads an algorithm name from a header value; `undefined` when absent, InvalidRequest when unknown. */
export function parseAlgorithm(value: string | undefined, header: string): ChecksumAlgorithm | undefined {
  if (value === undefined || value === '') return undefined;
  const upper = value.trim().toUpperCase();
  if ((CHECKSUM_ALGORITHMS as readonly string[]).includes(upper)) return upper as ChecksumAlgorithm;
  throw new InvalidRequest(`Value for ${header} header is invalid.`);
}

function validValue(algorithm: ChecksumAlgorithm, value: string): boolean {
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === DIGEST_BYTES[algorithm] && bytes.toString('base64') === value;
}

/** Checks a checksum value's shape (base64 of the right length) before it is compared. */
export function checkValueShape(algorithm: ChecksumAlgorithm, value: string, where = 'header'): void {
  if (!validValue(algorithm, value)) throw new InvalidRequest(`Value for ${checksumHeaderName(algorithm)} ${where} is invalid.`);
}

/**
 * The checksum a request carries for its body (header or trailer), verified against `body`.
 * Returns `undefined` when the request sends none; throws BadDigest when it does not match.
 */
export function verifyRequestChecksum(headers: Record<string, string>, trailers: Record<string, string>, body: Buffer): StoredChecksum | undefined {
  const sent: Array<{ algorithm: ChecksumAlgorithm; value: string; where: string }> = [];
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const name = checksumHeaderName(algorithm);
    const fromHeader = headers[name];
    const fromTrailer = trailers[name];
    if (fromHeader !== undefined) sent.push({ algorithm, value: fromHeader.trim(), where: 'header' });
    else if (fromTrailer !== undefined) sent.push({ algorithm, value: fromTrailer.trim(), where: 'trailing header' });
  }
  const declared = parseAlgorithm(headers['x-amz-sdk-checksum-algorithm'], 'x-amz-sdk-checksum-algorithm');
  if (sent.length > 1) throw new InvalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  const [one] = sent;
  if (!one) {
    if (declared) throw new InvalidRequest('x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.');
    return undefined;
  }
  if (declared && declared !== one.algorithm) throw new InvalidRequest('Value for x-amz-sdk-checksum-algorithm header is invalid.');
  checkValueShape(one.algorithm, one.value, one.where);
  if (checksumOf(one.algorithm, body) !== one.value) throw new BadDigest(`The ${one.algorithm} you specified did not match the calculated checksum.`);
  return { algorithm: one.algorithm, value: one.value, type: 'FULL_OBJECT' };
}

/** Checks `Content-MD5` when sent: InvalidDigest for a malformed value, BadDigest for a mismatch. */
export function verifyContentMd5(headers: Record<string, string>, body: Buffer): void {
  const sent = headers['content-md5'];
  if (sent === undefined) return;
  const bytes = Buffer.from(sent.trim(), 'base64');
  if (bytes.length !== 16) throw new InvalidDigest();
  if (!createHash('md5').update(body).digest().equals(bytes)) throw new BadDigest('The Content-MD5 you specified did not match what we received.');
}

/** S3's composite checksum of a multipart object: the checksum of the parts' raw checksums, then `-<parts>`. */
export function compositeChecksum(algorithm: ChecksumAlgorithm, partValues: string[]): string {
  const joined = Buffer.concat(partValues.map((value) => Buffer.from(value, 'base64')));
  return `${checksumOf(algorithm, joined)}-${partValues.length}`;
}

/** Response headers that report a stored checksum. */
export function checksumHeaders(checksum: StoredChecksum | undefined): Record<string, string> {
  if (!checksum) return {};
  return { [checksumHeaderName(checksum.algorithm)]: checksum.value, ...(checksum.type ? { 'x-amz-checksum-type': checksum.type } : {}) };
}

/** XML members that report a stored checksum, in the order S3 writes them. */
export function checksumMembers(checksum: StoredChecksum | undefined): Record<string, string> {
  if (!checksum) return {};
  return { [checksumMember(checksum.algorithm)]: checksum.value, ...(checksum.type ? { ChecksumType: checksum.type } : {}) };
}
