/**
 * GetObject and HeadObject: byte ranges and parts (206 with Content-Range; 416 InvalidRange or
 * InvalidPartNumber), conditional reads in the order RFC 7232 and S3 evaluate them (412 / 304),
 * response header overrides, and stored checksums for readers that ask with `x-amz-checksum-mode: ENABLED`.
 */
import { bodySlice } from './persistence.ts';
import { rawResult } from '../../protocols/codec.ts';
import { checksumHeaders } from './checksums.ts';
import { findBucket, keyOf, type S3Call } from './context.ts';
import { etagListMatches } from './etags.ts';
import { InvalidArgument, InvalidPartNumber, InvalidRange, InvalidRequest, NoSuchKey, NotImplemented, NotModified, PreconditionFailed } from './errors.ts';
import type { Bucket, S3Object } from './model.ts';
import { expirationHeader } from './lifecycle-sweep.ts';
import { applyOverrides, objectHeaders } from './object-headers.ts';

/** A byte range, both ends inclusive. */
interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a Range header against an object of `size` bytes. A header that is not a single
 * `bytes=` range is ignored (S3 then sends the whole object); a range starting past the end is 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const found = /^\s*bytes=(\d*)-(\d*)\s*$/.exec(header);
  if (!found || (found[1] === '' && found[2] === '')) return undefined;
  const [, first, last] = found;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw new InvalidRange(header, size);
    return { start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw new InvalidRange(header, size);
  return { start, end };
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function httpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : Math.floor(parsed / 1000);
}

/** Throws 412 or 304 when the conditional headers say so. */
export function checkConditions(headers: Record<string, string>, object: S3Object): void {
  const ifMatch = headers['if-match'];
  const ifNoneMatch = headers['if-none-match'];
  const modified = seconds(object.lastModified);
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, object.etag)) throw new PreconditionFailed('If-Match');
  } else {
    const unmodifiedSince = httpDate(headers['if-unmodified-since']);
    if (unmodifiedSince !== undefined && modified > unmodifiedSince) throw new PreconditionFailed('If-Unmodified-Since');
  }
  const unchanged = { etag: object.etag, 'last-modified': object.lastModified.toUTCString() };
  if (ifNoneMatch !== undefined) {
    if (etagListMatches(ifNoneMatch, object.etag)) throw new NotModified(unchanged);
  } else {
    const modifiedSince = httpDate(headers['if-modified-since']);
    if (modifiedSince !== undefined && modified <= modifiedSince) throw new NotModified(unchanged);
  }
}

function findObject(call: S3Call): { bucket: Bucket; object: S3Object } {
  const bucket = findBucket(call);
  const key = keyOf(call);
  const versionId = call.query.get('versionId');
  if (versionId !== null && versionId !== 'null') throw new InvalidArgument('Invalid version id specified', 'versionId', versionId);
  const object = bucket.objects.get(key);
  if (!object) throw new NoSuchKey(key);
  return { bucket, object };
}

/**
 * The bytes of the part `?partNumber=` asks for, or undefined without one. An object uploaded in
 * one piece has one part, the whole object; a part the object does not have is 416.
 */
export function partRange(query: URLSearchParams, headers: Record<string, string>, object: S3Object): ByteRange | undefined {
  const raw = query.get('partNumber');
  if (raw === null) return undefined;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 10_000) {
    throw new InvalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', raw);
  }
  if (headers.range !== undefined) throw new InvalidRequest('Cannot specify both Range header and partNumber query parameter');
  const sizes = object.partSizes ?? (object.partsCount === undefined ? [object.size] : undefined);
  if (!sizes) throw new NotImplemented('Reading one part of an object completed before the emulator kept part sizes (upload it again)');
  const number = Number(raw);
  if (number > sizes.length) throw new InvalidPartNumber(number, sizes.length);
  const start = sizes.slice(0, number - 1).reduce((total, size) => total + size, 0);
  return sizes[number - 1]! > 0 ? { start, end: start + sizes[number - 1]! - 1 } : undefined;
}

function read(call: S3Call, withBody: boolean) {
  const { bucket, object } = findObject(call);
  checkConditions(call.headers, object);
  const headers = objectHeaders(object);
  const expiration = expirationHeader(bucket, object, call.emulator.settings.s3LifecycleDayMs);
  if (expiration) headers['x-amz-expiration'] = expiration;
  applyOverrides(headers, call.query);
  const size = object.size;
  const part = partRange(call.query, call.headers, object);
  if (call.query.has('partNumber') && object.partsCount !== undefined) headers['x-amz-mp-parts-count'] = String(object.partsCount);
  const range = part ?? parseRange(call.headers.range, size);
  if (!range) {
    if (call.headers['x-amz-checksum-mode']?.toUpperCase() === 'ENABLED') Object.assign(headers, checksumHeaders(object.checksum));
    headers['content-length'] = String(size);
    return rawResult({ status: 200, headers, body: withBody ? object.body : Buffer.alloc(0) });
  }
  headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
  headers['content-length'] = String(range.end - range.start + 1);
  return rawResult({ status: 206, headers, body: withBody ? bodySlice(object, range.start, range.end + 1) : Buffer.alloc(0) });
}

/** GetObject. */
export function GetObject(call: S3Call) {
  return read(call, true);
}

/** HeadObject: GetObject's headers without the body (errors carry no body either). */
export function HeadObject(call: S3Call) {
  return read(call, false);
}
