/**
 * One ReceiveMessage pass: picks visible messages (in order per message group on FIFO queues,
 * where a group with a message in flight waits), moves those past maxReceiveCount to the
 * dead-letter queue, starts their visibility timeout, and writes each message as SQS returns it.
 */
import { randomUUID } from 'node:crypto';
import { replayAttempt, recordAttempt, DEDUP_INTERVAL_SECONDS } from './fifo.ts';
import { md5OfAttributes } from './md5.ts';
import { expireMessages, isVisible, type Scale } from './messages.ts';
import { receiptHandle } from './receipts.ts';
import { moveToDeadLetterQueue, redriveOf, type QueueLookup } from './redrive.ts';
import type { AttributeValue, Queue, StoredMessage } from './state.ts';
import { noteMessage } from './state.ts';
import { dict } from '../../dict.ts';

/** What one receive asks for. */
export interface ReceiveRequest {
  max: number;
  visibilitySeconds: number;
  attemptId?: string;
}

/** What a receive did: the messages it took and the dead-letter queues that got messages. */
export interface ReceiveOutcome {
  messages: StoredMessage[];
  deadLettered: Queue[];
}

/** Receives up to `request.max` messages from `queue` now. */
export function receiveOnce(queue: Queue, request: ReceiveRequest, lookup: QueueLookup, now: number, scale: Scale): ReceiveOutcome {
  expireMessages(queue, now, scale);
  const visibilityMs = scale(request.visibilitySeconds);
  if (queue.fifo && request.attemptId) {
    const replayed = replayAttempt(queue, request.attemptId, now, visibilityMs);
    if (replayed) return { messages: replayed, deadLettered: [] };
  }
  const redrive = redriveOf(queue);
  const blockedGroups = new Set<string>();
  const taken: StoredMessage[] = [];
  const deadLettered = new Set<Queue>();
  for (const message of [...queue.messages]) {
    if (taken.length >= request.max) break;
    const group = message.groupId ?? '';
    if (queue.fifo && blockedGroups.has(group)) continue;
    if (!isVisible(message, now)) {
      // A FIFO group is strictly ordered: nothing behind a hidden message may pass it.
      if (queue.fifo) blockedGroups.add(group);
      continue;
    }
    if (redrive && message.receiveCount >= redrive.maxReceiveCount) {
      const target = moveToDeadLetterQueue(queue, message, lookup);
      if (target) {
        deadLettered.add(target);
        continue;
      }
    }
    message.receiveCount++;
    message.firstReceiveAt ??= now;
    message.receiptId = randomUUID();
    message.invisibleUntil = now + visibilityMs;
    noteMessage(queue, message);
    taken.push(message);
  }
  if (queue.fifo && request.attemptId) recordAttempt(queue, request.attemptId, taken, now + scale(DEDUP_INTERVAL_SECONDS));
  return { messages: taken, deadLettered: [...deadLettered] };
}

/** The system attribute names a receive may ask for. */
const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
];

function systemAttributes(message: StoredMessage, names: string[]): Record<string, string> {
  const wanted = names.includes('All') ? SYSTEM_ATTRIBUTES : names;
  const values: Record<string, string | undefined> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: message.firstReceiveAt === undefined ? undefined : String(message.firstReceiveAt),
    SequenceNumber: message.sequenceNumber,
    MessageDeduplicationId: message.dedupId,
    MessageGroupId: message.groupId,
    AWSTraceHeader: message.traceHeader,
    DeadLetterQueueSourceArn: message.deadLetterSourceArn,
  };
  const chosen: Record<string, string> = dict();
  for (const name of SYSTEM_ATTRIBUTES) {
    const value = values[name];
    if (wanted.includes(name) && value !== undefined) chosen[name] = value;
  }
  return chosen;
}

function selectAttributes(attributes: Record<string, AttributeValue>, filters: string[]): Record<string, AttributeValue> {
  if (filters.length === 0) return {};
  const all = filters.includes('All') || filters.includes('.*');
  const selected: Record<string, AttributeValue> = dict();
  for (const [name, value] of Object.entries(attributes)) {
    const match = all || filters.some((filter) => (filter.endsWith('.*') ? name.startsWith(filter.slice(0, -2)) : filter === name));
    if (match) selected[name] = value;
  }
  return selected;
}

/** A message attribute as the wire carries it (binary values in base64). */
export function wireAttribute(value: AttributeValue): Record<string, string> {
  return value.BinaryValue !== undefined
    ? { DataType: value.DataType, BinaryValue: value.BinaryValue.toString('base64') }
    : { DataType: value.DataType, StringValue: value.StringValue ?? '' };
}

/** A received message as ReceiveMessage returns it, with the attributes the request named. */
export function messageView(queue: Queue, message: StoredMessage, systemNames: string[], attributeFilters: string[]): Record<string, unknown> {
  const view: Record<string, unknown> = {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle(queue, message),
    MD5OfBody: message.md5OfBody,
    Body: message.body,
  };
  const attributes = systemAttributes(message, systemNames);
  if (Object.keys(attributes).length > 0) view.Attributes = attributes;
  const selected = selectAttributes(message.attributes, attributeFilters);
  const digest = md5OfAttributes(selected);
  if (digest) {
    view.MD5OfMessageAttributes = digest;
    view.MessageAttributes = Object.fromEntries(Object.entries(selected).map(([name, value]) => [name, wireAttribute(value)]));
  }
  return view;
}
