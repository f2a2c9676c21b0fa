/** IAM's error codes, as its service model names them. */
import { AwsError } from '../../errors.ts';

/** The named role or policy does not exist. */
export class NoSuchEntity extends AwsError {
  constructor(message: string) {
    super('NoSuchEntity', message, { status: 404 });
  }
}

/** A role or policy with that name exists already. */
export class EntityAlreadyExists extends AwsError {
  constructor(message: string) {
    super('EntityAlreadyExists', message, { status: 409 });
  }
}

/** The role or policy is still in use (attached, versioned, the default) and cannot be deleted. */
export class DeleteConflict extends AwsError {
  constructor(message: string) {
    super('DeleteConflict', message, { status: 409 });
  }
}

/** The policy document breaks IAM's policy grammar. */
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

/** An IAM quota would be exceeded (policy size, versions, attachments); AWS answers 409. */
export class LimitExceeded extends AwsError {
  constructor(message: string) {
    super('LimitExceeded', message, { status: 409 });
  }
}

/** The caller may not change what another account (AWS itself) owns. */
export class AccessDenied extends AwsError {
  constructor(message: string) {
    super('AccessDenied', message, { status: 403 });
  }
}
