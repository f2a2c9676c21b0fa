/** IAM's error codes, as its service model names them. */
import { AwsError } from '../../errors.ts';

/** The named role or policy does not exist. */
export class NoSuchEntity extends AwsError {
  constructor(message: string) {
    super('NoSuchEntity', message, { status: 404 });
  }
}

/** A role with that name exists already. */
export class EntityAlreadyExists extends AwsError {
  constructor(message: string) {
    super('EntityAlreadyExists', message, { status: 409 });
  }
}

/** The role still has policies and cannot be deleted. */
export class DeleteConflict extends AwsError {
  constructor(message: string) {
    super('DeleteConflict', message, { status: 409 });
  }
}

/** The policy document is not valid JSON. */
export class MalformedPolicyDocument extends AwsError {
  constructor(message: string) {
    super('MalformedPolicyDocument', message, { status: 400 });
  }
}

/** A parameter value is not valid. */
export class InvalidInput extends AwsError {
  constructor(message: string) {
    super('InvalidInput', message, { status: 400 });
  }
}

/** A parameter fails its pattern or length constraint. */
export class IamValidationError extends AwsError {
  constructor(message: string) {
    super('ValidationError', message, { status: 400 });
  }
}
