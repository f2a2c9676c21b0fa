/**
 * Chooses the S3 operation of a request from its method, whether it names a bucket and a key,
 * and its sub-resource query parameters (`?uploads`, `?uploadId=`, `?delete`, `?list-type=2`,
 * `?location`, `?notification`, `?tagging`, `?policy`, `?policyStatus`, `?lifecycle`, `?website`
 * on a bucket or an object). Sub-resources the emulator does not offer answer NotImplemented
 * (once the bucket is found: a missing one is NoSuchBucket first) rather than falling through to
 * a different operation.
 */
import type { DecodedRequest } from '../../protocols/codec.ts';
import type { EmulatorRequest } from '../../types.ts';
import { addressOf } from './addressing.ts';
import type { S3Input } from './context.ts';
import { MethodNotAllowed, NotImplemented } from './errors.ts';
import { checkPresigned } from './presign.ts';

// Sub-resources of buckets and objects that S3 has and the emulator does not.
const UNSUPPORTED = [
  'accelerate', 'acl', 'analytics', 'attributes', 'cors', 'encryption', 'intelligent-tiering', 'inventory', 'legal-hold',
  'logging', 'metadataTable', 'metrics', 'object-lock', 'ownershipControls', 'publicAccessBlock', 'replication',
  'requestPayment', 'restore', 'retention', 'select', 'session', 'torrent', 'versioning', 'versions', 'renameObject',
];

/** The operation that answers a sub-resource the emulator does not offer, once the bucket is found. */
export const UNSUPPORTED_OPERATION = 'UnsupportedSubresource';

/** The first sub-resource of a query the emulator does not offer, or undefined. */
export function unsupported(query: URLSearchParams): string | undefined {
  return UNSUPPORTED.find((name) => query.has(name));
}

function bucketOperation(method: string, query: URLSearchParams): string {
  const has = (name: string) => query.has(name);
  switch (method) {
    case 'PUT':
      if (has('notification')) return 'PutBucketNotificationConfiguration';
      if (has('tagging')) return 'PutBucketTagging';
      if (has('policy')) return 'PutBucketPolicy';
      if (has('lifecycle')) return 'PutBucketLifecycleConfiguration';
      if (has('website')) return 'PutBucketWebsite';
      return 'CreateBucket';
    case 'GET':
      if (has('location')) return 'GetBucketLocation';
      if (has('notification')) return 'GetBucketNotificationConfiguration';
      if (has('uploads')) return 'ListMultipartUploads';
      if (has('tagging')) return 'GetBucketTagging';
      if (has('policy')) return 'GetBucketPolicy';
      if (has('policyStatus')) return 'GetBucketPolicyStatus';
      if (has('lifecycle')) return 'GetBucketLifecycleConfiguration';
      if (has('website')) return 'GetBucketWebsite';
      return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    case 'HEAD':
      return 'HeadBucket';
    case 'DELETE':
      if (has('tagging')) return 'DeleteBucketTagging';
      if (has('policy')) return 'DeleteBucketPolicy';
      if (has('lifecycle')) return 'DeleteBucketLifecycle';
      if (has('website')) return 'DeleteBucketWebsite';
      return 'DeleteBucket';
    case 'POST':
      if (has('delete')) return 'DeleteObjects';
      throw new NotImplemented('Browser form uploads (POST Object)');
    default:
      throw new MethodNotAllowed(method, 'BUCKET');
  }
}

function objectOperation(method: string, query: URLSearchParams, headers: Record<string, string>): string {
  const has = (name: string) => query.has(name);
  switch (method) {
    case 'PUT':
      if (has('tagging')) return 'PutObjectTagging';
      if (has('uploadId') || has('partNumber')) return headers['x-amz-copy-source'] !== undefined ? 'UploadPartCopy' : 'UploadPart';
      return headers['x-amz-copy-source'] !== undefined ? 'CopyObject' : 'PutObject';
    case 'GET':
      if (has('tagging')) return 'GetObjectTagging';
      if (has('uploadId')) return 'ListParts';
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      if (has('tagging')) return 'DeleteObjectTagging';
      if (has('uploadId')) return 'AbortMultipartUpload';
      return 'DeleteObject';
    case 'POST':
      if (has('uploads')) return 'CreateMultipartUpload';
      if (has('uploadId')) return 'CompleteMultipartUpload';
      throw new MethodNotAllowed(method, 'OBJECT');
    default:
      throw new MethodNotAllowed(method, 'OBJECT');
  }
}

/** Decodes an S3 request into its operation and an {@link S3Input}. */
export function resolveS3Request(request: EmulatorRequest): DecodedRequest {
  checkPresigned(request);
  const { bucket, key } = addressOf(request);
  const { method, query, headers, body } = request;
  const input: S3Input = { headers, query, body };
  if (bucket === undefined) {
    if (method !== 'GET') throw new MethodNotAllowed(method, 'SERVICE');
    return { operation: 'ListBuckets', input: input as Record<string, unknown> };
  }
  input.Bucket = bucket;
  const missing = unsupported(query);
  if (missing) return { operation: UNSUPPORTED_OPERATION, input: { ...input, Key: key } as Record<string, unknown> };
  if (key === undefined) return { operation: bucketOperation(method, query), input: input as Record<string, unknown> };
  input.Key = key;
  return { operation: objectOperation(method, query, headers), input: input as Record<string, unknown> };
}
