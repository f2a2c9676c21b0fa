/**
 * CompleteMultipartUpload: checks the part list as S3 does (ascending order, every part present
 * with its ETag and, for composite checksums, its checksum; every part but the last at least
 * 5 MiB), then assembles the object with the multipart ETag and the upload's checksum.
 */
import { removeUpload, storeObject } from './stored.ts';
import { rawResult } from '../../protocols/codec.ts';
import { parseXmlBody, xmlList } from '../../protocols/rest-xml.ts';
import { checksumHeaderName, checksumMember, checksumMembers, checksumOf, compositeChecksum } from './checksums.ts';
import { findBucket, type S3Call } from './context.ts';
import { multipartEtag, unquote } from './etags.ts';
import { BadDigest, EntityTooSmall, InvalidPart, InvalidPartOrder, InvalidRequest, MalformedXML } from './errors.ts';
import type { MultipartUpload, StoredChecksum, UploadedPart } from './model.ts';
import { findUpload } from './multipart.ts';
import { notifyObjectChange } from './notifications.ts';
import { checkWriteConditions, defaultChecksum } from './objects.ts';

/** The smallest part S3 accepts before the last one: 5 MiB. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

interface ListedPart {
  partNumber: number;
  etag: string;
  element: Record<string, unknown>;
}

function listedParts(body: Buffer): ListedPart[] {
  const noParts = new InvalidRequest('You must specify at least one part');
  if (body.length === 0) throw noParts;
  const root = parseXmlBody(body).CompleteMultipartUpload;
  // An empty element parses as a string, a list without parts as an object without Part.
  if (root === '') throw noParts;
  if (typeof root !== 'object' || root === null) throw new MalformedXML();
  const items = xmlList((root as Record<string, unknown>).Part);
  if (items.length === 0) throw noParts;
  return items.map((item) => {
    const element = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const number = typeof element.PartNumber === 'string' ? element.PartNumber.trim() : '';
    if (!/^\d{1,5}$/.test(number)) throw new MalformedXML();
    return { partNumber: Number(number), etag: typeof element.ETag === 'string' ? element.ETag : '', element };
  });
}

function checkParts(upload: MultipartUpload, listed: ListedPart[]): UploadedPart[] {
  listed.forEach((part, index) => {
    if (index > 0 && part.partNumber <= listed[index - 1]!.partNumber) throw new InvalidPartOrder(upload.uploadId);
  });
  const algorithm = upload.checksumAlgorithm;
  const parts = listed.map((listedPart) => {
    const part = upload.parts.get(listedPart.partNumber);
    if (!part || unquote(part.etag) !== unquote(listedPart.etag)) throw new InvalidPart(upload.uploadId, listedPart.partNumber, listedPart.etag);
    if (algorithm) {
      const sent = listedPart.element[checksumMember(algorithm)];
      if (sent === undefined && upload.checksumType === 'COMPOSITE') {
        throw new InvalidRequest(
          `The upload was created using a ${algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${listedPart.partNumber} in the request.`,
        );
      }
      if (typeof sent === 'string' && sent.trim() !== part.checksum?.value) throw new InvalidPart(upload.uploadId, listedPart.partNumber, listedPart.etag);
    }
    return part;
  });
  parts.slice(0, -1).forEach((part) => {
    if (part.size < MIN_PART_SIZE) throw new EntityTooSmall(part.size, MIN_PART_SIZE, part.partNumber, part.etag);
  });
  return parts;
}

function objectChecksum(call: S3Call, upload: MultipartUpload, parts: UploadedPart[], body: Buffer): StoredChecksum {
  const algorithm = upload.checksumAlgorithm;
  if (!algorithm) return defaultChecksum(body);
  if (upload.checksumType === 'COMPOSITE') {
    const values = parts.map((part) => part.checksum?.value ?? checksumOf(algorithm, part.body));
    return { algorithm, value: compositeChecksum(algorithm, values), type: 'COMPOSITE' };
  }
  const value = checksumOf(algorithm, body);
  const sent = call.headers[checksumHeaderName(algorithm)];
  if (sent !== undefined && sent.trim() !== value) throw new BadDigest(`The ${algorithm} you specified did not match the calculated checksum.`);
  return { algorithm, value, type: 'FULL_OBJECT' };
}

/** CompleteMultipartUpload. */
export function CompleteMultipartUpload(call: S3Call) {
  const bucket = findBucket(call);
  const upload = findUpload(call, bucket);
  const parts = checkParts(upload, listedParts(call.body));
  const body = parts.length === 1 ? parts[0]!.body : Buffer.concat(parts.map((part) => part.body));
  const declaredSize = call.headers['x-amz-mp-object-size'];
  if (declaredSize !== undefined && Number(declaredSize) !== body.length) {
    throw new InvalidRequest(`The provided 'x-amz-mp-object-size' header value ${declaredSize} does not match what was computed: ${body.length}`);
  }
  const checksum = objectChecksum(call, upload, parts, body);
  checkWriteConditions(call, bucket, upload.key);
  const etag = multipartEtag(parts.map((part) => part.etag));
  const { contentType, headers, metadata, tags, storageClass } = upload;
  storeObject(bucket, { key: upload.key, body, etag, lastModified: new Date(), checksum, partsCount: parts.length, partSizes: parts.map((part) => part.size), contentType, headers, metadata, tags, storageClass });
  removeUpload(bucket, upload.uploadId);
  notifyObjectChange(call, bucket, { kind: 'created', key: upload.key, size: body.length, etag, reason: 'CompleteMultipartUpload' });
  const host = call.headers.host ?? 's3.amazonaws.com';
  const location = `http://${host}/${encodeURIComponent(bucket.name)}/${upload.key.split('/').map(encodeURIComponent).join('/')}`;
  return rawResult({
    headers: { 'x-amz-server-side-encryption': 'AES256' },
    body: { Location: location, Bucket: bucket.name, Key: upload.key, ETag: etag, ...checksumMembers(checksum) },
  });
}
