/** S3's error codes, with the statuses, messages and extra `<Error>` members S3 answers with. */
import { AwsError } from '../../errors.ts';

/** The bucket does not exist. */
export class NoSuchBucket extends AwsError {
  constructor(bucket: string) {
    super('NoSuchBucket', 'The specified bucket does not exist', { status: 404, fields: { BucketName: bucket } });
  }
}

/** The key does not exist in the bucket. */
export class NoSuchKey extends AwsError {
  constructor(key: string) {
    super('NoSuchKey', 'The specified key does not exist.', { status: 404, fields: { Key: key } });
  }
}

/** The multipart upload does not exist (never started, aborted or completed). */
export class NoSuchUpload extends AwsError {
  constructor(uploadId: string) {
    super('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', {
      status: 404,
      fields: { UploadId: uploadId },
    });
  }
}

/** The caller already owns a bucket of that name. */
export class BucketAlreadyOwnedByYou extends AwsError {
  constructor(bucket: string) {
    super('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', { status: 409, fields: { BucketName: bucket } });
  }
}

/** Another account owns a bucket of that name: bucket names are global. */
export class BucketAlreadyExists extends AwsError {
  constructor(bucket: string) {
    super('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', {
      status: 409,
      fields: { BucketName: bucket },
    });
  }
}

/** DeleteBucket on a bucket that still holds objects. */
export class BucketNotEmpty extends AwsError {
  constructor(bucket: string) {
    super('BucketNotEmpty', 'The bucket you tried to delete is not empty', { status: 409, fields: { BucketName: bucket } });
  }
}

/** The bucket name breaks S3's naming rules. */
export class InvalidBucketName extends AwsError {
  constructor(bucket: string) {
    super('InvalidBucketName', 'The specified bucket is not valid.', { status: 400, fields: { BucketName: bucket } });
  }
}

/** The caller may not touch the resource (another account's bucket, an expired presigned URL). */
export class AccessDenied extends AwsError {
  constructor(message = 'Access Denied', fields: Record<string, unknown> = {}) {
    super('AccessDenied', message, { status: 403, fields });
  }
}

/** A request parameter or header is not valid. */
export class InvalidArgument extends AwsError {
  constructor(message: string, name?: string, value?: string) {
    super('InvalidArgument', message, { status: 400, fields: name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' } });
  }
}

/** The request is not valid as a whole (checksum headers, copy onto itself, ...). */
export class InvalidRequest extends AwsError {
  constructor(message: string) {
    super('InvalidRequest', message, { status: 400 });
  }
}

/** The body's checksum or Content-MD5 does not match what was sent with it. */
export class BadDigest extends AwsError {
  constructor(message: string) {
    super('BadDigest', message, { status: 400 });
  }
}

/** The Content-MD5 header is not a base64 MD5 digest. */
export class InvalidDigest extends AwsError {
  constructor() {
    super('InvalidDigest', 'The Content-MD5 you specified was not valid.', { status: 400 });
  }
}

/** `x-amz-content-sha256` does not match the body. */
export class XAmzContentSHA256Mismatch extends AwsError {
  constructor(sent: string, computed: string) {
    super('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
      status: 400,
      fields: { ClientComputedContentSHA256: sent, S3ComputedContentSHA256: computed },
    });
  }
}

/** The body is shorter or longer than its declared length, or its aws-chunked framing is broken. */
export class IncompleteBody extends AwsError {
  constructor(message = 'You did not provide the number of bytes specified by the Content-Length HTTP header') {
    super('IncompleteBody', message, { status: 400 });
  }
}

/** A Range that starts past the end of the object. */
export class InvalidRange extends AwsError {
  constructor(range: string, size: number) {
    super('InvalidRange', 'The requested range is not satisfiable', { status: 416, fields: { RangeRequested: range, ActualObjectSize: size } });
  }
}

/** An If-Match / If-Unmodified-Since (or If-None-Match on a write) condition did not hold. */
export class PreconditionFailed extends AwsError {
  constructor(condition: string) {
    super('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { status: 412, fields: { Condition: condition } });
  }
}

/** The answer to a conditional read whose object has not changed (sent without a body). */
export class NotModified extends AwsError {
  constructor(headers: Record<string, string>) {
    super('NotModified', 'Not Modified', { status: 304, headers });
  }
}

/** A part named in CompleteMultipartUpload is missing or its ETag differs. */
export class InvalidPart extends AwsError {
  constructor(uploadId: string, partNumber: number, etag: string) {
    super('InvalidPart', "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.", {
      status: 400,
      fields: { UploadId: uploadId, PartNumber: partNumber, ETag: etag },
    });
  }
}

/** CompleteMultipartUpload lists parts out of ascending order. */
export class InvalidPartOrder extends AwsError {
  constructor(uploadId: string) {
    super('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', { status: 400, fields: { UploadId: uploadId } });
  }
}

/** A part other than the last is under 5 MiB. */
export class EntityTooSmall extends AwsError {
  constructor(size: number, minimum: number, partNumber: number, etag: string) {
    super('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
      status: 400,
      fields: { ProposedSize: size, MinSizeAllowed: minimum, PartNumber: partNumber, ETag: etag },
    });
  }
}

/** The XML body is not well-formed or lacks required elements. */
export class MalformedXML extends AwsError {
  constructor() {
    super('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', { status: 400 });
  }
}

/** The method makes no sense on the addressed resource. */
export class MethodNotAllowed extends AwsError {
  constructor(method: string, resourceType: string) {
    super('MethodNotAllowed', 'The specified method is not allowed against this resource.', { status: 405, fields: { Method: method, ResourceType: resourceType } });
  }
}

/** A sub-resource or feature of S3 the emulator does not offer. */
export class NotImplemented extends AwsError {
  constructor(what: string) {
    super('NotImplemented', `${what} is not implemented by the workshop emulator; run this step against LocalStack or AWS (--target).`, { status: 501 });
  }
}

/** The LocationConstraint is not a region, or is us-east-1 (which takes none). */
export class InvalidLocationConstraint extends AwsError {
  constructor(constraint: string) {
    super('InvalidLocationConstraint', 'The specified location-constraint is not valid', { status: 400, fields: { LocationConstraint: constraint } });
  }
}

/** The LocationConstraint differs from the region the request was sent to. */
export class IllegalLocationConstraintException extends AwsError {
  constructor(constraint: string | undefined) {
    const which = constraint ? `The ${constraint} location constraint` : 'The unspecified location constraint';
    super('IllegalLocationConstraintException', `${which} is incompatible for the region specific endpoint this request was sent to.`, { status: 400 });
  }
}

/** A tag set breaks S3's tag rules; S3 names the tag at fault. */
export class InvalidTag extends AwsError {
  constructor(message: string, fields: Record<string, string> = {}) {
    super('InvalidTag', message, { status: 400, fields });
  }
}

/** A request S3 refuses as a whole, such as too many tags. */
export class BadRequest extends AwsError {
  constructor(message: string) {
    super('BadRequest', message, { status: 400 });
  }
}

/** GetBucketTagging on a bucket without tags. */
export class NoSuchTagSet extends AwsError {
  constructor(bucket: string) {
    super('NoSuchTagSet', 'The TagSet does not exist', { status: 404, fields: { BucketName: bucket } });
  }
}

/** GetObject or HeadObject with a partNumber the object does not have. */
export class InvalidPartNumber extends AwsError {
  constructor(requested: number, count: number) {
    super('InvalidPartNumber', 'The requested partnumber is not satisfiable', { status: 416, fields: { PartNumberRequested: requested, ActualPartCount: count } });
  }
}

/** An object key over 1024 bytes. */
export class KeyTooLongError extends AwsError {
  constructor() {
    super('KeyTooLongError', 'Your key is too long', { status: 400 });
  }
}

/** User metadata over 2 KB. */
export class MetadataTooLarge extends AwsError {
  constructor(size: number) {
    super('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', { status: 400, fields: { Size: size, MaxSizeAllowed: 2048 } });
  }
}

/** A presigned URL's query authentication is malformed. */
export class AuthorizationQueryParametersError extends AwsError {
  constructor(message: string) {
    super('AuthorizationQueryParametersError', message, { status: 400 });
  }
}

/** A storage class S3 does not know. */
export class InvalidStorageClass extends AwsError {
  constructor() {
    super('InvalidStorageClass', 'The storage class you specified is not valid', { status: 400 });
  }
}

/** PutBucketPolicy with a document S3 does not accept; the message says which part is wrong. */
export class MalformedPolicy extends AwsError {
  constructor(message: string) {
    super('MalformedPolicy', message, { status: 400 });
  }
}

/** GetBucketPolicy or GetBucketPolicyStatus on a bucket without a policy. */
export class NoSuchBucketPolicy extends AwsError {
  constructor(bucket: string) {
    super('NoSuchBucketPolicy', 'The bucket policy does not exist', { status: 404, fields: { BucketName: bucket } });
  }
}

/** GetBucketLifecycleConfiguration on a bucket without lifecycle rules. */
export class NoSuchLifecycleConfiguration extends AwsError {
  constructor(bucket: string) {
    super('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', { status: 404, fields: { BucketName: bucket } });
  }
}

/** GetBucketWebsite, or a website endpoint, on a bucket without a website configuration. */
export class NoSuchWebsiteConfiguration extends AwsError {
  constructor(bucket: string) {
    super('NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', { status: 404, fields: { BucketName: bucket } });
  }
}
