import {
  ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand,
  SendMessageCommand, type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { createQueue, expectSqsError } from '../support/sqs.ts';

const FIFO = { FifoQueue: 'true' };

describe('SQS FIFO queues through the real SDK', () => {
  const emulator = useEmulator({ timeFactor: 0.01 });
  const sqs = (): SQSClient => emulator.clients.sqs;
  const send = (url: string, body: string, group: string, dedup = body) =>
    sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: dedup }));
  const receive = async (url: string, max = 10, visibility?: number) => {
    const { Messages } = await sqs().send(new ReceiveMessageCommand({
      QueueUrl: url, MaxNumberOfMessages: max, MessageSystemAttributeNames: ['All'], ...(visibility !== undefined ? { VisibilityTimeout: visibility } : {}),
    }));
    return Messages ?? [];
  };

  it('creates a FIFO queue with its attributes', async () => {
    const url = await createQueue(sqs(), 'orders.fifo', { ...FIFO, ContentBasedDeduplication: 'true' });
    const { Attributes } = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'true', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
  });

  it('delivers in order within a group and blocks a group while a message is in flight', async () => {
    const url = await createQueue(sqs(), 'ordered.fifo', FIFO);
    await send(url, 'a1', 'a');
    await send(url, 'b1', 'b');
    await send(url, 'a2', 'a');
    await send(url, 'b2', 'b');
    await send(url, 'a3', 'a');

    const first = await receive(url, 1);
    expect(first.map((message) => message.Body)).toEqual(['a1']);
    // Group a waits on a1; group b is free and comes in order.
    const second = await receive(url);
    expect(second.map((message) => message.Body)).toEqual(['b1', 'b2']);
    expect(await receive(url)).toEqual([]);

    await sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first[0]!.ReceiptHandle }));
    const third = await receive(url);
    expect(third.map((message) => message.Body)).toEqual(['a2', 'a3']);
    const numbers = [...first, ...second, ...third].map((message) => BigInt(message.Attributes!.SequenceNumber!));
    expect(numbers.every((number) => number > 0n)).toBe(true);
    expect(third[0]!.Attributes).toMatchObject({ MessageGroupId: 'a', MessageDeduplicationId: 'a2' });
  });

  it('unblocks a group when its message becomes visible again, redelivering it first', async () => {
    const url = await createQueue(sqs(), 'redeliver.fifo', FIFO);
    await send(url, 'one', 'g');
    await send(url, 'two', 'g');
    const [held] = await receive(url, 1, 10);
    expect(held!.Body).toBe('one');
    expect(await receive(url)).toEqual([]);
    await sleep(150);
    expect((await receive(url)).map((message) => message.Body)).toEqual(['one', 'two']);
    // The first receive's handle has expired: FIFO refuses it.
    await expectSqsError(sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: held!.ReceiptHandle })), 'InvalidParameterValue', 400, /expired/);
  });

  it('deduplicates within the interval, by id or by content', async () => {
    const url = await createQueue(sqs(), 'dedup.fifo', FIFO);
    const first = await send(url, 'pay order 7', 'orders', 'order-7');
    const again = await send(url, 'pay order 7 (retry)', 'orders', 'order-7');
    expect(again.MessageId).toBe(first.MessageId);
    expect(again.SequenceNumber).toBe(first.SequenceNumber);
    expect((await receive(url)).map((message) => message.Body)).toEqual(['pay order 7']);

    const content = await createQueue(sqs(), 'content.fifo', { ...FIFO, ContentBasedDeduplication: 'true' });
    const one = await sqs().send(new SendMessageCommand({ QueueUrl: content, MessageBody: 'same body', MessageGroupId: 'g' }));
    const two = await sqs().send(new SendMessageCommand({ QueueUrl: content, MessageBody: 'same body', MessageGroupId: 'other' }));
    expect(two.MessageId).toBe(one.MessageId);
    const [message] = await receive(content);
    expect(message!.Attributes!.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
    await sqs().send(new DeleteMessageCommand({ QueueUrl: content, ReceiptHandle: message!.ReceiptHandle }));
    // Still remembered after delete, until the 5-minute interval (3 s here) ends.
    await sqs().send(new SendMessageCommand({ QueueUrl: content, MessageBody: 'same body', MessageGroupId: 'g' }));
    expect(await receive(content)).toEqual([]);
  });

  it('deduplicates per message group when DeduplicationScope is messageGroup', async () => {
    const url = await createQueue(sqs(), 'scoped.fifo', { ...FIFO, DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' });
    await send(url, 'x', 'g1', 'same-id');
    await send(url, 'y', 'g2', 'same-id');
    expect((await receive(url)).map((message) => message.Body).sort()).toEqual(['x', 'y']);
  });

  it('returns the same messages for a retried ReceiveRequestAttemptId', async () => {
    const url = await createQueue(sqs(), 'attempts.fifo', FIFO);
    await send(url, 'm1', 'g');
    const ask = () => sqs().send(new ReceiveMessageCommand({ QueueUrl: url, ReceiveRequestAttemptId: 'attempt-1', VisibilityTimeout: 600 }));
    const first = await ask();
    const retry = await ask();
    expect(retry.Messages?.[0]?.ReceiptHandle).toBe(first.Messages?.[0]?.ReceiptHandle);
    expect((await sqs().send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
  });

  it('answers FIFO-specific errors', async () => {
    const url = await createQueue(sqs(), 'strict.fifo', FIFO);
    await expectSqsError(sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageDeduplicationId: 'd' })), 'MissingParameter', 400, /MessageGroupId/);
    await expectSqsError(sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' })), 'InvalidParameterValue', 400, /ContentBasedDeduplication/);
    await expectSqsError(
      sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 5 })),
      'InvalidParameterValue',
      400,
      /DelaySeconds/,
    );
    await expectSqsError(
      sqs().send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'x', MessageDeduplicationId: 'd' }] })),
      'InvalidParameterValue',
      400,
      /MessageGroupId/,
    );
    const standard = await createQueue(sqs(), 'standard-not-fifo');
    await expectSqsError(sqs().send(new SendMessageCommand({ QueueUrl: standard, MessageBody: 'x', MessageDeduplicationId: 'd' })), 'InvalidParameterValue');
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'held', MessageGroupId: 'g', MessageDeduplicationId: 'h' }));
    const [message] = await receive(url, 1, 0);
    await expectSqsError(sqs().send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: message!.ReceiptHandle, VisibilityTimeout: 5 })), 'MessageNotInflight');
  });

  it('keeps batch order in a FIFO queue', async () => {
    const url = await createQueue(sqs(), 'batch.fifo', { ...FIFO, ContentBasedDeduplication: 'true' });
    const answer = await sqs().send(new SendMessageBatchCommand({
      QueueUrl: url,
      Entries: ['first', 'second', 'third'].map((body, index) => ({ Id: `e${index}`, MessageBody: body, MessageGroupId: 'g' })),
    }));
    expect(answer.Successful?.map((entry) => entry.SequenceNumber !== undefined)).toEqual([true, true, true]);
    expect((await receive(url)).map((message) => message.Body)).toEqual(['first', 'second', 'third']);
  });
});
