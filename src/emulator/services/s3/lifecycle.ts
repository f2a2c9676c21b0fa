/**
 * Lifecycle configuration: PutBucketLifecycleConfiguration checks the rules as S3 does (MalformedXML
 * for a shape S3's schema refuses, InvalidArgument / InvalidRequest in S3's words for values) and
 * replaces the whole set; Get answers NoSuchLifecycleConfiguration while there is none; Delete is 204.
 * Transitions and noncurrent-version actions are stored as sent (no storage classes or versions
 * are emulated); expiry and aborting uploads are applied by lifecycle-sweep.ts.
 */
import { randomUUID } from 'node:crypto';
import { rawResult } from '../../protocols/codec.ts';
import { parseXmlBody, xmlList } from '../../protocols/rest-xml.ts';
import { findBucket, type S3Call } from './context.ts';
import { InvalidArgument, InvalidRequest, MalformedXML, NoSuchLifecycleConfiguration } from './errors.ts';
import type { LifecycleFilter, LifecycleRule, Tag } from './model.ts';

type Element = Record<string, unknown>;

// S3 answers both lifecycle calls with the default it applies to transitions of small objects.
const MINIMUM_SIZE_HEADER = { 'x-amz-transition-default-minimum-object-size': 'all_storage_classes_128K' };

function element(value: unknown): Element | undefined {
  if (value === '') return {};
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Element) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

function positive(value: unknown, message: string): number {
  const raw = text(value) ?? '';
  if (!/^-?\d+$/.test(raw)) throw new MalformedXML();
  if (Number(raw) <= 0) throw new InvalidArgument(message);
  return Number(raw);
}

function size(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const raw = text(value) ?? '';
  if (!/^\d+$/.test(raw)) throw new MalformedXML();
  return Number(raw);
}

function tagOf(value: unknown): Tag {
  const tag = element(value);
  if (!tag || typeof tag.Key !== 'string') throw new MalformedXML();
  return { Key: tag.Key, Value: typeof tag.Value === 'string' ? tag.Value : '' };
}

/** The rule's filter: the legacy top-level Prefix, or exactly one member of Filter (And holds several). */
function filterOf(rule: Element): LifecycleFilter {
  if (rule.Prefix !== undefined && rule.Filter !== undefined) throw new MalformedXML();
  if (rule.Filter === undefined) {
    if (rule.Prefix === undefined) throw new MalformedXML();
    return { prefix: text(rule.Prefix) ?? '', tags: [] };
  }
  const filter = element(rule.Filter);
  if (!filter) throw new MalformedXML();
  const members = ['Prefix', 'Tag', 'And', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan'].filter((name) => filter[name] !== undefined);
  if (members.length > 1 || xmlList(filter.Tag).length > 1) throw new MalformedXML();
  const and = filter.And === undefined ? undefined : element(filter.And);
  if (filter.And !== undefined && !and) throw new MalformedXML();
  const source = and ?? filter;
  const result: LifecycleFilter = { prefix: typeof source.Prefix === 'string' ? source.Prefix : '', tags: xmlList(source.Tag).map(tagOf) };
  const greater = size(source.ObjectSizeGreaterThan);
  const less = size(source.ObjectSizeLessThan);
  if (greater !== undefined) result.sizeGreaterThan = greater;
  if (less !== undefined) result.sizeLessThan = less;
  if (greater !== undefined && less !== undefined && less <= greater) throw new InvalidArgument("'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'.");
  return result;
}

function expirationOf(rule: LifecycleRule, value: unknown): void {
  const expiration = element(value);
  if (!expiration) throw new MalformedXML();
  const given = ['Days', 'Date', 'ExpiredObjectDeleteMarker'].filter((name) => expiration[name] !== undefined);
  if (given.length !== 1) throw new MalformedXML();
  if (expiration.Days !== undefined) rule.expirationDays = positive(expiration.Days, "'Days' for Expiration action must be a positive integer");
  if (expiration.Date !== undefined) {
    const date = new Date(text(expiration.Date) ?? '');
    if (Number.isNaN(date.getTime())) throw new MalformedXML();
    if (date.getTime() % 86_400_000 !== 0) throw new InvalidArgument("'Date' must be at midnight GMT");
    rule.expirationDate = date.toISOString();
  }
}

function ruleOf(value: unknown): LifecycleRule {
  const source = element(value);
  if (!source) throw new MalformedXML();
  const status = text(source.Status);
  if (status !== 'Enabled' && status !== 'Disabled') throw new MalformedXML();
  const id = typeof source.ID === 'string' && source.ID !== '' ? source.ID : randomUUID().replaceAll('-', '');
  if (id.length > 255) throw new InvalidArgument('ID length should not exceed allowed limit of 255');
  const rule: LifecycleRule = { id, enabled: status === 'Enabled', filter: filterOf(source), element: {} };
  const actions = ['Expiration', 'Transition', 'NoncurrentVersionExpiration', 'NoncurrentVersionTransition', 'AbortIncompleteMultipartUpload'].filter((name) => source[name] !== undefined);
  if (actions.length === 0) throw new InvalidRequest('At least one action needs to be specified in a rule');
  if (source.Expiration !== undefined) expirationOf(rule, source.Expiration);
  if (source.NoncurrentVersionExpiration !== undefined) {
    const noncurrent = element(source.NoncurrentVersionExpiration);
    if (!noncurrent || noncurrent.NoncurrentDays === undefined) throw new MalformedXML();
    positive(noncurrent.NoncurrentDays, "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
  }
  if (source.AbortIncompleteMultipartUpload !== undefined) {
    const abort = element(source.AbortIncompleteMultipartUpload);
    if (!abort || abort.DaysAfterInitiation === undefined) throw new MalformedXML();
    if (rule.filter.tags.length > 0) throw new InvalidRequest('AbortIncompleteMultipartUpload cannot be specified with Tags.');
    rule.abortDays = positive(abort.DaysAfterInitiation, "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
  }
  // Kept in S3's element order, as GetBucketLifecycleConfiguration answers it.
  const view: Element = { ID: id };
  for (const name of ['Prefix', 'Filter', 'Status', 'Transition', 'Expiration', 'NoncurrentVersionTransition', 'NoncurrentVersionExpiration', 'AbortIncompleteMultipartUpload']) {
    if (source[name] !== undefined) view[name] = name === 'Status' ? status : source[name];
  }
  rule.element = view;
  return rule;
}

/** PutBucketLifecycleConfiguration: replaces the bucket's rules (at most 1,000, IDs unique). */
export function PutBucketLifecycleConfiguration(call: S3Call) {
  const bucket = findBucket(call);
  const root = element(parseXmlBody(call.body).LifecycleConfiguration);
  if (!root) throw new MalformedXML();
  const sources = xmlList(root.Rule);
  if (sources.length === 0 || sources.length > 1000) throw new MalformedXML();
  const rules = sources.map(ruleOf);
  const ids = new Set(rules.map((rule) => rule.id));
  if (ids.size !== rules.length) throw new InvalidArgument('Rule ID must be unique. Found same ID for more than one rule');
  bucket.lifecycle = rules;
  return rawResult({ headers: MINIMUM_SIZE_HEADER });
}

/** GetBucketLifecycleConfiguration. */
export function GetBucketLifecycleConfiguration(call: S3Call) {
  const bucket = findBucket(call);
  if (!bucket.lifecycle?.length) throw new NoSuchLifecycleConfiguration(bucket.name);
  return rawResult({ headers: MINIMUM_SIZE_HEADER, body: { Rule: bucket.lifecycle.map((rule) => rule.element) } });
}

/** DeleteBucketLifecycle: 204, whether or not the bucket had rules. */
export function DeleteBucketLifecycle(call: S3Call) {
  delete findBucket(call).lifecycle;
  return rawResult({ status: 204 });
}
