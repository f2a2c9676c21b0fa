/**
 * Multipart uploads, first half: CreateMultipartUpload (with its checksum algorithm and type),
 * UploadPart, UploadPartCopy and AbortMultipartUpload. CompleteMultipartUpload lives in
 * multipart-complete.ts, the listings in multipart-list.ts.
 */
import { bodySlice } from './persistence.ts';
import { removeUpload, storePart, storeUpload } from './stored.ts';
import { randomBytes } from 'node:crypto';
import { rawResult } from '../../protocols/codec.ts';
import { checksumHeaderName, checksumMember, checksumOf, parseAlgorithm, verifyContentMd5, verifyRequestChecksum, type ChecksumType } from './checksums.ts';
import { readPayload } from './chunked.ts';
import { findBucket, keyOf, type S3Call } from './context.ts';
import { copySource } from './copy.ts';
import { etagOf } from './etags.ts';
import { InvalidArgument, InvalidRequest, NoSuchUpload } from './errors.ts';
import type { Bucket, MultipartUpload, StoredChecksum } from './model.ts';
import { attributesFromRequest, checkKey } from './object-headers.ts';

/** The upload named by `?uploadId=` for the addressed key. */
export function findUpload(call: S3Call, bucket: Bucket): MultipartUpload {
  const uploadId = call.query.get('uploadId') ?? '';
  const upload = bucket.uploads.get(uploadId);
  if (!upload || upload.key !== keyOf(call)) throw new NoSuchUpload(uploadId);
  return upload;
}

function checksumType(value: string | undefined): ChecksumType | undefined {
  if (value === undefined) return undefined;
  const upper = value.trim().toUpperCase();
  if (upper !== 'FULL_OBJECT' && upper !== 'COMPOSITE') throw new InvalidRequest('Value for x-amz-checksum-type header is invalid.');
  return upper;
}

/** CreateMultipartUpload. */
export function CreateMultipartUpload(call: S3Call) {
  const bucket = findBucket(call);
  const key = keyOf(call);
  checkKey(key);
  const algorithm = parseAlgorithm(call.headers['x-amz-checksum-algorithm'], 'x-amz-checksum-algorithm');
  const requestedType = checksumType(call.headers['x-amz-checksum-type']);
  if (requestedType && !algorithm) throw new InvalidRequest('The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
  if (requestedType === 'FULL_OBJECT' && (algorithm === 'SHA1' || algorithm === 'SHA256')) {
    throw new InvalidRequest(`The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  }
  if (requestedType === 'COMPOSITE' && algorithm === 'CRC64NVME') throw new InvalidRequest('The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.');
  const type = algorithm ? (requestedType ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE')) : undefined;
  const uploadId = randomBytes(36).toString('base64url');
  storeUpload(bucket, {
    uploadId,
    key,
    initiated: new Date(),
    parts: new Map(),
    ...(algorithm ? { checksumAlgorithm: algorithm, checksumType: type } : {}),
    ...attributesFromRequest(call.headers, call.headers['content-encoding']),
  });
  const headers: Record<string, string> = { 'x-amz-server-side-encryption': 'AES256' };
  if (algorithm && type) Object.assign(headers, { 'x-amz-checksum-algorithm': algorithm, 'x-amz-checksum-type': type });
  return rawResult({ headers, body: { Bucket: bucket.name, Key: key, UploadId: uploadId } });
}

function partNumberOf(call: S3Call): number {
  const text = call.query.get('partNumber') ?? '';
  const number = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(number >= 1 && number <= 10_000)) throw new InvalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', text);
  return number;
}

// An upload created with an algorithm takes only parts checksummed with it, as S3 does.
function partChecksum(upload: MultipartUpload, sent: StoredChecksum | undefined): StoredChecksum | undefined {
  const expected = upload.checksumAlgorithm;
  if (!expected) return sent ? { algorithm: sent.algorithm, value: sent.value } : undefined;
  if (sent?.algorithm !== expected) {
    throw new InvalidRequest(`Checksum Type mismatch occurred, expected checksum Type: ${expected.toLowerCase()}, actual checksum Type: ${sent ? sent.algorithm.toLowerCase() : 'null'}`);
  }
  return { algorithm: expected, value: sent.value };
}

/** UploadPart. */
export function UploadPart(call: S3Call) {
  const bucket = findBucket(call);
  const upload = findUpload(call, bucket);
  const partNumber = partNumberOf(call);
  const payload = readPayload(call.headers, call.body);
  verifyContentMd5(call.headers, payload.body);
  const checksum = partChecksum(upload, verifyRequestChecksum(call.headers, payload.trailers, payload.body));
  const etag = etagOf(payload.body);
  storePart(bucket, upload, { partNumber, body: payload.body, etag, lastModified: new Date(), ...(checksum ? { checksum } : {}) });
  const headers: Record<string, string> = { etag, 'x-amz-server-side-encryption': 'AES256' };
  if (checksum) headers[checksumHeaderName(checksum.algorithm)] = checksum.value;
  return rawResult({ headers });
}

function copyRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const found = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  const start = Number(found?.[1]);
  const end = Number(found?.[2]);
  if (!found || end < start || end >= size) {
    throw new InvalidArgument(`Range specified is not valid for source object of size: ${size}`, 'x-amz-copy-source-range', header);
  }
  return { start, end };
}

/** UploadPartCopy: a part taken from an existing object, whole or `x-amz-copy-source-range`. */
export function UploadPartCopy(call: S3Call) {
  const bucket = findBucket(call);
  const upload = findUpload(call, bucket);
  const partNumber = partNumberOf(call);
  const { object } = copySource(call);
  const range = copyRange(call.headers['x-amz-copy-source-range'], object.size);
  const body = range ? bodySlice(object, range.start, range.end + 1) : object.body;
  const algorithm = upload.checksumAlgorithm;
  const checksum = algorithm ? { algorithm, value: checksumOf(algorithm, body) } : undefined;
  const etag = etagOf(body);
  const lastModified = new Date();
  storePart(bucket, upload, { partNumber, body, etag, lastModified, ...(checksum ? { checksum } : {}) });
  return rawResult({ body: { ETag: etag, LastModified: lastModified, ...(checksum ? { [checksumMember(checksum.algorithm)]: checksum.value } : {}) } });
}

/** AbortMultipartUpload: 204; NoSuchUpload for an unknown id. */
export function AbortMultipartUpload(call: S3Call) {
  const bucket = findBucket(call);
  const upload = findUpload(call, bucket);
  removeUpload(bucket, upload.uploadId);
  return rawResult({ status: 204 });
}
