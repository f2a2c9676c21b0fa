import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResourceSnapshot } from '../../src/emulator/workshop-resources.ts';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { eventually } from '../support/eventually.ts';

const folder = mkdtempSync(join(tmpdir(), 'workshop-routes-'));
const PROGRESS = {
  version: 1,
  labs: { '01-first-handler': { bestScore: 7, maxScore: 10, checksPassed: ['accepts-valid-order'], hintsShown: 1, lastRun: '2026-11-25T10:00:00.000Z' } },
};

describe('the workshop routes the lesson site reads', () => {
  const emulator = useEmulator({ workshopDir: folder, timeFactor: 0.001, settings: { lambdaStateDelayMs: 10 } });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${emulator.running.url}${path}`, { headers });

  it('serves the progress file, and an empty progress when it is missing or unreadable', async () => {
    expect(await (await get('/_workshop/progress')).json()).toEqual({ version: 1, labs: {} });
    writeFileSync(join(folder, 'progress.json'), '{ not json');
    expect(await (await get('/_workshop/progress')).json()).toEqual({ version: 1, labs: {} });
    writeFileSync(join(folder, 'progress.json'), JSON.stringify({ version: 2, labs: [] }));
    expect(await (await get('/_workshop/progress')).json()).toEqual({ version: 1, labs: {} });
    writeFileSync(join(folder, 'progress.json'), JSON.stringify(PROGRESS));
    const answer = await get('/_workshop/progress');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(PROGRESS);
  });

  it('lets the lesson site read the routes (CORS) and no other page, not even one on another local port', async () => {
    for (const path of ['/_workshop/progress', '/_workshop/resources', '/_workshop/trace']) {
      const local = await get(path, { origin: 'http://localhost:4321' });
      expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');
      const loopback = await get(path, { origin: 'http://127.0.0.1:4321' });
      expect(loopback.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4321');
      for (const origin of ['http://127.0.0.1:8080', 'https://example.com']) {
        const foreign = await get(path, { origin });
        expect(foreign.status, origin).toBe(403);
        expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      }
      const preflight = await fetch(`${emulator.running.url}${path}`, { method: 'OPTIONS', headers: { origin: 'http://localhost:4321', 'access-control-request-method': 'GET' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
    }
  });

  it('answers loopback callers only, GET only, and checks the account', async () => {
    const remote = await emulator.running.emulator.handle({ method: 'GET', path: '/_workshop/progress', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0), remoteAddress: '10.1.2.3' });
    expect(remote.status).toBe(403);
    expect((await fetch(`${emulator.running.url}/_workshop/resources`, { method: 'POST' })).status).toBe(405);
    const bad = await get('/_workshop/resources?account=12');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/12 digits/);
  });

  it('lists what an empty account holds: nothing, without failing', async () => {
    const snapshot = (await (await get('/_workshop/resources?account=111122223333')).json()) as ResourceSnapshot;
    expect(snapshot).toMatchObject({ account: '111122223333', functions: [], tables: [], queues: [], buckets: [], logGroups: [], invocations: [] });
  });

  it('lists functions, rules, tables, queues, buckets, log groups and invocations with their log lines', async () => {
    const { lambda, sqs, s3, dynamodb, eventbridge } = emulator.clients;
    await createFunction(lambda, 'shop-handle-order', { files: { 'index.js': "exports.handler = async (event) => { console.log('ORDER', event.orderId); return { ok: true }; };" } });
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'shop-handle-order', Payload: JSON.stringify({ orderId: 'o-7' }) }));
    expect(invoked.StatusCode).toBe(200);
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'orders' }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hello' }));
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    await s3.send(new CreateBucketCommand({ Bucket: 'shop-receipts' }));
    await s3.send(new PutObjectCommand({ Bucket: 'shop-receipts', Key: 'r-1.txt', Body: 'receipt' }));
    await dynamodb.send(new CreateTableCommand({ TableName: 'orders', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }] }));
    await eventbridge.send(new CreateEventBusCommand({ Name: 'shop' }));
    await eventbridge.send(new PutRuleCommand({ Name: 'all-orders', EventBusName: 'shop', EventPattern: JSON.stringify({ source: ['shop.orders'] }) }));
    await eventbridge.send(new PutTargetsCommand({ Rule: 'all-orders', EventBusName: 'shop', Targets: [{ Id: 'queue', Arn: queueArn }] }));
    await eventbridge.send(new PutEventsCommand({ Entries: [{ EventBusName: 'shop', Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{}' }] }));

    const snapshot = await eventually(async () => {
      const answer = (await (await get('/_workshop/resources')).json()) as ResourceSnapshot;
      return answer.invocations[0]?.logs.some((line) => line.startsWith('REPORT')) ? answer : undefined;
    });
    expect(snapshot.functions).toEqual([expect.objectContaining({ name: 'shop-handle-order', runtime: 'nodejs22.x', region: 'us-east-1', arn: 'arn:aws:lambda:us-east-1:000000000000:function:shop-handle-order' })]);
    expect(snapshot.queues).toEqual([expect.objectContaining({ name: 'orders', fifo: false })]);
    expect(snapshot.queues[0]!.messages).toBeGreaterThanOrEqual(1);
    expect(snapshot.buckets).toEqual([{ name: 'shop-receipts', region: 'us-east-1', objects: 1 }]);
    expect(snapshot.tables).toEqual([{ name: 'orders', region: 'us-east-1', keySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }], itemCount: 0 }]);
    const shopBus = snapshot.buses.find((bus) => bus.name === 'shop');
    expect(shopBus?.rules).toEqual([{ name: 'all-orders', state: 'ENABLED', eventPattern: '{"source":["shop.orders"]}', targets: [{ id: 'queue', arn: queueArn }] }]);
    expect(snapshot.logGroups.map((group) => group.name)).toContain('/aws/lambda/shop-handle-order');
    const [call] = snapshot.invocations;
    expect(call).toMatchObject({ function: 'shop-handle-order', outcome: 'success', requestId: invoked.$metadata.requestId });
    expect(call!.logs[0]).toMatch(/^START RequestId: /);
    expect(call!.logs.some((line) => /\tINFO\tORDER o-7$/.test(line))).toBe(true);
    expect(call!.logs.at(-1)).toMatch(/^REPORT RequestId: /);
  });
});
