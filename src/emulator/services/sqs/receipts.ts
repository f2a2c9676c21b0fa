/**
 * Receipt handles: opaque to clients, they name the queue, the message and which receive issued
 * them, so a handle from an earlier receive can be told apart from the current one.
 */
import { ReceiptHandleIsInvalid } from './errors.ts';
import type { Queue, StoredMessage } from './state.ts';

const PREFIX = 'sqs-receipt';

/** The receipt handle of a message's latest receive. */
export function receiptHandle(queue: Queue, message: StoredMessage): string {
  return Buffer.from([PREFIX, queue.arn, message.messageId, message.receiptId ?? ''].join('\n'), 'utf8').toString('base64');
}

/** Reads a receipt handle given for `queue`; throws ReceiptHandleIsInvalid for anything SQS never issued for it. */
export function readReceiptHandle(queue: Queue, handle: unknown): { messageId: string; receiptId: string } {
  if (typeof handle !== 'string' || handle === '') throw new ReceiptHandleIsInvalid(String(handle ?? ''));
  const parts = Buffer.from(handle, 'base64').toString('utf8').split('\n');
  const [prefix, arn, messageId, receiptId] = parts;
  if (parts.length !== 4 || prefix !== PREFIX || arn !== queue.arn || !messageId || !receiptId) throw new ReceiptHandleIsInvalid(handle);
  return { messageId, receiptId };
}
