/**
 * LocalStack's and moto's state resets through real HTTP: everything, one service, the state
 * database following (a restart finds nothing, S3's body files are gone), and no web page able
 * to reset the learner's state with a forged request.
 */
import { ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import type { AwsClients } from '../../src/core/clients.ts';
import { createTableAndWait } from '../support/dynamodb.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function fill(clients: AwsClients, tag: string): Promise<void> {
  await createTableAndWait(clients.dynamodb, { TableName: `orders-${tag}`, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] });
  await clients.dynamodb.send(new PutItemCommand({ TableName: `orders-${tag}`, Item: { id: { S: 'o-1' } } }));
  await clients.sqs.send(new CreateQueueCommand({ QueueName: `queue-${tag}` }));
  await clients.s3.send(new CreateBucketCommand({ Bucket: `bucket-${tag}` }));
  // Over 16 KB, so a state folder keeps it in a body file of its own.
  await clients.s3.send(new PutObjectCommand({ Bucket: `bucket-${tag}`, Key: 'receipt.txt', Body: 'x'.repeat(40_000) }));
  await clients.iam.send(new CreateRoleCommand({ RoleName: `role-${tag}`, AssumeRolePolicyDocument: TRUST }));
}

async function counts(clients: AwsClients): Promise<Record<string, number>> {
  return {
    tables: (await clients.dynamodb.send(new ListTablesCommand({}))).TableNames?.length ?? 0,
    queues: (await clients.sqs.send(new ListQueuesCommand({}))).QueueUrls?.length ?? 0,
    buckets: (await clients.s3.send(new ListBucketsCommand({}))).Buckets?.length ?? 0,
    roles: (await clients.iam.send(new ListRolesCommand({}))).Roles?.length ?? 0,
  };
}

const FULL = { tables: 1, queues: 1, buckets: 1, roles: 1 };
const EMPTY = { tables: 0, queues: 0, buckets: 0, roles: 0 };

describe('state reset routes', () => {
  const emulator = useEmulator({ settings: { dynamodbStateDelayMs: 5 } });
  const post = (path: string, headers: Record<string, string> = {}) => fetch(`${emulator.running.url}${path}`, { method: 'POST', headers });

  it('POST /_localstack/state/reset forgets every service\'s state', async () => {
    await fill(emulator.clients, 'all');
    expect(await counts(emulator.clients)).toEqual(FULL);
    const answer = await post('/_localstack/state/reset');
    expect(answer.status).toBe(200);
    expect(await counts(emulator.clients)).toEqual(EMPTY);
  });

  it('POST /_localstack/state/<service>/reset forgets that service alone, by LocalStack\'s names too', async () => {
    await fill(emulator.clients, 'one');
    expect((await post('/_localstack/state/sqs/reset')).status).toBe(200);
    expect(await counts(emulator.clients)).toEqual({ ...FULL, queues: 0 });
    expect((await post('/_localstack/state/dynamodb/reset')).status).toBe(200);
    expect(await counts(emulator.clients)).toEqual({ ...FULL, queues: 0, tables: 0 });
    const unknown = await post('/_localstack/state/kinesis/reset');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toContain('sqs');
    await post('/_localstack/state/reset');
  });

  it('POST /moto-api/reset answers as moto does', async () => {
    await fill(emulator.clients, 'moto');
    const answer = await post('/moto-api/reset');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'ok' });
    expect(await counts(emulator.clients)).toEqual(EMPTY);
  });

  it('refuses a forged request from a web page, and a GET: nothing is reset', async () => {
    await fill(emulator.clients, 'kept');
    const forged: Array<Record<string, string>> = [
      { origin: 'https://evil.example', 'content-type': 'text/plain' },
      { 'sec-fetch-site': 'cross-site' },
      { referer: 'https://evil.example/page.html' },
      { origin: `http://127.0.0.1:4321`, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of forged) {
      for (const path of ['/_localstack/state/reset', '/_localstack/state/s3/reset', '/moto-api/reset']) {
        const answer = await post(path, headers);
        expect(answer.status, `${path} with ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect((await fetch(`${emulator.running.url}/_localstack/state/reset`)).status).toBe(405);
    expect(await counts(emulator.clients)).toEqual(FULL);
    // The lesson site's own origin may.
    expect((await post('/_localstack/state/reset', { origin: 'http://127.0.0.1:4321', 'sec-fetch-site': 'same-site' })).status).toBe(200);
    expect(await counts(emulator.clients)).toEqual(EMPTY);
  });
});

describe('state reset with a state folder', () => {
  it('empties the database and the body files too: a restart finds nothing', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'state-reset-'));
    folders.push(stateDir);
    const first = await startEmulator({ port: 0, stateDir, log: () => {}, settings: { dynamodbStateDelayMs: 5 } });
    const clients = clientsAt(first.url);
    await fill(clients, 'disk');
    expect(readdirSync(join(stateDir, 'bodies')).length).toBe(1);
    expect((await fetch(`${first.url}/_localstack/state/reset`, { method: 'POST' })).status).toBe(200);
    expect(readdirSync(join(stateDir, 'bodies'))).toEqual([]);
    clients.destroy();
    await first.stop();
    const second = await startEmulator({ port: 0, stateDir, log: () => {} });
    const again = clientsAt(second.url);
    try {
      expect(await counts(again)).toEqual(EMPTY);
    } finally {
      again.destroy();
      await second.stop();
    }
  });

  it('is refused where the emulator verifies signatures (a graded cohort)', async () => {
    const grading = await startEmulator({ port: 0, log: () => {}, secrets: () => 'secret' });
    try {
      const answer = await fetch(`${grading.url}/_localstack/state/reset`, { method: 'POST' });
      expect(answer.status).toBe(403);
      expect(((await answer.json()) as { message: string }).message).toContain('grading');
    } finally {
      await grading.stop();
    }
  });
});
