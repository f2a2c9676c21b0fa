/**
 * Object tags: the `x-amz-tagging` header of PutObject, CreateMultipartUpload and CopyObject, and
 * PutObjectTagging / GetObjectTagging / DeleteObjectTagging, with S3's limits.
 */
import { noteObject } from './stored.ts';
import { rawResult } from '../../protocols/codec.ts';
import { parseXmlBody, xmlList } from '../../protocols/rest-xml.ts';
import { findBucket, keyOf, type S3Call } from './context.ts';
import { BadRequest, InvalidArgument, InvalidTag, MalformedXML, NoSuchKey } from './errors.ts';
import type { S3Object, Tag } from './model.ts';

const HEADER_REFUSAL = "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.";

/** Checks S3's tag limits: at most 10 on an object (50 on a bucket), keys 1-128 and values up to 256 characters, keys unique. */
export function checkTags(tags: Tag[], on: 'object' | 'bucket' = 'object'): Tag[] {
  if (on === 'object' && tags.length > 10) throw new BadRequest('Object tags cannot be greater than 10');
  if (on === 'bucket' && tags.length > 50) throw new BadRequest('Bucket tag count cannot be greater than 50');
  const seen = new Set<string>();
  for (const { Key, Value } of tags) {
    if (Key.length === 0 || [...Key].length > 128) throw new InvalidTag('The TagKey you have provided is invalid', { TagKey: Key });
    if ([...Value].length > 256) throw new InvalidTag('The TagValue you have provided is invalid', { TagKey: Key, TagValue: Value });
    if (seen.has(Key)) throw new InvalidTag('Cannot provide multiple Tags with the same key', { TagKey: Key });
    seen.add(Key);
  }
  return tags;
}

/**
 * Reads the `x-amz-tagging` header (`k1=v1&k2=v2`, URL-encoded UTF-8). A repeated or empty key, or
 * an escape that does not decode to UTF-8, is S3's InvalidArgument, not a tag error.
 */
export function tagsFromHeader(value: string | undefined): Tag[] {
  if (value === undefined || value.trim() === '') return [];
  const refuse = () => new InvalidArgument(HEADER_REFUSAL, 'x-amz-tagging', value);
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text.replaceAll('+', ' '));
    } catch {
      throw refuse();
    }
  };
  const tags: Tag[] = [];
  const seen = new Set<string>();
  for (const pair of value.split('&')) {
    if (pair === '') continue;
    const split = pair.indexOf('=');
    const Key = decode(split < 0 ? pair : pair.slice(0, split));
    const Value = split < 0 ? '' : decode(pair.slice(split + 1));
    if (Key === '' || seen.has(Key)) throw refuse();
    seen.add(Key);
    tags.push({ Key, Value });
  }
  return checkTags(tags);
}

/** The tags of a `<Tagging><TagSet>` document, as PutObjectTagging and PutBucketTagging send it. */
export function tagsFromBody(body: Buffer): Tag[] {
  const tagging = parseXmlBody(body).Tagging;
  if (typeof tagging !== 'object' || tagging === null) throw new MalformedXML();
  const set = (tagging as Record<string, unknown>).TagSet;
  const items = xmlList(typeof set === 'object' && set !== null ? (set as Record<string, unknown>).Tag : undefined);
  return items.map((item) => {
    const tag = (item ?? {}) as Record<string, unknown>;
    if (typeof tag.Key !== 'string') throw new MalformedXML();
    return { Key: tag.Key, Value: typeof tag.Value === 'string' ? tag.Value : '' };
  });
}

/** Tags as the `<TagSet>` of a Get*Tagging answer. */
export function tagSetView(tags: Tag[]): Record<string, unknown> {
  return { TagSet: { Tag: tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) } };
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
  object.tags = checkTags(tagsFromBody(call.body));
  changedObject(call);
  return rawResult({});
}

/** GetObjectTagging. */
export function GetObjectTagging(call: S3Call) {
  const object = objectOf(call);
  return rawResult({ body: tagSetView(object.tags) });
}

/** DeleteObjectTagging: 204. */
export function DeleteObjectTagging(call: S3Call) {
  objectOf(call).tags = [];
  changedObject(call);
  return rawResult({ status: 204 });
}
