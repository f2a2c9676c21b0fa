/** CloudFormation's error codes, as its service model names them. */
import { AwsError } from '../../errors.ts';

/** CloudFormation's answer to any invalid request, template or state (its code for most client errors). */
export class ValidationError extends AwsError {
  constructor(message: string) {
    super('ValidationError', message, { status: 400 });
  }
}

/** A stack or change set with that name exists already. */
export class AlreadyExistsException extends AwsError {
  constructor(message: string) {
    super('AlreadyExistsException', message, { status: 400 });
  }
}

/** The template creates IAM resources and the caller did not acknowledge it. */
export class InsufficientCapabilitiesException extends AwsError {
  constructor(message: string) {
    super('InsufficientCapabilitiesException', message, { status: 400 });
  }
}

/** No change set has that name or id. */
export class ChangeSetNotFoundException extends AwsError {
  constructor(name: string) {
    super('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, { status: 404 });
  }
}

/** The change set cannot be executed or deleted in its current status. */
export class InvalidChangeSetStatusException extends AwsError {
  constructor(message: string) {
    super('InvalidChangeSetStatus', message, { status: 400 });
  }
}

/** A template error found while a stack deploys: fails the resource or the stack, never the request. */
export class TemplateError extends Error {}
