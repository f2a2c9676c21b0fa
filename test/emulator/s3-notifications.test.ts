/**
 * S3 to EventBridge: a bucket with `EventBridgeConfiguration` sends `Object Created` and
 * `Object Deleted` events in S3's shape to the default bus, where a rule routes them to SQS. The
 * event-flow trace shows that a bucket without the configuration sends nothing.
 */
import { createHash } from 'node:crypto';
import {
  CompleteMultipartUploadCommand, CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteObjectCommand, DeleteObjectsCommand,
  GetBucketNotificationConfigurationCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';

const ACCOUNT = '000000000000';
const md5 = (body: string) => createHash('md5').update(body).digest('hex');

interface S3Event {
  source: string;
  'detail-type': string;
  account: string;
  region: string;
  resources: string[];
  detail: Record<string, any>;
}

describe('S3 event notifications to EventBridge', () => {
  const emulator = useEmulator({ timeFactor: 0.001 });
  let createdUrl: string;
  let deletedUrl: string;
  const received: Record<string, S3Event[]> = {};

  const drain = async (url: string, count: number): Promise<S3Event[]> => {
    received[url] ??= [];
    return eventually(async () => {
      const answer = await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      for (const message of answer.Messages ?? []) {
        received[url]!.push(JSON.parse(message.Body!) as S3Event);
        // Deleted at once: with the scaled clock an unacknowledged message comes back within milliseconds.
        await emulator.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle! }));
      }
      return received[url]!.length >= count ? received[url]!.splice(0, count) : undefined;
    });
  };
  const s3Events = async (): Promise<TraceEntry[]> => {
    const answer = await fetch(`${emulator.running.url}/_workshop/trace?account=${ACCOUNT}`);
    return ((await answer.json()) as { entries: TraceEntry[] }).entries.filter((entry) => entry.kind === 'event-received' && entry.detail?.startsWith('aws.s3'));
  };

  beforeAll(async () => {
    const { s3, sqs, eventbridge } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'shop-receipts' }));
    await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'shop-receipts', NotificationConfiguration: { EventBridgeConfiguration: {} } }));
    createdUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'receipts-created' }))).QueueUrl!;
    deletedUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'receipts-deleted' }))).QueueUrl!;
    const arnOf = async (QueueUrl: string) => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    for (const [name, type, url] of [['receipt-created', 'Object Created', createdUrl], ['receipt-deleted', 'Object Deleted', deletedUrl]] as const) {
      const { RuleArn } = await eventbridge.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: ['aws.s3'], 'detail-type': [type], detail: { bucket: { name: ['shop-receipts'] } } }) }));
      // The queue policy AWS needs before EventBridge sends to a queue for this rule.
      const allow = { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: await arnOf(url), Condition: { ArnEquals: { 'aws:SourceArn': RuleArn } } };
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [allow] }) } }));
      await eventbridge.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: 'queue', Arn: await arnOf(url) }] }));
    }
  });

  it('stores and returns the EventBridge configuration, and checks other configurations', async () => {
    const { s3 } = emulator.clients;
    expect((await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'shop-receipts' }))).EventBridgeConfiguration).toEqual({});
    await s3.send(new CreateBucketCommand({ Bucket: 'configured' }));
    const queue = 'arn:aws:sqs:us-east-1:000000000000:somewhere';
    await s3.send(new PutBucketNotificationConfigurationCommand({
      Bucket: 'configured',
      NotificationConfiguration: { QueueConfigurations: [{ Id: 'q', QueueArn: queue, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }] } } }] },
    }));
    const stored = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'configured' }));
    expect(stored.QueueConfigurations).toEqual([{ Id: 'q', QueueArn: queue, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }] } } }]);
    expect(stored.EventBridgeConfiguration).toBeUndefined();
    await expect(s3.send(new PutBucketNotificationConfigurationCommand({
      Bucket: 'configured', NotificationConfiguration: { QueueConfigurations: [{ QueueArn: queue, Events: ['s3:ObjectExploded' as 's3:ObjectCreated:*'] }] },
    }))).rejects.toMatchObject({ name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } });
  });

  it('sends Object Created for PutObject in S3 event shape', async () => {
    await emulator.clients.s3.send(new PutObjectCommand({ Bucket: 'shop-receipts', Key: 'orders/o-1.json', Body: '{"total":12}' }));
    const [event] = await drain(createdUrl, 1);
    expect(event).toMatchObject({
      source: 'aws.s3', 'detail-type': 'Object Created', account: ACCOUNT, region: 'us-east-1', resources: ['arn:aws:s3:::shop-receipts'],
      detail: {
        version: '0', bucket: { name: 'shop-receipts' }, object: { key: 'orders/o-1.json', size: 12, etag: md5('{"total":12}') },
        requester: ACCOUNT, reason: 'PutObject',
      },
    });
    expect(event!.detail.object.sequencer).toMatch(/^[0-9A-F]{16,}$/);
    expect(event!.detail['request-id']).toEqual(expect.any(String));
    expect(event!.detail['source-ip-address']).toMatch(/^127\.0\.0\.1$|^::1$/);
  });

  it('sends Object Created for CopyObject and CompleteMultipartUpload with their reasons', async () => {
    const { s3 } = emulator.clients;
    await s3.send(new CopyObjectCommand({ Bucket: 'shop-receipts', Key: 'orders/o-1-copy.json', CopySource: 'shop-receipts/orders/o-1.json' }));
    const uploadId = (await s3.send(new CreateMultipartUploadCommand({ Bucket: 'shop-receipts', Key: 'orders/batch.csv' }))).UploadId!;
    const part = await s3.send(new UploadPartCommand({ Bucket: 'shop-receipts', Key: 'orders/batch.csv', UploadId: uploadId, PartNumber: 1, Body: 'a,b\n1,2\n' }));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'shop-receipts', Key: 'orders/batch.csv', UploadId: uploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    const events = await drain(createdUrl, 2);
    expect(events.map((event) => [event.detail.object.key, event.detail.reason])).toEqual([
      ['orders/o-1-copy.json', 'CopyObject'],
      ['orders/batch.csv', 'CompleteMultipartUpload'],
    ]);
    expect(events[1]!.detail.object.etag).toMatch(/^[0-9a-f]{32}-1$/);
    expect(Number.parseInt(events[1]!.detail.object.sequencer, 16)).toBeGreaterThan(Number.parseInt(events[0]!.detail.object.sequencer, 16));
  });

  it('sends Object Deleted for DeleteObject and DeleteObjects, only for keys that existed', async () => {
    const { s3 } = emulator.clients;
    await s3.send(new DeleteObjectCommand({ Bucket: 'shop-receipts', Key: 'orders/o-1.json' }));
    await s3.send(new DeleteObjectsCommand({ Bucket: 'shop-receipts', Delete: { Objects: [{ Key: 'orders/o-1-copy.json' }, { Key: 'never-existed' }] } }));
    const events = await drain(deletedUrl, 2);
    expect(events.map((event) => event.detail.object.key)).toEqual(['orders/o-1.json', 'orders/o-1-copy.json']);
    expect(events[0]).toMatchObject({ 'detail-type': 'Object Deleted', detail: { reason: 'DeleteObject', 'deletion-type': 'Permanently Deleted', bucket: { name: 'shop-receipts' } } });
    expect(events[0]!.detail.object).not.toHaveProperty('size');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const more = await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: deletedUrl, WaitTimeSeconds: 0 }));
    expect(more.Messages ?? []).toEqual([]);
  });

  it('sends nothing for a bucket without EventBridge notifications, and stops when it is turned off', async () => {
    const { s3 } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'quiet-bucket' }));
    const before = (await s3Events()).length;
    await s3.send(new PutObjectCommand({ Bucket: 'quiet-bucket', Key: 'x', Body: 'x' }));
    await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'shop-receipts', NotificationConfiguration: {} }));
    await s3.send(new PutObjectCommand({ Bucket: 'shop-receipts', Key: 'after-off', Body: 'x' }));
    expect((await s3Events()).length).toBe(before);
    await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'shop-receipts', NotificationConfiguration: { EventBridgeConfiguration: {} } }));
    await s3.send(new PutObjectCommand({ Bucket: 'shop-receipts', Key: 'after-on', Body: 'x' }));
    const traced = await s3Events();
    expect(traced.length).toBe(before + 1);
    expect(traced.at(-1)?.detail).toBe('aws.s3 / Object Created');
    expect((await drain(createdUrl, 1))[0]!.detail.object.key).toBe('after-on');
  });
});
