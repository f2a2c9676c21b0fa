/**
 * SNS topics, subscriptions and publishing through the real SDK (query protocol): AWS's answers
 * and errors, FIFO topics, PublishBatch's request and entry errors, and the AWS CLI once.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CreateTopicCommand, DeleteTopicCommand, GetSubscriptionAttributesCommand, GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTagsForResourceCommand,
  ListTopicsCommand, PublishBatchCommand, PublishCommand, SetSubscriptionAttributesCommand, SetTopicAttributesCommand, SubscribeCommand, TagResourceCommand, UnsubscribeCommand, UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';
import { createQueue, receiveSome, snsClientOf } from './sns-support.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('sns');

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const failed = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: failed.name, message: failed.message, status: failed.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('SNS topics and subscriptions', () => {
  const emulator = useEmulator({ timeFactor: 0.001 });
  const sns = snsClientOf(emulator);

  it('creates topics idempotently, refuses different attributes, and answers attributes, lists and tags', async () => {
    const { TopicArn } = await sns().send(new CreateTopicCommand({ Name: 'shop-events', Attributes: { DisplayName: 'Shop' }, Tags: [{ Key: 'team', Value: 'orders' }] }));
    expect(TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:shop-events');
    expect((await sns().send(new CreateTopicCommand({ Name: 'shop-events', Attributes: { DisplayName: 'Shop' } }))).TopicArn).toBe(TopicArn);
    const different = await failure(sns().send(new CreateTopicCommand({ Name: 'shop-events', Attributes: { DisplayName: 'Other' } })));
    expect(different).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Attributes Reason: Topic already exists with different attributes', status: 400 });
    expect(await failure(sns().send(new CreateTopicCommand({ Name: 'bad name!' })))).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Topic Name' });
    const { Attributes } = await sns().send(new GetTopicAttributesCommand({ TopicArn }));
    expect(Attributes).toMatchObject({ TopicArn, Owner: '000000000000', DisplayName: 'Shop', SubscriptionsConfirmed: '0', SubscriptionsPending: '0', SubscriptionsDeleted: '0' });
    expect(JSON.parse(Attributes!.Policy!).Statement[0].Condition).toEqual({ StringEquals: { 'AWS:SourceOwner': '000000000000' } });
    await sns().send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'DisplayName', AttributeValue: 'Shop events' }));
    expect((await sns().send(new GetTopicAttributesCommand({ TopicArn }))).Attributes!.DisplayName).toBe('Shop events');
    expect((await sns().send(new ListTopicsCommand({}))).Topics).toContainEqual({ TopicArn });
    await sns().send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: 'stage', Value: 'dev' }] }));
    await sns().send(new UntagResourceCommand({ ResourceArn: TopicArn, TagKeys: ['team'] }));
    expect((await sns().send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }))).Tags).toEqual([{ Key: 'stage', Value: 'dev' }]);
    const missing = 'arn:aws:sns:us-east-1:000000000000:nope';
    expect(await failure(sns().send(new GetTopicAttributesCommand({ TopicArn: missing })))).toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist', status: 404 });
    expect(await failure(sns().send(new PublishCommand({ TopicArn: missing, Message: 'x' })))).toMatchObject({ name: 'NotFoundException' });
    await sns().send(new DeleteTopicCommand({ TopicArn }));
    expect((await sns().send(new ListTopicsCommand({}))).Topics ?? []).not.toContainEqual({ TopicArn });
  });

  it('subscribes, lists, sets attributes and refuses filter policies SNS refuses', async () => {
    const { TopicArn } = await sns().send(new CreateTopicCommand({ Name: 'subs' }));
    const queue = await createQueue(emulator, 'subs-queue', TopicArn);
    const { SubscriptionArn } = await sns().send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn }));
    const listed = (await sns().send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions;
    expect(listed).toEqual([{ SubscriptionArn, Owner: '000000000000', Protocol: 'sqs', Endpoint: queue.arn, TopicArn }]);
    await sns().send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' }));
    expect((await sns().send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes).toMatchObject({ RawMessageDelivery: 'true', PendingConfirmation: 'false', Protocol: 'sqs' });
    const policy = (value: object) => sns().send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: JSON.stringify(value) }));
    expect(await failure(policy({ a: [1], b: [1], c: [1], d: [1], e: [1], f: [1] }))).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys' });
    expect((await failure(policy({ name: [{ wildcard: 'a*' }] }))).message).toBe('Invalid parameter: FilterPolicy: Unrecognized match type wildcard');
    expect((await failure(policy({ a: [1, 2, 3, 4, 5, 6], b: [1, 2, 3, 4, 5, 6], c: [1, 2, 3, 4, 5] }))).message).toBe('Invalid parameter: FilterPolicy: Filter policy is too complex');
    expect((await failure(policy({ shipping: { region: ['eu'] } }))).message).toBe('Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy');
    const subscribeBad = await failure(sns().send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn.replace('subs-queue', 'other'), Attributes: { FilterPolicy: '{"price":[{"numeric":["<",10,">",1]}]}' } })));
    expect(subscribeBad.message).toBe('Invalid parameter: Attributes Reason: FilterPolicy: Too many elements in numeric expression\n at ...');
    expect(await failure(sns().send(new SubscribeCommand({ TopicArn, Protocol: 'https', Endpoint: 'https://example.com/hook' })))).toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('only to this machine') });
    await sns().send(new UnsubscribeCommand({ SubscriptionArn }));
    expect((await sns().send(new GetTopicAttributesCommand({ TopicArn }))).Attributes).toMatchObject({ SubscriptionsConfirmed: '0', SubscriptionsDeleted: '1' });
  });

  it('keeps FIFO order and deduplication, with the errors of a FIFO topic', async () => {
    expect((await failure(sns().send(new CreateTopicCommand({ Name: 'orders', Attributes: { FifoTopic: 'true' } })))).message).toContain('Fifo Topic names must end with .fifo');
    const { TopicArn } = await sns().send(new CreateTopicCommand({ Name: 'orders.fifo', Attributes: { FifoTopic: 'true' } }));
    const queue = await createQueue(emulator, 'orders-in.fifo', TopicArn, { FifoQueue: 'true' });
    await sns().send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn, Attributes: { RawMessageDelivery: 'true' } }));
    expect((await failure(sns().send(new PublishCommand({ TopicArn, Message: 'a' })))).message).toBe('Invalid parameter: The MessageGroupId parameter is required for FIFO topics');
    expect((await failure(sns().send(new PublishCommand({ TopicArn, Message: 'a', MessageGroupId: 'g' })))).message).toBe('Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    const first = await sns().send(new PublishCommand({ TopicArn, Message: 'one', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    const again = await sns().send(new PublishCommand({ TopicArn, Message: 'one again', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    const second = await sns().send(new PublishCommand({ TopicArn, Message: 'two', MessageGroupId: 'g', MessageDeduplicationId: 'd2' }));
    expect(again.MessageId).toBe(first.MessageId);
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    expect(BigInt(second.SequenceNumber!)).toBeGreaterThan(BigInt(first.SequenceNumber!));
    const received = await receiveSome(emulator, queue.url);
    expect(received.map((message) => message.Body)).toEqual(['one', 'two']);
  });

  it('answers PublishBatch request errors and per-entry failures', async () => {
    const { TopicArn } = await sns().send(new CreateTopicCommand({ Name: 'batch' }));
    const entries = (count: number) => Array.from({ length: count }, (_, index) => ({ Id: `e${index}`, Message: `m${index}` }));
    expect(await failure(sns().send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: entries(11) })))).toMatchObject({ name: 'TooManyEntriesInBatchRequestException' });
    expect(await failure(sns().send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: 'same', Message: 'a' }, { Id: 'same', Message: 'b' }] })))).toMatchObject({ name: 'BatchEntryIdsNotDistinctException' });
    expect(await failure(sns().send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: 'big', Message: 'x'.repeat(262_145) }] })))).toMatchObject({ name: 'BatchRequestTooLongException' });
    const answer = await sns().send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: 'ok', Message: 'fine' }, { Id: 'bad', Message: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'ten' } } }] }));
    expect(answer.Successful).toEqual([{ Id: 'ok', MessageId: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    expect(answer.Failed).toEqual([{ Id: 'bad', Code: 'ParameterValueInvalid', Message: 'Could not cast message attribute \'n\' value to number.', SenderFault: true }]);
    expect(await failure(sns().send(new PublishCommand({ TopicArn, Message: 'x'.repeat(262_145) })))).toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Message too long' });
  });

  it.skipIf(!hasAws)('works through the AWS CLI (skipped when `aws` is not installed)', async () => {
    const aws = async (...args: string[]) => JSON.parse((await run('aws', ['--endpoint-url', emulator.running.url, '--region', 'us-east-1', 'sns', ...args, '--output', 'json'], { timeout: 30_000, env: clientEnv() })).stdout || '{}');
    const { TopicArn } = await aws('create-topic', '--name', 'cli-topic', '--attributes', 'DisplayName=CLI');
    const queue = await createQueue(emulator, 'cli-queue', TopicArn);
    await aws('subscribe', '--topic-arn', TopicArn, '--protocol', 'sqs', '--notification-endpoint', queue.arn, '--attributes', 'RawMessageDelivery=true');
    const { MessageId } = await aws('publish', '--topic-arn', TopicArn, '--message', 'from the CLI', '--message-attributes', '{"kind":{"DataType":"String","StringValue":"cli"}}');
    expect(MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await aws('get-topic-attributes', '--topic-arn', TopicArn)).Attributes.DisplayName).toBe('CLI');
    const [message] = await receiveSome(emulator, queue.url);
    expect(message).toMatchObject({ Body: 'from the CLI', MessageAttributes: { kind: { DataType: 'String', StringValue: 'cli' } } });
  }, 60_000);
});
