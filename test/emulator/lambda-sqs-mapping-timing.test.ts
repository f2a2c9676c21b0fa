/**
 * The times of an SQS event source mapping: Lambda refuses a queue whose visibility timeout is
 * shorter than the function's timeout (AWS's words), and an account's own time factor (a
 * grader's) shortens its queues' visibility timeouts and its mappings' batching windows while
 * other accounts keep AWS's times. The emulator runs in real time here.
 */
import { CreateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';
import { createQueue } from '../support/sqs.ts';

const FAST = '123456789013';
// Remembers each batch in the queue "seen", so the test can tell when the function ran.
const RELAY = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SEEN_URL, MessageBody: String(event.Records.length) }));
  return {};
};
`;

describe('SQS event source mapping times', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 10 } });
  const speedUp = () => fetch(`${emulator.running.url}/_workshop/time-factor?account=${FAST}&factor=0.01`, { method: 'PUT' });
  const arnOf = async (url: string) => (await emulator.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;

  it('refuses a queue whose visibility timeout is shorter than the function\'s timeout, as Lambda does', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'slow-consumer', { Timeout: 60 });
    const short = await arnOf(await createQueue(emulator.clients.sqs, 'short-visibility', { VisibilityTimeout: '30' }));
    await expect(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'slow-consumer', EventSourceArn: short }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds',
      $metadata: { httpStatusCode: 400 },
    });
    // Equal is enough for Lambda (AWS advises six times, but does not enforce it).
    const equal = await arnOf(await createQueue(emulator.clients.sqs, 'equal-visibility', { VisibilityTimeout: '60' }));
    await expect(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'slow-consumer', EventSourceArn: equal }))).resolves.toMatchObject({ State: 'Creating' });
  });

  it('shortens visibility timeouts in the account whose time factor is set, and there only', async () => {
    await speedUp();
    const fast = emulator.clientsFor(FAST);
    const urls = { fast: await createQueue(fast.sqs, 'orders', { VisibilityTimeout: '30' }), slow: await createQueue(emulator.clients.sqs, 'orders', { VisibilityTimeout: '30' }) };
    for (const [sqs, url] of [[fast.sqs, urls.fast], [emulator.clients.sqs, urls.slow]] as const) {
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'order' }));
      expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toHaveLength(1);
    }
    // 30 s at 0.01 is 0.3 s: the message is back in the fast account, still hidden in the other.
    const again = await eventually(async () => (await fast.sqs.send(new ReceiveMessageCommand({ QueueUrl: urls.fast }))).Messages?.[0], 5_000, 50);
    expect(again.Body).toBe('order');
    expect((await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: urls.slow }))).Messages ?? []).toEqual([]);
    // A visibility change is scaled the same way.
    await fast.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: urls.fast, ReceiptHandle: again.ReceiptHandle, VisibilityTimeout: 20 }));
    await eventually(async () => (await fast.sqs.send(new ReceiveMessageCommand({ QueueUrl: urls.fast }))).Messages?.[0], 5_000, 50);
  });

  it('shortens a mapping\'s batching window in that account', async () => {
    await speedUp();
    const fast = emulator.clientsFor(FAST);
    const seen = await createQueue(fast.sqs, 'seen');
    // Longer than the window, as AWS advises: a message must not become visible again while its batch gathers.
    const input = await createQueue(fast.sqs, 'batched', { VisibilityTimeout: '120' });
    await createFunction(fast.lambda, 'batcher', { files: { 'index.js': RELAY }, Environment: { Variables: { SEEN_URL: seen } } });
    await fast.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'batcher', EventSourceArn: `arn:aws:sqs:us-east-1:${FAST}:batched`, BatchSize: 100, MaximumBatchingWindowInSeconds: 60 }));
    await fast.sqs.send(new SendMessageCommand({ QueueUrl: input, MessageBody: 'one order' }));
    const started = Date.now();
    // A window of 60 s at 0.01 closes after 0.6 s; in real time the batch would wait a minute.
    const batch = await eventually(async () => (await fast.sqs.send(new ReceiveMessageCommand({ QueueUrl: seen }))).Messages?.[0], 15_000, 50);
    expect(batch.Body).toBe('1');
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
