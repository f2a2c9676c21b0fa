/**
 * Grader of lab 04: deploys the given store function and a table, runs the learner's
 * setupOrderEvents, publishes matching and non-matching order events (seeded), and checks through
 * the table and the event-flow trace which of them reached the function, and the function's policy;
 * last, runs the setup a second time and checks that nothing broke or doubled.
 */
import { CreateTableCommand, DeleteTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import {
  DeleteEventBusCommand, DeleteRuleCommand, DescribeRuleCommand, ListRulesCommand, ListTargetsByRuleCommand, PutEventsCommand, RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { GetPolicyCommand } from '@aws-sdk/client-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll } from 'vitest';
import { contextMessage, learnerStopped, listOf } from '../../src/core/grader/context-messages.ts';
import { check, expectValue, fail, useLab, type Message } from '../../src/core/grader/index.ts';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { say } from './04-order-events.messages.ts';

const lab = useLab();
const storeFn = lab.name('store-order-event');
const ordersTable = lab.name('orders');
const busName = lab.name('shop');
const ruleName = lab.name('order-created');
/** How long an event may take to reach the table. */
const DELIVERY_MS = 10_000;

interface Order {
  orderId: string;
  customerId: string;
  createdAt: string;
  currency: string;
  totalCents: number;
}

const EXAMPLE: Order = { orderId: 'ord-1001', customerId: 'cus-42', createdAt: '2025-05-01T10:15:00.000Z', currency: 'EUR', totalCents: 2700 };
let functionArn = '';
let setupRun: Promise<{ returned: unknown } | { error: Message }> | undefined;

function order(): Order {
  const { random } = lab;
  return { orderId: `ord-${random.id(8)}`, customerId: `cus-${random.id(5)}`, createdAt: new Date(Date.UTC(2025, random.int(0, 11), random.int(1, 28), random.int(0, 23))).toISOString(), currency: random.pick(['EUR', 'USD', 'GBP']), totalCents: random.int(100, 99_999) };
}

/** Runs the learner's setupOrderEvents once for the whole file; each check reads its outcome. */
async function setup(): Promise<unknown> {
  setupRun ??= (async () => {
    lab.onCleanup(async () => {
      const { eventbridge } = lab.clients;
      await eventbridge.send(new RemoveTargetsCommand({ Rule: ruleName, EventBusName: busName, Ids: ['store-order'], Force: true })).catch(() => {});
      await eventbridge.send(new DeleteRuleCommand({ Name: ruleName, EventBusName: busName, Force: true })).catch(() => {});
      await eventbridge.send(new DeleteEventBusCommand({ Name: busName }));
    });
    try {
      const learner = lab.importLearner('setup-events.ts');
      return { returned: await learner.setupOrderEvents!({ eventbridge: lab.clients.eventbridge, lambda: lab.clients.lambda }, { busName, ruleName, functionArn }) };
    } catch (error) {
      const { name, message } = error as Error;
      return { error: name === 'NotExported' ? contextMessage('notExported', { file: 'setup-events.ts', exportName: 'setupOrderEvents' }) : learnerStopped(error) ?? say('threw', { name, message }) };
    }
  })();
  const outcome = await setupRun;
  if ('error' in outcome) fail(outcome.error);
  return outcome.returned;
}

/** The rule as EventBridge describes it, or a failure naming what is missing. */
async function describeRule(): Promise<{ Arn?: string; EventPattern?: string }> {
  try {
    return await lab.clients.eventbridge.send(new DescribeRuleCommand({ Name: ruleName, EventBusName: busName }));
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') fail(say('noRule', { rule: ruleName, bus: busName, message: (error as Error).message }));
    throw error;
  }
}

/** Publishes one event on the shop's bus; returns its event id. */
async function publish(source: string, detailType: string, detail: Order, bus = busName): Promise<string> {
  const answer = await lab.clients.eventbridge.send(new PutEventsCommand({ Entries: [{ Source: source, DetailType: detailType, Detail: JSON.stringify(detail), EventBusName: bus }] }));
  const entry = answer.Entries?.[0];
  if (!entry?.EventId) fail(say('eventRefused', { bus, code: String(entry?.ErrorCode), message: String(entry?.ErrorMessage) }));
  return entry.EventId;
}

async function stored(orderId: string): Promise<Record<string, unknown> | undefined> {
  return (await lab.clients.documents.send(new GetCommand({ TableName: ordersTable, Key: { orderId }, ConsistentRead: true }))).Item;
}

function ours(entry: TraceEntry): boolean {
  return entry.rule === ruleName;
}

/** Why an event did not get stored, in the words of the trace (empty on targets without one). */
function explain(entries: TraceEntry[], what: Message): Message | undefined {
  const refused = entries.find((entry) => entry.kind === 'delivery' && entry.outcome === 'refused');
  // The sentence says what the permission lacks; of the trace's detail (`CODE: words`) the code is enough.
  if (refused) return say('notAllowed', { what, reason: String(refused.detail).split(':')[0]! });
  const lost = entries.find((entry) => entry.kind === 'delivery' && (entry.outcome === 'dropped' || entry.outcome === 'dead-lettered'));
  if (lost) return say('notDelivered', { what, detail: String(lost.detail) });
  const failed = entries.find((entry) => entry.kind === 'invocation' && entry.outcome === 'function-error');
  if (failed) return say('functionFailed', { what, detail: String(failed.detail) });
  if (entries.length === 0) return undefined;
  if (!entries.some((entry) => entry.kind === 'rule-matched' && ours(entry))) {
    const miss = entries.find((entry) => entry.kind === 'rule-not-matched' && ours(entry));
    return miss ? say('notMatched', { rule: ruleName, what, field: String(miss.field), reason: String(miss.reason) }) : say('noRuleSaw', { rule: ruleName, bus: busName, what });
  }
  const matched = entries.find((entry) => entry.kind === 'rule-matched' && ours(entry));
  if (matched?.detail?.startsWith('0 ')) return say('noTarget', { rule: ruleName, what });
  return undefined;
}

/** Waits until the order is in the table; fails early with the trace's reason when it cannot arrive. */
async function expectStored(input: Order, eventId: string, what: Message): Promise<void> {
  const deadline = Date.now() + DELIVERY_MS;
  let pause = 10;
  for (;;) {
    const item = await stored(input.orderId);
    if (item) {
      expectValue({ what: say('itemStored', { what }), expected: input, got: item });
      return;
    }
    const entries = await lab.trace({ eventId });
    const reason = explain(entries, what);
    const settled = entries.some((entry) => entry.kind === 'delivery' && entry.outcome !== 'retry') || entries.some((entry) => entry.kind === 'invocation' && entry.outcome === 'function-error');
    if (reason && (settled || !entries.some((entry) => entry.kind === 'rule-matched' && ours(entry)))) fail(reason);
    if (Date.now() > deadline) fail(reason ?? say('notArrived', { what, seconds: DELIVERY_MS / 1000 }));
    // A warm function stores an order within milliseconds; a cold start takes a tenth of a second or more.
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 200);
  }
}

beforeAll(async () => {
  await lab.clients.dynamodb.send(new CreateTableCommand({
    TableName: ordersTable,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
  }));
  lab.onCleanup(() => lab.clients.dynamodb.send(new DeleteTableCommand({ TableName: ordersTable })));
  await waitUntilTableExists({ client: lab.clients.dynamodb, minDelay: 0.1, maxDelay: 2, maxWaitTime: 60 }, { TableName: ordersTable });
  functionArn = await lab.deployHandler({ file: 'store-order.ts', exportName: 'storeOrderEvent', name: storeFn, environment: { TABLE_NAME: ordersTable }, timeout: 10 });
}, 60_000);

check('returns-rule-arn', async () => {
  const returned = await setup();
  const rule = await describeRule();
  expectValue({ what: say('returnedValue'), expected: rule.Arn, got: returned });
});

check('routes-matching-orders', async () => {
  await setup();
  // One at a time: published together, each event would start an execution environment of its own.
  for (const input of [EXAMPLE, order(), order(), order()]) {
    await expectStored(input, await publish('shop.orders', 'Order Placed', input), say('createdEvent', { id: input.orderId }));
  }
}, 30_000);

check('ignores-other-events', async () => {
  await setup();
  const others: Array<[string, string, Message]> = [
    ['shop.orders', 'Order Cancelled', say('eventFrom', { detailType: 'Order Cancelled', source: 'shop.orders' })],
    ['shop.payments', 'Order Placed', say('eventFrom', { detailType: 'Order Placed', source: 'shop.payments' })],
    ['shop.orders', 'order created', say('lowerCase')],
    [lab.random.pick(['shop.returns', 'shop.inventory']), lab.random.pick(['Order Shipped', 'Order Updated']), say('otherEvent')],
  ];
  const published = [];
  for (const [source, detailType, what] of others) {
    const input = order();
    published.push({ input, what, eventId: await publish(source, detailType, input) });
  }
  // A matching event last: once it is stored, deliveries of the events before it are settled.
  const last = order();
  await expectStored(last, await publish('shop.orders', 'Order Placed', last), say('createdEventLast', { id: last.orderId }));
  for (const { input, what, eventId } of published) {
    const matched = (await lab.trace({ eventId })).some((entry) => entry.kind === 'rule-matched' && ours(entry));
    if (matched || (await stored(input.orderId))) fail(say('letThrough', { rule: ruleName, what }));
  }
}, 30_000);

type Statement = { Principal?: unknown; Action?: unknown; Condition?: Record<string, Record<string, unknown>> };

/** The statements of the function's resource policy that let EventBridge invoke it. */
async function eventsStatements(): Promise<Statement[]> {
  let policy: { Statement?: Statement[] };
  try {
    policy = JSON.parse((await lab.clients.lambda.send(new GetPolicyCommand({ FunctionName: storeFn }))).Policy ?? '{}');
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') fail(say('noPolicy', { name: storeFn }));
    throw error;
  }
  return (policy.Statement ?? []).filter((statement) => JSON.stringify(statement.Principal).includes('events.amazonaws.com'));
}

check('permission-scoped-to-rule', async () => {
  await setup();
  const rule = await describeRule();
  const forEvents = await eventsStatements();
  if (forEvents.length === 0) fail(say('noEventsStatement', { name: storeFn }));
  const sourceArns = forEvents.map((statement) => statement.Condition?.ArnLike?.['AWS:SourceArn']);
  if (sourceArns.some((arn) => arn === undefined)) fail(say('unscoped'));
  expectValue({ what: say('sourceArns'), expected: [rule.Arn], got: sourceArns });
});

check('reruns-safely', async () => {
  await setup();
  const first = await describeRule();
  try {
    await lab.importLearner('setup-events.ts').setupOrderEvents!({ eventbridge: lab.clients.eventbridge, lambda: lab.clients.lambda }, { busName, ruleName, functionArn });
  } catch (error) {
    const { name, message } = error as Error;
    fail(say('rerunThrew', { name, message: message.replace(/\.$/, '') }));
  }
  const rules = (await lab.clients.eventbridge.send(new ListRulesCommand({ EventBusName: busName }))).Rules ?? [];
  if (rules.length !== 1) fail(say('rulesAfterRerun', { bus: busName, count: rules.length, names: listOf(rules.map((rule) => String(rule.Name))) }));
  expectValue({ what: say('patternAfterRerun'), expected: JSON.parse(first.EventPattern ?? '{}'), got: JSON.parse((await describeRule()).EventPattern ?? '{}') });
  const targets = (await lab.clients.eventbridge.send(new ListTargetsByRuleCommand({ Rule: ruleName, EventBusName: busName }))).Targets ?? [];
  if (targets.length !== 1) fail(say('targetsAfterRerun', { rule: ruleName, count: targets.length, ids: listOf(targets.map((target) => String(target.Id))) }));
  const statements = await eventsStatements();
  if (statements.length !== 1) fail(say('statementsAfterRerun', { count: statements.length }));
  const input = order();
  const eventId = await publish('shop.orders', 'Order Placed', input);
  await expectStored(input, eventId, say('createdEventRerun', { id: input.orderId }));
  // Another invocation would come within milliseconds of the first; give it time to show.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const invocations = (await lab.trace({ eventId })).filter((entry) => entry.kind === 'invocation');
  if (invocations.length > 1) fail(say('invokedTwice', { count: invocations.length }));
}, 30_000);
