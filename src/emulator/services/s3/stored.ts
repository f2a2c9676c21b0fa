/**
 * Every change to a bucket's objects and uploads goes through here, so the state database hears of
 * it (persistence.ts) and an object's size is known without reading its bytes, which may live in
 * a file.
 */
import { noteChange } from '../../persistence/changes.ts';
import { rowKey } from '../../persistence/rows.ts';
import type { Bucket, MultipartUpload, S3Object, UploadedPart } from './model.ts';

/** Stores an object (replacing any with its key); its size is its body's length. */
export function storeObject(bucket: Bucket, object: Omit<S3Object, 'size'>): void {
  const stored = { ...object, size: object.body.length } as S3Object;
  bucket.objects.set(stored.key, stored);
  noteObject(bucket, stored.key);
}

/** Removes an object; true when there was one. */
export function removeObject(bucket: Bucket, key: string): boolean {
  const removed = bucket.objects.delete(key);
  if (removed) noteObject(bucket, key);
  return removed;
}

/** Notes that an object changed in place (its tags). */
export function noteObject(bucket: Bucket, key: string): void {
  noteChange(bucket, objectRowKey(bucket.name, key), bucket.objects.get(key));
}

/** Starts or changes a multipart upload. */
export function storeUpload(bucket: Bucket, upload: MultipartUpload): void {
  bucket.uploads.set(upload.uploadId, upload);
  noteChange(bucket, uploadRowKey(bucket.name, upload.uploadId), upload);
}

/** Stores a part of an upload (replacing any with its number). */
export function storePart(bucket: Bucket, upload: MultipartUpload, part: Omit<UploadedPart, 'size'>): void {
  upload.parts.set(part.partNumber, { ...part, size: part.body.length } as UploadedPart);
  storeUpload(bucket, upload);
}

/** Ends an upload (completed or aborted). */
export function removeUpload(bucket: Bucket, uploadId: string): void {
  if (bucket.uploads.delete(uploadId)) noteChange(bucket, uploadRowKey(bucket.name, uploadId), undefined);
}

/** The state database's key of an object's row. */
export function objectRowKey(bucket: string, key: string): string {
  return rowKey('object', bucket, key);
}

/** The state database's key of an upload's row. */
export function uploadRowKey(bucket: string, uploadId: string): string {
  return rowKey('upload', bucket, uploadId);
}
