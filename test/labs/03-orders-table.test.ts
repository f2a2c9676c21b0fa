/**
 * Grader of lab 03: inspects the table the learner's createOrdersTable makes (DescribeTable, the
 * moment it returns), deploys storeOrder against a table of the grader's own and reads back what
 * it stored (and that a refused write fails the invocation), and compares listCustomerOrders with
 * generated order histories (seeded), one of them larger than a Query's 1 MB page.
 */
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, waitUntilTableExists, type TableDescription } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, expect } from 'vitest';
import { check, fail, likelyCause, reversed, useLab, when } from '../../src/core/grader/index.ts';

const lab = useLab();
const storeFn = lab.name('store-order');
/** The grader's own table, with the shape the README asks for, so handler checks do not hang on createOrdersTable. */
const ordersTable = lab.name('orders');

interface Order {
  orderId: string;
  customerId: string;
  createdAt: string;
  currency: string;
  totalCents: number;
}

const EXAMPLE: Order = { orderId: 'ord-1001', customerId: 'cus-42', createdAt: '2025-05-01T10:15:00.000Z', currency: 'EUR', totalCents: 2700 };
/** The grader's waits for its own tables: the SDK's waiter, polling often. */
const WAITER = { minDelay: 0.1, maxDelay: 2, maxWaitTime: 60 };
let clock = Date.parse('2025-01-01T00:00:00.000Z');

function order(customerId = `cus-${lab.random.id(5)}`): Order {
  const { random } = lab;
  // Strictly increasing times, so "newest first" has exactly one right answer.
  clock += random.int(1, 5000) * 60_000;
  return { orderId: `ord-${random.id(8)}`, customerId, createdAt: new Date(clock).toISOString(), currency: random.pick(['EUR', 'USD', 'GBP']), totalCents: random.int(100, 99_999) };
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = lab.random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Calls a function of orders-table.ts (in the grader kit's sandbox); a throw becomes a plain sentence. */
async function callLearner(exportName: 'createOrdersTable' | 'listCustomerOrders', args: unknown[], when = ''): Promise<unknown> {
  try {
    return await lab.importLearner('orders-table.ts')[exportName]!(...args);
  } catch (error) {
    const { name, message } = error as Error;
    if (name === 'NotExported') fail(`orders-table.ts does not export a function named ${exportName}`);
    fail(`${exportName} threw ${name}${when}: ${message}`);
  }
}

async function describeTable(tableName: string): Promise<TableDescription> {
  try {
    return (await lab.clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }))).Table!;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') fail(`there is no table ${tableName} after createOrdersTable returned: did it send a CreateTableCommand?`);
    throw error;
  }
}

async function stored(orderId: string): Promise<Record<string, unknown> | undefined> {
  return (await lab.clients.documents.send(new GetCommand({ TableName: ordersTable, Key: { orderId }, ConsistentRead: true }))).Item;
}

async function store(input: object & { orderId: string }): Promise<unknown> {
  const answer = await lab.invoke(storeFn, input);
  if (answer.functionError) fail(`storeOrder failed for order ${input.orderId}: ${answer.payload?.errorType}: ${answer.payload?.errorMessage}`);
  return answer.payload;
}

/** Waits until the index shows every order written (on AWS a global secondary index lags its table a little). */
async function untilIndexed(counts: Array<[string, number]>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (const [customerId, count] of counts) {
    for (;;) {
      // A COUNT reads the same 1 MB pages as any Query, so a long history is counted page by page.
      let seen = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await lab.clients.documents.send(new QueryCommand({
          TableName: ordersTable, IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :customerId', ExpressionAttributeValues: { ':customerId': customerId }, Select: 'COUNT', ExclusiveStartKey: start,
        }));
        seen += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      if (seen === count) break;
      if (Date.now() > deadline) fail(`the grader's own table did not show ${count} orders of ${customerId} in index byCustomer within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The five fields of an order, in the words of a failure message. */
const FIELDS = ['orderId', 'customerId', 'createdAt', 'currency', 'totalCents'];

/** Checks a listing against the expected orders; names the likely cause of a wrong order or a short list. */
function expectListed(listed: unknown, expected: Order[], who: string): void {
  if (!Array.isArray(listed)) fail(`listCustomerOrders returned ${JSON.stringify(listed)?.slice(0, 80)} for ${who}: return an array of the orders (the Items of the query)`);
  const ids = listed.map((item: Partial<Order>) => item?.orderId);
  const wanted = expected.map((item) => item.orderId);
  const cause = likelyCause<readonly unknown[]>(ids, wanted, [
    reversed(`listCustomerOrders lists the orders of ${who} oldest first: a Query returns items in ascending sort-key order (createdAt), and ScanIndexForward: false reverses it to newest first`),
    when((got) => ids.length < wanted.length && ids.every((id) => id !== undefined && wanted.includes(id)), `listCustomerOrders returned ${ids.length} of the ${wanted.length} orders of ${who}: a Query answers at most 1 MB per call and then sets LastEvaluatedKey; query again with ExclusiveStartKey: LastEvaluatedKey until it is absent`),
  ]);
  if (cause) fail(cause);
  expect(ids, `the orderIds listed for ${who}`).toEqual(wanted);
}

beforeAll(async () => {
  await lab.clients.dynamodb.send(new CreateTableCommand({
    TableName: ordersTable,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }, { AttributeName: 'customerId', AttributeType: 'S' }, { AttributeName: 'createdAt', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [{ IndexName: 'byCustomer', KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
  }));
  lab.onCleanup(() => lab.clients.dynamodb.send(new DeleteTableCommand({ TableName: ordersTable })));
  await waitUntilTableExists({ client: lab.clients.dynamodb, ...WAITER }, { TableName: ordersTable });
  await lab.deployHandler({ file: 'store-order.ts', exportName: 'storeOrder', name: storeFn, environment: { TABLE_NAME: ordersTable }, timeout: 10 });
}, 60_000);

check('creates-table', async () => {
  const tableName = lab.name(`shop-orders-${lab.random.id(4)}`);
  lab.onCleanup(async () => {
    const status = await lab.clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName })).then((answer) => answer.Table?.TableStatus, () => undefined);
    if (status === undefined) return;
    // A table still CREATING cannot be deleted yet.
    if (status !== 'ACTIVE') await waitUntilTableExists({ client: lab.clients.dynamodb, ...WAITER }, { TableName: tableName }).catch(() => {});
    await lab.clients.dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
  });
  await callLearner('createOrdersTable', [lab.clients.dynamodb, tableName]);
  const table = await describeTable(tableName);
  if (table.TableStatus !== 'ACTIVE') {
    fail(`createOrdersTable returned while table ${tableName} was still ${table.TableStatus}: CreateTable answers before the table is ready, and every read or write until it is ACTIVE fails; await waitUntilTableExists({ client: dynamodb, minDelay: 1, maxWaitTime: 60 }, { TableName }) before returning`);
  }
  expect(table.BillingModeSummary?.BillingMode ?? 'PROVISIONED', 'the billing mode').toBe('PAY_PER_REQUEST');
  expect(table.KeySchema, 'the table\'s KeySchema').toEqual([{ AttributeName: 'orderId', KeyType: 'HASH' }]);
  const types = Object.fromEntries((table.AttributeDefinitions ?? []).map((definition) => [definition.AttributeName, definition.AttributeType]));
  expect(types.orderId, 'the type of orderId in AttributeDefinitions').toBe('S');
  const index = table.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === 'byCustomer');
  if (!index) fail(`the table has no global secondary index named byCustomer (it has: ${(table.GlobalSecondaryIndexes ?? []).map((candidate) => candidate.IndexName).join(', ') || 'none'})`);
  expect(index.KeySchema, 'the KeySchema of index byCustomer').toEqual([{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }]);
  expect(types.customerId, 'the type of customerId in AttributeDefinitions').toBe('S');
  expect(types.createdAt, 'the type of createdAt in AttributeDefinitions').toBe('S');
  expect(index.Projection?.ProjectionType, 'the ProjectionType of index byCustomer').toBe('ALL');
  await callLearner('createOrdersTable', [lab.clients.dynamodb, tableName], ' when the table existed already');
}, 30_000);

check('stores-orders', async () => {
  // The checkout's events carry more than an order: none of it belongs in the table.
  const extras = () => ({ items: [{ sku: `SKU-${lab.random.id(4)}`, quantity: lab.random.int(1, 5) }], discountCode: lab.random.pick(['WELCOME10', 'VIP20']), status: 'accepted' });
  for (const input of [EXAMPLE, order(), order(), order()]) {
    const event = input === EXAMPLE ? input : { ...input, ...extras() };
    expect(await store(event), `the answer for order ${input.orderId}`).toEqual({ stored: true, orderId: input.orderId });
    const item = await stored(input.orderId);
    if (!item) fail(`storeOrder answered for order ${input.orderId}, but the table has no item with that orderId`);
    const unnamed = Object.keys(item).filter((name) => !FIELDS.includes(name));
    if (unnamed.length > 0) fail(`the item stored for order ${input.orderId} has fields the README does not name (${unnamed.join(', ')}): build Item from the five fields ${FIELDS.join(', ')} only, not from the whole event`);
    expect(item, `the item stored for order ${input.orderId}`).toEqual(input);
  }
});

check('fails-on-other-errors', async () => {
  // The index declares createdAt a string, so DynamoDB refuses this item with a ValidationException.
  const broken = { ...order(), createdAt: Date.parse('2025-05-01T10:15:00.000Z') + lab.random.int(0, 10_000_000) };
  const answer = await lab.invoke(storeFn, broken);
  if (!answer.functionError) {
    fail(`storeOrder answered ${JSON.stringify(answer.payload)} for order ${broken.orderId}, whose createdAt is a number that DynamoDB refuses (the index byCustomer keys createdAt as a string): only a ConditionalCheckFailedException means a duplicate; rethrow every other error so the invocation fails and the caller can retry or report it`);
  }
  expect(await stored(broken.orderId), `the item of order ${broken.orderId}, which DynamoDB refused`).toBeUndefined();
});

check('rejects-duplicates', async () => {
  const original = order();
  await store(original);
  if (!(await stored(original.orderId))) fail(`order ${original.orderId} was not stored the first time, so a repeat cannot be checked`);
  const repeat: Order = { ...order(), orderId: original.orderId };
  const answer = await store(repeat);
  expect(answer, `the answer for order ${original.orderId} sent a second time`).toEqual({ stored: false, orderId: original.orderId, reason: 'duplicate' });
  expect(await stored(original.orderId), `the item of order ${original.orderId} after a repeat with other values`).toEqual(original);
});

check('lists-customer-orders', async () => {
  const customers = Array.from({ length: 3 }, () => `cus-${lab.random.id(5)}`);
  const orders = customers.flatMap((customerId) => Array.from({ length: lab.random.int(2, 6) }, () => order(customerId)));
  // A loyal customer whose orders carry long gift notes: together more than one 1 MB page of a Query.
  const loyal = `cus-${lab.random.id(5)}`;
  const history = Array.from({ length: lab.random.int(13, 15) }, () => ({ ...order(loyal), giftNote: lab.random.id(8).repeat(lab.random.int(11_250, 12_500)) }));
  // Written in random order, so the table's insertion order cannot pass for "newest first".
  for (const item of shuffled([...orders, ...history])) await lab.clients.documents.send(new PutCommand({ TableName: ordersTable, Item: item }));
  await untilIndexed([...customers, loyal].map((customerId) => [customerId, [...orders, ...history].filter((item) => item.customerId === customerId).length]));
  for (const customerId of [...customers, `cus-${lab.random.id(6)}`]) {
    const expected = orders.filter((item) => item.customerId === customerId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const listed = await callLearner('listCustomerOrders', [lab.clients.documents, ordersTable, customerId]);
    expectListed(listed, expected, expected.length > 0 ? `customer ${customerId}` : `customer ${customerId}, who has no orders`);
    expect(listed, `the orders listed for customer ${customerId}`).toEqual(expected);
  }
  const newestFirst = [...history].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  expectListed(await callLearner('listCustomerOrders', [lab.clients.documents, ordersTable, loyal]), newestFirst, `customer ${loyal}, whose ${history.length} orders take more than 1 MB`);
}, 40_000);
