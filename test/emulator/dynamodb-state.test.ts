/**
 * DynamoDB state over time: tables and items survive a restart on the same state folder, and
 * Time to Live removes expired items in the background while they stay readable until then.
 */
import {
  DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, PutItemCommand, QueryCommand, UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { createTableAndWait } from '../support/dynamodb.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';

const ACCOUNT = '123456789012';

async function withEmulator(options: Parameters<typeof startEmulator>[0], body: (dynamodb: DynamoDBClient) => Promise<void>): Promise<void> {
  const running = await startEmulator({ port: 0, log: () => {}, ...options });
  const clients = clientsAt(running.url, ACCOUNT);
  try {
    await body(clients.dynamodb);
  } finally {
    clients.destroy();
    await running.stop();
  }
}

async function createSessions(dynamodb: DynamoDBClient): Promise<void> {
  await createTableAndWait(dynamodb, {
    TableName: 'sessions', BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  });
  await dynamodb.send(new UpdateTimeToLiveCommand({ TableName: 'sessions', TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } }));
}

describe('DynamoDB state kept in a folder across restarts', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'dynamodb-state-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('reads back tables, indexes and items of every type after a restart', async () => {
    const item = {
      customerId: { S: 'ana' }, orderId: { S: 'o-1' }, status: { S: 'PAID' }, total: { N: '19.99' },
      receipt: { B: new Uint8Array([1, 2, 3]) }, tags: { SS: ['gift'] }, lines: { L: [{ M: { sku: { S: 'mug' } } }] },
    };
    let createdAt: Date | undefined;
    await withEmulator({ stateDir }, async (dynamodb) => {
      await createTableAndWait(dynamodb, {
        TableName: 'kept-orders', BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
        AttributeDefinitions: ['customerId', 'orderId', 'status'].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
        GlobalSecondaryIndexes: [{ IndexName: 'by-status', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      });
      await dynamodb.send(new PutItemCommand({ TableName: 'kept-orders', Item: item }));
      createdAt = (await dynamodb.send(new DescribeTableCommand({ TableName: 'kept-orders' }))).Table?.CreationDateTime;
    });
    expect(readdirSync(stateDir)).toContain('state.db');

    await withEmulator({ stateDir }, async (dynamodb) => {
      const got = await dynamodb.send(new GetItemCommand({ TableName: 'kept-orders', Key: { customerId: { S: 'ana' }, orderId: { S: 'o-1' } } }));
      expect(got.Item).toEqual(item);
      const described = await dynamodb.send(new DescribeTableCommand({ TableName: 'kept-orders' }));
      expect(described.Table).toMatchObject({ ItemCount: 1, TableStatus: 'ACTIVE' });
      expect(described.Table?.CreationDateTime?.getTime()).toBe(createdAt?.getTime());
      const paid = await dynamodb.send(new QueryCommand({
        TableName: 'kept-orders', IndexName: 'by-status', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'PAID' } },
      }));
      expect(paid.Items?.map((order) => order.orderId?.S)).toEqual(['o-1']);
      // The loaded state still takes writes.
      await dynamodb.send(new PutItemCommand({ TableName: 'kept-orders', Item: { ...item, orderId: { S: 'o-2' } } }));
    });
    await withEmulator({ stateDir }, async (dynamodb) => {
      const all = await dynamodb.send(new QueryCommand({ TableName: 'kept-orders', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'ana' } } }));
      expect(all.Count).toBe(2);
    });
  });
});

describe('DynamoDB Time to Live', () => {
  const emulator = useEmulator();
  const past = () => String(Math.floor(Date.now() / 1000) - 60);

  it('reports its setting and keeps expired items readable until the sweep removes them', async () => {
    const dynamodb = emulator.clientsFor(ACCOUNT).dynamodb;
    await createSessions(dynamodb);
    const described = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'sessions' }));
    expect(described.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    await expect(dynamodb.send(new UpdateTimeToLiveCommand({ TableName: 'sessions', TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } })))
      .rejects.toMatchObject({ name: 'ValidationException', message: 'TimeToLive is already enabled' });
    await dynamodb.send(new PutItemCommand({ TableName: 'sessions', Item: { id: { S: 'old' }, expiresAt: { N: past() } } }));
    // This emulator runs in real time: its first sweep is a minute away, so the item is still there.
    const got = await dynamodb.send(new GetItemCommand({ TableName: 'sessions', Key: { id: { S: 'old' } } }));
    expect(got.Item?.id).toEqual({ S: 'old' });
  });

  it('deletes expired items in the background, and leaves others alone', async () => {
    await withEmulator({ timeFactor: 0.001 }, async (dynamodb) => {
      await createSessions(dynamodb);
      const fiveYearsAgo = String(Math.floor(Date.now() / 1000) - 6 * 365 * 24 * 3600);
      await dynamodb.send(new PutItemCommand({ TableName: 'sessions', Item: { id: { S: 'expired' }, expiresAt: { N: past() } } }));
      await dynamodb.send(new PutItemCommand({ TableName: 'sessions', Item: { id: { S: 'future' }, expiresAt: { N: String(Math.floor(Date.now() / 1000) + 3600) } } }));
      await dynamodb.send(new PutItemCommand({ TableName: 'sessions', Item: { id: { S: 'ancient' }, expiresAt: { N: fiveYearsAgo } } }));
      await dynamodb.send(new PutItemCommand({ TableName: 'sessions', Item: { id: { S: 'text' }, expiresAt: { S: past() } } }));
      const read = async (id: string) => (await dynamodb.send(new GetItemCommand({ TableName: 'sessions', Key: { id: { S: id } } }))).Item;
      const deadline = Date.now() + 5_000;
      while ((await read('expired')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(await read('expired')).toBeUndefined();
      expect(await read('future')).toBeDefined();
      expect(await read('ancient')).toBeDefined();
      expect(await read('text')).toBeDefined();
    });
  });
});
