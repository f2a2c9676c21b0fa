/**
 * CopyObject (and the copy source of UploadPartCopy): `x-amz-copy-source`, the COPY / REPLACE
 * metadata and tagging directives, `x-amz-copy-source-if-*` conditions, and S3's refusal to copy
 * an object onto itself without changing anything.
 */
import { storeObject } from './stored.ts';
import { rawResult } from '../../protocols/codec.ts';
import { checksumMembers, checksumOf, parseAlgorithm } from './checksums.ts';
import { copySourceBucket } from './authorize.ts';
import { findBucket, keyOf, type S3Call } from './context.ts';
import { etagListMatches, etagOf } from './etags.ts';
import { InvalidArgument, InvalidRequest, NoSuchKey, PreconditionFailed } from './errors.ts';
import type { S3Object } from './model.ts';
import { notifyObjectChange } from './notifications.ts';
import { checkWriteConditions } from './objects.ts';
import { attributesFromRequest, checkKey, storageClassOf } from './object-headers.ts';
import { tagsFromHeader } from './tagging.ts';

/** The object named by `x-amz-copy-source` (`/bucket/key` or `bucket/key`, URL-encoded, optional `?versionId=`). */
export function copySource(call: S3Call): { bucket: string; key: string; object: S3Object } {
  const header = call.headers['x-amz-copy-source'] ?? '';
  let [path, version] = header.split('?versionId=');
  try {
    path = decodeURIComponent(path ?? '');
  } catch {
    throw new InvalidArgument('Invalid copy source encoding', 'x-amz-copy-source', header);
  }
  if (path.startsWith('/')) path = path.slice(1);
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw new InvalidArgument('Invalid copy source object key', 'x-amz-copy-source', header);
  if (version !== undefined && version !== 'null') throw new InvalidArgument('Invalid version id specified', 'x-amz-copy-source', header);
  const bucket = path.slice(0, slash);
  const key = path.slice(slash + 1);
  const expected = call.headers['x-amz-source-expected-bucket-owner'];
  // The source is checked on its own: its bucket may be another account's, with a policy of its own.
  const admitted = copySourceBucket({ ...call, state: call.bucketOwner === undefined ? call.state : (call.registry.stateOf(call.emulator, call.account) ?? { buckets: new Map() }) }, bucket, key);
  const owner = admitted ? call.registry.ownerOf(call.emulator, bucket) : undefined;
  const state = admitted ? { buckets: new Map([[bucket, admitted]]) } : { buckets: new Map() };
  const source = findBucket({ ...call, state, bucketOwner: owner, bucketName: bucket, headers: expected === undefined ? {} : { 'x-amz-expected-bucket-owner': expected } });
  const object = source.objects.get(key);
  if (!object) throw new NoSuchKey(key);
  checkCopyConditions(call.headers, object);
  return { bucket, key, object };
}

/** `x-amz-copy-source-if-*`: every failed condition is 412 for copies. */
function checkCopyConditions(headers: Record<string, string>, object: S3Object): void {
  const modified = Math.floor(object.lastModified.getTime() / 1000);
  const date = (name: string) => {
    const value = headers[name];
    const parsed = value === undefined ? Number.NaN : Date.parse(value);
    return Number.isNaN(parsed) ? undefined : Math.floor(parsed / 1000);
  };
  const ifMatch = headers['x-amz-copy-source-if-match'];
  const ifNoneMatch = headers['x-amz-copy-source-if-none-match'];
  const unmodifiedSince = date('x-amz-copy-source-if-unmodified-since');
  const modifiedSince = date('x-amz-copy-source-if-modified-since');
  if (ifMatch !== undefined && !etagListMatches(ifMatch, object.etag)) throw new PreconditionFailed('x-amz-copy-source-If-Match');
  if (ifMatch === undefined && unmodifiedSince !== undefined && modified > unmodifiedSince) throw new PreconditionFailed('x-amz-copy-source-If-Unmodified-Since');
  if (ifNoneMatch !== undefined && etagListMatches(ifNoneMatch, object.etag)) throw new PreconditionFailed('x-amz-copy-source-If-None-Match');
  if (ifNoneMatch === undefined && modifiedSince !== undefined && modified <= modifiedSince) throw new PreconditionFailed('x-amz-copy-source-If-Modified-Since');
}

function directive(headers: Record<string, string>, name: string): 'COPY' | 'REPLACE' {
  const value = (headers[name] ?? 'COPY').toUpperCase();
  if (value !== 'COPY' && value !== 'REPLACE') throw new InvalidArgument(`Unknown ${name === 'x-amz-metadata-directive' ? 'metadata' : 'tagging'} directive.`, name, headers[name]);
  return value;
}

/** CopyObject. */
export function CopyObject(call: S3Call) {
  const bucket = findBucket(call);
  const key = keyOf(call);
  checkKey(key);
  const source = copySource(call);
  const metadataDirective = directive(call.headers, 'x-amz-metadata-directive');
  const taggingDirective = directive(call.headers, 'x-amz-tagging-directive');
  const algorithm = parseAlgorithm(call.headers['x-amz-checksum-algorithm'], 'x-amz-checksum-algorithm');
  const sameObject = source.bucket === bucket.name && source.key === key;
  const changesSomething =
    metadataDirective === 'REPLACE' || call.headers['x-amz-storage-class'] !== undefined || call.headers['x-amz-server-side-encryption'] !== undefined ||
    call.headers['x-amz-website-redirect-location'] !== undefined || algorithm !== undefined;
  if (sameObject && !changesSomething) {
    throw new InvalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  checkWriteConditions(call, bucket, key);
  const from = source.object;
  const attributes =
    metadataDirective === 'REPLACE'
      ? attributesFromRequest(call.headers, call.headers['content-encoding'])
      : { contentType: from.contentType, headers: { ...from.headers }, metadata: { ...from.metadata }, tags: from.tags, storageClass: storageClassOf(call.headers) };
  attributes.tags = taggingDirective === 'REPLACE' ? tagsFromHeader(call.headers['x-amz-tagging']) : from.tags.map((tag) => ({ ...tag }));
  // A copy is a single-part object: its ETag is the MD5 of the bytes, and its checksum covers them all.
  const checksumAlgorithm = algorithm ?? from.checksum?.algorithm ?? 'CRC64NVME';
  // Read once: a saved object's bytes come from its file on each read.
  const body = from.body;
  const checksum = { algorithm: checksumAlgorithm, value: checksumOf(checksumAlgorithm, body), type: 'FULL_OBJECT' as const };
  const etag = etagOf(body);
  const lastModified = new Date();
  storeObject(bucket, { key, body, etag, lastModified, checksum, ...attributes });
  notifyObjectChange(call, bucket, { kind: 'created', key, size: body.length, etag, reason: 'CopyObject' });
  return rawResult({
    headers: { 'x-amz-server-side-encryption': 'AES256' },
    body: { ETag: etag, LastModified: lastModified, ...checksumMembers(checksum) },
  });
}
