/** Secrets Manager's error codes, as its service model names them (every one answers HTTP 400). */
import { AwsError } from '../../errors.ts';

/** The secret, or the version asked for, does not exist. */
export class ResourceNotFoundException extends AwsError {
  constructor(message = 'Secrets Manager can\'t find the specified secret.') {
    super('ResourceNotFoundException', message, { status: 400 });
  }
}

/** A secret with that name exists, or a ClientRequestToken was used for another value. */
export class ResourceExistsException extends AwsError {
  constructor(message: string) {
    super('ResourceExistsException', message, { status: 400 });
  }
}

/** A parameter's value breaks one of the service's rules. */
export class InvalidParameterException extends AwsError {
  constructor(message: string) {
    super('InvalidParameterException', message, { status: 400 });
  }
}

/** The secret's state does not allow the call (marked for deletion, say). */
export class InvalidRequestException extends AwsError {
  constructor(message: string) {
    super('InvalidRequestException', message, { status: 400 });
  }
}

/** A NextToken this emulator did not issue. */
export class InvalidNextTokenException extends AwsError {
  constructor() {
    super('InvalidNextTokenException', 'The NextToken value is invalid.', { status: 400 });
  }
}

/** AWS's words for any call but Describe and Restore on a secret scheduled for deletion. */
export const MARKED_FOR_DELETION = 'You can\'t perform this operation on the secret because it was marked for deletion.';
