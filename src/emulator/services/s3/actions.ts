/**
 * The IAM action each S3 operation is authorized as, and whether its resource is the bucket
 * (`arn:aws:s3:::bucket`) or an object (`arn:aws:s3:::bucket/key`), as AWS's "Actions, resources
 * and condition keys for Amazon S3" lists them. A bucket policy names these actions.
 */

/** An operation's action and the kind of resource it acts on. */
export interface S3Action {
  action: string;
  on: 'bucket' | 'object';
}

const BUCKET_ACTIONS: Record<string, string> = {
  HeadBucket: 's3:ListBucket',
  ListObjects: 's3:ListBucket',
  ListObjectsV2: 's3:ListBucket',
  ListMultipartUploads: 's3:ListBucketMultipartUploads',
  DeleteBucket: 's3:DeleteBucket',
  GetBucketLocation: 's3:GetBucketLocation',
  PutBucketNotificationConfiguration: 's3:PutBucketNotification',
  GetBucketNotificationConfiguration: 's3:GetBucketNotification',
  PutBucketTagging: 's3:PutBucketTagging',
  GetBucketTagging: 's3:GetBucketTagging',
  DeleteBucketTagging: 's3:PutBucketTagging',
  PutBucketPolicy: 's3:PutBucketPolicy',
  GetBucketPolicy: 's3:GetBucketPolicy',
  DeleteBucketPolicy: 's3:DeleteBucketPolicy',
  GetBucketPolicyStatus: 's3:GetBucketPolicyStatus',
  PutBucketLifecycleConfiguration: 's3:PutLifecycleConfiguration',
  GetBucketLifecycleConfiguration: 's3:GetLifecycleConfiguration',
  DeleteBucketLifecycle: 's3:PutLifecycleConfiguration',
  PutBucketWebsite: 's3:PutBucketWebsite',
  GetBucketWebsite: 's3:GetBucketWebsite',
  DeleteBucketWebsite: 's3:DeleteBucketWebsite',
};

const OBJECT_ACTIONS: Record<string, string> = {
  PutObject: 's3:PutObject',
  CopyObject: 's3:PutObject',
  GetObject: 's3:GetObject',
  HeadObject: 's3:GetObject',
  DeleteObject: 's3:DeleteObject',
  PutObjectTagging: 's3:PutObjectTagging',
  GetObjectTagging: 's3:GetObjectTagging',
  DeleteObjectTagging: 's3:DeleteObjectTagging',
  CreateMultipartUpload: 's3:PutObject',
  UploadPart: 's3:PutObject',
  UploadPartCopy: 's3:PutObject',
  CompleteMultipartUpload: 's3:PutObject',
  AbortMultipartUpload: 's3:AbortMultipartUpload',
  ListParts: 's3:ListMultipartUploadParts',
  // Checked once for the request, on every object of the bucket, rather than once per key.
  DeleteObjects: 's3:DeleteObject',
};

/** The action an operation on a bucket or object is checked as; undefined for ListBuckets and CreateBucket. */
export function actionOf(operation: string): S3Action | undefined {
  if (Object.hasOwn(OBJECT_ACTIONS, operation)) return { action: OBJECT_ACTIONS[operation]!, on: 'object' };
  if (Object.hasOwn(BUCKET_ACTIONS, operation)) return { action: BUCKET_ACTIONS[operation]!, on: 'bucket' };
  return undefined;
}

/** Operations only the bucket owner's account may call, whatever a policy grants (AWS answers others 405). */
export const OWNER_ONLY = new Set(['PutBucketPolicy', 'GetBucketPolicy', 'DeleteBucketPolicy', 'GetBucketPolicyStatus']);

/** What the owner's root user may always do, even when the bucket policy denies it: no policy locks its owner out. */
export const ROOT_ALWAYS = new Set(['PutBucketPolicy', 'GetBucketPolicy', 'DeleteBucketPolicy']);

// S3 actions a bucket policy may name beyond the ones above (AWS's list, the common part of it).
const OTHER_ACTIONS = [
  'AbortMultipartUpload', 'BypassGovernanceRetention', 'CreateBucket', 'DeleteBucketOwnershipControls', 'DeleteObjectVersion', 'DeleteObjectVersionTagging',
  'GetAccelerateConfiguration', 'GetBucketAcl', 'GetBucketCORS', 'GetBucketLogging', 'GetBucketObjectLockConfiguration', 'GetBucketOwnershipControls',
  'GetBucketPublicAccessBlock', 'GetBucketRequestPayment', 'GetBucketVersioning', 'GetEncryptionConfiguration', 'GetInventoryConfiguration',
  'GetMetricsConfiguration', 'GetObjectAcl', 'GetObjectAttributes', 'GetObjectLegalHold', 'GetObjectRetention', 'GetObjectTorrent', 'GetObjectVersion',
  'GetObjectVersionAcl', 'GetObjectVersionAttributes', 'GetObjectVersionTagging', 'GetReplicationConfiguration', 'ListAllMyBuckets', 'ListBucketVersions',
  'PutAccelerateConfiguration', 'PutBucketAcl', 'PutBucketCORS', 'PutBucketLogging', 'PutBucketObjectLockConfiguration', 'PutBucketOwnershipControls',
  'PutBucketPublicAccessBlock', 'PutBucketRequestPayment', 'PutBucketVersioning', 'PutEncryptionConfiguration', 'PutInventoryConfiguration',
  'PutMetricsConfiguration', 'PutObjectAcl', 'PutObjectLegalHold', 'PutObjectRetention', 'PutObjectVersionAcl', 'PutObjectVersionTagging',
  'PutReplicationConfiguration', 'ReplicateDelete', 'ReplicateObject', 'ReplicateTags', 'RestoreObject', 'ListMultipartUploadParts', 'ListBucketMultipartUploads',
];

const KNOWN = new Set([...Object.values(BUCKET_ACTIONS), ...Object.values(OBJECT_ACTIONS), ...OTHER_ACTIONS.map((name) => `s3:${name}`)].map((name) => name.toLowerCase()));

/** True when a policy's Action entry names S3 actions: `*`, `s3:*`, a known action, or a wildcard pattern of `s3:`. */
export function isS3Action(entry: string): boolean {
  const lower = entry.toLowerCase();
  if (lower === '*') return true;
  if (!lower.startsWith('s3:')) return false;
  return /[*?]/.test(lower) ? /^s3:[a-z*?]+$/.test(lower) : KNOWN.has(lower);
}
