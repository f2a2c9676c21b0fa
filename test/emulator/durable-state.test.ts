/**
 * State that survives the worst stop: every write the emulator acknowledged is there after a
 * kill -9, a row that cannot be read is set aside while the rest loads, user data never reads back
 * as the format's own markers, and S3 bodies live in files, not in memory.
 */
import { DescribeTableCommand, GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListRolesCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ListQueueTagsCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { CreateEventSourceMappingCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { createTableAndWait } from '../support/dynamodb.ts';
import { clientsAt } from '../support/emulator.ts';
import { createWriteTargets, lostIds, noIds, readBack, startWriters } from '../support/acknowledged-writes.ts';
import { killHard, spawnEmulator } from '../support/emulator-process.ts';
import { createFunction } from '../support/lambda.ts';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
function stateFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'durable-state-'));
  folders.push(folder);
  return folder;
}

function simpleTable(name: string) {
  return { TableName: name, BillingMode: 'PAY_PER_REQUEST' as const, KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }] };
}

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('state across a kill -9', () => {
  it('keeps every write the emulator acknowledged, in DynamoDB, SQS and S3', async () => {
    const folder = stateFolder();
    const acknowledged = noIds();
    let running = await spawnEmulator(['--state', folder]);
    let clients = clientsAt(running.url);
    const queueUrl = await createWriteTargets(clients);
    try {
      for (const cycle of [1, 2, 3]) {
        const writers = startWriters(clients, queueUrl, acknowledged, `cycle${cycle}`, 6);
        await new Promise((resolve) => setTimeout(resolve, 150 + cycle * 50));
        await killHard(running);
        await writers.stop();
        clients.destroy();
        running = await spawnEmulator(['--state', folder]);
        clients = clientsAt(running.url);
      }
      expect(acknowledged.dynamodb.size + acknowledged.sqs.size + acknowledged.s3.size).toBeGreaterThan(30);
      expect(lostIds(acknowledged, await readBack(clients, queueUrl))).toEqual({ dynamodb: [], sqs: [], s3: [] });
    } finally {
      clients.destroy();
      await killHard(running);
    }
  }, 60_000);
});

describe('state that cannot be read', () => {
  it('sets a bad row aside with a message and loads every other one', async () => {
    const folder = stateFolder();
    const said: string[] = [];
    let running = await startEmulator({ port: 0, stateDir: folder, log: (message) => said.push(message) });
    let clients = clientsAt(running.url);
    await createTableAndWait(clients.dynamodb, simpleTable('orders'));
    for (const id of ['good', 'broken', 'mangled']) await clients.dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: id } } }));
    await clients.iam.send(new CreateRoleCommand({ RoleName: 'lost', AssumeRolePolicyDocument: TRUST }));
    clients.destroy();
    await running.stop();

    const db = new DatabaseSync(join(folder, 'state.db'));
    const keyOf = (id: string) => (db.prepare(`SELECT key FROM rows WHERE service = 'dynamodb' AND value LIKE ?`).get(`%"${id}"%`) as { key: string }).key;
    db.prepare('UPDATE rows SET value = ? WHERE key = ?').run('{"id": {"S": "broken"', keyOf('broken'));
    db.prepare('UPDATE rows SET value = ? WHERE key = ?').run('{"id": {"S": "mangled", "N": "1"}}', keyOf('mangled'));
    db.prepare(`UPDATE rows SET value = '{"roles": "not a record"}' WHERE service = 'iam'`).run();
    db.close();

    running = await startEmulator({ port: 0, stateDir: folder, log: (message) => said.push(message) });
    clients = clientsAt(running.url);
    try {
      const scanned = await clients.dynamodb.send(new ScanCommand({ TableName: 'orders' }));
      expect(scanned.Items?.map((item) => item.id?.S)).toEqual(['good']);
      expect((await clients.dynamodb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table?.ItemCount).toBe(1);
      expect((await clients.dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'broken' } } }))).Item).toBeUndefined();
      expect((await clients.iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
      // Every call of the account still works: the bad rows are out of the way.
      await clients.dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'broken' } } }));
      await clients.iam.send(new CreateRoleCommand({ RoleName: 'lost', AssumeRolePolicyDocument: TRUST }));
    } finally {
      clients.destroy();
      await running.stop();
    }
    const setAside = said.filter((message) => message.includes('set aside'));
    expect(setAside).toHaveLength(3);
    expect(setAside.some((message) => message.includes('not readable'))).toBe(true);
    expect(setAside.some((message) => message.includes('not an attribute value'))).toBe(true);
    expect(setAside.some((message) => message.includes('member roles is string'))).toBe(true);
    const check = new DatabaseSync(join(folder, 'state.db'));
    expect((check.prepare('SELECT count(*) AS n FROM set_aside').get() as { n: number }).n).toBe(3);
    check.close();
  });
});

const LOCK_HOLDER = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1]);
db.exec('BEGIN EXCLUSIVE');
console.log('locked');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, 5500);
`;

describe('a commit that fails', () => {
  it('loses nothing: the next commit writes from memory whatever the failed one had taken', async () => {
    const folder = stateFolder();
    let running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    let clients = clientsAt(running.url);
    const queueUrl = (await clients.sqs.send(new CreateQueueCommand({ QueueName: 'held' }))).QueueUrl!;
    // Another process holds the write lock past the emulator's busy timeout (5 s): the commit of
    // the first send fails, the SDK retries, and by then the lock is free. (A process of its own:
    // a commit waiting for the lock blocks this one's event loop.)
    const holder = spawn(process.execPath, ['-e', LOCK_HOLDER, join(folder, 'state.db')], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => holder.stdout!.once('data', resolve));
    try {
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'sent while the database was locked' }));
    } finally {
      holder.kill();
    }
    clients.destroy();
    await running.stop();
    running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    clients = clientsAt(running.url);
    try {
      const got = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
      // The failed attempt's message stays (in memory, then on disk), beside the retried one: SQS delivers at least once.
      expect(got.Messages?.map((message) => message.Body)).toEqual(['sent while the database was locked', 'sent while the database was locked']);
    } finally {
      clients.destroy();
      await running.stop();
    }
  }, 30_000);
});

describe('Lambda event source mappings', () => {
  it('are kept across a restart', async () => {
    const folder = stateFolder();
    let running = await startEmulator({ port: 0, stateDir: folder, log: () => {}, settings: { lambdaStateDelayMs: 0 } });
    let clients = clientsAt(running.url);
    const queueUrl = (await clients.sqs.send(new CreateQueueCommand({ QueueName: 'orders-in' }))).QueueUrl!;
    await createFunction(clients.lambda, 'consumer');
    const created = await clients.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'consumer', EventSourceArn: `arn:aws:sqs:us-east-1:000000000000:orders-in`, BatchSize: 5 }));
    clients.destroy();
    await running.stop();
    running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    clients = clientsAt(running.url);
    try {
      const listed = await clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'consumer' }));
      expect(listed.EventSourceMappings?.map((mapping) => [mapping.UUID, mapping.BatchSize])).toEqual([[created.UUID, 5]]);
      expect(queueUrl).toContain('orders-in');
    } finally {
      clients.destroy();
      await running.stop();
    }
  });
});

describe('user data and the state format', () => {
  it('gives back names that look like the format\'s markers as they were written', async () => {
    const folder = stateFolder();
    let running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    let clients = clientsAt(running.url);
    const tags = { $bytes: 'aGk=', $date: '2020-01-01T00:00:00.000Z', $map: 'x', $entries: 'y' };
    const item = { id: { S: 'marked' }, meta: { M: { $bytes: { S: 'aGk=' }, $set: { L: [] } } } };
    const queueUrl = (await clients.sqs.send(new CreateQueueCommand({ QueueName: 'marked', tags }))).QueueUrl!;
    await createTableAndWait(clients.dynamodb, simpleTable('marked'));
    await clients.dynamodb.send(new PutItemCommand({ TableName: 'marked', Item: item }));
    clients.destroy();
    await running.stop();
    running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    clients = clientsAt(running.url);
    try {
      expect((await clients.sqs.send(new ListQueueTagsCommand({ QueueUrl: queueUrl }))).Tags).toEqual(tags);
      expect((await clients.dynamodb.send(new GetItemCommand({ TableName: 'marked', Key: { id: { S: 'marked' } } }))).Item).toEqual(item);
    } finally {
      clients.destroy();
      await running.stop();
    }
  });
});

describe('S3 bodies in the state folder', () => {
  it('keeps each body in a file, serves it from there, and removes files no object uses', async () => {
    const folder = stateFolder();
    const bodies = join(folder, 'bodies');
    const said: string[] = [];
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    let running = await startEmulator({ port: 0, stateDir: folder, log: (message) => said.push(message) });
    let clients = clientsAt(running.url);
    await clients.s3.send(new CreateBucketCommand({ Bucket: 'files' }));
    await clients.s3.send(new PutObjectCommand({ Bucket: 'files', Key: 'big.bin', Body: big }));
    await clients.s3.send(new PutObjectCommand({ Bucket: 'files', Key: 'mid.bin', Body: Buffer.alloc(20_000, 1) }));
    await clients.s3.send(new PutObjectCommand({ Bucket: 'files', Key: 'mid.bin', Body: Buffer.alloc(20_001, 2) }));
    // A small body stays in its row: a file each would cost more than it saves.
    await clients.s3.send(new PutObjectCommand({ Bucket: 'files', Key: 'small.txt', Body: 'second' }));
    expect(readdirSync(bodies).map((name) => statSync(join(bodies, name)).size).sort((a, b) => a - b)).toEqual([20_001, big.length]);
    clients.destroy();
    await running.stop();
    writeFileSync(join(bodies, '00000000-0000-4000-8000-000000000000'), 'left by a crash');

    running = await startEmulator({ port: 0, stateDir: folder, log: (message) => said.push(message) });
    clients = clientsAt(running.url);
    try {
      const got = await clients.s3.send(new GetObjectCommand({ Bucket: 'files', Key: 'big.bin', Range: 'bytes=0-9' }));
      expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(big.subarray(0, 10));
      expect(got.ContentRange).toBe(`bytes 0-9/${big.length}`);
      expect(await (await clients.s3.send(new GetObjectCommand({ Bucket: 'files', Key: 'small.txt' }))).Body!.transformToString()).toBe('second');
      const mid = await clients.s3.send(new GetObjectCommand({ Bucket: 'files', Key: 'mid.bin' }));
      expect(Buffer.from(await mid.Body!.transformToByteArray())).toEqual(Buffer.alloc(20_001, 2));
      expect(said.some((message) => message.includes('removed 1 body file'))).toBe(true);
      await clients.s3.send(new DeleteObjectCommand({ Bucket: 'files', Key: 'big.bin' }));
      expect(readdirSync(bodies).map((name) => statSync(join(bodies, name)).size)).toEqual([20_001]);
    } finally {
      clients.destroy();
      await running.stop();
    }
  });
});
