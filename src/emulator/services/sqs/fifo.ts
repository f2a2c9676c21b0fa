/**
 * FIFO rules beside ordering: the 5-minute deduplication interval (per queue or per message
 * group, as DeduplicationScope says), sequence numbers, and ReceiveRequestAttemptId, which lets a
 * retried receive get the same messages and receipt handles back.
 */
import type { DedupRecord, Queue, StoredMessage } from './state.ts';
import { noteMessage } from './state.ts';

/** AWS's deduplication interval and attempt-id lifetime, in seconds. */
export const DEDUP_INTERVAL_SECONDS = 300;

/** The key a deduplication id is remembered under. */
export function dedupKey(queue: Queue, groupId: string, dedupId: string): string {
  return queue.attributes.DeduplicationScope === 'messageGroup' ? `${groupId}\n${dedupId}` : dedupId;
}

/** The earlier send a deduplication id matches, if still within the interval. */
export function findDuplicate(queue: Queue, key: string, now: number): DedupRecord | undefined {
  for (const [id, record] of Object.entries(queue.dedup)) if (record.expiresAt <= now) delete queue.dedup[id];
  return queue.dedup[key];
}

/** The next sequence number: increasing per queue, 20 digits as SQS writes them. */
export function nextSequenceNumber(queue: Queue): string {
  const next = BigInt(queue.sequence) + 1n;
  queue.sequence = next.toString();
  return (18_000_000_000_000_000_000n + next).toString();
}

/**
 * The messages an earlier receive with the same attempt id returned, when all are still held by
 * that receive; their visibility restarts. `undefined` means: receive afresh.
 */
export function replayAttempt(queue: Queue, attemptId: string, now: number, visibilityMs: number): StoredMessage[] | undefined {
  for (const [id, attempt] of Object.entries(queue.attempts)) if (attempt.expiresAt <= now) delete queue.attempts[id];
  const attempt = queue.attempts[attemptId];
  if (!attempt) return undefined;
  const messages = attempt.receipts.map(({ messageId, receiptId }) =>
    queue.messages.find((message) => message.messageId === messageId && message.receiptId === receiptId),
  );
  if (messages.some((message) => message === undefined)) {
    delete queue.attempts[attemptId];
    return undefined;
  }
  for (const message of messages) {
    message!.invisibleUntil = now + visibilityMs;
    noteMessage(queue, message!);
  }
  return messages as StoredMessage[];
}

/** Remembers what a receive with an attempt id returned. */
export function recordAttempt(queue: Queue, attemptId: string, messages: StoredMessage[], expiresAt: number): void {
  if (messages.length === 0) return;
  queue.attempts[attemptId] = { receipts: messages.map((message) => ({ messageId: message.messageId, receiptId: message.receiptId! })), expiresAt };
}
