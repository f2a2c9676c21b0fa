/** ListMultipartUploads and ListParts, with their markers and page sizes. */
import { rawResult } from '../../protocols/codec.ts';
import { checksumMember } from './checksums.ts';
import { findBucket, integerParam, type S3Call } from './context.ts';
import { InvalidArgument } from './errors.ts';
import { canonicalId } from './model.ts';
import { findUpload } from './multipart.ts';

/** ListMultipartUploads: uploads in progress, by key then initiation time. */
export function ListMultipartUploads(call: S3Call) {
  const bucket = findBucket(call);
  const prefix = call.query.get('prefix') ?? '';
  const keyMarker = call.query.get('key-marker') ?? '';
  const uploadIdMarker = call.query.get('upload-id-marker') ?? '';
  const max = integerParam(call, 'max-uploads', 1000, 1000);
  const all = [...bucket.uploads.values()]
    .filter((upload) => upload.key.startsWith(prefix))
    .sort((a, b) => (a.key === b.key ? a.initiated.getTime() - b.initiated.getTime() : a.key < b.key ? -1 : 1));
  let start = 0;
  if (keyMarker) {
    start = all.findIndex((upload) => upload.key > keyMarker || (upload.key === keyMarker && uploadIdMarker !== '' && upload.uploadId > uploadIdMarker));
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, start + max);
  const truncated = start + max < all.length;
  const owner = { ID: canonicalId(call.bucketOwner ?? call.account) };
  return rawResult({
    body: {
      Bucket: bucket.name,
      KeyMarker: keyMarker,
      UploadIdMarker: uploadIdMarker,
      ...(truncated ? { NextKeyMarker: page.at(-1)?.key, NextUploadIdMarker: page.at(-1)?.uploadId } : {}),
      ...(call.query.has('prefix') ? { Prefix: prefix } : {}),
      MaxUploads: max,
      IsTruncated: truncated,
      Upload: page.map((upload) => ({
        Key: upload.key,
        UploadId: upload.uploadId,
        Initiator: owner,
        Owner: owner,
        StorageClass: upload.storageClass,
        Initiated: upload.initiated,
        ...(upload.checksumAlgorithm ? { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: upload.checksumType } : {}),
      })),
    },
  });
}

/** ListParts: the parts uploaded so far, by part number. */
export function ListParts(call: S3Call) {
  const bucket = findBucket(call);
  const upload = findUpload(call, bucket);
  const marker = Number(call.query.get('part-number-marker') ?? 0) || 0;
  const max = integerParam(call, 'max-parts', 1000, 1000);
  const all = [...upload.parts.values()].filter((part) => part.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber);
  const page = all.slice(0, max);
  const truncated = all.length > max;
  const owner = { ID: canonicalId(call.bucketOwner ?? call.account) };
  return rawResult({
    body: {
      Bucket: bucket.name,
      Key: upload.key,
      UploadId: upload.uploadId,
      PartNumberMarker: marker,
      ...(truncated ? { NextPartNumberMarker: page.at(-1)?.partNumber } : {}),
      MaxParts: max,
      IsTruncated: truncated,
      Part: page.map((part) => ({
        PartNumber: part.partNumber,
        LastModified: part.lastModified,
        ETag: part.etag,
        Size: part.size,
        ...(part.checksum ? { [checksumMember(part.checksum.algorithm)]: part.checksum.value } : {}),
      })),
      Initiator: owner,
      Owner: owner,
      StorageClass: upload.storageClass,
      ...(upload.checksumAlgorithm ? { ChecksumAlgorithm: upload.checksumAlgorithm, ChecksumType: upload.checksumType } : {}),
    },
  });
}
