/**
 * ListObjectsV2 and ListObjects (v1): keys in order, `prefix`, `delimiter` rolled up into
 * CommonPrefixes (each counts once toward max-keys), pagination by continuation token, start-after
 * or marker, `fetch-owner`, and `encoding-type=url`.
 */
import { rawResult } from '../../protocols/codec.ts';
import { findBucket, integerParam, type S3Call } from './context.ts';
import { InvalidArgument } from './errors.ts';
import { canonicalId, type Bucket, type S3Object } from './model.ts';

interface Page {
  contents: S3Object[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned, where the next page starts. */
  last: string | undefined;
}

/** Walks the bucket's keys after `after`, rolling keys up at the delimiter, until `maxKeys` entries. */
function collect(bucket: Bucket, prefix: string, delimiter: string, after: string, maxKeys: number): Page {
  const keys = [...bucket.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  const page: Page = { contents: [], prefixes: [], truncated: false, last: undefined };
  for (const key of keys) {
    const rest = key.slice(prefix.length);
    const cut = delimiter === '' ? -1 : rest.indexOf(delimiter);
    const common = cut < 0 ? undefined : prefix + rest.slice(0, cut + delimiter.length);
    const entry = common ?? key;
    if (entry <= after || (common !== undefined && common === page.prefixes.at(-1))) continue;
    if (page.contents.length + page.prefixes.length >= maxKeys) {
      page.truncated = maxKeys > 0;
      break;
    }
    if (common !== undefined) page.prefixes.push(common);
    else page.contents.push(bucket.objects.get(key)!);
    page.last = entry;
  }
  return page;
}

function encoderOf(call: S3Call): (text: string) => string {
  const type = call.query.get('encoding-type');
  if (type === null) return (text) => text;
  if (type !== 'url') throw new InvalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', type);
  return (text) => encodeURIComponent(text).replace(/%2F/g, '/');
}

function contentsOf(objects: S3Object[], encode: (text: string) => string, owner: string | undefined) {
  return objects.map((object) => ({
    Key: encode(object.key),
    LastModified: object.lastModified,
    ETag: object.etag,
    ...(object.checksum ? { ChecksumAlgorithm: object.checksum.algorithm, ChecksumType: object.checksum.type ?? 'FULL_OBJECT' } : {}),
    Size: object.size,
    StorageClass: object.storageClass,
    ...(owner ? { Owner: { ID: owner } } : {}),
  }));
}

function optional(name: string, value: string | undefined): Record<string, string> {
  return value === undefined ? {} : { [name]: value };
}

/** ListObjectsV2. */
export function ListObjectsV2(call: S3Call) {
  const bucket = findBucket(call);
  const encode = encoderOf(call);
  const prefix = call.query.get('prefix') ?? '';
  const delimiter = call.query.get('delimiter') ?? '';
  const maxKeys = integerParam(call, 'max-keys', 1000);
  const token = call.query.get('continuation-token');
  const startAfter = call.query.get('start-after') ?? undefined;
  let after = startAfter ?? '';
  if (token !== null) {
    try {
      after = String((JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after: unknown }).after);
    } catch {
      throw new InvalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    }
  }
  const page = collect(bucket, prefix, delimiter, after, Math.min(maxKeys, 1000));
  const next = page.truncated && page.last !== undefined ? Buffer.from(JSON.stringify({ after: page.last })).toString('base64url') : undefined;
  const owner = call.query.get('fetch-owner') === 'true' ? canonicalId(call.bucketOwner ?? call.account) : undefined;
  return rawResult({
    body: {
      Name: bucket.name,
      Prefix: encode(prefix),
      ...optional('Delimiter', delimiter === '' ? undefined : encode(delimiter)),
      MaxKeys: maxKeys,
      ...optional('EncodingType', call.query.get('encoding-type') ?? undefined),
      KeyCount: page.contents.length + page.prefixes.length,
      IsTruncated: page.truncated,
      ...optional('ContinuationToken', token ?? undefined),
      ...optional('NextContinuationToken', next),
      ...optional('StartAfter', startAfter === undefined ? undefined : encode(startAfter)),
      Contents: contentsOf(page.contents, encode, owner),
      CommonPrefixes: page.prefixes.map((common) => ({ Prefix: encode(common) })),
    },
  });
}

/** ListObjects (v1): `marker`, and NextMarker when a delimiter is used. */
export function ListObjects(call: S3Call) {
  const bucket = findBucket(call);
  const encode = encoderOf(call);
  const prefix = call.query.get('prefix') ?? '';
  const delimiter = call.query.get('delimiter') ?? '';
  const marker = call.query.get('marker') ?? '';
  const maxKeys = integerParam(call, 'max-keys', 1000);
  const page = collect(bucket, prefix, delimiter, marker, Math.min(maxKeys, 1000));
  return rawResult({
    body: {
      Name: bucket.name,
      Prefix: encode(prefix),
      Marker: encode(marker),
      MaxKeys: maxKeys,
      ...optional('Delimiter', delimiter === '' ? undefined : encode(delimiter)),
      IsTruncated: page.truncated,
      ...optional('NextMarker', page.truncated && delimiter !== '' && page.last !== undefined ? encode(page.last) : undefined),
      ...optional('EncodingType', call.query.get('encoding-type') ?? undefined),
      Contents: contentsOf(page.contents, encode, canonicalId(call.bucketOwner ?? call.account)),
      CommonPrefixes: page.prefixes.map((common) => ({ Prefix: encode(common) })),
    },
  });
}
