/**
 * AWS-shaped errors. Models throw these; the protocol codecs turn them into each protocol's error
 * answer. One class per AWS error code lives in each service's errors.ts.
 */

/** Options of an {@link AwsError}. */
export interface AwsErrorOptions {
  /** HTTP status; 400 unless given. */
  status?: number;
  /** Sender (client) or Receiver (server) fault, for the query and REST-XML protocols. */
  fault?: 'Sender' | 'Receiver';
  /** Extra members of the error body, like DynamoDB's CancellationReasons. */
  fields?: Record<string, unknown>;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** The code the query-compatible JSON protocol sends in x-amzn-query-error (SQS). */
  queryCode?: string;
}

/** An error answered with AWS's error code, HTTP status and message. */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: 'Sender' | 'Receiver';
  readonly fields: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly queryCode: string | undefined;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = options.status ?? 400;
    this.fault = options.fault ?? (this.status >= 500 ? 'Receiver' : 'Sender');
    this.fields = options.fields ?? {};
    this.headers = options.headers ?? {};
    this.queryCode = options.queryCode;
  }
}

/**
 * A client's value as an error message shows it. Never throws: a decoded JSON object may carry its
 * own `toString` or `valueOf` member, which makes String(value) fail.
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value).slice(0, 1000);
  } catch {
    return '[unprintable value]';
  }
}

/** True when `error` is an {@link AwsError}. */
export function isAwsError(error: unknown): error is AwsError {
  return error instanceof AwsError;
}

/** The answer of a JSON service to an operation it does not have. */
export class UnknownOperationException extends AwsError {
  constructor(operation: string) {
    super('UnknownOperationException', `Unknown operation ${operation}`, { status: 400 });
  }
}

/** A body that could not be parsed. */
export class SerializationException extends AwsError {
  constructor(message: string) {
    super('SerializationException', message, { status: 400 });
  }
}

/** A generic validation failure, for services whose model names it. */
export class ValidationException extends AwsError {
  constructor(message: string) {
    super('ValidationException', message, { status: 400 });
  }
}

/** The answer of a query service to an unknown Action. */
export class InvalidAction extends AwsError {
  constructor(action: string) {
    super('InvalidAction', `The action ${action} is not valid for this web service.`, { status: 400 });
  }
}

/** A required parameter was missing (query protocol services). */
export class MissingParameter extends AwsError {
  constructor(name: string) {
    super('MissingParameter', `The request must contain the parameter ${name}.`, { status: 400 });
  }
}

/** The emulator's own fault: reported as AWS reports a server error, never a crash. */
export class InternalFailure extends AwsError {
  constructor(message: string) {
    super('InternalFailure', message, { status: 500, fault: 'Receiver' });
  }
}
