/** EventBridge's error codes, as its service model names them. */
import { AwsError } from '../../errors.ts';

/** A bus, rule or target that does not exist. */
export class ResourceNotFoundException extends AwsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, { status: 400 });
  }
}

/** A bus with that name exists already. */
export class ResourceAlreadyExistsException extends AwsError {
  constructor(message: string) {
    super('ResourceAlreadyExistsException', message, { status: 400 });
  }
}

/** An event pattern EventBridge would not accept. */
export class InvalidEventPatternException extends AwsError {
  constructor(message: string) {
    super('InvalidEventPatternException', message, { status: 400 });
  }
}

/** A parameter that breaks a constraint, or a rule deleted while it still has targets. */
export class EventsValidationException extends AwsError {
  constructor(message: string) {
    super('ValidationException', message, { status: 400 });
  }
}

/** Too many rules, targets or buses. */
export class LimitExceededException extends AwsError {
  constructor(message: string) {
    super('LimitExceededException', message, { status: 400 });
  }
}

/** A request EventBridge refuses for the state the resource is in. */
export class IllegalStatusException extends AwsError {
  constructor(message: string) {
    super('IllegalStatusException', message, { status: 400 });
  }
}

/** A bus policy over EventBridge's 10 KB limit. */
export class PolicyLengthExceededException extends AwsError {
  constructor(message: string) {
    super('PolicyLengthExceededException', message, { status: 400 });
  }
}
