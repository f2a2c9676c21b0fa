/**
 * Publish and PublishBatch: the checks SNS makes (the 256 KB limit, Subject, MessageStructure
 * json, message attributes, FIFO group and deduplication ids), then one Notification per
 * message for the fan-out. FIFO topics drop a repeated deduplication id for 5 minutes (scaled).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import { AwsError } from '../../errors.ts';
import type { Notification } from './envelope.ts';
import { BatchEntryIdsNotDistinct, BatchRequestTooLong, EmptyBatchRequest, InvalidBatchEntryId, InvalidParameter, ParameterValueInvalid, TooManyEntriesInBatchRequest } from './errors.ts';
import type { MessageAttribute } from './filter-policy.ts';
import { findTopic, isFifo, listParameter, mapParameter, type SnsState, type Topic } from './state.ts';

/** Largest message, attributes included (256 KB). */
export const MAX_MESSAGE_BYTES = 262_144;
const DEDUP_WINDOW_MS = 5 * 60 * 1000;

/** A message to fan out, or an entry's failure. */
export type Published = { notification: Notification; duplicate: boolean };

function attributesOf(raw: unknown): Record<string, MessageAttribute> {
  const attributes: Record<string, MessageAttribute> = {};
  const entries = Object.entries(mapParameter(raw, 'Name', 'Value'));
  if (entries.length > 10) throw new InvalidParameter('Invalid parameter: MessageAttributes Reason: Number of message attributes [' + entries.length + '] exceeds the allowed maximum [10].');
  for (const [name, value] of entries) {
    const item = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const type = typeof item.DataType === 'string' ? item.DataType : '';
    if (type === '') throw new ParameterValueInvalid(`The message attribute '${name}' must contain non-empty message attribute type.`);
    if (name.length > 256) throw new ParameterValueInvalid('Length of message attribute name must be less than 256 bytes.');
    if (!/^[\w-]+(\.[\w-]+)*$/.test(name)) throw new ParameterValueInvalid(`Invalid message attribute name '${name}': use letters, digits, hyphens, underscores and single dots, not at the start or the end.`);
    const base = /^(String|Number|Binary)(\..+)?$/.exec(type)?.[1];
    if (!base) throw new ParameterValueInvalid(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    if (base === 'Binary') {
      const binary = item.BinaryValue;
      const text = Buffer.isBuffer(binary) || binary instanceof Uint8Array ? Buffer.from(binary).toString('base64') : typeof binary === 'string' ? binary : '';
      if (text === '') throw new ParameterValueInvalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`);
      attributes[name] = { DataType: type, BinaryValue: text };
      continue;
    }
    const text = item.StringValue;
    if (typeof text !== 'string' || text === '') throw new ParameterValueInvalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`);
    if (base === 'Number' && !Number.isFinite(Number(text))) throw new ParameterValueInvalid(`Could not cast message attribute '${name}' value to number.`);
    if (type === 'String.Array') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed) || parsed.some((element) => typeof element === 'object' && element !== null)) {
        throw new ParameterValueInvalid(`The message attribute '${name}' with type 'String.Array' must be a JSON array of strings, numbers, true, false or null.`);
      }
    }
    attributes[name] = { DataType: type, StringValue: text };
  }
  return attributes;
}

function sizeOf(message: string, attributes: Record<string, MessageAttribute>): number {
  let size = Buffer.byteLength(message);
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType) + Buffer.byteLength(value.StringValue ?? '') + (value.BinaryValue ? Buffer.from(value.BinaryValue, 'base64').length : 0);
  }
  return size;
}

function perProtocol(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw new InvalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse');
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (!entries.some(([key]) => key === 'default')) throw new InvalidParameter('Invalid parameter: Message Structure - No default entry in JSON message body');
  return Object.fromEntries(entries.map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}

/** Checks one message against its topic and builds its notification; FIFO bookkeeping happens here. */
export function prepareMessage(emulator: Emulator, topic: Topic, input: Record<string, unknown>): Published {
  const message = typeof input.Message === 'string' ? input.Message : '';
  if (message === '') throw new InvalidParameter('Invalid parameter: Empty message');
  const attributes = attributesOf(input.MessageAttributes);
  if (sizeOf(message, attributes) > MAX_MESSAGE_BYTES) throw new InvalidParameter('Invalid parameter: Message too long');
  const subject = input.Subject;
  if (subject !== undefined && (typeof subject !== 'string' || subject === '' || subject.length > 100 || /[^\x20-\x7e]/.test(subject))) {
    throw new InvalidParameter('Invalid parameter: Subject');
  }
  let structure: Record<string, string> | undefined;
  if (input.MessageStructure !== undefined) {
    if (input.MessageStructure !== 'json') throw new InvalidParameter('Invalid parameter: MessageStructure');
    structure = perProtocol(message);
  }
  const groupId = typeof input.MessageGroupId === 'string' ? input.MessageGroupId : undefined;
  let dedupId = typeof input.MessageDeduplicationId === 'string' ? input.MessageDeduplicationId : undefined;
  const notification: Notification = { MessageId: randomUUID(), TopicArn: topic.Arn, Message: message, Timestamp: new Date().toISOString(), MessageAttributes: attributes };
  if (typeof subject === 'string') notification.Subject = subject;
  if (structure) notification.perProtocol = structure;
  if (!isFifo(topic)) {
    if (dedupId !== undefined) throw new InvalidParameter('Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
    if (groupId !== undefined) notification.MessageGroupId = groupId;
    return { notification, duplicate: false };
  }
  if (!groupId) throw new InvalidParameter('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
  if (!dedupId) {
    if (topic.Attributes.ContentBasedDeduplication !== 'true') throw new InvalidParameter('Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    dedupId = createHash('sha256').update(message).digest('hex');
  }
  const now = Date.now();
  for (const [id, entry] of Object.entries(topic.dedup)) if (entry.until <= now) delete topic.dedup[id];
  const seen = topic.dedup[dedupId];
  if (seen) return { notification: { ...notification, MessageId: seen.messageId, SequenceNumber: seen.sequence }, duplicate: true };
  topic.sequence++;
  const sequence = String(topic.sequence).padStart(20, '0');
  topic.dedup[dedupId] = { messageId: notification.MessageId, sequence, until: now + emulator.scaled(DEDUP_WINDOW_MS) };
  Object.assign(notification, { MessageGroupId: groupId, MessageDeduplicationId: dedupId, SequenceNumber: sequence });
  return { notification, duplicate: false };
}

/** The topic a Publish names by TopicArn or TargetArn. */
export function publishTopic(state: SnsState, input: Record<string, unknown>): Topic {
  if (input.TopicArn === undefined && input.TargetArn === undefined) throw new InvalidParameter('Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
  if (input.TopicArn !== undefined && input.TargetArn !== undefined) throw new InvalidParameter('Invalid parameter: Only one of TopicArn or TargetArn may be given');
  return input.TopicArn !== undefined ? findTopic(state, input.TopicArn) : findTopic(state, input.TargetArn, 'TargetArn');
}

/** A PublishBatch: request-level errors thrown, entry-level errors answered in Failed. */
export function prepareBatch(emulator: Emulator, state: SnsState, input: Record<string, unknown>): { topic: Topic; published: Array<{ Id: string } & Published>; Failed: unknown[] } {
  const topic = findTopic(state, input.TopicArn);
  const entries = listParameter(input.PublishBatchRequestEntries) as Array<Record<string, unknown>>;
  if (entries.length === 0) throw new EmptyBatchRequest();
  if (entries.length > 10) throw new TooManyEntriesInBatchRequest();
  const ids = entries.map((entry) => (typeof entry?.Id === 'string' ? entry.Id : ''));
  if (ids.some((id) => !/^[\w-]{1,80}$/.test(id))) throw new InvalidBatchEntryId();
  if (new Set(ids).size !== ids.length) throw new BatchEntryIdsNotDistinct();
  const total = entries.reduce((sum, entry) => sum + Buffer.byteLength(typeof entry.Message === 'string' ? entry.Message : ''), 0);
  if (total > MAX_MESSAGE_BYTES) throw new BatchRequestTooLong();
  const published: Array<{ Id: string } & Published> = [];
  const Failed: unknown[] = [];
  for (const entry of entries) {
    try {
      published.push({ Id: String(entry.Id), ...prepareMessage(emulator, topic, entry) });
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      Failed.push({ Id: String(entry.Id), Code: error.code, Message: error.message, SenderFault: true });
    }
  }
  return { topic, published, Failed };
}
