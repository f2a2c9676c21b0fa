/**
 * Validation of what SendMessage (and each SendMessageBatch entry) carries: the body's characters
 * and size, message attributes, the AWSTraceHeader system attribute, DelaySeconds and the FIFO
 * group and deduplication ids, with SQS's error codes and messages.
 */
import { InvalidMessageContents, InvalidParameterValue, MissingParameter } from './errors.ts';
import { sha256Hex } from './md5.ts';
import { integerParam } from './queues.ts';
import type { AttributeValue, Queue } from './state.ts';
import { dict } from '../../dict.ts';

/** A message that passed every check, ready to enqueue. */
export interface CheckedMessage {
  body: string;
  attributes: Record<string, AttributeValue>;
  traceHeader?: string;
  delaySeconds: number;
  groupId?: string;
  dedupId?: string;
}

// Characters XML 1.0 allows, which is what SQS accepts in bodies and string values.
const INVALID_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const TOKEN = /^[\x21-\x7e]{1,128}$/;

function toBytes(value: unknown): Buffer | undefined {
  if (value === undefined || value === null) return undefined;
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  return undefined;
}

function checkAttributeName(name: string, kind: string): void {
  const reserved = /^(aws\.|amazon\.)/i.test(name);
  if (!ATTRIBUTE_NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..') || reserved) {
    throw new InvalidParameterValue(
      `Message ${kind} attribute name '${name}' is invalid: use up to 256 letters, digits, '_', '-' and '.', not starting or ending with '.', without '..', and not starting with 'AWS.' or 'Amazon.'.`,
    );
  }
}

function checkAttributeValue(name: string, raw: unknown): AttributeValue {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const type = value.DataType;
  if (typeof type !== 'string' || type === '') throw new InvalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
  const base = /^(String|Number|Binary)(\..+)?$/.exec(type)?.[1];
  if (!base || type.length > 256) {
    throw new InvalidParameterValue(`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
  }
  if (value.StringListValues !== undefined || value.BinaryListValues !== undefined) {
    throw new InvalidParameterValue(`Message attribute list values in SendMessage operation are not supported (attribute '${name}').`);
  }
  const missing = (): InvalidParameterValue =>
    new InvalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`);
  if (base === 'Binary') {
    const bytes = toBytes(value.BinaryValue);
    if (!bytes || bytes.length === 0) throw missing();
    return { DataType: type, BinaryValue: bytes };
  }
  const text = value.StringValue;
  if (typeof text !== 'string' || text === '') throw missing();
  if (INVALID_CHARACTER.test(text)) throw new InvalidParameterValue(`The message attribute '${name}' contains characters that SQS does not allow.`);
  if (base === 'Number' && (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.trim()))) {
    throw new InvalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  }
  return { DataType: type, StringValue: text };
}

/** Validates a MessageAttributes map. */
export function checkMessageAttributes(raw: unknown): Record<string, AttributeValue> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InvalidParameterValue('MessageAttributes must be a map of names to values.');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > 10) throw new InvalidParameterValue(`Number of message attributes [${entries.length}] exceeds the allowed maximum [10].`);
  const checked: Record<string, AttributeValue> = dict();
  for (const [name, value] of entries) {
    checkAttributeName(name, '(user)');
    checked[name] = checkAttributeValue(name, value);
  }
  return checked;
}

function checkTraceHeader(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InvalidParameterValue('MessageSystemAttributes must be a map of names to values.');
  let trace: string | undefined;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (name !== 'AWSTraceHeader') throw new InvalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    const checked = checkAttributeValue(name, value);
    if (checked.DataType !== 'String') throw new InvalidParameterValue(`Message system attribute '${name}' must have DataType String.`);
    trace = checked.StringValue;
  }
  return trace;
}

/** The bytes a message counts against MaximumMessageSize: body plus attribute names, types and values. */
export function messageSize(body: string, attributes: Record<string, AttributeValue>): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType, 'utf8');
    size += value.BinaryValue ? value.BinaryValue.length : Buffer.byteLength(value.StringValue ?? '', 'utf8');
  }
  return size;
}

function checkToken(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  if (!TOKEN.test(text)) {
    throw new InvalidParameterValue(`Value ${text} for parameter ${name} is invalid. Reason: ${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`);
  }
  return text;
}

function notForQueueType(value: unknown, name: string): InvalidParameterValue {
  return new InvalidParameterValue(`Value ${String(value)} for parameter ${name} is invalid. Reason: The request include parameter that is not valid for this queue type.`);
}

/** Checks one message for `queue`; throws the error SendMessage answers with. */
export function checkMessage(raw: Record<string, unknown>, queue: Queue): CheckedMessage {
  const body = raw.MessageBody;
  if (typeof body !== 'string' || body === '') throw new MissingParameter('MessageBody');
  if (INVALID_CHARACTER.test(body)) throw new InvalidMessageContents();
  const attributes = checkMessageAttributes(raw.MessageAttributes);
  const traceHeader = checkTraceHeader(raw.MessageSystemAttributes);
  const max = Number(queue.attributes.MaximumMessageSize);
  if (messageSize(body, attributes) > max) throw new InvalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${max} bytes.`);
  const delay = integerParam(raw.DelaySeconds, 'DelaySeconds', 0, 900, 'DelaySeconds must be >= 0 and <= 900.');
  if (queue.fifo && delay !== undefined && delay !== 0) throw notForQueueType(delay, 'DelaySeconds');
  const groupId = checkToken(raw.MessageGroupId, 'MessageGroupId');
  let dedupId = checkToken(raw.MessageDeduplicationId, 'MessageDeduplicationId');
  if (!queue.fifo) {
    if (dedupId !== undefined) throw notForQueueType(dedupId, 'MessageDeduplicationId');
  } else {
    if (groupId === undefined) throw new MissingParameter('MessageGroupId');
    if (dedupId === undefined) {
      if (queue.attributes.ContentBasedDeduplication !== 'true') {
        throw new InvalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      }
      dedupId = sha256Hex(body);
    }
  }
  return {
    body,
    attributes,
    delaySeconds: queue.fifo ? Number(queue.attributes.DelaySeconds) : (delay ?? Number(queue.attributes.DelaySeconds)),
    ...(traceHeader !== undefined ? { traceHeader } : {}),
    ...(groupId !== undefined ? { groupId } : {}),
    ...(dedupId !== undefined ? { dedupId } : {}),
  };
}
