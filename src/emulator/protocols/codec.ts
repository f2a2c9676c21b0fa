/** The contract every wire-protocol codec fulfils. */
import type { AwsError } from '../errors.ts';
import type { EmulatorRequest, EmulatorResponse, RawResult, ServiceDefinition } from '../types.ts';

/** A request decoded into an operation name and its input. */
export interface DecodedRequest {
  operation: string;
  input: Record<string, unknown>;
}

/** Decodes requests and encodes answers and errors for one wire protocol. */
export interface Codec {
  decode(request: EmulatorRequest, service: ServiceDefinition): DecodedRequest;
  encode(output: unknown, operation: string, service: ServiceDefinition, requestId: string): EmulatorResponse;
  encodeError(error: AwsError, service: ServiceDefinition, requestId: string): EmulatorResponse;
}

/** Wraps an operation's answer when it sets status, headers or a raw body itself. */
export function rawResult(result: Omit<RawResult, 'raw'>): RawResult {
  return { raw: true, ...result };
}

/** True when an operation returned a {@link RawResult}. */
export function isRawResult(value: unknown): value is RawResult {
  return typeof value === 'object' && value !== null && (value as RawResult).raw === true;
}

/** Serializes a JSON body the way AWS JSON protocols do: Dates as epoch seconds. */
export function toJsonBody(value: unknown): string {
  // JSON.stringify hands the replacer what Date.toJSON made of a Date; `this[key]` is the Date itself.
  return JSON.stringify(value ?? {}, function replacer(this: Record<string, unknown>, key: string, item: unknown) {
    const original = key === '' ? item : this[key];
    if (original instanceof Date) return original.getTime() / 1000;
    return item;
  });
}

/** Parses a JSON body; an empty body is an empty object. */
export function parseJsonBody(body: Buffer, onError: (message: string) => Error): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw onError('Start of structure or map found where not expected, or the body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw onError('The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
