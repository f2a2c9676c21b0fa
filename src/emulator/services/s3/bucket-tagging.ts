/**
 * Bucket tags: PutBucketTagging replaces the whole set (up to 50 tags), GetBucketTagging answers
 * NoSuchTagSet while there is none, DeleteBucketTagging removes them.
 */
import { rawResult } from '../../protocols/codec.ts';
import { findBucket, type S3Call } from './context.ts';
import { NoSuchTagSet } from './errors.ts';
import { checkTags, tagSetView, tagsFromBody } from './tagging.ts';

/** PutBucketTagging: 204; an empty set leaves the bucket without tags. */
export function PutBucketTagging(call: S3Call) {
  const bucket = findBucket(call);
  const tags = checkTags(tagsFromBody(call.body), 'bucket');
  if (tags.length > 0) bucket.tags = tags;
  else delete bucket.tags;
  return rawResult({ status: 204 });
}

/** GetBucketTagging. */
export function GetBucketTagging(call: S3Call) {
  const bucket = findBucket(call);
  if (!bucket.tags?.length) throw new NoSuchTagSet(bucket.name);
  return rawResult({ body: tagSetView(bucket.tags) });
}

/** DeleteBucketTagging: 204, whether or not the bucket had tags. */
export function DeleteBucketTagging(call: S3Call) {
  delete findBucket(call).tags;
  return rawResult({ status: 204 });
}
