/**
 * DynamoDB statuses that take time, as on AWS: a new table is CREATING, and answers reads and
 * writes like a table that does not exist until it is ACTIVE; a global secondary index added by
 * UpdateTable is CREATING (its table UPDATING) and refuses reads until built. The SDK's waiter
 * and boto3's see them through, and a state folder finishes the transition after a restart.
 */
import {
  BatchGetItemCommand, BatchWriteItemCommand, CreateTableCommand, DeleteItemCommand, DeleteTableCommand, DescribeTableCommand, GetItemCommand, ListTablesCommand,
  PutItemCommand, QueryCommand, ScanCommand, TransactGetItemsCommand, TransactWriteItemsCommand, UpdateItemCommand, UpdateTableCommand, waitUntilTableExists,
  type CreateTableCommandInput, type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { FAST_WAITER } from '../support/dynamodb.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const { hasBoto3 } = await realClients('dynamodb-table-status');

/** Long enough that every call of a check lands inside the window, even on a busy machine. */
const SLOW_MS = 1_500;

function ordersInput(name: string): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }, { AttributeName: 'customerId', AttributeType: 'S' }],
    GlobalSecondaryIndexes: [{ IndexName: 'byCustomer', KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  };
}

const NOT_FOUND = { name: 'ResourceNotFoundException', message: 'Requested resource not found', $metadata: { httpStatusCode: 400 } };

describe('a new DynamoDB table is CREATING for a while', () => {
  const emulator = useEmulator({ settings: { dynamodbStateDelayMs: SLOW_MS } });
  const ddb = (): DynamoDBClient => emulator.clients.dynamodb;

  it('is described and listed as CREATING, with its index CREATING too', async () => {
    const created = await ddb().send(new CreateTableCommand(ordersInput('creating-shown')));
    expect(created.TableDescription).toMatchObject({ TableStatus: 'CREATING', GlobalSecondaryIndexes: [{ IndexName: 'byCustomer', IndexStatus: 'CREATING' }] });
    const described = (await ddb().send(new DescribeTableCommand({ TableName: 'creating-shown' }))).Table;
    expect(described).toMatchObject({ TableStatus: 'CREATING', GlobalSecondaryIndexes: [{ IndexName: 'byCustomer', IndexStatus: 'CREATING' }] });
    // AWS shows Backfilling only for an index added to an existing table.
    expect(described?.GlobalSecondaryIndexes?.[0]).not.toHaveProperty('Backfilling');
    expect((await ddb().send(new ListTablesCommand({}))).TableNames).toContain('creating-shown');
  });

  it('answers every read and write as AWS does for a table that is not ACTIVE', async () => {
    await ddb().send(new CreateTableCommand(ordersInput('creating-data')));
    const key = { orderId: { S: 'o-1' } };
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['PutItem', () => ddb().send(new PutItemCommand({ TableName: 'creating-data', Item: { ...key, customerId: { S: 'c-1' } } }))],
      ['GetItem', () => ddb().send(new GetItemCommand({ TableName: 'creating-data', Key: key }))],
      ['UpdateItem', () => ddb().send(new UpdateItemCommand({ TableName: 'creating-data', Key: key, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '1' } } }))],
      ['DeleteItem', () => ddb().send(new DeleteItemCommand({ TableName: 'creating-data', Key: key }))],
      ['Query', () => ddb().send(new QueryCommand({ TableName: 'creating-data', KeyConditionExpression: 'orderId = :o', ExpressionAttributeValues: { ':o': { S: 'o-1' } } }))],
      ['Query of an index', () => ddb().send(new QueryCommand({ TableName: 'creating-data', IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c-1' } } }))],
      ['Scan', () => ddb().send(new ScanCommand({ TableName: 'creating-data' }))],
      ['BatchWriteItem', () => ddb().send(new BatchWriteItemCommand({ RequestItems: { 'creating-data': [{ PutRequest: { Item: key } }] } }))],
      ['BatchGetItem', () => ddb().send(new BatchGetItemCommand({ RequestItems: { 'creating-data': { Keys: [key] } } }))],
      ['TransactWriteItems', () => ddb().send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'creating-data', Item: key } }] }))],
      ['TransactGetItems', () => ddb().send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'creating-data', Key: key } }] }))],
    ];
    for (const [operation, call] of calls) await expect(call(), operation).rejects.toMatchObject(NOT_FOUND);
    expect((await ddb().send(new DescribeTableCommand({ TableName: 'creating-data' }))).Table?.TableStatus, 'still CREATING after the calls').toBe('CREATING');
  });

  it('refuses UpdateTable and DeleteTable until the table is ACTIVE', async () => {
    await ddb().send(new CreateTableCommand(ordersInput('creating-busy')));
    const inUse = { name: 'ResourceInUseException', message: 'Attempt to change a resource which is still in use: Table is being created: creating-busy' };
    await expect(ddb().send(new UpdateTableCommand({ TableName: 'creating-busy', DeletionProtectionEnabled: true }))).rejects.toMatchObject(inUse);
    await expect(ddb().send(new DeleteTableCommand({ TableName: 'creating-busy' }))).rejects.toMatchObject(inUse);
  });

  it('is ACTIVE for the SDK waiter, and takes reads and writes after it', async () => {
    await ddb().send(new CreateTableCommand(ordersInput('creating-waited')));
    const started = Date.now();
    await waitUntilTableExists({ client: ddb(), ...FAST_WAITER }, { TableName: 'creating-waited' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 500);
    const described = (await ddb().send(new DescribeTableCommand({ TableName: 'creating-waited' }))).Table;
    expect(described).toMatchObject({ TableStatus: 'ACTIVE', GlobalSecondaryIndexes: [{ IndexStatus: 'ACTIVE' }] });
    await ddb().send(new PutItemCommand({ TableName: 'creating-waited', Item: { orderId: { S: 'o-1' }, customerId: { S: 'c-1' } } }));
    const listed = await ddb().send(new QueryCommand({ TableName: 'creating-waited', IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c-1' } } }));
    expect(listed.Items?.map((item) => item.orderId?.S)).toEqual(['o-1']);
  }, 20_000);

  it('builds an index added by UpdateTable: table UPDATING, index CREATING and unreadable, writes still taken', async () => {
    await ddb().send(new CreateTableCommand({ TableName: 'adds-index', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }] }));
    await waitUntilTableExists({ client: ddb(), ...FAST_WAITER }, { TableName: 'adds-index' });
    await ddb().send(new PutItemCommand({ TableName: 'adds-index', Item: { orderId: { S: 'o-1' }, status: { S: 'PAID' } } }));
    const byStatus = { IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' as const }], Projection: { ProjectionType: 'ALL' as const } };
    const updated = await ddb().send(new UpdateTableCommand({ TableName: 'adds-index', AttributeDefinitions: [{ AttributeName: 'status', AttributeType: 'S' }], GlobalSecondaryIndexUpdates: [{ Create: byStatus }] }));
    expect(updated.TableDescription).toMatchObject({ TableStatus: 'UPDATING', GlobalSecondaryIndexes: [{ IndexName: 'byStatus', IndexStatus: 'CREATING', Backfilling: false }] });
    expect((await ddb().send(new DescribeTableCommand({ TableName: 'adds-index' }))).Table).toMatchObject({ TableStatus: 'UPDATING', GlobalSecondaryIndexes: [{ IndexStatus: 'CREATING' }] });
    const paid = () => ddb().send(new QueryCommand({ TableName: 'adds-index', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'PAID' } } }));
    await expect(paid()).rejects.toMatchObject({ name: 'ValidationException', message: 'Cannot read from backfilling global secondary index: byStatus' });
    await expect(ddb().send(new ScanCommand({ TableName: 'adds-index', IndexName: 'byStatus' }))).rejects.toMatchObject({ name: 'ValidationException', message: 'Cannot read from backfilling global secondary index: byStatus' });
    await ddb().send(new PutItemCommand({ TableName: 'adds-index', Item: { orderId: { S: 'o-2' }, status: { S: 'PAID' } } }));
    await expect(ddb().send(new UpdateTableCommand({ TableName: 'adds-index', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byStatus' } }] })))
      .rejects.toMatchObject({ name: 'LimitExceededException', message: 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table' });
    await expect(ddb().send(new DeleteTableCommand({ TableName: 'adds-index' })))
      .rejects.toMatchObject({ name: 'ResourceInUseException', message: 'Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted.' });
    // The table is UPDATING until the index is built, so the table waiter waits for the index too.
    await waitUntilTableExists({ client: ddb(), ...FAST_WAITER }, { TableName: 'adds-index' });
    expect((await ddb().send(new DescribeTableCommand({ TableName: 'adds-index' }))).Table?.GlobalSecondaryIndexes?.[0]?.IndexStatus).toBe('ACTIVE');
    expect((await paid()).Items?.map((item) => item.orderId?.S).sort()).toEqual(['o-1', 'o-2']);
  }, 20_000);
});

describe('the default CREATING time', () => {
  const emulator = useEmulator();

  it('is short: the waiter a lab uses returns within its first retry', async () => {
    const { dynamodb } = emulator.clients;
    const created = await dynamodb.send(new CreateTableCommand(ordersInput('default-delay')));
    expect(created.TableDescription?.TableStatus).toBe('CREATING');
    const started = Date.now();
    await waitUntilTableExists({ client: dynamodb, minDelay: 1, maxWaitTime: 60 }, { TableName: 'default-delay' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('a table saved while CREATING', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'dynamodb-status-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('finishes its transition after a restart and takes writes', async () => {
    const first = await startEmulator({ port: 0, log: () => {}, stateDir, settings: { dynamodbStateDelayMs: 500 } });
    const before = clientsAt(first.url);
    await before.dynamodb.send(new CreateTableCommand(ordersInput('saved-creating')));
    before.destroy();
    await first.stop();
    const second = await startEmulator({ port: 0, log: () => {}, stateDir });
    const after = clientsAt(second.url);
    try {
      expect(['CREATING', 'ACTIVE']).toContain((await after.dynamodb.send(new DescribeTableCommand({ TableName: 'saved-creating' }))).Table?.TableStatus);
      await waitUntilTableExists({ client: after.dynamodb, ...FAST_WAITER }, { TableName: 'saved-creating' });
      await after.dynamodb.send(new PutItemCommand({ TableName: 'saved-creating', Item: { orderId: { S: 'o-1' }, customerId: { S: 'c-1' } } }));
      expect((await after.dynamodb.send(new GetItemCommand({ TableName: 'saved-creating', Key: { orderId: { S: 'o-1' } } }))).Item?.customerId).toEqual({ S: 'c-1' });
    } finally {
      after.destroy();
      await second.stop();
    }
  });
});

describe.skipIf(!hasBoto3)('boto3 and a CREATING table', () => {
  const emulator = useEmulator({ settings: { dynamodbStateDelayMs: SLOW_MS } });
  const SCRIPT = String.raw`
import json, sys, boto3
from botocore.exceptions import ClientError
ddb = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
out = {}
out["created"] = ddb.create_table(TableName="py-orders", BillingMode="PAY_PER_REQUEST", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}], AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])["TableDescription"]["TableStatus"]
try:
    ddb.put_item(TableName="py-orders", Item={"id": {"S": "1"}})
    out["early"] = "accepted"
except ClientError as error:
    out["early"] = [error.response["Error"]["Code"], error.response["Error"]["Message"]]
ddb.get_waiter("table_exists").wait(TableName="py-orders", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
ddb.put_item(TableName="py-orders", Item={"id": {"S": "1"}})
out["after"] = ddb.get_item(TableName="py-orders", Key={"id": {"S": "1"}})["Item"]
print(json.dumps(out))
`;

  it('sees CREATING, a refused early write, and its own waiter through to ACTIVE', async () => {
    const { stdout } = await run('python3', ['-c', SCRIPT, emulator.running.url], { timeout: 60_000, env: clientEnv() });
    expect(JSON.parse(stdout)).toEqual({ created: 'CREATING', early: ['ResourceNotFoundException', 'Requested resource not found'], after: { id: { S: '1' } } });
  }, 60_000);
});
