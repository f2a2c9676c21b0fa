/**
 * DynamoDB batches and transactions through the real SDK: BatchWriteItem and BatchGetItem with
 * their limits, TransactWriteItems all-or-nothing with cancellation reasons in request order,
 * ClientRequestToken idempotency, and TransactGetItems.
 */
import {
  BatchGetItemCommand, BatchWriteItemCommand, GetItemCommand, PutItemCommand, TransactGetItemsCommand, TransactWriteItemsCommand,
  type TransactionCanceledException, type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createTableAndWait } from '../support/dynamodb.ts';

const ORDERS = 'tx-orders';
const STOCK = 'tx-stock';
const key = (id: string) => ({ id: { S: id } });

/** The error a call must fail with (the test fails if it succeeds). */
function cancellation(promise: Promise<unknown>): Promise<TransactionCanceledException> {
  return promise.then(() => { throw new Error('the transaction was expected to be cancelled'); }, (error: unknown) => error as TransactionCanceledException);
}

describe('DynamoDB batches and transactions through the real SDK', () => {
  const emulator = useEmulator();
  const ddb = () => emulator.clients.dynamodb;
  const get = async (table: string, id: string) => (await ddb().send(new GetItemCommand({ TableName: table, Key: key(id), ConsistentRead: true }))).Item;

  beforeAll(async () => {
    for (const TableName of [ORDERS, STOCK]) {
      await createTableAndWait(ddb(), {
        TableName, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      });
    }
  });

  it('writes and reads batches across tables, with nothing left unprocessed', async () => {
    const written = await ddb().send(new BatchWriteItemCommand({ RequestItems: {
      [ORDERS]: Array.from({ length: 20 }, (_, n) => ({ PutRequest: { Item: { ...key(`b-${n}`), n: { N: String(n) } } } })),
      [STOCK]: [{ PutRequest: { Item: { ...key('mug'), count: { N: '3' } } } }, { DeleteRequest: { Key: key('never-there') } }],
    } }));
    expect(written.UnprocessedItems).toEqual({});
    const read = await ddb().send(new BatchGetItemCommand({ RequestItems: {
      [ORDERS]: { Keys: [key('b-1'), key('b-19'), key('missing')], ProjectionExpression: 'n' },
      [STOCK]: { Keys: [key('mug')] },
    } }));
    expect(read.Responses?.[ORDERS]?.map((item) => item.n?.N).sort()).toEqual(['1', '19']);
    expect(read.Responses?.[STOCK]).toEqual([{ ...key('mug'), count: { N: '3' } }]);
    expect(read.UnprocessedKeys).toEqual({});
  });

  it('enforces batch limits and rejects duplicate keys', async () => {
    const puts = (count: number) => Array.from({ length: count }, (_, n) => ({ PutRequest: { Item: key(`l-${n}`) } }));
    await expect(ddb().send(new BatchWriteItemCommand({ RequestItems: { [ORDERS]: puts(20), [STOCK]: puts(10) } })))
      .rejects.toMatchObject({ name: 'ValidationException', message: 'Too many items requested for the BatchWriteItem call' });
    await expect(ddb().send(new BatchWriteItemCommand({ RequestItems: { [ORDERS]: puts(26) } }))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    await expect(ddb().send(new BatchWriteItemCommand({ RequestItems: { [ORDERS]: [...puts(2), ...puts(1)] } })))
      .rejects.toMatchObject({ message: 'Provided list of item keys contains duplicates' });
    // More than 100 keys for one table breaks the model's KeyList constraint; more than 100 across tables is the service's own check.
    await expect(ddb().send(new BatchGetItemCommand({ RequestItems: { [ORDERS]: { Keys: Array.from({ length: 101 }, (_, n) => key(`k-${n}`)) } } })))
      .rejects.toMatchObject({ message: `1 validation error detected: Value at 'requestItems.${ORDERS}.member.keys' failed to satisfy constraint: Member must have length less than or equal to 100` });
    await expect(ddb().send(new BatchGetItemCommand({ RequestItems: { [ORDERS]: { Keys: Array.from({ length: 100 }, (_, n) => key(`k-${n}`)) }, [STOCK]: { Keys: [key('k-100')] } } })))
      .rejects.toMatchObject({ message: 'Too many items requested for the BatchGetItem call' });
    expect(await get(ORDERS, 'l-0')).toBeUndefined();
  });

  it('applies a transaction whole, or nothing with one reason per action in request order', async () => {
    await ddb().send(new PutItemCommand({ TableName: STOCK, Item: { ...key('lamp'), count: { N: '1' } } }));
    const buyLamp = (orderId: string): TransactWriteItem[] => [
      { Put: { TableName: ORDERS, Item: { ...key(orderId), sku: { S: 'lamp' } }, ConditionExpression: 'attribute_not_exists(id)' } },
      { Update: { TableName: STOCK, Key: key('lamp'), UpdateExpression: 'SET #c = #c - :one', ConditionExpression: '#c >= :one', ExpressionAttributeNames: { '#c': 'count' }, ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
    ];
    await ddb().send(new TransactWriteItemsCommand({ TransactItems: buyLamp('t-1') }));
    expect((await get(STOCK, 'lamp'))?.count).toEqual({ N: '0' });

    const failure = await cancellation(ddb().send(new TransactWriteItemsCommand({ TransactItems: buyLamp('t-2') })));
    expect(failure).toMatchObject({ name: 'TransactionCanceledException', $metadata: { httpStatusCode: 400 } });
    expect(failure.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]');
    expect(failure.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { ...key('lamp'), count: { N: '0' } } },
    ]);
    expect(await get(ORDERS, 't-2')).toBeUndefined();

    const check = await cancellation(ddb().send(new TransactWriteItemsCommand({ TransactItems: [
      { ConditionCheck: { TableName: STOCK, Key: key('lamp'), ConditionExpression: 'attribute_exists(id)' } },
      { Delete: { TableName: ORDERS, Key: key('t-1'), ConditionExpression: 'sku = :nope', ExpressionAttributeValues: { ':nope': { S: 'chair' } } } },
    ] })));
    expect(check.CancellationReasons?.map((reason) => reason.Code)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(check.CancellationReasons?.[1]?.Item).toBeUndefined();
    expect(await get(ORDERS, 't-1')).toBeDefined();
  });

  it('is idempotent for a repeated ClientRequestToken and refuses the token for another request', async () => {
    const token = 'checkout-0001';
    const items = (amount: string): TransactWriteItem[] => [
      { Update: { TableName: ORDERS, Key: key('counter'), UpdateExpression: 'ADD hits :n', ExpressionAttributeValues: { ':n': { N: amount } } } },
    ];
    await ddb().send(new TransactWriteItemsCommand({ TransactItems: items('1'), ClientRequestToken: token }));
    await ddb().send(new TransactWriteItemsCommand({ TransactItems: items('1'), ClientRequestToken: token }));
    expect((await get(ORDERS, 'counter'))?.hits).toEqual({ N: '1' });
    await expect(ddb().send(new TransactWriteItemsCommand({ TransactItems: items('5'), ClientRequestToken: token })))
      .rejects.toMatchObject({ name: 'IdempotentParameterMismatchException', $metadata: { httpStatusCode: 400 } });
    await ddb().send(new TransactWriteItemsCommand({ TransactItems: items('1') }));
    expect((await get(ORDERS, 'counter'))?.hits).toEqual({ N: '2' });
  });

  it('validates a transaction before running it', async () => {
    const put = { Put: { TableName: ORDERS, Item: key('same') } };
    await expect(ddb().send(new TransactWriteItemsCommand({ TransactItems: [put, { Delete: { TableName: ORDERS, Key: key('same') } }] })))
      .rejects.toMatchObject({ name: 'ValidationException', message: 'Transaction request cannot include multiple operations on one item' });
    await expect(ddb().send(new TransactWriteItemsCommand({ TransactItems: Array.from({ length: 101 }, (_, n) => ({ Put: { TableName: ORDERS, Item: key(`many-${n}`) } })) })))
      .rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('Member must have length less than or equal to 100') });
    await expect(ddb().send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'no-such-table', Item: key('x') } }] })))
      .rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await get(ORDERS, 'same')).toBeUndefined();
  });

  it('reads items together with TransactGetItems and writes through the document client', async () => {
    await emulator.clients.documents.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: ORDERS, Item: { id: 'doc-1', amount: 12.5, lines: [{ sku: 'cup' }] } } },
      { Put: { TableName: STOCK, Item: { id: 'cup', count: 9 } } },
    ] }));
    const read = await ddb().send(new TransactGetItemsCommand({ TransactItems: [
      { Get: { TableName: ORDERS, Key: key('doc-1'), ProjectionExpression: 'amount' } },
      { Get: { TableName: ORDERS, Key: key('not-there') } },
      { Get: { TableName: STOCK, Key: key('cup') } },
    ] }));
    expect(read.Responses).toEqual([{ Item: { amount: { N: '12.5' } } }, {}, { Item: { ...key('cup'), count: { N: '9' } } }]);
  });
});
