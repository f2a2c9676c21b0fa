/**
 * SNS state across restarts with a state folder: topics with their attributes and tags,
 * subscriptions with their filter policies and confirmation state, and FIFO deduplication.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTopicCommand, GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand, ListTagsForResourceCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, describe, expect, it } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { startEmulator } from '../../src/emulator/server.ts';

const folder = mkdtempSync(join(tmpdir(), 'sns-state-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const clientAt = (url: string) => new SNSClient(sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: url } })));

describe('SNS state with --state', () => {
  it('keeps topics, subscriptions and FIFO deduplication across a restart', async () => {
    let running = await startEmulator({ port: 0, log: () => {}, stateDir: folder });
    let sns = clientAt(running.url);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'kept.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' }, Tags: [{ Key: 'team', Value: 'orders' }] }));
    const queueArn = 'arn:aws:sqs:us-east-1:000000000000:kept.fifo';
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: { FilterPolicy: '{"kind":["placed"]}' } }));
    const first = await sns.send(new PublishCommand({ TopicArn, Message: 'once', MessageGroupId: 'g' }));
    sns.destroy();
    await running.stop();

    running = await startEmulator({ port: 0, log: () => {}, stateDir: folder });
    sns = clientAt(running.url);
    try {
      expect((await sns.send(new ListTagsForResourceCommand({ ResourceArn: TopicArn }))).Tags).toEqual([{ Key: 'team', Value: 'orders' }]);
      expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toEqual([{ SubscriptionArn, Owner: '000000000000', Protocol: 'sqs', Endpoint: queueArn, TopicArn }]);
      expect((await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes).toMatchObject({ FilterPolicy: '{"kind":["placed"]}', FilterPolicyScope: 'MessageAttributes' });
      // The same content within the deduplication interval gets the first message's id back.
      expect((await sns.send(new PublishCommand({ TopicArn, Message: 'once', MessageGroupId: 'g' }))).MessageId).toBe(first.MessageId);
    } finally {
      sns.destroy();
      await running.stop();
    }
  });
});
