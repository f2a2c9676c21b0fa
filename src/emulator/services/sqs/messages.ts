/**
 * Messages in a queue: enqueue (with FIFO deduplication), the visible / in-flight / delayed
 * states computed from timestamps, retention, delete, visibility changes and purge. No timers:
 * every state follows from the clock when it is looked at.
 */
import { randomUUID } from 'node:crypto';
import { InvalidParameterValue, MessageNotInflight, PurgeQueueInProgress } from './errors.ts';
import { DEDUP_INTERVAL_SECONDS, dedupKey, findDuplicate, nextSequenceNumber } from './fifo.ts';
import { md5Hex, md5OfAttributes } from './md5.ts';
import type { CheckedMessage } from './message-input.ts';
import type { MessageCounts } from './attributes.ts';
import { readReceiptHandle } from './receipts.ts';
import type { Queue, StoredMessage } from './state.ts';
import { noteMessage } from './state.ts';
import { dict } from '../../dict.ts';

/** Turns AWS's documented seconds into emulator milliseconds (the time factor applied). */
export type Scale = (seconds: number) => number;

/** What SendMessage answers for one message. */
export interface SendResult {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

/** True when a message can be received now. */
export function isVisible(message: StoredMessage, now: number): boolean {
  return message.delayUntil <= now && message.invisibleUntil <= now;
}

/** Drops messages older than the queue's retention period. */
export function expireMessages(queue: Queue, now: number, scale: Scale): void {
  const retention = scale(Number(queue.attributes.MessageRetentionPeriod));
  if (queue.messages.some((message) => message.sentAt + retention <= now)) {
    queue.messages = queue.messages.filter((message) => message.sentAt + retention > now || noteMessage(queue, message, 'gone'));
  }
}

/** How many messages are visible, in flight and delayed. */
export function countMessages(queue: Queue, now: number): MessageCounts {
  const counts = { visible: 0, inflight: 0, delayed: 0 };
  for (const message of queue.messages) {
    if (message.delayUntil > now) counts.delayed++;
    else if (message.invisibleUntil > now) counts.inflight++;
    else counts.visible++;
  }
  return counts;
}

/** When the next hidden message becomes visible, or `undefined` when none is hidden. */
export function nextVisibleAt(queue: Queue, now: number): number | undefined {
  let next: number | undefined;
  for (const message of queue.messages) {
    const at = Math.max(message.delayUntil, message.invisibleUntil);
    if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}

function systemAttributesMd5(traceHeader: string | undefined): string | undefined {
  return traceHeader === undefined ? undefined : md5OfAttributes({ AWSTraceHeader: { DataType: 'String', StringValue: traceHeader } });
}

/** Adds a checked message to a queue; a FIFO duplicate within the interval answers with the first one. */
export function enqueue(queue: Queue, checked: CheckedMessage, senderId: string, now: number, scale: Scale): { result: SendResult; added: boolean } {
  expireMessages(queue, now, scale);
  const md5OfAttrs = md5OfAttributes(checked.attributes);
  const md5OfSystem = systemAttributesMd5(checked.traceHeader);
  const digests = {
    MD5OfMessageBody: md5Hex(checked.body),
    ...(md5OfAttrs ? { MD5OfMessageAttributes: md5OfAttrs } : {}),
    ...(md5OfSystem ? { MD5OfMessageSystemAttributes: md5OfSystem } : {}),
  };
  let sequenceNumber: string | undefined;
  if (queue.fifo) {
    const key = dedupKey(queue, checked.groupId!, checked.dedupId!);
    const duplicate = findDuplicate(queue, key, now);
    if (duplicate) return { result: { MessageId: duplicate.messageId, ...digests, SequenceNumber: duplicate.sequenceNumber }, added: false };
    sequenceNumber = nextSequenceNumber(queue);
  }
  const message: StoredMessage = {
    messageId: randomUUID(),
    body: checked.body,
    md5OfBody: digests.MD5OfMessageBody,
    attributes: checked.attributes,
    senderId,
    sentAt: now,
    delayUntil: now + scale(checked.delaySeconds),
    invisibleUntil: 0,
    receiveCount: 0,
    ...(md5OfAttrs ? { md5OfAttributes: md5OfAttrs } : {}),
    ...(checked.traceHeader !== undefined ? { traceHeader: checked.traceHeader, md5OfSystemAttributes: md5OfSystem! } : {}),
    ...(checked.groupId !== undefined ? { groupId: checked.groupId } : {}),
    ...(checked.dedupId !== undefined ? { dedupId: checked.dedupId } : {}),
    ...(sequenceNumber !== undefined ? { sequenceNumber } : {}),
  };
  queue.messages.push(message);
  noteMessage(queue, message);
  if (queue.fifo) {
    queue.dedup[dedupKey(queue, checked.groupId!, checked.dedupId!)] = { messageId: message.messageId, sequenceNumber: sequenceNumber!, expiresAt: now + scale(DEDUP_INTERVAL_SECONDS) };
  }
  return { result: { MessageId: message.messageId, ...digests, ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}) }, added: true };
}

function expiredHandle(handle: string): InvalidParameterValue {
  return new InvalidParameterValue(`Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`);
}

/**
 * DeleteMessage. A handle for a message that is gone succeeds, as on AWS. A FIFO queue refuses a
 * handle whose receive is over (visibility expired or a newer receive); a standard queue deletes.
 */
export function deleteMessage(queue: Queue, handle: unknown, now: number): void {
  const { messageId, receiptId } = readReceiptHandle(queue, handle);
  const index = queue.messages.findIndex((message) => message.messageId === messageId);
  if (index < 0) return;
  const message = queue.messages[index]!;
  if (queue.fifo && (message.receiptId !== receiptId || message.invisibleUntil <= now)) throw expiredHandle(String(handle));
  queue.messages.splice(index, 1);
  noteMessage(queue, message, 'gone');
}

/** ChangeMessageVisibility: restarts the message's visibility timeout from now. */
export function changeVisibility(queue: Queue, handle: unknown, seconds: number, now: number, scale: Scale): void {
  const { messageId, receiptId } = readReceiptHandle(queue, handle);
  const message = queue.messages.find((candidate) => candidate.messageId === messageId);
  if (!message) {
    throw new InvalidParameterValue(`Value ${String(handle)} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`);
  }
  if (message.receiptId === undefined || message.invisibleUntil <= now) throw new MessageNotInflight();
  if (queue.fifo && message.receiptId !== receiptId) throw expiredHandle(String(handle));
  message.invisibleUntil = now + scale(seconds);
  noteMessage(queue, message);
}

/** PurgeQueue: deletes every message; a second purge within 60 seconds is refused. */
export function purgeQueue(queue: Queue, now: number, scale: Scale): void {
  if (queue.lastPurgeAt !== undefined && now - queue.lastPurgeAt < scale(60)) throw new PurgeQueueInProgress(queue.name);
  for (const message of queue.messages) noteMessage(queue, message, 'gone');
  queue.messages = [];
  queue.attempts = dict();
  queue.lastPurgeAt = now;
}
