/**
 * SNS's error codes (query protocol): the code each error answers with and its HTTP status, as
 * the service model gives them. Messages follow AWS's words (`Invalid parameter: ...`).
 */
import { AwsError } from '../../errors.ts';

/** A parameter is missing, malformed or not allowed here. */
export class InvalidParameter extends AwsError {
  constructor(message: string) {
    super('InvalidParameter', message, { status: 400 });
  }
}

/** A parameter value is out of range (Publish's message size, an attribute's value). */
export class ParameterValueInvalid extends AwsError {
  constructor(message: string) {
    super('ParameterValueInvalid', message, { status: 400 });
  }
}

/** The topic or subscription does not exist. */
export class NotFound extends AwsError {
  constructor(message: string) {
    super('NotFound', message, { status: 404 });
  }
}

/** The resource to tag does not exist. */
export class ResourceNotFound extends AwsError {
  constructor(message: string) {
    super('ResourceNotFound', message, { status: 404 });
  }
}

/** A resource would carry more than 50 tags. */
export class TagLimitExceeded extends AwsError {
  constructor() {
    super('TagLimitExceeded', 'Could not complete request: tag quota of per resource exceeded', { status: 400 });
  }
}

/** A filter policy beyond SNS's limits (200 filter policies per topic and the like). */
export class FilterPolicyLimitExceeded extends AwsError {
  constructor(message: string) {
    super('FilterPolicyLimitExceeded', message, { status: 403 });
  }
}

/** Two entries of a PublishBatch share an Id. */
export class BatchEntryIdsNotDistinct extends AwsError {
  constructor() {
    super('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.', { status: 400 });
  }
}

/** A PublishBatch with no entries. */
export class EmptyBatchRequest extends AwsError {
  constructor() {
    super('EmptyBatchRequest', 'The batch request doesn\'t contain any entries.', { status: 400 });
  }
}

/** A PublishBatch with more than 10 entries. */
export class TooManyEntriesInBatchRequest extends AwsError {
  constructor() {
    super('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.', { status: 400 });
  }
}

/** A PublishBatch whose entries add up to more than 256 KB. */
export class BatchRequestTooLong extends AwsError {
  constructor() {
    super('BatchRequestTooLong', 'The length of all the messages put together is more than the limit.', { status: 400 });
  }
}

/** A batch entry Id with characters or a length SNS does not accept. */
export class InvalidBatchEntryId extends AwsError {
  constructor() {
    super('InvalidBatchEntryId', 'The Id of a batch entry in a batch request doesn\'t abide by the specification. Use at most 80 letters, digits, hyphens and underscores.', { status: 400 });
  }
}

/** An unknown action on SNS (the emulator does not answer platform applications and SMS sandbox calls). */
export class NotEmulated extends AwsError {
  constructor(action: string) {
    super('InvalidAction', `${action} is not emulated: this emulator answers topics, subscriptions and publishing only.`, { status: 400 });
  }
}

/** The emulator's own fault, in SNS's words. */
export class InternalError extends AwsError {
  constructor(message: string) {
    super('InternalError', message, { status: 500, fault: 'Receiver' });
  }
}
