/**
 * Any string AWS accepts as a name is just a name: resources, attributes and tags called after
 * JavaScript's Object.prototype keys (`constructor`, `__proto__`, `toString`, ...) are created,
 * found, listed and deleted like any other, and no request can change how the emulator routes
 * the next one.
 */
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, GetItemCommand, ListTablesCommand, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, DeleteEventBusCommand, DeleteRuleCommand, DescribeEventBusCommand, DescribeRuleCommand, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, DeleteRoleCommand, GetRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, DeleteFunctionCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueUrlCommand, ListQueuesCommand, TagQueueCommand, ListQueueTagsCommand } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/server.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';

// Tables turn ACTIVE at once here: this file is about names, not about waiting.
const emulator = useEmulator({ settings: { dynamodbStateDelayMs: 0 } });
const c = () => emulator.clients;

/** Object.prototype's own keys, and the names that reach it through a plain object. */
const NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];
const ROLE_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('names that are Object.prototype keys', () => {
  it('IAM roles', async () => {
    for (const name of NAMES) {
      await expect(c().iam.send(new GetRoleCommand({ RoleName: name })), name).rejects.toMatchObject({ name: 'NoSuchEntityException' });
      await c().iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: ROLE_TRUST }));
      expect((await c().iam.send(new GetRoleCommand({ RoleName: name }))).Role?.RoleName).toBe(name);
    }
    const listed = (await c().iam.send(new ListRolesCommand({}))).Roles!.map((role) => role.RoleName);
    expect(listed).toEqual(expect.arrayContaining(NAMES));
    for (const name of NAMES) await c().iam.send(new DeleteRoleCommand({ RoleName: name }));
  });

  it('SQS queues and their tags', async () => {
    for (const name of NAMES) {
      await expect(c().sqs.send(new GetQueueUrlCommand({ QueueName: name })), name).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
      const { QueueUrl } = await c().sqs.send(new CreateQueueCommand({ QueueName: name }));
      await c().sqs.send(new TagQueueCommand({ QueueUrl, Tags: { [name]: 'yes' } }));
      expect((await c().sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ [name]: 'yes' });
    }
    expect((await c().sqs.send(new ListQueuesCommand({}))).QueueUrls).toHaveLength(NAMES.length);
    for (const name of NAMES) await c().sqs.send(new DeleteQueueCommand({ QueueUrl: (await c().sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl }));
  });

  it('DynamoDB tables and attribute names', async () => {
    for (const name of NAMES) {
      await expect(c().dynamodb.send(new DescribeTableCommand({ TableName: name })), name).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await c().dynamodb.send(new CreateTableCommand({ TableName: name, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: name, KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: name, AttributeType: 'S' }] }));
      await waitUntilTableExists({ client: c().dynamodb, maxWaitTime: 20, minDelay: 1 }, { TableName: name });
      // JSON.parse makes `__proto__` an own key, as a client's JSON body would.
      const item = JSON.parse(`{"${name}": {"S": "k"}, "constructor": {"S": "k"}, "__proto__": {"S": "k"}}`);
      await c().dynamodb.send(new PutItemCommand({ TableName: name, Item: item }));
      const { Item } = await c().dynamodb.send(new GetItemCommand({ TableName: name, Key: { [name]: { S: 'k' } } }));
      expect(Object.getPrototypeOf(Item)).toBe(Object.prototype);
      expect(Object.hasOwn(Item!, '__proto__') && Object.hasOwn(Item!, 'constructor')).toBe(true);
    }
    expect((await c().dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(expect.arrayContaining(NAMES));
    for (const name of NAMES) await c().dynamodb.send(new DeleteTableCommand({ TableName: name }));
  });

  it('Lambda functions and environment variables', async () => {
    const zip = zipSync({ 'index.mjs': new TextEncoder().encode('export const handler = async () => 1;\n') });
    for (const name of NAMES) {
      await expect(c().lambda.send(new GetFunctionCommand({ FunctionName: name })), name).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await c().lambda.send(new CreateFunctionCommand({ FunctionName: name, Role: 'arn:aws:iam::000000000000:role/r', Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: zip }, Environment: { Variables: { constructor: 'x' } } }));
      expect((await c().lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration?.Environment?.Variables).toEqual({ constructor: 'x' });
      await c().lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    }
  });

  it('EventBridge buses and rules, Logs groups, S3 buckets and keys', async () => {
    for (const name of NAMES) {
      await expect(c().eventbridge.send(new DescribeEventBusCommand({ Name: name })), name).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await c().eventbridge.send(new CreateEventBusCommand({ Name: name }));
      await c().eventbridge.send(new PutRuleCommand({ Name: name, EventBusName: name, EventPattern: '{"source":["shop"]}' }));
      expect((await c().eventbridge.send(new DescribeRuleCommand({ Name: name, EventBusName: name }))).Name).toBe(name);
      await c().logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    }
    const groups = (await c().logs.send(new DescribeLogGroupsCommand({}))).logGroups!.map((group) => group.logGroupName);
    expect(groups).toEqual(expect.arrayContaining(NAMES));
    for (const name of NAMES) {
      await c().eventbridge.send(new DeleteRuleCommand({ Name: name, EventBusName: name }));
      await c().eventbridge.send(new DeleteEventBusCommand({ Name: name }));
      await expect(c().eventbridge.send(new DescribeEventBusCommand({ Name: name })), name).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    }
    await expect(c().s3.send(new HeadBucketCommand({ Bucket: 'constructor' }))).rejects.toMatchObject({ name: 'NotFound' });
    await c().s3.send(new CreateBucketCommand({ Bucket: 'constructor' }));
    for (const name of NAMES) {
      await expect(c().s3.send(new GetObjectCommand({ Bucket: 'constructor', Key: name })), name).rejects.toMatchObject({ name: 'NoSuchKey' });
      await c().s3.send(new PutObjectCommand({ Bucket: 'constructor', Key: name, Body: name }));
      expect(await (await c().s3.send(new GetObjectCommand({ Bucket: 'constructor', Key: name }))).Body!.transformToString()).toBe(name);
    }
  });
});

describe('saved state', () => {
  it('gives back names that are Object.prototype keys, and finds nothing it did not save', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'prototype-state-'));
    try {
      const first = await startEmulator({ port: 0, log: () => {}, stateDir });
      const clients = clientsAt(first.url);
      const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: 'constructor', tags: { __proto__: 'kept', toString: 'too' } as never }));
      await clients.iam.send(new CreateRoleCommand({ RoleName: 'valueOf', AssumeRolePolicyDocument: ROLE_TRUST }));
      clients.destroy();
      await first.stop();
      const second = await startEmulator({ port: 0, log: () => {}, stateDir });
      const again = clientsAt(second.url);
      try {
        expect((await again.sqs.send(new ListQueueTagsCommand({ QueueUrl: QueueUrl!.replace(first.url, second.url) }))).Tags).toEqual({ __proto__: 'kept', toString: 'too' });
        expect((await again.iam.send(new GetRoleCommand({ RoleName: 'valueOf' }))).Role?.RoleName).toBe('valueOf');
        await expect(again.iam.send(new GetRoleCommand({ RoleName: 'toString' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
        await expect(again.sqs.send(new GetQueueUrlCommand({ QueueName: 'hasOwnProperty' }))).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
      } finally {
        again.destroy();
        await second.stop();
      }
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe('query parameters that name Object.prototype keys', () => {
  it('cannot change how later requests are routed', async () => {
    const answer = await fetch(emulator.running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15&__proto__.x-amz-target=DynamoDB_20120810.ListTables&constructor.prototype.polluted=yes',
    });
    expect(answer.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>)['x-amz-target']).toBeUndefined();
    expect((await c().sts.send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
    await c().s3.send(new CreateBucketCommand({ Bucket: 'after-pollution' }));
    await c().s3.send(new HeadBucketCommand({ Bucket: 'after-pollution' }));
  });

  it('answers a huge member index at once instead of walking a sparse list', async () => {
    const { QueueUrl } = await c().sqs.send(new CreateQueueCommand({ QueueName: 'indexes' }));
    const started = Date.now();
    const answer = await fetch(QueueUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00' },
      body: 'Action=SetQueueAttributes&Version=2012-11-05&Attribute.4294967295.Name=VisibilityTimeout&Attribute.4294967295.Value=40',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(answer.status).toBeLessThan(500);
  });
});
