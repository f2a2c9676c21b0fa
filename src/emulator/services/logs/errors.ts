/** CloudWatch Logs' error codes, as its service model names them (every one answers HTTP 400). */
import { AwsError } from '../../errors.ts';

/** A parameter is missing, malformed or breaks one of the service's rules. */
export class InvalidParameterException extends AwsError {
  constructor(message: string) {
    super('InvalidParameterException', message, { status: 400 });
  }
}

/** The named log group, log stream or resource does not exist. */
export class ResourceNotFoundException extends AwsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, { status: 400 });
  }
}

/** A log group or log stream with that name exists already. */
export class ResourceAlreadyExistsException extends AwsError {
  constructor(message: string) {
    super('ResourceAlreadyExistsException', message, { status: 400 });
  }
}

/** A resource would carry more than 50 tags. */
export class TooManyTagsException extends AwsError {
  constructor(message: string, resourceName: string) {
    super('TooManyTagsException', message, { status: 400, fields: { resourceName } });
  }
}

/** Parameters that cannot go together, as AWS answers for a log group given both by name and by ARN. */
export class ValidationException extends AwsError {
  constructor(message: string) {
    super('ValidationException', message, { status: 400 });
  }
}

/** A log group already has its two subscription filters, or the region its ten resource policies. */
export class LimitExceededException extends AwsError {
  constructor(message = 'Resource limit exceeded.') {
    super('LimitExceededException', message, { status: 400 });
  }
}

/** The caller may not do this, as for a subscription filter that names another account's function. */
export class AccessDeniedException extends AwsError {
  constructor(message: string) {
    super('AccessDeniedException', message, { status: 400 });
  }
}

/** The message AWS gives for a missing log group. */
export const NO_SUCH_GROUP = 'The specified log group does not exist.';

/** The message AWS gives for a missing log stream. */
export const NO_SUCH_STREAM = 'The specified log stream does not exist.';

/** The message AWS gives for a token it did not issue. */
export const BAD_TOKEN = 'The specified nextToken is invalid.';
