/** DynamoDB's error codes, as its service model names them (client errors answer HTTP 400). */
import { AwsError } from '../../errors.ts';
import type { Item } from './attribute-values.ts';

/** A request breaks one of DynamoDB's rules; the message names which. */
export class DynamoValidationException extends AwsError {
  constructor(message: string) {
    super('ValidationException', message, { status: 400 });
  }
}

/** The table (or index) does not exist, or is not ACTIVE yet. */
export class ResourceNotFoundException extends AwsError {
  constructor(message = 'Requested resource not found') {
    super('ResourceNotFoundException', message, { status: 400 });
  }
}

/** The table exists already, or is being changed. */
export class ResourceInUseException extends AwsError {
  constructor(message: string) {
    super('ResourceInUseException', message, { status: 400 });
  }
}

/** A ConditionExpression evaluated to false; carries the old item when the caller asked for it. */
export class ConditionalCheckFailedException extends AwsError {
  constructor(item?: Item) {
    super('ConditionalCheckFailedException', 'The conditional request failed', { status: 400, fields: item ? { Item: item } : {} });
  }
}

/** One reason per action of a cancelled transaction, in request order. */
export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Item;
}

/** A transaction was cancelled; `CancellationReasons` says why, action by action. */
export class TransactionCanceledException extends AwsError {
  readonly reasons: CancellationReason[];

  constructor(reasons: CancellationReason[]) {
    const message = `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => reason.Code).join(', ')}]`;
    super('TransactionCanceledException', message, { status: 400, fields: { Message: message, CancellationReasons: reasons } });
    this.reasons = reasons;
  }
}

/** A ClientRequestToken was reused with a different request within its 10 minutes. */
export class IdempotentParameterMismatchException extends AwsError {
  constructor() {
    super('IdempotentParameterMismatchException', 'Specified idempotency token was used with different request parameters within the idempotency window.', { status: 400 });
  }
}

/** Too many tables or indexes being changed at once. */
export class LimitExceededException extends AwsError {
  constructor(message: string) {
    super('LimitExceededException', message, { status: 400 });
  }
}

/** Shorthand for the many "One or more parameter values were invalid: ..." messages. */
export function invalidParameter(detail: string): DynamoValidationException {
  return new DynamoValidationException(`One or more parameter values were invalid: ${detail}`);
}

/** The message of a member that fails a constraint, as AWS's request validation words it. */
export function constraintError(value: unknown, member: string, constraint: string): DynamoValidationException {
  const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return new DynamoValidationException(`1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}
