/**
 * Grader of lab 03: inspects the table the learner's createOrdersTable makes (DescribeTable, the
 * moment it returns), deploys storeOrder against a table of the grader's own and reads back what
 * it stored (and that a refused write fails the invocation), and compares listCustomerOrders with
 * generated order histories (seeded), one of them larger than a Query's 1 MB page.
 */
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, waitUntilTableExists, type TableDescription } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll } from 'vitest';
import { contextMessage, learnerStopped, listOf } from '../../src/core/grader/context-messages.ts';
import { check, expectValue, fail, likelyCause, reversed, useLab, when, type Message } from '../../src/core/grader/index.ts';
import { say } from './03-orders-table.messages.ts';

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
async function callLearner(exportName: 'createOrdersTable' | 'listCustomerOrders', args: unknown[], when: Message = say('none')): Promise<unknown> {
  try {
    return await lab.importLearner('orders-table.ts')[exportName]!(...args);
  } catch (error) {
    const { name, message } = error as Error;
    if (name === 'NotExported') fail(contextMessage('notExported', { file: 'orders-table.ts', exportName }));
    const stopped = learnerStopped(error);
    if (stopped) fail(stopped);
    fail(say('threw', { exportName, name, when, message }));
  }
}

async function describeTable(tableName: string): Promise<TableDescription> {
  try {
    return (await lab.clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }))).Table!;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') fail(say('noTable', { table: tableName }));
    throw error;
  }
}

async function stored(orderId: string): Promise<Record<string, unknown> | undefined> {
  return (await lab.clients.documents.send(new GetCommand({ TableName: ordersTable, Key: { orderId }, ConsistentRead: true }))).Item;
}

async function store(input: object & { orderId: string }): Promise<unknown> {
  const answer = await lab.invoke(storeFn, input);
  if (answer.functionError) fail(say('storeFailed', { id: input.orderId, errorType: String(answer.payload?.errorType), errorMessage: String(answer.payload?.errorMessage) }));
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
      if (Date.now() > deadline) fail(say('notIndexed', { count, customer: customerId }));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The five fields of an order, in the words of a failure message. */
const FIELDS = ['orderId', 'customerId', 'createdAt', 'currency', 'totalCents'];

/** Checks a listing against the expected orders; names the likely cause of a wrong order or a short list. */
function expectListed(listed: unknown, expected: Order[], who: Message): void {
  if (!Array.isArray(listed)) fail(say('notArray', { returned: String(JSON.stringify(listed)?.slice(0, 80)), who }));
  const ids = listed.map((item: Partial<Order>) => item?.orderId);
  const wanted = expected.map((item) => item.orderId);
  const cause = likelyCause<readonly unknown[]>(ids, wanted, [
    reversed(say('oldestFirst', { who })),
    when((got) => ids.length < wanted.length && ids.every((id) => id !== undefined && wanted.includes(id)), say('shortList', { count: ids.length, total: wanted.length, who })),
  ]);
  if (cause) fail(cause);
  expectValue({ what: say('listedIds', { who }), expected: wanted, got: ids });
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
    fail(say('stillCreating', { table: tableName, status: String(table.TableStatus) }));
  }
  expectValue({ what: say('billingMode'), expected: 'PAY_PER_REQUEST', got: table.BillingModeSummary?.BillingMode ?? 'PROVISIONED' });
  expectValue({ what: say('tableKeySchema'), expected: [{ AttributeName: 'orderId', KeyType: 'HASH' }], got: table.KeySchema });
  const types = Object.fromEntries((table.AttributeDefinitions ?? []).map((definition) => [definition.AttributeName, definition.AttributeType]));
  expectValue({ what: say('attributeType', { name: 'orderId' }), expected: 'S', got: types.orderId });
  const index = table.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === 'byCustomer');
  if (!index) {
    const names = (table.GlobalSecondaryIndexes ?? []).map((candidate) => String(candidate.IndexName));
    fail(say('noIndex', { indexes: names.length > 0 ? listOf(names) : say('noIndexes') }));
  }
  expectValue({ what: say('ofIndex', { field: 'KeySchema' }), expected: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }], got: index.KeySchema });
  expectValue({ what: say('attributeType', { name: 'customerId' }), expected: 'S', got: types.customerId });
  expectValue({ what: say('attributeType', { name: 'createdAt' }), expected: 'S', got: types.createdAt });
  expectValue({ what: say('ofIndex', { field: 'ProjectionType' }), expected: 'ALL', got: index.Projection?.ProjectionType });
  await callLearner('createOrdersTable', [lab.clients.dynamodb, tableName], say('tableExisted'));
}, 30_000);

check('stores-orders', async () => {
  // The checkout's events carry more than an order: none of it belongs in the table.
  const extras = () => ({ items: [{ sku: `SKU-${lab.random.id(4)}`, quantity: lab.random.int(1, 5) }], discountCode: lab.random.pick(['WELCOME10', 'VIP20']), status: 'accepted' });
  for (const input of [EXAMPLE, order(), order(), order()]) {
    const event = input === EXAMPLE ? input : { ...input, ...extras() };
    expectValue({ what: say('answerFor', { id: input.orderId }), expected: { stored: true, orderId: input.orderId }, got: await store(event) });
    const item = await stored(input.orderId);
    if (!item) fail(say('notStored', { id: input.orderId }));
    const unnamed = Object.keys(item).filter((name) => !FIELDS.includes(name));
    if (unnamed.length > 0) fail(say('extraFields', { id: input.orderId, fields: listOf(unnamed), names: listOf(FIELDS) }));
    expectValue({ what: say('itemStored', { id: input.orderId }), expected: input, got: item });
  }
});

check('fails-on-other-errors', async () => {
  // The index declares createdAt a string, so DynamoDB refuses this item with a ValidationException.
  const broken = { ...order(), createdAt: Date.parse('2025-05-01T10:15:00.000Z') + lab.random.int(0, 10_000_000) };
  const answer = await lab.invoke(storeFn, broken);
  if (!answer.functionError) fail(say('swallowed', { answer: String(JSON.stringify(answer.payload)), id: broken.orderId }));
  expectValue({ what: say('refusedItem', { id: broken.orderId }), expected: undefined, got: await stored(broken.orderId) });
});

check('rejects-duplicates', async () => {
  const original = order();
  await store(original);
  if (!(await stored(original.orderId))) fail(say('firstNotStored', { id: original.orderId }));
  const repeat: Order = { ...order(), orderId: original.orderId };
  const answer = await store(repeat);
  expectValue({ what: say('answerForRepeat', { id: original.orderId }), expected: { stored: false, orderId: original.orderId, reason: 'duplicate' }, got: answer });
  expectValue({ what: say('itemAfterRepeat', { id: original.orderId }), expected: original, got: await stored(original.orderId) });
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
    expectListed(listed, expected, say(expected.length > 0 ? 'customer' : 'customerWithout', { id: customerId }));
    expectValue({ what: say('listedOrders', { id: customerId }), expected, got: listed });
  }
  const newestFirst = [...history].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  expectListed(await callLearner('listCustomerOrders', [lab.clients.documents, ordersTable, loyal]), newestFirst, say('loyalCustomer', { id: loyal, count: history.length }));
}, 40_000);
