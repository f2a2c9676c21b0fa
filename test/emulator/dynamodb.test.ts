/**
 * DynamoDB through the real SDK clients: tables, items of every type, the document client,
 * errors with AWS's names, statuses and messages, account isolation, and the AWS CLI.
 */
import {
  CreateTableCommand, DeleteItemCommand, DeleteTableCommand, DescribeEndpointsCommand, DescribeLimitsCommand, DescribeTableCommand, GetItemCommand, ListTablesCommand, PutItemCommand,
  UpdateTableCommand, waitUntilTableExists, waitUntilTableNotExists, type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createTableAndWait, FAST_WAITER } from '../support/dynamodb.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);

async function ordersTable(client: DynamoDBClient, name: string): Promise<void> {
  await createTableAndWait(client, {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: 'customerId', AttributeType: 'S' }, { AttributeName: 'orderId', AttributeType: 'S' }],
  });
}

const { hasAws } = await realClients('dynamodb');

describe('DynamoDB tables and items through the real SDK', () => {
  const emulator = useEmulator();

  it('creates a table that the SDK waiter sees ACTIVE, lists, updates and deletes it', async () => {
    const { dynamodb } = emulator.clients;
    const created = await dynamodb.send(new CreateTableCommand({
      TableName: 'shop-orders',
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    }));
    expect(created.TableDescription).toMatchObject({ TableStatus: 'CREATING', TableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/shop-orders' });
    const started = Date.now();
    await waitUntilTableExists({ client: dynamodb, minDelay: 1, maxWaitTime: 60 }, { TableName: 'shop-orders' });
    expect(Date.now() - started).toBeLessThan(5_000);
    const described = await dynamodb.send(new DescribeTableCommand({ TableName: 'shop-orders' }));
    expect(described.Table).toMatchObject({ TableStatus: 'ACTIVE', ItemCount: 0, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } });
    expect(described.Table?.CreationDateTime).toBeInstanceOf(Date);

    await ordersTable(dynamodb, 'shop-orders-2');
    const first = await dynamodb.send(new ListTablesCommand({ Limit: 1 }));
    expect(first).toMatchObject({ TableNames: ['shop-orders'], LastEvaluatedTableName: 'shop-orders' });
    const rest = await dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: first.LastEvaluatedTableName }));
    expect(rest.TableNames).toEqual(['shop-orders-2']);

    const updated = await dynamodb.send(new UpdateTableCommand({
      TableName: 'shop-orders',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'status', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'by-status', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } } }],
    }));
    expect(updated.TableDescription?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'by-status', IndexStatus: 'CREATING' });
    // The table is UPDATING while its new index is built, so the same waiter waits for the index.
    await waitUntilTableExists({ client: dynamodb, ...FAST_WAITER }, { TableName: 'shop-orders' });
    const after = await dynamodb.send(new DescribeTableCommand({ TableName: 'shop-orders' }));
    expect(after.Table).toMatchObject({ BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' }, GlobalSecondaryIndexes: [{ IndexName: 'by-status', IndexStatus: 'ACTIVE' }] });
    await dynamodb.send(new UpdateTableCommand({ TableName: 'shop-orders', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'by-status' } }] }));
    const dropped = await dynamodb.send(new DescribeTableCommand({ TableName: 'shop-orders' }));
    expect(dropped.Table?.GlobalSecondaryIndexes).toBeUndefined();
    expect(dropped.Table?.AttributeDefinitions).toEqual([{ AttributeName: 'orderId', AttributeType: 'S' }]);

    expect((await dynamodb.send(new DeleteTableCommand({ TableName: 'shop-orders' }))).TableDescription?.TableStatus).toBe('DELETING');
    await waitUntilTableNotExists({ client: dynamodb, maxWaitTime: 60 }, { TableName: 'shop-orders' });
  });

  it('answers DescribeLimits and DescribeEndpoints', async () => {
    const { dynamodb } = emulator.clients;
    expect(await dynamodb.send(new DescribeLimitsCommand({}))).toMatchObject({ AccountMaxReadCapacityUnits: 80000, TableMaxWriteCapacityUnits: 40000 });
    const endpoints = await dynamodb.send(new DescribeEndpointsCommand({}));
    expect(endpoints.Endpoints?.[0]).toMatchObject({ Address: new URL(emulator.running.url).host, CachePeriodInMinutes: 1440 });
  });

  it('answers AWS errors for bad tables', async () => {
    const { dynamodb } = emulator.clients;
    await ordersTable(dynamodb, 'twice');
    await expect(ordersTable(dynamodb, 'twice')).rejects.toMatchObject({ name: 'ResourceInUseException', message: 'Table already exists: twice', $metadata: { httpStatusCode: 400 } });
    await expect(dynamodb.send(new DescribeTableCommand({ TableName: 'nowhere' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Requested resource not found: Table: nowhere not found' });
    await expect(dynamodb.send(new GetItemCommand({ TableName: 'nowhere', Key: { id: { S: 'x' } } }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Requested resource not found', $metadata: { httpStatusCode: 400 } });
    await expect(dynamodb.send(new CreateTableCommand({
      TableName: 'bad-schema', BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'y', AttributeType: 'S' }],
    }))).rejects.toMatchObject({ name: 'ValidationException', message: 'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [x], AttributeDefinitions: [y]' });
    await expect(dynamodb.send(new CreateTableCommand({
      TableName: 'no-billing', KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }],
    }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('ReadCapacityUnits and WriteCapacityUnits must both be specified') });
  });

  it('stores and returns every attribute type, with numbers normalized and kept exact', async () => {
    const { dynamodb } = emulator.clients;
    await ordersTable(dynamodb, 'all-types');
    const item = {
      customerId: { S: 'c-1' }, orderId: { S: 'o-1' },
      total: { N: '0012345678901234567890.123456789012345600' }, paid: { BOOL: true }, coupon: { NULL: true as const },
      receipt: { B: new Uint8Array([0, 1, 254, 255]) }, address: { M: { city: { S: 'Lyon' }, zip: { N: '69001' } } },
      lines: { L: [{ S: 'sku-1' }, { N: '2' }, { M: { gift: { BOOL: false } } }] },
      tags: { SS: ['gift', 'express'] }, sizes: { NS: ['1', '2.50'] }, blobs: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
      note: { S: '' },
    };
    await dynamodb.send(new PutItemCommand({ TableName: 'all-types', Item: item }));
    const got = await dynamodb.send(new GetItemCommand({ TableName: 'all-types', Key: { customerId: { S: 'c-1' }, orderId: { S: 'o-1' } }, ConsistentRead: true }));
    expect(got.Item).toEqual({ ...item, total: { N: '12345678901234567890.1234567890123456' }, sizes: { NS: ['1', '2.5'] } });
    const projected = await dynamodb.send(new GetItemCommand({
      TableName: 'all-types', Key: { customerId: { S: 'c-1' }, orderId: { S: 'o-1' } }, ProjectionExpression: 'address.city, #l[2], #t', ExpressionAttributeNames: { '#t': 'tags', '#l': 'lines' },
    }));
    expect(projected.Item).toEqual({ address: { M: { city: { S: 'Lyon' } } }, lines: { L: [{ M: { gift: { BOOL: false } } }] }, tags: { SS: ['gift', 'express'] } });
    const deleted = await dynamodb.send(new DeleteItemCommand({ TableName: 'all-types', Key: { customerId: { S: 'c-1' }, orderId: { S: 'o-1' } }, ReturnValues: 'ALL_OLD' }));
    expect(deleted.Attributes?.paid).toEqual({ BOOL: true });
    expect((await dynamodb.send(new GetItemCommand({ TableName: 'all-types', Key: { customerId: { S: 'c-1' }, orderId: { S: 'o-1' } } }))).Item).toBeUndefined();
  });

  it('rejects bad items with AWS messages', async () => {
    const { dynamodb } = emulator.clients;
    await ordersTable(dynamodb, 'strict');
    const put = (Item: Record<string, any>) => dynamodb.send(new PutItemCommand({ TableName: 'strict', Item }));
    await expect(put({ customerId: { S: 'c' } })).rejects.toMatchObject({ name: 'ValidationException', message: 'One or more parameter values were invalid: Missing the key orderId in the item' });
    await expect(put({ customerId: { S: 'c' }, orderId: { N: '1' } })).rejects.toMatchObject({ message: 'One or more parameter values were invalid: Type mismatch for key orderId expected: S actual: N' });
    await expect(put({ customerId: { S: 'c' }, orderId: { S: 'o' }, n: { N: '1'.repeat(39) } })).rejects.toMatchObject({ message: 'Attempting to store more than 38 significant digits in a Number' });
    await expect(put({ customerId: { S: 'c' }, orderId: { S: 'o' }, big: { S: 'x'.repeat(400 * 1024) } })).rejects.toMatchObject({ name: 'ValidationException', message: 'Item size has exceeded the maximum allowed size' });
    await expect(put({ customerId: { S: 'c' }, orderId: { S: 'o' }, dup: { SS: ['a', 'a'] } })).rejects.toMatchObject({ message: 'One or more parameter values were invalid: Input collection [a, a] contains duplicates.' });
    await expect(dynamodb.send(new GetItemCommand({ TableName: 'strict', Key: { customerId: { S: 'c' } } }))).rejects.toMatchObject({ name: 'ValidationException', message: 'The provided key element does not match the schema', $metadata: { httpStatusCode: 400 } });
    await put({ customerId: { S: 'c' }, orderId: { S: 'o' }, nearLimit: { S: 'x'.repeat(400 * 1024 - 100) } });
  });

  it('marshals plain JavaScript values through the document client', async () => {
    const { dynamodb, documents } = emulator.clients;
    await ordersTable(dynamodb, 'documents');
    const order = { customerId: 'ana', orderId: '2024-001', total: 59.9, items: [{ sku: 'mug', qty: 2 }], tags: new Set(['gift']), paid: false, note: null };
    await documents.send(new PutCommand({ TableName: 'documents', Item: order, ConditionExpression: 'attribute_not_exists(orderId)' }));
    const got = await documents.send(new GetCommand({ TableName: 'documents', Key: { customerId: 'ana', orderId: '2024-001' } }));
    expect(got.Item).toEqual(order);
    const updated = await documents.send(new UpdateCommand({
      TableName: 'documents', Key: { customerId: 'ana', orderId: '2024-001' },
      UpdateExpression: 'SET #s = :s ADD tags :t', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'SHIPPED', ':t': new Set(['express']) },
      ReturnValues: 'UPDATED_NEW',
    }));
    expect(updated.Attributes).toEqual({ status: 'SHIPPED', tags: new Set(['gift', 'express']) });
    const listed = await documents.send(new QueryCommand({ TableName: 'documents', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': 'ana' } }));
    expect(listed.Items?.map((item) => item.status)).toEqual(['SHIPPED']);
  });

  it('keeps accounts apart', async () => {
    const a = emulator.clientsFor('111111111111').dynamodb;
    const b = emulator.clientsFor('222222222222').dynamodb;
    await ordersTable(a, 'per-account');
    await a.send(new PutItemCommand({ TableName: 'per-account', Item: { customerId: { S: 'c' }, orderId: { S: 'o' } } }));
    await expect(b.send(new GetItemCommand({ TableName: 'per-account', Key: { customerId: { S: 'c' }, orderId: { S: 'o' } } }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await a.send(new DescribeTableCommand({ TableName: 'per-account' }))).Table?.TableArn).toBe('arn:aws:dynamodb:us-east-1:111111111111:table/per-account');
  });

  describe.skipIf(!hasAws)('the AWS CLI', () => {
    it('puts and gets an item with --endpoint-url', async () => {
      await ordersTable(emulator.clients.dynamodb, 'cli-orders');
      const env = clientEnv();
      const aws = (...args: string[]) => run('aws', ['--endpoint-url', emulator.running.url, '--output', 'json', 'dynamodb', ...args], { env, timeout: 30_000 });
      await aws('put-item', '--table-name', 'cli-orders', '--item', JSON.stringify({ customerId: { S: 'cli' }, orderId: { S: '1' }, total: { N: '9.50' } }));
      const { stdout } = await aws('get-item', '--table-name', 'cli-orders', '--key', JSON.stringify({ customerId: { S: 'cli' }, orderId: { S: '1' } }));
      expect(JSON.parse(stdout).Item).toEqual({ customerId: { S: 'cli' }, orderId: { S: '1' }, total: { N: '9.5' } });
    });
  });
});
