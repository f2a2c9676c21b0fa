/**
 * Lab 06's traffic: the order messages the grader sends (every known order, a few twice, and
 * poison messages placed among good ones in every batch of ten), seeded; the wait until a queue
 * has nothing visible or in flight; the read of a queue's messages with their receive counts; and
 * what a run came to ({@link Traffic}).
 */
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Generator } from '../../src/core/grader/random.ts';
import { say } from './06-orders-queue.messages.ts';
import type { Message } from '../../src/core/grader/index.ts';

/** Why a message can never succeed. */
export type PoisonKind = 'notJson' | 'noOrderId' | 'unknownOrder';

/** A message to send: a good order's, or a poison one. */
export interface Planned {
  body: string;
  /** The order it names, when it names one (an unknown order's id too). */
  orderId?: string;
  poison?: PoisonKind;
}

/** A message sent, with the id SQS gave it. */
export interface Sent extends Planned {
  messageId: string;
}

/** A message read back from a queue. */
export interface Received {
  messageId: string;
  body: string;
  receiveCount: number;
}

function shuffle<T>(random: Generator, items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function poison(random: Generator, kind: PoisonKind): Planned {
  const id = `ord-${random.id(8)}`;
  if (kind === 'unknownOrder') return { body: JSON.stringify({ orderId: id }), orderId: id, poison: kind };
  if (kind === 'noOrderId') return { body: random.pick([JSON.stringify({ order: id }), JSON.stringify({ orderId: random.int(1000, 9999) }), '{}']), poison: kind };
  return { body: random.pick([`orderId=${id}`, `{"orderId": "${id}"`, `{'orderId': '${id}'}`]), poison: kind };
}

/**
 * The first round: each of `orderIds` once, two of them twice (a producer that retried), and five
 * poison messages, in batches of ten where every poison message has a good one before and after it.
 */
export function planFirstRound(random: Generator, orderIds: readonly string[]): Planned[][] {
  const good: Planned[] = orderIds.map((orderId) => ({ body: JSON.stringify({ orderId }), orderId }));
  for (const orderId of shuffle(random, [...orderIds]).slice(0, 2)) good.push({ body: JSON.stringify({ orderId }), orderId });
  const poisons = shuffle(random, (['unknownOrder', 'unknownOrder', 'notJson', 'notJson', 'noOrderId'] as const).map((kind) => poison(random, kind)));
  const goods = shuffle(random, good);
  const batches: Planned[][] = [];
  // Two poison messages per batch of eight good ones: the last batch gets what is left.
  while (goods.length > 0) {
    const batch = goods.splice(0, 8);
    for (const bad of poisons.splice(0, Math.min(2, batch.length - 1))) batch.splice(random.int(1, batch.length - 1), 0, bad);
    batches.push(batch);
  }
  return batches;
}

/** Sends each batch with SendMessageBatch; answers the messages with their ids, in order. */
export async function sendBatches(sqs: SQSClient, queueUrl: string, batches: Planned[][]): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (const batch of batches) {
    const answer = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((message, index) => ({ Id: String(index), MessageBody: message.body })) }));
    if (answer.Failed?.length) throw new Error(`SendMessageBatch refused ${answer.Failed.length} message(s): ${answer.Failed[0]!.Code}: ${answer.Failed[0]!.Message}`);
    const ids = new Map((answer.Successful ?? []).map((entry) => [entry.Id, entry.MessageId!]));
    batch.forEach((message, index) => sent.push({ ...message, messageId: ids.get(String(index))! }));
  }
  return sent;
}

/** The messages in a queue that are visible, in flight or delayed. */
export async function messagesIn(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({
    QueueUrl: queueUrl,
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
  }));
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
}

/** Waits until the queue is empty (seen three times in a row: the counts are approximate) or `deadline`; answers what is left. */
export async function settle(sqs: SQSClient, queueUrl: string, deadline: number): Promise<number> {
  let empty = 0;
  for (;;) {
    const left = await messagesIn(sqs, queueUrl);
    empty = left === 0 ? empty + 1 : 0;
    if (empty === 3 || Date.now() >= deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, left === 0 ? 20 : 50));
  }
}

/** Receives every message of a queue nobody else reads (the dead-letter queue), with its receive count. */
export async function readAll(sqs: SQSClient, queueUrl: string): Promise<Received[]> {
  const found = new Map<string, Received>();
  for (let quiet = 0; quiet < 2;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      // Long enough that no message is read twice during the read.
      VisibilityTimeout: 600,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }));
    quiet = Messages.length === 0 ? quiet + 1 : 0;
    for (const message of Messages) {
      found.set(message.MessageId!, { messageId: message.MessageId!, body: message.Body ?? '', receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0) });
    }
  }
  return [...found.values()];
}

/** A poison message in a few words, for a check's message. */
export function describePoison(message: Planned): Message {
  const body = message.body.length > 40 ? `${message.body.slice(0, 40)}…` : message.body;
  if (message.poison === 'unknownOrder') return say('poisonUnknown', { id: message.orderId! });
  return say(message.poison === 'noOrderId' ? 'poisonNoOrderId' : 'poisonNotJson', { body });
}

/** What the traffic came to: the table, the dead-letter queue and what the queue still holds. */
export interface Traffic {
  sent: Sent[];
  repeats: Sent[];
  /** Items after the first round, and at the end, by order id (unknown orders' ids too). */
  first: Map<string, Record<string, unknown> | undefined>;
  last: Map<string, Record<string, unknown> | undefined>;
  deadLettered: Map<string, Received>;
  left: number;
  seconds: number;
  visibility: number;
  /** What the emulator's trace said of batches that failed as a whole. */
  batchFailures: string[];
}

/** Of the trace's details of batches that failed whole, the one that says most (the reason, without the batch's size and queue). */
export function telling(details: readonly string[]): string | undefined {
  // "10 message(s) from arn:...: why": the why is what the learner needs.
  const reasons = details.map((detail) => detail.replace(/^\d+ message\(s\) from \S+: /, ''));
  return reasons.find((reason) => reason.includes('batchItemFailures')) ?? reasons.at(-1);
}
