/**
 * Bucket operations: CreateBucket (naming rules, LocationConstraint, the global namespace),
 * HeadBucket, ListBuckets, DeleteBucket and GetBucketLocation.
 */
import { rawResult } from '../../protocols/codec.ts';
import { parseXmlBody, xmlDocument } from '../../protocols/rest-xml.ts';
import { findBucket, integerParam, type S3Call } from './context.ts';
import {
  BucketAlreadyExists, BucketAlreadyOwnedByYou, BucketNotEmpty, IllegalLocationConstraintException, InvalidArgument, InvalidBucketName,
  InvalidLocationConstraint,
} from './errors.ts';
import { canonicalId, emptyNotification } from './model.ts';

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** True when `name` follows S3's rules for general purpose bucket names. */
export function isValidBucketName(name: string): boolean {
  if (name.length < 3 || name.length > 63) return false;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return false;
  if (name.includes('..') || /^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return false;
  return !RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix)) && !RESERVED_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

function requestedConstraint(call: S3Call): string | undefined {
  const parsed = parseXmlBody(call.body);
  const configuration = parsed.CreateBucketConfiguration as Record<string, unknown> | string | undefined;
  if (typeof configuration !== 'object' || configuration === null) return undefined;
  const constraint = configuration.LocationConstraint;
  return typeof constraint === 'string' && constraint.trim() !== '' ? constraint.trim() : undefined;
}

/**
 * CreateBucket. Re-creating one's own bucket is BucketAlreadyOwnedByYou, except the documented
 * legacy case: in us-east-1 with the same configuration, S3 answers 200 and changes nothing.
 */
export function CreateBucket(call: S3Call) {
  const name = call.bucketName ?? '';
  if (!isValidBucketName(name)) throw new InvalidBucketName(name);
  const constraint = requestedConstraint(call);
  if (constraint !== undefined && (constraint === 'us-east-1' || !/^([a-z]{2}(-[a-z]+)+-\d+|EU)$/.test(constraint))) {
    throw new InvalidLocationConstraint(constraint);
  }
  // The us-east-1 endpoint creates buckets anywhere; a regional endpoint only in its own region.
  if (call.region !== 'us-east-1' && (constraint ?? 'us-east-1') !== call.region) throw new IllegalLocationConstraintException(constraint);
  const region = constraint === 'EU' ? 'eu-west-1' : (constraint ?? 'us-east-1');
  const owner = call.registry.ownerOf(call.emulator, name);
  const existing = call.state.buckets.get(name);
  if (owner !== undefined && owner !== call.account) throw new BucketAlreadyExists(name);
  if (existing) {
    if (existing.region !== 'us-east-1' || region !== 'us-east-1') throw new BucketAlreadyOwnedByYou(name);
    return rawResult({ headers: { location: `/${name}` } });
  }
  call.state.buckets.set(name, { name, region, created: new Date(), objects: new Map(), uploads: new Map(), notification: emptyNotification() });
  call.registry.claim(call.emulator, name, call.account);
  return rawResult({ headers: { location: region === 'us-east-1' ? `/${name}` : `http://${name}.s3.${region}.amazonaws.com/` } });
}

/** HeadBucket: 200 with the bucket's region, or 404/403 without a body. */
export function HeadBucket(call: S3Call) {
  const bucket = findBucket(call);
  return rawResult({ headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' } });
}

/** ListBuckets, with the optional prefix, bucket-region, max-buckets and continuation-token. */
export function ListBuckets(call: S3Call) {
  const prefix = call.query.get('prefix') ?? '';
  const region = call.query.get('bucket-region');
  const max = integerParam(call, 'max-buckets', 10_000, 10_000);
  if (max < 1) throw new InvalidArgument('Argument max-buckets must be an integer between 1 and 10000', 'max-buckets', String(max));
  const after = call.query.get('continuation-token');
  const all = [...call.state.buckets.values()]
    .filter((bucket) => bucket.name.startsWith(prefix) && (!region || bucket.region === region))
    .filter((bucket) => !after || bucket.name > Buffer.from(after, 'base64url').toString('utf8'))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = all.slice(0, max);
  const next = all.length > max ? Buffer.from(page.at(-1)!.name).toString('base64url') : undefined;
  return rawResult({
    body: {
      Owner: { ID: canonicalId(call.account) },
      Buckets: { Bucket: page.map((bucket) => ({ Name: bucket.name, CreationDate: bucket.created, BucketRegion: bucket.region })) },
      ...(next ? { ContinuationToken: next } : {}),
      ...(call.query.has('prefix') ? { Prefix: prefix } : {}),
    },
  });
}

/** DeleteBucket: 204; BucketNotEmpty while objects remain. */
export function DeleteBucket(call: S3Call) {
  const bucket = findBucket(call);
  if (bucket.objects.size > 0) throw new BucketNotEmpty(bucket.name);
  call.state.buckets.delete(bucket.name);
  call.registry.release(call.emulator, bucket.name);
  return rawResult({ status: 204 });
}

/** GetBucketLocation: empty for us-east-1, the region otherwise, as S3 answers. */
export function GetBucketLocation(call: S3Call) {
  const bucket = findBucket(call);
  const body = xmlDocument('LocationConstraint', bucket.region === 'us-east-1' ? '' : bucket.region);
  return rawResult({ headers: { 'content-type': 'application/xml' }, body });
}
