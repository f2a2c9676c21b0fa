/**
 * Writing and deleting objects: PutObject (aws-chunked bodies, Content-MD5 and additional
 * checksums, conditional writes), DeleteObject and DeleteObjects. Every change is announced to
 * EventBridge when the bucket asks for it.
 */
import { removeObject, storeObject } from './stored.ts';
import { rawResult } from '../../protocols/codec.ts';
import { parseXmlBody, xmlList } from '../../protocols/rest-xml.ts';
import { CHECKSUM_ALGORITHMS, checksumHeaderName, checksumHeaders, checksumOf, verifyContentMd5, verifyRequestChecksum } from './checksums.ts';
import { readPayload } from './chunked.ts';
import { findBucket, keyOf, type S3Call } from './context.ts';
import { etagListMatches, etagOf } from './etags.ts';
import { InvalidRequest, MalformedXML, NoSuchKey, PreconditionFailed } from './errors.ts';
import type { Bucket, StoredChecksum } from './model.ts';
import { notifyObjectChange } from './notifications.ts';
import { attributesFromRequest, checkKey } from './object-headers.ts';

/** The checksum S3 keeps when a writer sends none: CRC64NVME over the whole object. */
export function defaultChecksum(body: Buffer): StoredChecksum {
  return { algorithm: 'CRC64NVME', value: checksumOf('CRC64NVME', body), type: 'FULL_OBJECT' };
}

/** Conditional writes: `If-None-Match: *` fails on an existing key, `If-Match` on a different ETag. */
export function checkWriteConditions(call: S3Call, bucket: Bucket, key: string): void {
  const existing = bucket.objects.get(key);
  const ifNoneMatch = call.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') throw new InvalidRequest('If-None-Match only accepts * on writes.');
    if (existing) throw new PreconditionFailed('If-None-Match');
  }
  const ifMatch = call.headers['if-match'];
  if (ifMatch !== undefined) {
    if (!existing) throw new NoSuchKey(key);
    if (!etagListMatches(ifMatch, existing.etag)) throw new PreconditionFailed('If-Match');
  }
}

/** PutObject. */
export function PutObject(call: S3Call) {
  const bucket = findBucket(call);
  const key = keyOf(call);
  checkKey(key);
  const payload = readPayload(call.headers, call.body);
  verifyContentMd5(call.headers, payload.body);
  const checksum = verifyRequestChecksum(call.headers, payload.trailers, payload.body) ?? defaultChecksum(payload.body);
  const attributes = attributesFromRequest(call.headers, payload.contentEncoding);
  checkWriteConditions(call, bucket, key);
  const etag = etagOf(payload.body);
  storeObject(bucket, { key, body: payload.body, etag, lastModified: new Date(), checksum, ...attributes });
  notifyObjectChange(call, bucket, { kind: 'created', key, size: payload.body.length, etag, reason: 'PutObject' });
  return rawResult({ headers: { etag, 'x-amz-server-side-encryption': 'AES256', ...checksumHeaders(checksum) } });
}

/** DeleteObject: 204 whether or not the key existed. */
export function DeleteObject(call: S3Call) {
  const bucket = findBucket(call);
  const key = keyOf(call);
  const ifMatch = call.headers['if-match'];
  const existing = bucket.objects.get(key);
  if (ifMatch !== undefined && existing && !etagListMatches(ifMatch, existing.etag)) throw new PreconditionFailed('If-Match');
  if (removeObject(bucket, key)) notifyObjectChange(call, bucket, { kind: 'deleted', key, reason: 'DeleteObject' });
  return rawResult({ status: 204 });
}

/** DeleteObjects: up to 1000 keys; Quiet answers only with the failures. */
export function DeleteObjects(call: S3Call) {
  const bucket = findBucket(call);
  const hasChecksum = CHECKSUM_ALGORITHMS.some((algorithm) => call.headers[checksumHeaderName(algorithm)] !== undefined);
  if (call.headers['content-md5'] === undefined && !hasChecksum) throw new InvalidRequest('Missing required header for this request: Content-MD5');
  verifyContentMd5(call.headers, call.body);
  verifyRequestChecksum(call.headers, {}, call.body);
  const root = parseXmlBody(call.body).Delete;
  if (typeof root !== 'object' || root === null) throw new MalformedXML();
  const element = root as Record<string, unknown>;
  const objects = xmlList(element.Object);
  if (objects.length === 0 || objects.length > 1000) throw new MalformedXML();
  const quiet = typeof element.Quiet === 'string' && element.Quiet.trim().toLowerCase() === 'true';
  const deleted: Array<{ Key: string }> = [];
  const errors: Array<{ Key: string; Code: string; Message: string }> = [];
  for (const item of objects) {
    const key = (item as Record<string, unknown> | undefined)?.Key;
    if (typeof key !== 'string') throw new MalformedXML();
    const versionId = (item as Record<string, unknown>).VersionId;
    if (typeof versionId === 'string' && versionId !== 'null') {
      errors.push({ Key: key, Code: 'NoSuchVersion', Message: 'The specified version does not exist.' });
      continue;
    }
    if (removeObject(bucket, key)) notifyObjectChange(call, bucket, { kind: 'deleted', key, reason: 'DeleteObject' });
    deleted.push({ Key: key });
  }
  return rawResult({ body: { ...(quiet ? {} : { Deleted: deleted }), Error: errors } });
}
