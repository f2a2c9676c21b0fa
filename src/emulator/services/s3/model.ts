/**
 * S3's state: one record per account (S3 is global per account, as ListBuckets shows every
 * region's buckets), holding buckets, their objects and multipart uploads. Objects keep their bytes
 * as Buffers, which the state store persists. Keys and names live in Maps, never as object
 * properties, so a key like `__proto__` is just a key.
 */
import { createHash } from 'node:crypto';
import type { ChecksumAlgorithm, ChecksumType } from './checksums.ts';

/** A checksum S3 stores with an object or part: base64 value, and for objects its type. */
export interface StoredChecksum {
  algorithm: ChecksumAlgorithm;
  value: string;
  type?: ChecksumType;
}

/** One tag of an object. */
export interface Tag {
  Key: string;
  Value: string;
}

/** The representation headers S3 stores and returns as sent. */
export type StoredHeaderName = 'cache-control' | 'content-disposition' | 'content-encoding' | 'content-language' | 'expires';

/** What an object carries besides its bytes: set by PutObject, CreateMultipartUpload or CopyObject. */
export interface ObjectAttributes {
  contentType: string;
  headers: Partial<Record<StoredHeaderName, string>>;
  /** User metadata without the `x-amz-meta-` prefix, names in lower case. */
  metadata: Record<string, string>;
  tags: Tag[];
  storageClass: string;
}

/** A stored object. */
export interface S3Object extends ObjectAttributes {
  key: string;
  body: Buffer;
  /** The body's length: known without reading a body kept in a file. */
  size: number;
  /** MD5 hex in quotes, or the multipart form `"<hex>-<parts>"`. */
  etag: string;
  lastModified: Date;
  checksum?: StoredChecksum;
  /** For objects assembled by CompleteMultipartUpload. */
  partsCount?: number;
  /** The size of each part, in order, for GetObject with `partNumber`. */
  partSizes?: number[];
}

/** One uploaded part of a multipart upload. */
export interface UploadedPart {
  partNumber: number;
  body: Buffer;
  size: number;
  etag: string;
  lastModified: Date;
  checksum?: StoredChecksum;
}

/** A multipart upload in progress. */
export interface MultipartUpload extends ObjectAttributes {
  uploadId: string;
  key: string;
  initiated: Date;
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumType?: ChecksumType;
  parts: Map<number, UploadedPart>;
}

/** A bucket's notification configuration, kept in S3's XML element names. */
export interface NotificationConfiguration {
  TopicConfiguration: Array<Record<string, unknown>>;
  QueueConfiguration: Array<Record<string, unknown>>;
  CloudFunctionConfiguration: Array<Record<string, unknown>>;
  /** True when `<EventBridgeConfiguration/>` is present: every object event goes to the default bus. */
  eventBridge: boolean;
}

/** A bucket. */
export interface Bucket {
  name: string;
  region: string;
  created: Date;
  objects: Map<string, S3Object>;
  uploads: Map<string, MultipartUpload>;
  notification: NotificationConfiguration;
  /** Bucket tags; absent when the bucket has none (GetBucketTagging then answers NoSuchTagSet). */
  tags?: Tag[];
  /** The bucket policy's JSON text exactly as PutBucketPolicy received it. */
  policy?: string;
  /** Lifecycle rules, as PutBucketLifecycleConfiguration validated them. */
  lifecycle?: LifecycleRule[];
  /** The website configuration, in S3's XML element names. */
  website?: WebsiteConfiguration;
}

/** Which objects a lifecycle rule covers: all members must hold. */
export interface LifecycleFilter {
  prefix: string;
  tags: Tag[];
  sizeGreaterThan?: number;
  sizeLessThan?: number;
}

/** One lifecycle rule: `element` is the rule as S3 answers it in GetBucketLifecycleConfiguration. */
export interface LifecycleRule {
  id: string;
  enabled: boolean;
  filter: LifecycleFilter;
  expirationDays?: number;
  /** Midnight UTC, as an ISO 8601 text. */
  expirationDate?: string;
  abortDays?: number;
  element: Record<string, unknown>;
}

/** A bucket's website configuration, kept in S3's XML element names. */
export interface WebsiteConfiguration {
  IndexDocument?: { Suffix: string };
  ErrorDocument?: { Key: string };
  RedirectAllRequestsTo?: { HostName: string; Protocol?: string };
  RoutingRules?: Array<{ Condition?: Record<string, string>; Redirect: Record<string, string> }>;
}

/** The S3 state of one account. */
export interface S3State {
  buckets: Map<string, Bucket>;
}

/** A fresh, empty S3 state. */
export function createS3State(): S3State {
  return { buckets: new Map() };
}

/** An empty notification configuration (what a new bucket has). */
export function emptyNotification(): NotificationConfiguration {
  return { TopicConfiguration: [], QueueConfiguration: [], CloudFunctionConfiguration: [], eventBridge: false };
}

/** The canonical user id S3 shows as an account's Owner ID (64 hex digits, stable per account). */
export function canonicalId(account: string): string {
  return createHash('sha256').update(`s3-canonical-user:${account}`).digest('hex');
}

/** The bucket's ARN, as S3 puts in events. */
export function bucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}
