/** DynamoDB Streams' error codes, as its service model names them (client errors answer HTTP 400). */
import { AwsError } from '../../errors.ts';

/** A parameter breaks one of the API's rules. */
export class StreamsValidationException extends AwsError {
  constructor(message: string) {
    super('ValidationException', message, { status: 400 });
  }
}

/** The stream or shard does not exist (or is no longer kept). */
export class StreamsResourceNotFoundException extends AwsError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, { status: 400 });
  }
}

/** A shard iterator older than 15 minutes: get a new one with GetShardIterator. */
export class ExpiredIteratorException extends AwsError {
  constructor(message: string) {
    super('ExpiredIteratorException', message, { status: 400 });
  }
}

/** The records asked for are older than the 24-hour retention and have been trimmed. */
export class TrimmedDataAccessException extends AwsError {
  constructor(message: string) {
    super('TrimmedDataAccessException', message, { status: 400 });
  }
}

/** The value of a member that fails a constraint, in the words of AWS's request validation. */
export function constraintFailure(value: unknown, member: string, constraint: string): StreamsValidationException {
  const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return new StreamsValidationException(`1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
}
