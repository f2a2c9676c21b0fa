/**
 * DynamoDB Query and Scan through the real SDK: key conditions, sort order, filters,
 * projections, Select, pagination by Limit and by the 1 MB page, local and global secondary
 * indexes, and parallel scan segments.
 */
import { BatchWriteItemCommand, PutItemCommand, QueryCommand, ScanCommand, type AttributeValue, type QueryCommandInput, type ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createTableAndWait } from '../support/dynamodb.ts';

const TABLE = 'query-orders';

/** 60 orders over 3 customers; order n was placed on day n and has status PAID when n is even. */
const orders = Array.from({ length: 60 }, (_, n) => ({
  customerId: { S: `c${n % 3}` },
  orderId: { S: `o-${String(n).padStart(3, '0')}` },
  placedOn: { S: `2024-03-${String((n % 28) + 1).padStart(2, '0')}` },
  status: { S: n % 2 === 0 ? 'PAID' : 'NEW' },
  amount: { N: String(n * 10 + 0.5) },
}));

describe('DynamoDB Query and Scan through the real SDK', () => {
  const emulator = useEmulator();
  const ddb = () => emulator.clients.dynamodb;

  async function allPages(send: (start?: Record<string, AttributeValue>) => Promise<{ Items?: Array<Record<string, AttributeValue>>; LastEvaluatedKey?: Record<string, AttributeValue> }>) {
    const items: Array<Record<string, AttributeValue>> = [];
    let start: Record<string, AttributeValue> | undefined;
    let pages = 0;
    do {
      const page = await send(start);
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
      pages++;
    } while (start && pages < 100);
    return { items, pages };
  }

  const query = (input: Omit<QueryCommandInput, 'TableName'>) => ddb().send(new QueryCommand({ TableName: TABLE, ...input }));
  const scan = (input: Omit<ScanCommandInput, 'TableName'>) => ddb().send(new ScanCommand({ TableName: TABLE, ...input }));

  beforeAll(async () => {
    await createTableAndWait(ddb(), {
      TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
      AttributeDefinitions: ['customerId', 'orderId', 'placedOn', 'status'].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
      LocalSecondaryIndexes: [{ IndexName: 'by-date', KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'placedOn', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-status', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'placedOn', KeyType: 'RANGE' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['amount'] } }],
    });
    for (let i = 0; i < orders.length; i += 25) {
      await ddb().send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: orders.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
  });

  it('queries a partition in sort-key order, both ways, with begins_with and BETWEEN', async () => {
    const c1 = orders.filter((order) => order.customerId.S === 'c1').map((order) => order.orderId.S);
    const forward = await query({ KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c1' } } });
    expect(forward.Items?.map((item) => item.orderId?.S)).toEqual(c1);
    expect(forward).toMatchObject({ Count: 20, ScannedCount: 20 });
    const backward = await query({ KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c1' } }, ScanIndexForward: false });
    expect(backward.Items?.map((item) => item.orderId?.S)).toEqual([...c1].reverse());
    const pagedBackward = await allPages((start) => query({ KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c1' } }, ScanIndexForward: false, Limit: 6, ExclusiveStartKey: start }));
    expect(pagedBackward.items.map((item) => item.orderId?.S)).toEqual([...c1].reverse());
    const prefixed = await query({ KeyConditionExpression: 'customerId = :c AND begins_with(orderId, :p)', ExpressionAttributeValues: { ':c': { S: 'c1' }, ':p': { S: 'o-01' } } });
    expect(prefixed.Items?.map((item) => item.orderId?.S)).toEqual(['o-010', 'o-013', 'o-016', 'o-019']);
    const between = await query({ KeyConditionExpression: 'customerId = :c AND orderId BETWEEN :a AND :b', ExpressionAttributeValues: { ':c': { S: 'c0' }, ':a': { S: 'o-050' }, ':b': { S: 'o-057' } } });
    expect(between.Items?.map((item) => item.orderId?.S)).toEqual(['o-051', 'o-054', 'o-057']);
  });

  it('filters after reading, projects, counts, and pages by Limit', async () => {
    const filtered = await query({
      KeyConditionExpression: 'customerId = :c', FilterExpression: '#s = :paid AND amount >= :min', ProjectionExpression: 'orderId, amount',
      ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':c': { S: 'c0' }, ':paid': { S: 'PAID' }, ':min': { N: '300' } },
    });
    expect(filtered).toMatchObject({ Count: 5, ScannedCount: 20 });
    expect(filtered.Items?.[0]).toEqual({ orderId: { S: 'o-030' }, amount: { N: '300.5' } });
    const counted = await query({ KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c2' } }, Select: 'COUNT' });
    expect(counted.Items).toBeUndefined();
    expect(counted.Count).toBe(20);
    const { items, pages } = await allPages((start) => query({ KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c2' } }, Limit: 7, ExclusiveStartKey: start }));
    expect(items.map((item) => item.orderId?.S)).toEqual(orders.filter((order) => order.customerId.S === 'c2').map((order) => order.orderId.S));
    expect(pages).toBe(3);
  });

  it('queries a local index in its own sort order and a global index with its projection', async () => {
    const byDate = await query({ IndexName: 'by-date', KeyConditionExpression: 'customerId = :c AND placedOn < :d', ExpressionAttributeValues: { ':c': { S: 'c0' }, ':d': { S: '2024-03-05' } } });
    const early = orders.filter((order) => order.customerId.S === 'c0' && order.placedOn.S < '2024-03-05').map((order) => order.placedOn.S).sort();
    expect(early).toHaveLength(4);
    expect(byDate.Items?.map((item) => item.placedOn?.S)).toEqual(early);
    expect(byDate.Items?.[0]?.status).toBeDefined();
    const { items, pages } = await allPages((start) => query({
      IndexName: 'by-status', KeyConditionExpression: '#s = :paid AND placedOn BETWEEN :a AND :b', ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':paid': { S: 'PAID' }, ':a': { S: '2024-03-01' }, ':b': { S: '2024-03-10' } }, Limit: 4, ExclusiveStartKey: start,
    }));
    const expected = orders.filter((order) => order.status.S === 'PAID' && order.placedOn.S <= '2024-03-10');
    expect(items).toHaveLength(expected.length);
    expect(pages).toBeGreaterThan(1);
    expect(Object.keys(items[0]!).sort()).toEqual(['amount', 'customerId', 'orderId', 'placedOn', 'status']);
    expect(items.map((item) => item.placedOn?.S)).toEqual([...items.map((item) => item.placedOn!.S!)].sort());
  });

  it('scans everything across pages and splits a parallel scan into disjoint segments', async () => {
    const { items } = await allPages((start) => scan({ Limit: 11, ExclusiveStartKey: start }));
    expect(items.map((item) => item.orderId?.S).sort()).toEqual(orders.map((order) => order.orderId.S).sort());
    const segments = await Promise.all([0, 1, 2, 3].map((segment) => allPages((start) => scan({ Segment: segment, TotalSegments: 4, ExclusiveStartKey: start }))));
    const ids = segments.flatMap((result) => result.items.map((item) => item.orderId?.S));
    expect(ids.sort()).toEqual(orders.map((order) => order.orderId.S).sort());
    const filtered = await scan({ FilterExpression: 'amount < :n', ExpressionAttributeValues: { ':n': { N: '50' } }, Select: 'COUNT' });
    expect(filtered).toMatchObject({ Count: 5, ScannedCount: 60 });
  });

  it('stops a page at 1 MB read and says where to go on', async () => {
    const big = 'x'.repeat(100 * 1024);
    for (let n = 0; n < 25; n++) {
      await ddb().send(new PutItemCommand({ TableName: TABLE, Item: { customerId: { S: 'heavy' }, orderId: { S: `h-${String(n).padStart(2, '0')}` }, blob: { S: big } } }));
    }
    const first = await query({ KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'heavy' } } });
    expect(first.Count).toBeGreaterThan(5);
    expect(first.Count).toBeLessThan(25);
    expect(first.LastEvaluatedKey).toEqual({ customerId: { S: 'heavy' }, orderId: first.Items?.at(-1)?.orderId });
    const { items } = await allPages((start) => query({ KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'heavy' } }, ExclusiveStartKey: start, ProjectionExpression: 'orderId' }));
    expect(items).toHaveLength(25);
  });

  it('answers AWS errors for bad queries', async () => {
    const cases: Array<[Omit<QueryCommandInput, 'TableName'>, string]> = [
      [{ KeyConditionExpression: 'orderId = :o', ExpressionAttributeValues: { ':o': { S: 'x' } } }, 'Query condition missed key schema element: customerId'],
      [{ KeyConditionExpression: 'customerId = :c', FilterExpression: 'orderId = :o', ExpressionAttributeValues: { ':c': { S: 'c0' }, ':o': { S: 'x' } } }, 'Filter Expression can only contain non-primary key attributes: Primary key attribute: orderId'],
      [{ KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { N: '1' } } }, 'One or more parameter values were invalid: Condition parameter type does not match schema type'],
      [{ IndexName: 'nope', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c0' } } }, 'The table does not have the specified index: nope'],
      [{ IndexName: 'by-status', ConsistentRead: true, KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'PAID' } } }, 'Consistent reads are not supported on global secondary indexes'],
      [{ KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c0' } }, ExclusiveStartKey: { customerId: { S: 'c0' } } }, 'The provided starting key is invalid: The provided key element does not match the schema'],
    ];
    for (const [input, message] of cases) {
      await expect(query(input), message).rejects.toMatchObject({ name: 'ValidationException', message, $metadata: { httpStatusCode: 400 } });
    }
    await expect(scan({ Segment: 4, TotalSegments: 4 })).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('Segment: 4 is not less than TotalSegments: 4') });
  });
});
