/** Lambda's error codes, as its service model (lambda/2015-03-31) names them, with its HTTP statuses. */
import { AwsError } from '../../errors.ts';

/** A parameter has a value Lambda does not accept. */
export class InvalidParameterValueException extends AwsError {
  constructor(message: string) {
    super('InvalidParameterValueException', message, { status: 400 });
  }
}

/** A value breaks a constraint of the service model (pattern, length, range), in AWS's validation wording. */
export class LambdaValidationException extends AwsError {
  constructor(message: string) {
    super('ValidationException', message, { status: 400 });
  }
}

/** The function, version, alias, policy or configuration does not exist. Lambda spells this member `Message`. */
export class ResourceNotFoundException extends AwsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, { status: 404, fields: { Message: message } });
  }
}

/** The resource exists already, or its state does not allow the operation now. */
export class ResourceConflictException extends AwsError {
  constructor(message: string) {
    super('ResourceConflictException', message, { status: 409 });
  }
}

/** A RevisionId precondition did not hold. */
export class PreconditionFailedException extends AwsError {
  constructor(message: string) {
    super('PreconditionFailedException', message, { status: 412 });
  }
}

/** Why a request was throttled, as Lambda's `ThrottleReason` enum says. */
export type ThrottleReason =
  | 'ConcurrentInvocationLimitExceeded'
  | 'FunctionInvocationRateLimitExceeded'
  | 'ReservedFunctionConcurrentInvocationLimitExceeded'
  | 'ReservedFunctionInvocationRateLimitExceeded'
  | 'CallerRateLimitExceeded';

/** The request was throttled: concurrency limits (reserved or account-wide) are reached. */
export class TooManyRequestsException extends AwsError {
  constructor(reason: ThrottleReason, message = 'Rate Exceeded.') {
    super('TooManyRequestsException', message, { status: 429, fields: { Reason: reason } });
  }
}

/** The invocation payload is larger than Lambda allows. */
export class RequestTooLargeException extends AwsError {
  constructor(message: string) {
    super('RequestTooLargeException', message, { status: 413 });
  }
}

/** A deployment package larger than a direct upload may be. */
export class RequestEntityTooLargeException extends AwsError {
  constructor(message: string) {
    super('RequestEntityTooLargeException', message, { status: 413 });
  }
}

/** The invocation payload is not JSON. */
export class InvalidRequestContentException extends AwsError {
  constructor(message: string) {
    super('InvalidRequestContentException', message, { status: 400 });
  }
}

/** Lambda's own failure (the emulator's runtime could not run the function). Lambda spells this member `Message`. */
export class ServiceException extends AwsError {
  constructor(message: string) {
    super('ServiceException', message, { status: 500, fields: { Message: message } });
  }
}

/** The resource policy would grow beyond Lambda's 20 KB limit. */
export class PolicyLengthExceededException extends AwsError {
  constructor(message: string) {
    super('PolicyLengthExceededException', message, { status: 400 });
  }
}
