/**
 * Applying lifecycle rules: when an object expires (its `x-amz-expiration` header on GetObject and
 * HeadObject), and the background sweep that removes expired objects and aborts incomplete
 * multipart uploads. As on AWS, an expired object stays readable until the sweep removes it (AWS
 * runs about once a day; the emulator every minute, scaled by the time factor), and a rule's day
 * is `s3LifecycleDayMs` long, so a test can make days pass in milliseconds.
 */
import type { Emulator } from '../../emulator.ts';
import type { Bucket, LifecycleRule, MultipartUpload, S3Object, S3State } from './model.ts';
import { removeObject, removeUpload } from './stored.ts';

/** How often the sweep runs, before the time factor. */
export const LIFECYCLE_SWEEP_MS = 60_000;

const REAL_DAY_MS = 24 * 60 * 60 * 1000;

/** When something started at `start` is `days` old: on AWS, rounded up to the next midnight UTC. */
function daysAfter(start: Date, days: number, dayMs: number): Date {
  const end = start.getTime() + days * dayMs;
  return new Date(dayMs === REAL_DAY_MS ? Math.ceil(end / REAL_DAY_MS) * REAL_DAY_MS : end);
}

function covers(rule: LifecycleRule, key: string, object?: S3Object): boolean {
  const { filter } = rule;
  if (!rule.enabled || !key.startsWith(filter.prefix)) return false;
  if (!object) return filter.tags.length === 0 && filter.sizeGreaterThan === undefined && filter.sizeLessThan === undefined;
  if (filter.sizeGreaterThan !== undefined && !(object.size > filter.sizeGreaterThan)) return false;
  if (filter.sizeLessThan !== undefined && !(object.size < filter.sizeLessThan)) return false;
  return filter.tags.every((wanted) => object.tags.some((tag) => tag.Key === wanted.Key && tag.Value === wanted.Value));
}

/** The earliest expiry the bucket's rules give an object, and the rule that gives it. */
export function expiryOf(bucket: Bucket, object: S3Object, dayMs: number): { date: Date; ruleId: string } | undefined {
  let earliest: { date: Date; ruleId: string } | undefined;
  for (const rule of bucket.lifecycle ?? []) {
    if (!covers(rule, object.key, object)) continue;
    const date = rule.expirationDays !== undefined ? daysAfter(object.lastModified, rule.expirationDays, dayMs) : rule.expirationDate ? new Date(rule.expirationDate) : undefined;
    if (date && (!earliest || date < earliest.date)) earliest = { date, ruleId: rule.id };
  }
  return earliest;
}

/** The `x-amz-expiration` header S3 sends with an object a rule will expire, or undefined. */
export function expirationHeader(bucket: Bucket, object: S3Object, dayMs: number): string | undefined {
  const expiry = expiryOf(bucket, object, dayMs);
  return expiry && `expiry-date="${expiry.date.toUTCString()}", rule-id="${expiry.ruleId}"`;
}

function abortDue(bucket: Bucket, upload: MultipartUpload, dayMs: number, now: number): boolean {
  return (bucket.lifecycle ?? []).some((rule) => rule.abortDays !== undefined && covers(rule, upload.key) && daysAfter(upload.initiated, rule.abortDays, dayMs).getTime() <= now);
}

/** Removes the expired objects and aborts the overdue uploads of every bucket with rules; returns how many went. */
export function sweepLifecycle(state: S3State, dayMs: number, now = Date.now()): number {
  let changed = 0;
  for (const bucket of state.buckets.values()) {
    if (!bucket.lifecycle?.length) continue;
    for (const object of [...bucket.objects.values()]) {
      const expiry = expiryOf(bucket, object, dayMs);
      if (expiry && expiry.date.getTime() <= now && removeObject(bucket, object.key)) changed++;
    }
    for (const upload of [...bucket.uploads.values()]) {
      if (!abortDue(bucket, upload, dayMs, now)) continue;
      removeUpload(bucket, upload.uploadId);
      changed++;
    }
  }
  return changed;
}

/** Starts the periodic sweep over every account; returns a function that stops it. */
export function startLifecycleSweeper(emulator: Emulator, serviceName: string): () => void {
  const timer = setInterval(() => {
    for (const { account, state } of emulator.store.scopesOf<S3State>(serviceName)) {
      if (sweepLifecycle(state, emulator.settings.s3LifecycleDayMs) > 0) emulator.store.markDirty(serviceName, account);
    }
  }, Math.max(10, emulator.scaled(LIFECYCLE_SWEEP_MS)));
  timer.unref();
  return () => clearInterval(timer);
}
