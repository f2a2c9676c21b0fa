/**
 * Amazon S3: buckets in a global namespace, objects with metadata, ranges, parts, conditional
 * reads, copies, object and bucket tags, additional checksums and aws-chunked uploads, multipart
 * uploads, listings, presigned URLs, bucket policies (enforced for other accounts, anonymous
 * callers and explicit Denies), lifecycle rules (expiry and aborting uploads by a background
 * sweep), static website hosting, and `Object Created` / `Object Deleted` events to EventBridge.
 * Requests are addressed path style or virtual-host style; operations are chosen by dispatch.ts.
 *
 * LIMITATIONS: objects live in memory (and in the state file when persistence is on), so very
 * large objects cost their size in RAM and one PUT takes at most 512 MB (AWS: 5 GB); SigV4
 * signatures are verified only where the emulator has secrets (grading; chunk signatures never),
 * elsewhere only presigned URLs' shape and expiry are; no versioning, ACLs, CORS, encryption
 * settings, object lock or public access blocks (these sub-resources answer NotImplemented once
 * the bucket is found); bucket policies know accounts and `"*"` as principals (credentials are an
 * account's root, so identity policies never narrow an owner's calls), the IAM condition operators
 * of policy/resource-policy.ts and no NotPrincipal/NotAction/NotResource, and DeleteObjects is
 * checked once on `bucket/*` rather than per key; lifecycle transitions and noncurrent-version
 * actions are stored only, expiry sends no event, and CreateMultipartUpload carries no
 * `x-amz-abort-date`; website endpoints answer GET and HEAD for what the policy opens to everyone,
 * with no conditional or ranged reads; a bucket answers through any region's endpoint (no
 * PermanentRedirect); POST form uploads and the XXHASH/SHA512/MD5 additional checksums are not
 * offered; notification configurations for SNS, SQS and Lambda are stored but nothing is sent to
 * them (only EventBridge delivers); paths are normalized by the HTTP front, so keys containing `.`
 * or `..` segments cannot be addressed.
 */
import { s3Persistence } from './persistence.ts';
import type { Operation, OperationContext, ServiceDefinition } from '../../types.ts';
import { loadXmlParser, type RestXmlHooks } from '../../protocols/rest-xml.ts';
import { authorize } from './authorize.ts';
import { DeleteBucketPolicy, GetBucketPolicy, GetBucketPolicyStatus, PutBucketPolicy } from './bucket-policy.ts';
import { DeleteBucketTagging, GetBucketTagging, PutBucketTagging } from './bucket-tagging.ts';
import { CreateBucket, DeleteBucket, GetBucketLocation, HeadBucket, ListBuckets } from './buckets.ts';
import { BucketRegistry, findBucket, s3Call, type S3Call, type S3Input } from './context.ts';
import { CopyObject } from './copy.ts';
import { resolveS3Request, unsupported, UNSUPPORTED_OPERATION } from './dispatch.ts';
import { NotImplemented } from './errors.ts';
import { DeleteBucketLifecycle, GetBucketLifecycleConfiguration, PutBucketLifecycleConfiguration } from './lifecycle.ts';
import { startLifecycleSweeper } from './lifecycle-sweep.ts';
import { ListObjects, ListObjectsV2 } from './listing.ts';
import { createS3State, type S3State } from './model.ts';
import { AbortMultipartUpload, CreateMultipartUpload, UploadPart, UploadPartCopy } from './multipart.ts';
import { CompleteMultipartUpload } from './multipart-complete.ts';
import { ListMultipartUploads, ListParts } from './multipart-list.ts';
import { GetBucketNotificationConfiguration, PutBucketNotificationConfiguration } from './notifications.ts';
import { DeleteObject, DeleteObjects, PutObject } from './objects.ts';
import { GetObject, HeadObject } from './reads.ts';
import { DeleteObjectTagging, GetObjectTagging, PutObjectTagging } from './tagging.ts';
import { websiteDoor } from './website.ts';
import { DeleteBucketWebsite, GetBucketWebsite, PutBucketWebsite } from './website-config.ts';

const NAME = 's3';

/** The root element of each operation's XML answer, as S3 names it. */
const XML_ROOTS: Record<string, string> = {
  ListBuckets: 'ListAllMyBucketsResult',
  ListObjects: 'ListBucketResult',
  ListObjectsV2: 'ListBucketResult',
  CreateMultipartUpload: 'InitiateMultipartUploadResult',
  CompleteMultipartUpload: 'CompleteMultipartUploadResult',
  UploadPartCopy: 'CopyPartResult',
  CopyObject: 'CopyObjectResult',
  DeleteObjects: 'DeleteResult',
  ListMultipartUploads: 'ListMultipartUploadsResult',
  ListParts: 'ListPartsResult',
  GetObjectTagging: 'Tagging',
  GetBucketTagging: 'Tagging',
  GetBucketNotificationConfiguration: 'NotificationConfiguration',
  GetBucketPolicyStatus: 'PolicyStatus',
  GetBucketLifecycleConfiguration: 'LifecycleConfiguration',
  GetBucketWebsite: 'WebsiteConfiguration',
};

/** A sub-resource S3 has and the emulator does not: NotImplemented, once the bucket is known to exist. */
function UnsupportedSubresource(call: S3Call): never {
  findBucket(call);
  throw new NotImplemented(`The ?${unsupported(call.query) ?? 'unknown'} sub-resource`);
}

const HANDLERS: Record<string, (call: S3Call) => unknown> = {
  CreateBucket, HeadBucket, ListBuckets, DeleteBucket, GetBucketLocation,
  PutBucketNotificationConfiguration, GetBucketNotificationConfiguration,
  PutBucketTagging, GetBucketTagging, DeleteBucketTagging,
  PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus,
  PutBucketLifecycleConfiguration, GetBucketLifecycleConfiguration, DeleteBucketLifecycle,
  PutBucketWebsite, GetBucketWebsite, DeleteBucketWebsite,
  PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, CopyObject, ListObjects, ListObjectsV2,
  PutObjectTagging, GetObjectTagging, DeleteObjectTagging,
  CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload, AbortMultipartUpload, ListMultipartUploads, ListParts,
  [UNSUPPORTED_OPERATION]: UnsupportedSubresource,
};

/** The S3 service: a definition plus the REST-XML hooks that decode its requests. */
export type S3Service = ServiceDefinition<S3State> & RestXmlHooks;

/** Creates the S3 service (a factory: each emulator has its own bucket-name registry, lifecycle sweep and website endpoint). */
export function createS3Service(): S3Service {
  const registry = new BucketRegistry(NAME);
  let stopSweeper: (() => void) | undefined;
  const operation =
    (name: string, handler: (call: S3Call) => unknown): Operation<S3State> =>
    (input: S3Input | undefined, context: OperationContext<S3State>) => {
      const call = s3Call(input, context, registry);
      authorize(call, name);
      return handler(call);
    };
  return {
    name: NAME,
    signingNames: ['s3'],
    protocol: 'rest-xml',
    global: true,
    // Unsigned calls reach the operations as anonymous: a bucket policy may open a bucket to everyone.
    acceptsUnsigned: true,
    createState: createS3State,
    persistence: s3Persistence,
    resolve: resolveS3Request,
    xmlRoots: XML_ROOTS,
    prepare: loadXmlParser,
    operations: Object.fromEntries(Object.entries(HANDLERS).map(([name, handler]) => [name, operation(name, handler)])),
    start(emulator) {
      stopSweeper = startLifecycleSweeper(emulator, NAME);
      emulator.addFrontDoor(websiteDoor(emulator, registry));
    },
    stop() {
      stopSweeper?.();
      stopSweeper = undefined;
    },
  };
}
