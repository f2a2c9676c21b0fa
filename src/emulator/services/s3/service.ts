/**
 * Amazon S3: buckets in a global namespace, objects with metadata, ranges, parts, conditional
 * reads, copies, object and bucket tags, additional checksums and aws-chunked uploads, multipart
 * uploads, listings, presigned URLs, and `Object Created` / `Object Deleted` events to
 * EventBridge. Requests are addressed path style or virtual-host style; operations are chosen by
 * dispatch.ts.
 *
 * LIMITATIONS: objects live in memory (and in the state file when persistence is on), so very
 * large objects cost their size in RAM and one PUT takes at most 512 MB (AWS: 5 GB); SigV4
 * signatures are verified only where the emulator has secrets (grading; chunk signatures never),
 * elsewhere only presigned URLs' shape and expiry are; no versioning, ACLs, bucket policies, CORS,
 * lifecycle, encryption settings, object lock or website hosting (these sub-resources answer
 * NotImplemented); another account's bucket is always AccessDenied; a bucket answers through any
 * region's endpoint (no PermanentRedirect); POST form uploads and the XXHASH/SHA512/MD5 additional
 * checksums are not offered; notification configurations for SNS, SQS and Lambda are stored but
 * nothing is sent to them (only EventBridge delivers); paths are normalized by the HTTP front, so
 * keys containing `.` or `..` segments cannot be addressed.
 */
import { s3Persistence } from './persistence.ts';
import type { Operation, OperationContext, ServiceDefinition } from '../../types.ts';
import type { RestXmlHooks } from '../../protocols/rest-xml.ts';
import { DeleteBucketTagging, GetBucketTagging, PutBucketTagging } from './bucket-tagging.ts';
import { CreateBucket, DeleteBucket, GetBucketLocation, HeadBucket, ListBuckets } from './buckets.ts';
import { BucketRegistry, s3Call, type S3Call, type S3Input } from './context.ts';
import { CopyObject } from './copy.ts';
import { resolveS3Request } from './dispatch.ts';
import { ListObjects, ListObjectsV2 } from './listing.ts';
import { createS3State, type S3State } from './model.ts';
import { AbortMultipartUpload, CreateMultipartUpload, UploadPart, UploadPartCopy } from './multipart.ts';
import { CompleteMultipartUpload } from './multipart-complete.ts';
import { ListMultipartUploads, ListParts } from './multipart-list.ts';
import { GetBucketNotificationConfiguration, PutBucketNotificationConfiguration } from './notifications.ts';
import { DeleteObject, DeleteObjects, PutObject } from './objects.ts';
import { GetObject, HeadObject } from './reads.ts';
import { DeleteObjectTagging, GetObjectTagging, PutObjectTagging } from './tagging.ts';

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
};

/** The S3 service: a definition plus the REST-XML hooks that decode its requests. */
export type S3Service = ServiceDefinition<S3State> & RestXmlHooks;

/** Creates the S3 service (a factory: each emulator has its own bucket-name registry). */
export function createS3Service(): S3Service {
  const registry = new BucketRegistry(NAME);
  const operation =
    (handler: (call: S3Call) => unknown): Operation<S3State> =>
    (input: S3Input | undefined, context: OperationContext<S3State>) =>
      handler(s3Call(input, context, registry));
  return {
    name: NAME,
    signingNames: ['s3'],
    protocol: 'rest-xml',
    global: true,
    createState: createS3State,
    persistence: s3Persistence,
    resolve: resolveS3Request,
    xmlRoots: XML_ROOTS,
    operations: {
      CreateBucket: operation(CreateBucket),
      HeadBucket: operation(HeadBucket),
      ListBuckets: operation(ListBuckets),
      DeleteBucket: operation(DeleteBucket),
      GetBucketLocation: operation(GetBucketLocation),
      PutBucketNotificationConfiguration: operation(PutBucketNotificationConfiguration),
      GetBucketNotificationConfiguration: operation(GetBucketNotificationConfiguration),
      PutBucketTagging: operation(PutBucketTagging),
      GetBucketTagging: operation(GetBucketTagging),
      DeleteBucketTagging: operation(DeleteBucketTagging),
      PutObject: operation(PutObject),
      GetObject: operation(GetObject),
      HeadObject: operation(HeadObject),
      DeleteObject: operation(DeleteObject),
      DeleteObjects: operation(DeleteObjects),
      CopyObject: operation(CopyObject),
      ListObjects: operation(ListObjects),
      ListObjectsV2: operation(ListObjectsV2),
      PutObjectTagging: operation(PutObjectTagging),
      GetObjectTagging: operation(GetObjectTagging),
      DeleteObjectTagging: operation(DeleteObjectTagging),
      CreateMultipartUpload: operation(CreateMultipartUpload),
      UploadPart: operation(UploadPart),
      UploadPartCopy: operation(UploadPartCopy),
      CompleteMultipartUpload: operation(CompleteMultipartUpload),
      AbortMultipartUpload: operation(AbortMultipartUpload),
      ListMultipartUploads: operation(ListMultipartUploads),
      ListParts: operation(ListParts),
    },
  };
}
