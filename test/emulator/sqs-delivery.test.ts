import {
  ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ListDeadLetterSourceQueuesCommand,
  ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SetQueueAttributesCommand, type SQSClient,
} from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import { startEmulator } from '../../src/emulator/server.ts';
import { createSqsService, queueUrlFromArn } from '../../src/emulator/services/sqs/service.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { createQueue, expectSqsError } from '../support/sqs.ts';

describe('SQS batches and dead-letter queues through the real SDK', () => {
  const emulator = useEmulator({ timeFactor: 0.01 });
  const sqs = (): SQSClient => emulator.clients.sqs;

  it('sends a batch with per-entry successes and failures', async () => {
    const url = await createQueue(sqs(), 'batch', { MaximumMessageSize: '1024' });
    const answer = await sqs().send(new SendMessageBatchCommand({
      QueueUrl: url,
      Entries: [
        { Id: 'ok-1', MessageBody: 'first', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } } },
        { Id: 'too-big', MessageBody: 'x'.repeat(2000) },
        { Id: 'bad-chars', MessageBody: 'nul \u0000' },
        { Id: 'ok-2', MessageBody: 'second', DelaySeconds: 0 },
      ],
    }));
    expect(answer.Successful?.map((entry) => entry.Id)).toEqual(['ok-1', 'ok-2']);
    expect(answer.Successful?.[0]?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(answer.Failed).toEqual([
      expect.objectContaining({ Id: 'too-big', SenderFault: true, Code: 'InvalidParameterValue' }),
      expect.objectContaining({ Id: 'bad-chars', SenderFault: true, Code: 'InvalidMessageContents' }),
    ]);
    const { Messages } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
    expect(Messages?.map((message) => message.Body).sort()).toEqual(['first', 'second']);

    const deleted = await sqs().send(new DeleteMessageBatchCommand({
      QueueUrl: url,
      Entries: [...Messages!.map((message, index) => ({ Id: `m${index}`, ReceiptHandle: message.ReceiptHandle! })), { Id: 'junk', ReceiptHandle: 'not-a-handle' }],
    }));
    expect(deleted.Successful?.map((entry) => entry.Id)).toEqual(['m0', 'm1']);
    expect(deleted.Failed).toEqual([expect.objectContaining({ Id: 'junk', Code: 'ReceiptHandleIsInvalid', SenderFault: true })]);
  });

  it('refuses malformed batches as a whole', async () => {
    const url = await createQueue(sqs(), 'batch-errors');
    const entries = (count: number) => Array.from({ length: count }, (_, index) => ({ Id: `e${index}`, MessageBody: 'm' }));
    await expectSqsError(sqs().send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(11) })), 'TooManyEntriesInBatchRequest', 400, /You have sent 11/);
    await expectSqsError(sqs().send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [] })), 'EmptyBatchRequest');
    await expectSqsError(
      sqs().send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'same', MessageBody: 'a' }, { Id: 'same', MessageBody: 'b' }] })),
      'BatchEntryIdsNotDistinct',
    );
    await expectSqsError(sqs().send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'bad:id', MessageBody: 'a' }] })), 'InvalidBatchEntryId');
    const big = 'x'.repeat(600_000);
    await expectSqsError(
      sqs().send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: big }, { Id: 'b', MessageBody: big }] })),
      'BatchRequestTooLong',
    );
    await expectSqsError(sqs().send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: [] })), 'EmptyBatchRequest');
  });

  it('changes visibility in a batch', async () => {
    const url = await createQueue(sqs(), 'batch-visibility', { VisibilityTimeout: '600' });
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'hold' }));
    const { Messages } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url }));
    const answer = await sqs().send(new ChangeMessageVisibilityBatchCommand({
      QueueUrl: url,
      Entries: [{ Id: 'a', ReceiptHandle: Messages![0]!.ReceiptHandle!, VisibilityTimeout: 0 }, { Id: 'b', ReceiptHandle: 'bogus', VisibilityTimeout: 0 }],
    }));
    expect(answer.Successful).toEqual([{ Id: 'a' }]);
    expect(answer.Failed?.[0]).toMatchObject({ Id: 'b', Code: 'ReceiptHandleIsInvalid' });
    expect((await sqs().send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages?.[0]?.Body).toBe('hold');
  });

  it('moves a message to the dead-letter queue on the receive after maxReceiveCount', async () => {
    const dlqUrl = await createQueue(sqs(), 'orders-dlq');
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:orders-dlq';
    const url = await createQueue(sqs(), 'orders-work', {
      VisibilityTimeout: '0',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '2' }),
    });
    const attributes = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }));
    expect(JSON.parse(attributes.Attributes!.RedrivePolicy!)).toEqual({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 });
    const sources = await sqs().send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlqUrl }));
    expect(sources.queueUrls).toEqual([url]);

    const { MessageId } = await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    for (const count of ['1', '2']) {
      const { Messages } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
      expect(Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe(count);
    }
    expect((await sqs().send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    const moved = await sqs().send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MessageSystemAttributeNames: ['All'] }));
    expect(moved.Messages?.[0]).toMatchObject({ MessageId, Body: 'poison' });
    expect(moved.Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn).toBe('arn:aws:sqs:us-east-1:000000000000:orders-work');
  });

  it('checks redrive policies', async () => {
    const url = await createQueue(sqs(), 'redrive-checks');
    const set = (policy: string) => sqs().send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { RedrivePolicy: policy } }));
    await expectSqsError(set('{not json'), 'InvalidParameterValue');
    await expectSqsError(set(JSON.stringify({ deadLetterTargetArn: 'dummy', maxReceiveCount: 3 })), 'InvalidParameterValue', 400, /deadLetterTargetArn/);
    await expectSqsError(set(JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:missing', maxReceiveCount: 3 })), 'InvalidParameterValue');
    await createQueue(sqs(), 'redrive-target');
    await expectSqsError(set(JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:redrive-target', maxReceiveCount: 0 })), 'InvalidParameterValue', 400, /maxReceiveCount/);
  });

  it('drops messages older than the retention period', async () => {
    const url = await createQueue(sqs(), 'short-retention', { MessageRetentionPeriod: '60' });
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'stale' }));
    await sleep(700);
    expect((await sqs().send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
  });

  it('turns a queue ARN into the URL the emulator uses', () => {
    expect(queueUrlFromArn(emulator.running.emulator, 'arn:aws:sqs:eu-west-1:123456789012:jobs.fifo')).toBe(`${emulator.running.url}/123456789012/jobs.fifo`);
    expect(() => queueUrlFromArn(emulator.running.emulator, 'arn:aws:sns:eu-west-1:123456789012:topic')).toThrow(/not an SQS queue ARN/);
  });
});

// 0.1: a 20-second long poll lasts 2 seconds, long enough to tell an early return apart.
describe('SQS long polling', () => {
  const emulator = useEmulator({ timeFactor: 0.1 });
  const sqs = (): SQSClient => emulator.clients.sqs;

  it('returns as soon as a message arrives', async () => {
    const url = await createQueue(sqs(), 'long-poll');
    const started = Date.now();
    const polling = sqs().send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await sleep(100);
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'arrived' }));
    const { Messages } = await polling;
    expect(Messages?.[0]?.Body).toBe('arrived');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('waits the full time when nothing arrives, and uses the queue default', async () => {
    const url = await createQueue(sqs(), 'long-poll-empty', { ReceiveMessageWaitTimeSeconds: '3' });
    const started = Date.now();
    expect((await sqs().send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('wakes when an in-flight message becomes visible again', async () => {
    const url = await createQueue(sqs(), 'long-poll-visibility');
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'again' }));
    await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 3 }));
    const started = Date.now();
    const { Messages } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    expect(Messages?.[0]?.Body).toBe('again');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(200);
    expect(waited).toBeLessThan(1500);
  });
});

describe('SQS long polls and emulator stop', () => {
  it('releases waiting receives when the emulator stops', async () => {
    const emulator = new Emulator({ services: [createSqsService()] });
    await emulator.start();
    const { QueueUrl } = (await emulator.call('sqs', 'CreateQueue', { QueueName: 'stopping' })) as { QueueUrl: string };
    const started = Date.now();
    const polling = emulator.call('sqs', 'ReceiveMessage', { QueueUrl, WaitTimeSeconds: 20 });
    await sleep(50);
    await emulator.stop();
    expect(await polling).toEqual({});
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('SQS state across a restart', () => {
  it('keeps queues, messages, binary attributes and receive counts in the state folder', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'sqs-state-'));
    try {
      const first = await startEmulator({ port: 0, stateDir, log: () => {} });
      const before = clientsAt(first.url);
      const url = await createQueue(before.sqs, 'kept', { VisibilityTimeout: '0' });
      const binary = Buffer.from([0, 1, 2, 250]);
      const sent = await before.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'survives', MessageAttributes: { raw: { DataType: 'Binary', BinaryValue: binary } } }));
      await before.sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
      before.destroy();
      await first.stop();

      const second = await startEmulator({ port: 0, stateDir, log: () => {} });
      const after = clientsAt(second.url);
      const { Messages } = await after.sqs.send(new ReceiveMessageCommand({
        QueueUrl: `${second.url}/000000000000/kept`, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }));
      expect(Messages?.[0]).toMatchObject({ MessageId: sent.MessageId, Body: 'survives', MD5OfMessageAttributes: sent.MD5OfMessageAttributes, Attributes: { ApproximateReceiveCount: '2' } });
      expect(Buffer.from(Messages![0]!.MessageAttributes!.raw!.BinaryValue!).equals(binary)).toBe(true);
      after.destroy();
      await second.stop();
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
