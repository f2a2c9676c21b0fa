/**
 * SQS's error codes. SQS speaks JSON with the awsQueryCompatible trait: each error has its JSON
 * name (`__type`) and the legacy query code that the `x-amzn-query-error` header and query-protocol
 * answers carry, with the HTTP status the service model gives it.
 */
import { AwsError } from '../../errors.ts';

function legacy(queryCode: string, status = 400): { status: number; queryCode: string } {
  return { status, queryCode };
}

/** The queue named by a URL or name does not exist in the caller's account and region. */
export class QueueDoesNotExist extends AwsError {
  constructor(message = 'The specified queue does not exist.') {
    super('QueueDoesNotExist', message, legacy('AWS.SimpleQueueService.NonExistentQueue'));
  }
}

/** CreateQueue named an existing queue with different attributes. */
export class QueueNameExists extends AwsError {
  constructor(attribute: string) {
    super('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${attribute}`, legacy('QueueAlreadyExists'));
  }
}

/** An attribute name SQS does not know, or one that does not apply to this queue type. */
export class InvalidAttributeName extends AwsError {
  constructor(message: string) {
    super('InvalidAttributeName', message, legacy('InvalidAttributeName'));
  }
}

/** A queue attribute value out of range or malformed. */
export class InvalidAttributeValue extends AwsError {
  constructor(message: string) {
    super('InvalidAttributeValue', message, legacy('InvalidAttributeValue'));
  }
}

/** A request parameter out of range or not valid for the queue type (a common error, not in the model). */
export class InvalidParameterValue extends AwsError {
  constructor(message: string) {
    super('InvalidParameterValueException', message, legacy('InvalidParameterValue'));
  }
}

/** A required request parameter is absent (a common error, not in the model). */
export class MissingParameter extends AwsError {
  constructor(name: string) {
    super('MissingRequiredParameterException', `The request must contain the parameter ${name}.`, legacy('MissingParameter'));
  }
}

/** A message body with characters outside the allowed set. */
export class InvalidMessageContents extends AwsError {
  constructor() {
    super(
      'InvalidMessageContents',
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
      legacy('InvalidMessageContents'),
    );
  }
}

/** A receipt handle that SQS never issued. */
export class ReceiptHandleIsInvalid extends AwsError {
  constructor(handle: string) {
    super('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`, legacy('ReceiptHandleIsInvalid', 404));
  }
}

/** ChangeMessageVisibility on a message that is not in flight. */
export class MessageNotInflight extends AwsError {
  constructor() {
    super('MessageNotInflight', 'The message referred to is not in flight.', legacy('AWS.SimpleQueueService.MessageNotInflight'));
  }
}

/** A second PurgeQueue within 60 seconds. */
export class PurgeQueueInProgress extends AwsError {
  constructor(queueName: string) {
    super('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`, legacy('AWS.SimpleQueueService.PurgeQueueInProgress', 403));
  }
}

/** A batch request without entries. */
export class EmptyBatchRequest extends AwsError {
  constructor(entryName: string) {
    super('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`, legacy('AWS.SimpleQueueService.EmptyBatchRequest'));
  }
}

/** A batch request with more than 10 entries. */
export class TooManyEntriesInBatchRequest extends AwsError {
  constructor(count: number) {
    super('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${count}.`, legacy('AWS.SimpleQueueService.TooManyEntriesInBatchRequest'));
  }
}

/** Two batch entries with the same Id. */
export class BatchEntryIdsNotDistinct extends AwsError {
  constructor(id: string) {
    super('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, legacy('AWS.SimpleQueueService.BatchEntryIdsNotDistinct'));
  }
}

/** A batch entry Id with characters SQS does not allow, or too long. */
export class InvalidBatchEntryId extends AwsError {
  constructor() {
    super(
      'InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      legacy('AWS.SimpleQueueService.InvalidBatchEntryId'),
    );
  }
}

/** A SendMessageBatch whose messages add up to more than the batch limit. */
export class BatchRequestTooLong extends AwsError {
  constructor(limit: number, size: number) {
    super('BatchRequestTooLong', `Batch requests cannot be longer than ${limit} bytes. You have sent ${size} bytes.`, legacy('AWS.SimpleQueueService.BatchRequestTooLong'));
  }
}

/** A QueueUrl that is not a queue address at all. */
export class InvalidAddress extends AwsError {
  constructor(address: string) {
    super('InvalidAddress', `The address ${address} is not valid for this endpoint.`, legacy('InvalidAddress', 404));
  }
}

/** An operation the emulator recognises but does not support. */
export class UnsupportedOperation extends AwsError {
  constructor(message: string) {
    super('UnsupportedOperation', message, legacy('AWS.SimpleQueueService.UnsupportedOperation'));
  }
}

/** Another account's queue whose policy does not allow the caller this action. */
export class AccessDenied extends AwsError {
  constructor(endpoint: string) {
    super('AccessDeniedException', `Access to the resource ${endpoint} is denied.`, legacy('AccessDenied', 403));
  }
}

/** The code a batch entry's failure reports: the legacy query code, as AWS writes it in `Failed`. */
export function batchErrorCode(error: AwsError): string {
  return error.queryCode ?? error.code;
}
