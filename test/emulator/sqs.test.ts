import {
  ChangeMessageVisibilityCommand, CreateQueueCommand, DeleteMessageCommand, DeleteQueueCommand, GetQueueAttributesCommand,
  GetQueueUrlCommand, ListQueuesCommand, ListQueueTagsCommand, PurgeQueueCommand, ReceiveMessageCommand, SendMessageCommand,
  SetQueueAttributesCommand, TagQueueCommand, UntagQueueCommand, type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createQueue, expectSqsError } from '../support/sqs.ts';

// 0.01: a 1-second visibility timeout lasts 10 ms.
describe('SQS queues and messages through the real SDK', () => {
  const emulator = useEmulator({ timeFactor: 0.01 });
  const sqs = (): SQSClient => emulator.clients.sqs;

  it('creates, finds, lists, describes and deletes queues', async () => {
    const before = Math.floor(Date.now() / 1000);
    const url = await createQueue(sqs(), 'orders-inbox', { VisibilityTimeout: '45', DelaySeconds: '0' });
    expect(url).toBe(`${emulator.running.url}/000000000000/orders-inbox`);
    await createQueue(sqs(), 'orders-audit');
    await createQueue(sqs(), 'billing');
    expect((await sqs().send(new GetQueueUrlCommand({ QueueName: 'orders-inbox' }))).QueueUrl).toBe(url);

    const listed = await sqs().send(new ListQueuesCommand({ QueueNamePrefix: 'orders-' }));
    expect(listed.QueueUrls?.map((item) => item.split('/').pop())).toEqual(['orders-audit', 'orders-inbox']);
    const first = await sqs().send(new ListQueuesCommand({ MaxResults: 2 }));
    expect(first.QueueUrls).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const rest = await sqs().send(new ListQueuesCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect([...first.QueueUrls!, ...rest.QueueUrls!].map((item) => item.split('/').pop())).toEqual(['billing', 'orders-audit', 'orders-inbox']);

    const { Attributes } = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:orders-inbox',
      VisibilityTimeout: '45',
      DelaySeconds: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
    });
    expect(Number(Attributes!.CreatedTimestamp)).toBeGreaterThanOrEqual(before);
    const named = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    expect(named.Attributes).toEqual({ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:orders-inbox' });

    await sqs().send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '5', MaximumMessageSize: '2048' } }));
    const updated = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout', 'MaximumMessageSize'] }));
    expect(updated.Attributes).toEqual({ VisibilityTimeout: '5', MaximumMessageSize: '2048' });

    await sqs().send(new DeleteQueueCommand({ QueueUrl: url }));
    await expectSqsError(sqs().send(new GetQueueUrlCommand({ QueueName: 'orders-inbox' })), 'QueueDoesNotExist');
  });

  it('makes CreateQueue idempotent for the same attributes and refuses different ones', async () => {
    const url = await createQueue(sqs(), 'idempotent', { DelaySeconds: '2' });
    expect(await createQueue(sqs(), 'idempotent', { DelaySeconds: '2' })).toBe(url);
    await expectSqsError(createQueue(sqs(), 'idempotent', { DelaySeconds: '3' }), 'QueueNameExists', 400, /different value for attribute DelaySeconds/);
    // Only the attributes a request names are compared: "only if the request includes attributes whose values differ".
    expect(await createQueue(sqs(), 'idempotent')).toBe(url);
  });

  it('checks queue names and attributes', async () => {
    await expectSqsError(createQueue(sqs(), 'has space'), 'InvalidParameterValue');
    await expectSqsError(createQueue(sqs(), 'x'.repeat(81)), 'InvalidParameterValue');
    await expectSqsError(createQueue(sqs(), 'plain.fifo'), 'InvalidParameterValue');
    await expectSqsError(createQueue(sqs(), 'no-suffix', { FifoQueue: 'true' }), 'InvalidParameterValue', 400, /\.fifo suffix/);
    await expectSqsError(createQueue(sqs(), 'bad-delay', { DelaySeconds: '901' }), 'InvalidAttributeValue');
    await expectSqsError(createQueue(sqs(), 'bad-name', { Colour: 'blue' }), 'InvalidAttributeName');
    await expectSqsError(createQueue(sqs(), 'standard-cbd', { ContentBasedDeduplication: 'true' }), 'InvalidAttributeName');
    const url = await createQueue(sqs(), 'attribute-checks');
    await expectSqsError(sqs().send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: 'soon' } })), 'InvalidAttributeValue');
    await expectSqsError(sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Nope' as 'All'] })), 'InvalidAttributeName');
  });

  it('tags queues', async () => {
    const { QueueUrl } = await sqs().send(new CreateQueueCommand({ QueueName: 'tagged', tags: { team: 'shop' } }));
    await sqs().send(new TagQueueCommand({ QueueUrl, Tags: { stage: 'dev', team: 'orders' } }));
    expect((await sqs().send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ team: 'orders', stage: 'dev' });
    await sqs().send(new UntagQueueCommand({ QueueUrl, TagKeys: ['team'] }));
    expect((await sqs().send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ stage: 'dev' });
  });

  it('sends, receives and deletes a message with its system attributes', async () => {
    const url = await createQueue(sqs(), 'roundtrip');
    const before = Date.now();
    const sent = await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'order #1 ✓' }));
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.MD5OfMessageAttributes).toBeUndefined();
    const { Messages } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['All'] }));
    expect(Messages).toHaveLength(1);
    const [message] = Messages!;
    expect(message).toMatchObject({ MessageId: sent.MessageId, Body: 'order #1 ✓', MD5OfBody: sent.MD5OfMessageBody });
    expect(message!.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: '000000000000' });
    expect(Number(message!.Attributes!.SentTimestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(message!.Attributes!.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(Number(message!.Attributes!.SentTimestamp));
    const counts = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }));
    expect(counts.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('1');

    await sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message!.ReceiptHandle }));
    // Deleting again with the same handle succeeds, as on AWS.
    await sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message!.ReceiptHandle }));
    const after = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(after.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  it('returns message attributes with the MD5 AWS computes, filtered by name and prefix', async () => {
    const url = await createQueue(sqs(), 'attributes');
    const string = (value: string) => ({ DataType: 'String', StringValue: value });
    const sent = await sqs().send(new SendMessageCommand({
      QueueUrl: url,
      MessageBody: 'msg',
      MessageAttributes: { General: string('Kenobi'), Hello: string('There'), 'Help.Me': string('Me') },
    }));
    // Digests recorded from AWS for exactly these attributes.
    expect(sent.MD5OfMessageAttributes).toBe('4c360f3fdafd970e05fae2f149d997f5');
    expect(sent.MD5OfMessageBody).toBe('6e2baaf3b97dbeef01c0043275f9a0e7');
    const receive = async (names: string[]) => {
      const { Messages } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: names, VisibilityTimeout: 0 }));
      return Messages![0]!;
    };
    expect((await receive(['All'])).MD5OfMessageAttributes).toBe('4c360f3fdafd970e05fae2f149d997f5');
    const some = await receive(['General', 'Hello']);
    expect(Object.keys(some.MessageAttributes!).sort()).toEqual(['General', 'Hello']);
    expect(some.MD5OfMessageAttributes).toBe('fca026605781cb4126a1e9044df24232');
    const prefixed = await receive(['Hel.*']);
    expect(prefixed.MD5OfMessageAttributes).toBe('83fee93c1bcd8b9a5a923ffacdc636c7');
    const none = await receive([]);
    expect(none.MessageAttributes).toBeUndefined();
    expect(none.MD5OfMessageAttributes).toBeUndefined();

    const binary = Buffer.from('traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01');
    const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    const traced = await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'traced', MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: trace } } }));
    expect(traced.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    const tracedMessages = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['AWSTraceHeader'] }));
    expect(tracedMessages.Messages?.find((message) => message.Body === 'traced')?.Attributes).toEqual({ AWSTraceHeader: trace });

    const url2 = await createQueue(sqs(), 'binary-attributes');
    const sentBinary = await sqs().send(new SendMessageCommand({ QueueUrl: url2, MessageBody: 'test', MessageAttributes: { attr1: { DataType: 'Binary', BinaryValue: binary } } }));
    expect(sentBinary.MD5OfMessageAttributes).toBe('8cbe4db156db8a94db8b801b7addb984');
    const { Messages } = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url2, MessageAttributeNames: ['.*'] }));
    expect(Buffer.from(Messages![0]!.MessageAttributes!.attr1!.BinaryValue!).equals(binary)).toBe(true);
  });

  it('hides a received message for its visibility timeout and counts receives', async () => {
    const url = await createQueue(sqs(), 'visibility', { VisibilityTimeout: '10' });
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'retry me' }));
    const first = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(first.Messages![0]!.Attributes).toEqual({ ApproximateReceiveCount: '1' });
    expect((await sqs().send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The deprecated AttributeNames still works; the SDK types it with queue attribute names.
    const second = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, AttributeNames: ['ApproximateReceiveCount' as 'All'], VisibilityTimeout: 600 }));
    expect(second.Messages![0]!.Attributes).toEqual({ ApproximateReceiveCount: '2' });
    expect(second.Messages![0]!.ReceiptHandle).not.toBe(first.Messages![0]!.ReceiptHandle);

    await sqs().send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: second.Messages![0]!.ReceiptHandle, VisibilityTimeout: 0 }));
    const third = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(third.Messages![0]!.Attributes!.ApproximateReceiveCount).toBe('3');
    // A standard queue still deletes with an older handle.
    await sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first.Messages![0]!.ReceiptHandle }));
    const counts = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(counts.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  it('delays messages per message and per queue', async () => {
    const url = await createQueue(sqs(), 'delayed', { DelaySeconds: '20' });
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'queue delay' }));
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'no delay', DelaySeconds: 0 }));
    const delayed = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessagesDelayed', 'ApproximateNumberOfMessages'] }));
    expect(delayed.Attributes).toEqual({ ApproximateNumberOfMessagesDelayed: '1', ApproximateNumberOfMessages: '1' });
    const now = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(now.Messages?.map((message) => message.Body)).toEqual(['no delay']);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const later = await sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(later.Messages?.map((message) => message.Body)).toEqual(['queue delay']);
    await expectSqsError(sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', DelaySeconds: 901 })), 'InvalidParameterValue');
  });

  it('purges a queue once a minute', async () => {
    const url = await createQueue(sqs(), 'purged');
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a' }));
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'b' }));
    await sqs().send(new PurgeQueueCommand({ QueueUrl: url }));
    expect((await sqs().send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    await expectSqsError(sqs().send(new PurgeQueueCommand({ QueueUrl: url })), 'PurgeQueueInProgress', 403);
    await new Promise((resolve) => setTimeout(resolve, 650));
    await sqs().send(new PurgeQueueCommand({ QueueUrl: url }));
  });

  it('answers SQS errors for bad input', async () => {
    const url = await createQueue(sqs(), 'errors', { MaximumMessageSize: '1024' });
    const missing = `${emulator.running.url}/000000000000/no-such-queue`;
    await expectSqsError(sqs().send(new SendMessageCommand({ QueueUrl: missing, MessageBody: 'x' })), 'QueueDoesNotExist');
    await expectSqsError(sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'bad \u0000 char' })), 'InvalidMessageContents');
    await expectSqsError(sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(1025) })), 'InvalidParameterValue', 400, /shorter than 1024 bytes/);
    await expectSqsError(sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: '' })), 'MissingParameter');
    await expectSqsError(
      sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { 'AWS.reserved': { DataType: 'String', StringValue: 'v' } } })),
      'InvalidParameterValue',
    );
    await expectSqsError(
      sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'ten' } } })),
      'InvalidParameterValue',
    );
    await expectSqsError(sqs().send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 })), 'InvalidParameterValue', 400, /MaxNumberOfMessages/);
    await expectSqsError(sqs().send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 21 })), 'InvalidParameterValue');
    await expectSqsError(sqs().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'garbage' })), 'ReceiptHandleIsInvalid', 404);
    await expectSqsError(sqs().send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: 'garbage', VisibilityTimeout: 1 })), 'ReceiptHandleIsInvalid', 404);
    await expectSqsError(sqs().send(new SendMessageCommand({ QueueUrl: 'not a url', MessageBody: 'x' })), 'InvalidAddress', 404);
  });

  it('reports the legacy code the SDK exposes as Code', async () => {
    const error = await sqs().send(new GetQueueUrlCommand({ QueueName: 'nowhere' })).catch((caught: unknown) => caught as Record<string, unknown>);
    expect(error).toMatchObject({ name: 'QueueDoesNotExist', Code: 'AWS.SimpleQueueService.NonExistentQueue', Type: 'Sender' });
  });

  it('keeps accounts apart', async () => {
    const a = emulator.clientsFor('111111111111').sqs;
    const b = emulator.clientsFor('222222222222').sqs;
    const urlA = await createQueue(a, 'shared-name');
    const urlB = await createQueue(b, 'shared-name');
    expect(urlA).toContain('/111111111111/shared-name');
    expect(urlB).toContain('/222222222222/shared-name');
    await a.send(new SendMessageCommand({ QueueUrl: urlA, MessageBody: 'for a' }));
    expect((await b.send(new ReceiveMessageCommand({ QueueUrl: urlB }))).Messages).toBeUndefined();
    // Another account's queue answers as AWS does when its policy grants the caller nothing.
    await expectSqsError(b.send(new ReceiveMessageCommand({ QueueUrl: urlA })), 'AccessDenied', 403);
    expect((await a.send(new ReceiveMessageCommand({ QueueUrl: urlA }))).Messages?.[0]?.Body).toBe('for a');
  });

  it('accepts LocalStack-style queue URLs', async () => {
    await createQueue(sqs(), 'localstack-style');
    const url = 'http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/localstack-style';
    await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'hi' }));
    expect((await sqs().send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages?.[0]?.Body).toBe('hi');
  });
});
