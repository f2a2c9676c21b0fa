/**
 * Where a request's bucket and key come from. Virtual-host style names the bucket in the Host
 * header (`bucket.localhost:4566`, `bucket.s3.localhost.localstack.cloud:4566`,
 * `bucket.s3.amazonaws.com`) and the key is the whole path; path style (`/bucket/key`) is used
 * for every other host, like `127.0.0.1:4566` or `s3.localhost.localstack.cloud:4566`.
 */
import { safeDecode } from '../../protocols/rest-routes.ts';
import type { EmulatorRequest } from '../../types.ts';

/** A request's bucket and key; absent parts mean a service or bucket request. */
export interface S3Address {
  bucket: string | undefined;
  key: string | undefined;
  style: 'path' | 'virtual-host';
}

// Hosts whose leading labels name a bucket, most specific first.
const BUCKET_HOST_SUFFIXES: RegExp[] = [
  /^(.+)\.s3\.localhost\.localstack\.cloud$/,
  /^(.+)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/,
  /^(.+)\.localhost$/,
];

function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon >= 0 ? lower.slice(0, colon) : lower;
}

/** The bucket a Host header names in virtual-host style, or `undefined` for a path-style host. */
export function bucketFromHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = hostName(host);
  if (name.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return undefined;
  for (const pattern of BUCKET_HOST_SUFFIXES) {
    const found = pattern.exec(name);
    if (!found) continue;
    const bucket = found[1]!;
    // `s3.localhost` and `s3.<region>.localhost` are endpoints, not buckets.
    if (bucket === 's3' || bucket.startsWith('s3.')) return undefined;
    return bucket;
  }
  return undefined;
}

/** Reads the bucket and key of a request from its Host header and path. */
export function addressOf(request: EmulatorRequest): S3Address {
  const hostBucket = bucketFromHost(request.headers.host);
  if (hostBucket !== undefined) {
    const key = request.path.length > 1 ? safeDecode(request.path.slice(1)) : undefined;
    return { bucket: hostBucket, key, style: 'virtual-host' };
  }
  const rest = request.path.startsWith('/') ? request.path.slice(1) : request.path;
  const slash = rest.indexOf('/');
  const bucketPart = slash < 0 ? rest : rest.slice(0, slash);
  const keyPart = slash < 0 ? '' : rest.slice(slash + 1);
  return { bucket: bucketPart === '' ? undefined : safeDecode(bucketPart), key: keyPart === '' ? undefined : safeDecode(keyPart), style: 'path' };
}
