/**
 * SQS state: plain objects only (numbers for times, Buffers for binary values), so the store's
 * JSON persistence gives back exactly what it saved. Times are epoch milliseconds of the real
 * clock; how long AWS's documented seconds last is scaled by the emulator's time factor.
 */
import { dict } from '../../dict.ts';
import { noteChange } from '../../persistence/changes.ts';
import { rowKey } from '../../persistence/rows.ts';

/** A message attribute as SQS stores it. */
export interface AttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Buffer;
}

/** One message in a queue. */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, AttributeValue>;
  md5OfAttributes?: string;
  /** The AWSTraceHeader system attribute. */
  traceHeader?: string;
  md5OfSystemAttributes?: string;
  senderId: string;
  sentAt: number;
  /** Not receivable before this (DelaySeconds). */
  delayUntil: number;
  /** In flight until this (visibility timeout of the latest receive). */
  invisibleUntil: number;
  receiveCount: number;
  firstReceiveAt?: number;
  /** The nonce of the latest receipt handle; absent until first received. */
  receiptId?: string;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  /** Set when the message was moved here by a redrive policy. */
  deadLetterSourceArn?: string;
}

/** A FIFO deduplication record: a later send with the same id answers with the first message. */
export interface DedupRecord {
  messageId: string;
  sequenceNumber: string;
  expiresAt: number;
}

/** The messages a FIFO ReceiveRequestAttemptId returned, so a retry returns them again. */
export interface ReceiveAttempt {
  receipts: Array<{ messageId: string; receiptId: string }>;
  expiresAt: number;
}

/** One queue. */
export interface Queue {
  name: string;
  account: string;
  region: string;
  arn: string;
  fifo: boolean;
  /** Settable attributes as SQS reports them (strings), defaults included. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  /** Epoch seconds, as SQS reports them. */
  createdAt: number;
  lastModifiedAt: number;
  /** In send order; FIFO order is this order. */
  messages: StoredMessage[];
  dedup: Record<string, DedupRecord>;
  attempts: Record<string, ReceiveAttempt>;
  /** The last FIFO sequence number handed out, as a decimal string. */
  sequence: string;
  lastPurgeAt?: number;
}

/**
 * Notes a message's change for the state database (a receive, a new visibility, a delete); returns
 * false, so a filter can note what it drops.
 */
export function noteMessage(queue: Queue, message: StoredMessage, gone?: 'gone'): false {
  noteChange(queue, messageRowKey(queue.name, message.messageId), gone ? undefined : message);
  return false;
}

/** The state database's key of a message's row. */
export function messageRowKey(queueName: string, messageId: string): string {
  return rowKey('message', queueName, messageId);
}

/** SQS state of one account and region. */
export interface SqsState {
  queues: Record<string, Queue>;
}

/** A fresh, empty state. */
export function createSqsState(): SqsState {
  return { queues: dict() };
}
