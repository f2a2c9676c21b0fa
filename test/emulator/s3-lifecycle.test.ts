/**
 * Lifecycle rules through the real SDK (and the AWS CLI where installed): validation in S3's
 * words, NoSuchLifecycleConfiguration, the `x-amz-expiration` header, and the sweep that removes
 * expired objects and aborts old uploads (an emulator whose lifecycle day lasts 40 ms and whose
 * sweep runs every 60 ms). Bucket configurations (policy, lifecycle, website) survive a restart.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateBucketCommand, CreateMultipartUploadCommand, DeleteBucketLifecycleCommand, GetBucketLifecycleConfigurationCommand, GetBucketPolicyCommand, GetBucketWebsiteCommand,
  HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, PutBucketLifecycleConfigurationCommand, PutBucketPolicyCommand, PutBucketWebsiteCommand,
  PutObjectCommand, type LifecycleRule, type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('s3-lifecycle');

const putRules = (s3: S3Client, bucket: string, rules: LifecycleRule[]) => s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } }));

describe('lifecycle configuration', () => {
  const emulator = useEmulator();

  it('stores the rules, answers them back, and deletes them', async () => {
    const { s3 } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'lifecycle-crud' }));
    await expect(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'lifecycle-crud' })))
      .rejects.toMatchObject({ name: 'NoSuchLifecycleConfiguration', message: 'The lifecycle configuration does not exist', $metadata: { httpStatusCode: 404 } });
    await putRules(s3, 'lifecycle-crud', [
      { ID: 'expire-carts', Status: 'Enabled', Filter: { Prefix: 'carts/' }, Expiration: { Days: 7 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } },
      { ID: 'old-versions', Status: 'Disabled', Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'keep', Value: 'no' }] } }, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Expiration: { Date: new Date('2030-01-01T00:00:00Z') } },
    ]);
    const got = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'lifecycle-crud' }));
    expect(got.Rules).toEqual([
      { ID: 'expire-carts', Status: 'Enabled', Filter: { Prefix: 'carts/' }, Expiration: { Days: 7 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } },
      { ID: 'old-versions', Status: 'Disabled', Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'keep', Value: 'no' }] } }, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Expiration: { Date: new Date('2030-01-01T00:00:00Z') } },
    ]);
    expect(got.TransitionDefaultMinimumObjectSize).toBe('all_storage_classes_128K');
    expect((await s3.send(new DeleteBucketLifecycleCommand({ Bucket: 'lifecycle-crud' }))).$metadata.httpStatusCode).toBe(204);
    await expect(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'lifecycle-crud' }))).rejects.toMatchObject({ name: 'NoSuchLifecycleConfiguration' });
  });

  it('refuses rules S3 refuses, with S3\'s codes and messages', async () => {
    const { s3 } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'lifecycle-checks' }));
    const cases: Array<[LifecycleRule[], string, string?]> = [
      [[{ ID: 'a', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 0 } }], 'InvalidArgument', "'Days' for Expiration action must be a positive integer"],
      [[{ ID: 'a', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Date: new Date('2030-01-01T12:00:00Z') } }], 'InvalidArgument', "'Date' must be at midnight GMT"],
      [[{ ID: 'a', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 0 } }], 'InvalidArgument', "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer"],
      [[{ ID: 'a', Status: 'Enabled', Filter: { Prefix: '' } }], 'InvalidRequest', 'At least one action needs to be specified in a rule'],
      [[{ ID: 'a', Status: 'Enabled', Filter: { Prefix: 'x' }, Expiration: { Days: 1 } }, { ID: 'a', Status: 'Enabled', Filter: { Prefix: 'y' }, Expiration: { Days: 1 } }], 'InvalidArgument', 'Rule ID must be unique. Found same ID for more than one rule'],
      [[{ ID: 'a', Status: 'Paused' as never, Filter: { Prefix: '' }, Expiration: { Days: 1 } }], 'MalformedXML'],
      [[{ ID: 'a', Status: 'Enabled', Expiration: { Days: 1 } }], 'MalformedXML'],
      [[{ ID: 'a', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 1, Date: new Date('2030-01-01T00:00:00Z') } }], 'MalformedXML'],
    ];
    for (const [rules, name, message] of cases) {
      const refused = expect(putRules(s3, 'lifecycle-checks', rules), JSON.stringify(rules)).rejects;
      await refused.toMatchObject({ name, $metadata: { httpStatusCode: 400 }, ...(message ? { message } : {}) });
    }
    await expect(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'lifecycle-checks' }))).rejects.toMatchObject({ name: 'NoSuchLifecycleConfiguration' });
  });

  it('tells readers when an object will expire, by the earliest rule that covers it', async () => {
    const { s3 } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'lifecycle-header' }));
    await s3.send(new PutObjectCommand({ Bucket: 'lifecycle-header', Key: 'carts/c1.json', Body: '{}' }));
    await s3.send(new PutObjectCommand({ Bucket: 'lifecycle-header', Key: 'orders/o1.json', Body: '{}' }));
    await putRules(s3, 'lifecycle-header', [
      { ID: 'carts-week', Status: 'Enabled', Filter: { Prefix: 'carts/' }, Expiration: { Days: 7 } },
      { ID: 'all-2031', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Date: new Date('2031-01-01T00:00:00Z') } },
    ]);
    const cart = await s3.send(new HeadObjectCommand({ Bucket: 'lifecycle-header', Key: 'carts/c1.json' }));
    const midnight = new Date(Math.ceil((cart.LastModified!.getTime() + 7 * 86_400_000) / 86_400_000) * 86_400_000);
    expect(cart.Expiration).toBe(`expiry-date="${midnight.toUTCString()}", rule-id="carts-week"`);
    const order = await s3.send(new HeadObjectCommand({ Bucket: 'lifecycle-header', Key: 'orders/o1.json' }));
    expect(order.Expiration).toBe('expiry-date="Wed, 01 Jan 2031 00:00:00 GMT", rule-id="all-2031"');
  });

  it.skipIf(!hasAws)('takes a rule from `aws s3api put-bucket-lifecycle-configuration`', async () => {
    await emulator.clients.s3.send(new CreateBucketCommand({ Bucket: 'cli-lifecycle' }));
    const aws = (...args: string[]) => run('aws', ['--endpoint-url', emulator.running.url, 's3api', ...args], { env: clientEnv(), timeout: 60_000 });
    const rules = JSON.stringify({ Rules: [{ ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } }] });
    await aws('put-bucket-lifecycle-configuration', '--bucket', 'cli-lifecycle', '--lifecycle-configuration', rules);
    const got = JSON.parse((await aws('get-bucket-lifecycle-configuration', '--bucket', 'cli-lifecycle', '--output', 'json')).stdout) as { Rules: unknown[] };
    expect(got.Rules).toEqual([{ ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } }]);
  });
});

describe('the lifecycle sweep', () => {
  const emulator = useEmulator({ timeFactor: 0.001, settings: { s3LifecycleDayMs: 40 } });

  it('removes expired objects and aborts old uploads, leaving what no rule covers', async () => {
    const { s3 } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'sweep-receipts' }));
    await s3.send(new PutObjectCommand({ Bucket: 'sweep-receipts', Key: 'carts/c1.json', Body: '{}' }));
    await s3.send(new PutObjectCommand({ Bucket: 'sweep-receipts', Key: 'orders/o1.json', Body: '{}' }));
    await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sweep-receipts', Key: 'carts/big.bin' }));
    await putRules(s3, 'sweep-receipts', [{ ID: 'carts', Status: 'Enabled', Filter: { Prefix: 'carts/' }, Expiration: { Days: 3 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 } }]);
    const keys = async () => (await s3.send(new ListObjectsV2Command({ Bucket: 'sweep-receipts' }))).Contents?.map((item) => item.Key) ?? [];
    const uploads = async () => (await s3.send(new ListMultipartUploadsCommand({ Bucket: 'sweep-receipts' }))).Uploads ?? [];
    // The upload started a moment after the object: a sweep may take one before the other is due.
    const deadline = Date.now() + 5000;
    while (((await keys()).includes('carts/c1.json') || (await uploads()).length > 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await keys()).toEqual(['orders/o1.json']);
    expect(await uploads()).toEqual([]);
  });
});

describe('bucket configuration across a restart', () => {
  const folder = mkdtempSync(join(tmpdir(), 's3-config-state-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps the policy, the lifecycle rules and the website configuration', async () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::kept-config/*' }] });
    const first = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    const before = clientsAt(first.url);
    try {
      await before.s3.send(new CreateBucketCommand({ Bucket: 'kept-config' }));
      await before.s3.send(new PutBucketPolicyCommand({ Bucket: 'kept-config', Policy: text }));
      await putRules(before.s3, 'kept-config', [{ ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } }]);
      await before.s3.send(new PutBucketWebsiteCommand({ Bucket: 'kept-config', WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } } }));
    } finally {
      before.destroy();
      await first.stop();
    }
    const second = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    const after = clientsAt(second.url);
    try {
      expect((await after.s3.send(new GetBucketPolicyCommand({ Bucket: 'kept-config' }))).Policy).toBe(text);
      expect((await after.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'kept-config' }))).Rules).toEqual([{ ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } }]);
      expect(await after.s3.send(new GetBucketWebsiteCommand({ Bucket: 'kept-config' }))).toMatchObject({ IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } });
    } finally {
      after.destroy();
      await second.stop();
    }
  });
});
