/**
 * The headers an object is written with (Content-Type, Cache-Control, `x-amz-meta-*`, tags, storage
 * class) and the headers GetObject / HeadObject answer with.
 */
import { InvalidArgument, InvalidStorageClass, KeyTooLongError, MetadataTooLarge } from './errors.ts';
import type { ObjectAttributes, S3Object, StoredHeaderName } from './model.ts';
import { tagsFromHeader } from './tagging.ts';

const STORED_HEADERS: StoredHeaderName[] = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];

// The classes of a general purpose bucket: OUTPOSTS, SNOW, EXPRESS_ONEZONE and FSX_* belong to other kinds of bucket.
const STORAGE_CLASSES = ['STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE', 'GLACIER_IR'];

/** The Content-Type S3 gives an object written without one. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** Rejects keys S3 rejects: over 1024 bytes of UTF-8. */
export function checkKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > 1024) throw new KeyTooLongError();
}

/** User metadata from `x-amz-meta-*` headers; S3 allows 2 KB of names and values together. */
export function metadataFromHeaders(headers: Record<string, string>): Record<string, string> {
  const pairs = Object.entries(headers)
    .filter(([name]) => name.startsWith('x-amz-meta-'))
    .map(([name, value]): [string, string] => [name.slice('x-amz-meta-'.length), value]);
  const size = pairs.reduce((total, [name, value]) => total + Buffer.byteLength(name) + Buffer.byteLength(value), 0);
  if (size > 2048) throw new MetadataTooLarge(size);
  return Object.fromEntries(pairs);
}

/** The storage class a write asks for; STANDARD when none. */
export function storageClassOf(headers: Record<string, string>): string {
  const value = headers['x-amz-storage-class'];
  if (value === undefined) return 'STANDARD';
  if (!STORAGE_CLASSES.includes(value)) throw new InvalidStorageClass();
  return value;
}

/** What PutObject, CreateMultipartUpload or a REPLACE copy store besides the bytes. */
export function attributesFromRequest(headers: Record<string, string>, contentEncoding: string | undefined): ObjectAttributes {
  const stored: ObjectAttributes['headers'] = {};
  for (const name of STORED_HEADERS) {
    const value = name === 'content-encoding' ? contentEncoding : headers[name];
    if (value !== undefined && value !== '') stored[name] = value;
  }
  return {
    contentType: headers['content-type'] || DEFAULT_CONTENT_TYPE,
    headers: stored,
    metadata: metadataFromHeaders(headers),
    tags: tagsFromHeader(headers['x-amz-tagging']),
    storageClass: storageClassOf(headers),
  };
}

/** The headers of a GetObject / HeadObject answer (without length and range). */
export function objectHeaders(object: S3Object): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  };
  for (const [name, value] of Object.entries(object.headers)) headers[name] = value;
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  if (object.tags.length > 0) headers['x-amz-tagging-count'] = String(object.tags.length);
  if (object.storageClass !== 'STANDARD') headers['x-amz-storage-class'] = object.storageClass;
  return headers;
}

const OVERRIDES: Array<[string, string]> = [
  ['response-content-type', 'content-type'],
  ['response-content-language', 'content-language'],
  ['response-expires', 'expires'],
  ['response-cache-control', 'cache-control'],
  ['response-content-disposition', 'content-disposition'],
  ['response-content-encoding', 'content-encoding'],
];

/** Applies `response-content-type` and the other response header overrides of a GetObject URL. */
export function applyOverrides(headers: Record<string, string>, query: URLSearchParams): void {
  for (const [param, header] of OVERRIDES) {
    const value = query.get(param);
    if (value === null) continue;
    // Header values must stay within Latin-1 without control characters, or Node refuses them.
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) throw new InvalidArgument(`${param} has characters an HTTP header cannot carry; percent-encode them (RFC 5987) first.`, param, value);
    headers[header] = value;
  }
}
