/**
 * Object tags: the `x-amz-tagging` header of PutObject, CreateMultipartUpload and CopyObject, and
 * PutObjectTagging / GetObjectTagging / DeleteObjectTagging, with S3's limits.
 */
import { noteObject } from './stored.ts';
import { rawResult } from '../../protocols/codec.ts';
import { parseXmlBody, xmlList } from '../../protocols/rest-xml.ts';
import { findBucket, keyOf, type S3Call } from './context.ts';
import { InvalidTag, MalformedXML, NoSuchKey } from './errors.ts';
import type { S3Object, Tag } from './model.ts';

/** Checks S3's object tag limits: at most 10, keys 1-128 and values up to 256 characters, keys unique. */
export function checkTags(tags: Tag[]): Tag[] {
  if (tags.length > 10) throw new InvalidTag('Object tags cannot be greater than 10');
  const seen = new Set<string>();
  for (const { Key, Value } of tags) {
    if (Key.length === 0 || [...Key].length > 128) throw new InvalidTag('The TagKey you have provided is invalid');
    if ([...Value].length > 256) throw new InvalidTag('The TagValue you have provided is invalid');
    if (seen.has(Key)) throw new InvalidTag('Cannot provide multiple Tags with the same key');
    seen.add(Key);
  }
  return tags;
}

/** Reads the URL-encoded `x-amz-tagging` header (`k1=v1&k2=v2`). */
export function tagsFromHeader(value: string | undefined): Tag[] {
  if (value === undefined || value.trim() === '') return [];
  return checkTags([...new URLSearchParams(value).entries()].map(([Key, Value]) => ({ Key, Value })));
}

function objectOf(call: S3Call): S3Object {
  const bucket = findBucket(call);
  const key = keyOf(call);
  const object = bucket.objects.get(key);
  if (!object) throw new NoSuchKey(key);
  return object;
}

// Tags change the object in place: the state database is told after.
function changedObject(call: S3Call): void {
  noteObject(findBucket(call), keyOf(call));
}

/** PutObjectTagging: replaces the object's tag set. */
export function PutObjectTagging(call: S3Call) {
  const object = objectOf(call);
  const tagging = parseXmlBody(call.body).Tagging;
  if (typeof tagging !== 'object' || tagging === null) throw new MalformedXML();
  const set = (tagging as Record<string, unknown>).TagSet;
  const items = xmlList(typeof set === 'object' && set !== null ? (set as Record<string, unknown>).Tag : undefined);
  const tags = items.map((item) => {
    const tag = (item ?? {}) as Record<string, unknown>;
    if (typeof tag.Key !== 'string') throw new MalformedXML();
    return { Key: tag.Key, Value: typeof tag.Value === 'string' ? tag.Value : '' };
  });
  object.tags = checkTags(tags);
  changedObject(call);
  return rawResult({});
}

/** GetObjectTagging. */
export function GetObjectTagging(call: S3Call) {
  const object = objectOf(call);
  return rawResult({ body: { TagSet: { Tag: object.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) } } });
}

/** DeleteObjectTagging: 204. */
export function DeleteObjectTagging(call: S3Call) {
  objectOf(call).tags = [];
  changedObject(call);
  return rawResult({ status: 204 });
}
