/**
 * Grader of lab 08. The outbox: it deploys the learner's writer and relay, runs setupOutbox, and
 * places seeded orders, some of them with the writer's execution environment killed right after
 * its TransactWriteItems (the emulator's /_workshop/faults), and some a second time, as a client
 * retries; a rule of the grader's own copies every Order Placed event on the bus to a queue, where
 * each stored order must show up exactly once. The saga: it runs setupSaga and starts one
 * execution per seeded order against stand-in services (08-order-saga.services.ts) that fail on
 * the order's planned step, then balances their ledger, looks for receipts, reads each execution's
 * status, and delivers each compensation that ran once more. The choreographed saga: it runs
 * setupChoreography and puts an Order Placed on the bus for a copy of each of those orders
 * (08-order-saga.choreography.ts), checks the same end states from the services' ledger, the
 * receipts and the events the steps announced, and compares each order's end under both versions.
 * AWS's waits (Retry intervals, Lambda's retries of a failed delivery) pass a hundred times faster
 * in the run's account on the emulator.
 */
import { CreateTableCommand, DeleteTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { beforeAll } from 'vitest';
import { listOf } from '../../src/core/grader/context-messages.ts';
import { check, expectValue, fail, useLab } from '../../src/core/grader/index.ts';
import { speedUpAwsWaits } from '../../src/core/grader/time-factor.ts';
import { crashAfter, crashes, disarm } from './08-order-saga.faults.ts';
import { COMPENSATIONS, EFFECTS, ShopServices, STEP_OF, totalOf as total, type Effect, type SagaPlan } from './08-order-saga.services.ts';
import { howOf, say } from './08-order-saga.messages.ts';
import { cleanUp, learnerSetup, observeBus, sagaRole, type Order } from './08-order-saga.setup.ts';
import { choreograph, copyOf, redeliver, type Choreographed } from './08-order-saga.choreography.ts';
import { choreographyChecks } from './08-order-saga.choreography-checks.ts';

const lab = useLab();
const names = {
  orders: lab.name('orders'), outbox: lab.name('outbox'), bus: lab.name('shop'), writer: lab.name('place-order'), crashingWriter: lab.name('place-order-crash'), relay: lab.name('relay-outbox'),
  step: lab.name('saga-step'), machine: lab.name('place-order-saga'), bucket: lab.name('receipts'), observer: lab.name('placed-events'),
  choreography: lab.name('choreography-step'), outcomes: lab.name('saga-outcomes'),
};
const services = new ShopServices();
const TIME_FACTOR = 0.01;
let arns = { writer: '', crashingWriter: '', relay: '', step: '', choreography: '' };

function order(): Order {
  const { random } = lab;
  const items = Array.from({ length: random.int(1, 3) }, () => ({ sku: random.pick(['MUG', 'TEE', 'CAP', 'BAG']) + `-${random.id(3)}`, quantity: random.int(1, 4) }));
  return { orderId: `ord-${random.id(8)}`, customerId: `cus-${random.id(5)}`, currency: random.pick(['EUR', 'USD', 'GBP']), totalCents: random.int(100, 99_999), items };
}

/** What happened to one order the writer was given. */
interface Placed {
  order: Order;
  /** True for the orders placed with a crash armed. */
  crash?: boolean;
  crashed: boolean;
  /** The invocation's error type, when it failed. */
  errorType: string | undefined;
  storedAt: string | undefined;
  /** For a retried order: the retry's error type, and the stored createdAt after it. */
  retry?: { errorType: string | undefined; storedAt: string | undefined };
}

const stored = async (orderId: string): Promise<Record<string, any> | undefined> =>
  (await lab.clients.documents.send(new GetCommand({ TableName: names.orders, Key: { orderId }, ConsistentRead: true }))).Item;

/** What an order's reserve and charge move, for the stand-in services. */
const amountsOf = (item: Order) => ({ units: item.items.reduce((sum, line) => sum + line.quantity, 0), cents: item.totalCents });

async function place(item: Order, writer = names.writer): Promise<string | undefined> {
  // The placed order's event starts the choreographed saga too: the stock service refuses it at once, so it costs the run one step.
  services.plan(item.orderId, 'no-stock', amountsOf(item));
  const invocation = await lab.invoke(writer, item);
  return invocation.functionError ? String(invocation.payload?.errorType ?? 'Unhandled') : undefined;
}

/** What the outbox half saw: the orders placed, the events per order id, and whether the target could crash the writer. */
interface OutboxRun {
  placed: Placed[];
  events: Map<string, any[]>;
  canCrash: boolean;
}

let outboxRun: Promise<OutboxRun> | undefined;

/**
 * Places two orders that crash the writer right after its write and three that do not, then
 * retries one of each; collects the events. The crashing orders go to a second copy of the
 * writer (the same code), so its armed crashes cannot hit the other orders, and all run at once.
 */
function outbox(): Promise<OutboxRun> {
  outboxRun ??= (async () => {
    await learnerSetup(lab, 'setup-outbox.ts', 'setupOutbox', [{ dynamodb: lab.clients.dynamodb, eventbridge: lab.clients.eventbridge, lambda: lab.clients.lambda }, { outboxTable: names.outbox, busName: names.bus, relayFunctionArn: arns.relay }]);
    const observed = await observeBus(lab, names.bus, names.observer);
    const crashing = async (items: Order[]): Promise<{ placed: Placed[]; canCrash: boolean }> => {
      const before = await crashes(lab);
      const canCrash = await crashAfter(lab, names.crashingWriter, 'TransactWriteItems', items.length);
      const errorTypes = await Promise.all(items.map((item) => place(item, names.crashingWriter)));
      const crashed = (await crashes(lab)) - before;
      await disarm(lab);
      // Each invocation crashes at most once, so all crashed when the count says so; else the crashed ones ended as a crash does.
      const placed = await Promise.all(items.map(async (item, index) => ({
        order: item, crash: true, crashed: crashed === items.length || (crashed > 0 && errorTypes[index] === 'Runtime.ExitError'),
        errorType: errorTypes[index], storedAt: (await stored(item.orderId))?.createdAt,
      })));
      return { placed, canCrash };
    };
    const plain = async (item: Order): Promise<Placed> => {
      const errorType = await place(item);
      return { order: item, crashed: false, errorType, storedAt: (await stored(item.orderId))?.createdAt };
    };
    const [crashRun, plainOnes] = await Promise.all([crashing([order(), order()]), Promise.all([order(), order(), order()].map(plain))]);
    const { canCrash } = crashRun;
    const crashed = crashRun.placed;
    const placed = [...plainOnes, ...crashed];
    // A client that saw no answer (the crash) or lost one sends the same order again.
    await Promise.all([placed[0]!, crashed[0]!].map(async (again) => {
      const errorType = await place(again.order);
      again.retry = { errorType, storedAt: (await stored(again.order.orderId))?.createdAt };
    }));
    const events = await observed.collect(placed.filter((item) => item.storedAt).map((item) => item.order.orderId));
    return { placed, events, canCrash };
  })();
  return outboxRun;
}


/** One order's saga: its plan, how its execution ended, and the ledger length when it had ended. */
interface Saga {
  order: Order;
  plan: SagaPlan;
  status: string | undefined;
}

let sagaRun: Promise<{ sagas: Saga[]; settled: number; redelivered: Array<{ orderId: string; effect: Effect }> }> | undefined;
/** The saga's seeded orders, one per plan: the orchestrated saga runs them, the choreographed one their copies. */
let sagaOrders: Array<{ order: Order; plan: SagaPlan }> = [];

/** Starts one execution per seeded order, waits for all, then delivers each compensation that ran a second time. */
function saga(): NonNullable<typeof sagaRun> {
  sagaRun ??= (async () => {
    const roleArn = await sagaRole(lab, arns.step);
    const machineArn = await learnerSetup(lab, 'setup-saga.ts', 'setupSaga', [{ sfn: lab.clients.sfn, s3: lab.clients.s3 }, { machineName: names.machine, stepFunctionArn: arns.step, roleArn, receiptsBucket: names.bucket }]) as string;
    if (typeof machineArn !== 'string' || !machineArn.startsWith('arn:')) fail(say('noMachineArn', { got: JSON.stringify(machineArn ?? null) }));
    const sagas: Saga[] = sagaOrders.map(({ order: item, plan }) => ({ order: item, plan, status: undefined }));
    for (const item of sagas) services.plan(item.order.orderId, item.plan, amountsOf(item.order));
    const started = await Promise.all(sagas.map(async (item) => (await lab.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn, name: item.order.orderId, input: JSON.stringify({ order: item.order }) }))).executionArn!));
    const deadline = Date.now() + (lab.settings.target.name === 'emulator' ? 30_000 : 300_000);
    for (const [index, executionArn] of started.entries()) {
      for (;;) {
        const { status } = await lab.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
        sagas[index]!.status = status;
        if (status !== 'RUNNING' || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const settled = services.ledger.length;
    // A redelivery (a Retry after a lost answer, an event delivered twice): each compensation the order needs comes twice more.
    const redelivered = sagas.flatMap((item) => COMPENSATIONS[item.plan].map((effect) => ({ orderId: item.order.orderId, effect })));
    await Promise.all(redelivered.map(async ({ orderId, effect }) => {
      const item = sagas.find((candidate) => candidate.order.orderId === orderId)!;
      for (let time = 0; time < 2; time += 1) await lab.invoke(names.step, { step: STEP_OF[effect], order: item.order });
    }));
    return { sagas, settled, redelivered };
  })();
  return sagaRun;
}

let choreographyRun: Promise<{ runs: Choreographed[]; settled: number; redelivered: Array<{ run: Choreographed; effect: Effect }> }> | undefined;

/** Runs the choreographed copies of the saga's orders, then delivers each compensation's starting event twice more. */
function choreography(): NonNullable<typeof choreographyRun> {
  choreographyRun ??= (async () => {
    await learnerSetup(lab, 'setup-choreography.ts', 'setupChoreography', [{ eventbridge: lab.clients.eventbridge, lambda: lab.clients.lambda, s3: lab.clients.s3 }, { busName: names.bus, stepFunctionArn: arns.choreography, receiptsBucket: names.bucket }]);
    const copies = sagaOrders.map(({ order: item, plan }) => ({ order: copyOf(item), plan }));
    for (const copy of copies) services.plan(copy.order.orderId, copy.plan, amountsOf(copy.order));
    // An order is complete once the services did exactly what its plan needs, in order, and it announced its end after that.
    const complete = (run: Choreographed) => services.of(run.order.orderId).map((entry) => entry.effect).join(',') === EFFECTS[run.plan].join(',');
    const runs = await choreograph(lab, names.bus, names.outcomes, copies, complete);
    const settled = services.ledger.length;
    const redelivered = await redeliver(lab, names.choreography, runs, (plan) => COMPENSATIONS[plan]);
    return { runs, settled, redelivered };
  })();
  return choreographyRun;
}

beforeAll(async () => {
  await speedUpAwsWaits(lab, TIME_FACTOR);
  sagaOrders = (['ok', 'flaky', 'no-stock', 'declined', 'no-receipt'] as SagaPlan[]).map((plan) => ({ order: order(), plan }));
  lab.onCleanup(() => services.stop());
  const url = await services.start();
  cleanUp(lab, names);
  const ordersTable = (async () => {
    await lab.clients.dynamodb.send(new CreateTableCommand({ TableName: names.orders, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }] }));
    lab.onCleanup(() => lab.clients.dynamodb.send(new DeleteTableCommand({ TableName: names.orders })));
    await waitUntilTableExists({ client: lab.clients.dynamodb, minDelay: 0.1, maxDelay: 2, maxWaitTime: 60 }, { TableName: names.orders });
  })();
  const writerEnvironment = { ORDERS_TABLE: names.orders, OUTBOX_TABLE: names.outbox, EVENT_BUS: names.bus };
  // The table is created while the functions deploy: nothing invokes them before both are done.
  const [writer, crashingWriter, relay, step, choreographyStep] = await Promise.all([
    lab.deployHandler({ file: 'place-order.ts', exportName: 'placeOrder', name: names.writer, timeout: 10, environment: writerEnvironment }),
    lab.deployHandler({ file: 'place-order.ts', exportName: 'placeOrder', name: names.crashingWriter, timeout: 10, environment: writerEnvironment }),
    lab.deployHandler({ file: 'relay-outbox.ts', exportName: 'relayOutbox', name: names.relay, timeout: 10, environment: { EVENT_BUS: names.bus } }),
    lab.deployHandler({ file: 'saga-step.ts', exportName: 'sagaStep', name: names.step, timeout: 10, environment: { SERVICES_URL: url, RECEIPTS_BUCKET: names.bucket } }),
    lab.deployHandler({ file: 'choreography-step.ts', exportName: 'choreographyStep', name: names.choreography, timeout: 10, environment: { SERVICES_URL: url, RECEIPTS_BUCKET: names.bucket, EVENT_BUS: names.bus } }),
  ]);
  await ordersTable;
  arns = { writer, crashingWriter, relay, step, choreography: choreographyStep };
  // The parts are independent (their orders differ): all run while the checks wait for the one they read.
  outbox().catch(() => {});
  saga().catch(() => {});
  choreography().catch(() => {});
}, 60_000);

/** The events published for an order. */
function eventsOf(events: Map<string, any[]>, item: Placed): any[] {
  return events.get(item.order.orderId) ?? [];
}

check('publishes-placed-orders', async () => {
  const { placed, events } = await outbox();
  for (const item of placed.filter((candidate) => !candidate.crash)) {
    const { orderId } = item.order;
    if (item.errorType) fail(say('writerFailed', { id: orderId, errorType: item.errorType }));
    if (!item.storedAt) fail(say('notStored', { id: orderId, table: names.orders }));
    const found = eventsOf(events, item);
    if (found.length === 0) fail(say('noEvent', { id: orderId, bus: names.bus }));
    const [event] = found;
    expectValue({ what: say('eventField', { field: 'source', id: orderId }), expected: 'shop.orders', got: event.source });
    expectValue({ what: say('eventField', { field: 'detail-type', id: orderId }), expected: 'Order Placed', got: event['detail-type'] });
    expectValue({ what: say('eventField', { field: 'detail.totalCents', id: orderId }), expected: item.order.totalCents, got: event.detail?.totalCents });
  }
}, 40_000);

check('survives-a-crash', async () => {
  const { placed, events, canCrash } = await outbox();
  for (const item of placed.filter((candidate) => candidate.crash)) {
    const { orderId } = item.order;
    if (canCrash && !item.crashed) fail(say('noTransaction', { id: orderId }));
    if (!item.storedAt) fail(say('notStoredAfterCrash', { id: orderId, table: names.orders, errorType: String(item.errorType ?? say('none')) }));
    const found = eventsOf(events, item);
    if (found.length === 0) fail(say('eventLost', { id: orderId }));
    if (found.length > 1) fail(say('publishedTwice', { id: orderId, count: found.length }));
  }
}, 40_000);

check('retries-publish-nothing', async () => {
  const { placed, events } = await outbox();
  for (const item of placed.filter((candidate) => candidate.retry)) {
    const { orderId } = item.order;
    const retry = item.retry!;
    if (retry.errorType) fail(say('retryFailed', { id: orderId, errorType: retry.errorType }));
    if (item.storedAt && retry.storedAt !== item.storedAt) fail(say('overwritten', { id: orderId, first: item.storedAt, second: String(retry.storedAt) }));
  }
  for (const item of placed.filter((candidate) => candidate.storedAt)) {
    const found = eventsOf(events, item);
    if (found.length > 1) fail(say('publishedTwice', { id: item.order.orderId, count: found.length }));
  }
}, 40_000);

/** The ledger of an order up to the moment every execution had ended. */
const ledgerOf = (orderId: string, upTo: number) => services.until(orderId, upTo);

/** Whether the bucket holds the order's receipt. */
async function hasReceipt(orderId: string): Promise<boolean> {
  return lab.clients.s3.send(new HeadObjectCommand({ Bucket: names.bucket, Key: `receipts/${orderId}.json` })).then(() => true, () => false);
}

check('saga-completes', async () => {
  const { sagas, settled } = await saga();
  for (const item of sagas.filter((candidate) => candidate.plan === 'ok' || candidate.plan === 'flaky')) {
    const { orderId } = item.order;
    const how = howOf(item.plan);
    if (item.status !== 'SUCCEEDED') fail(say('notSucceeded', { id: orderId, how, status: String(item.status), advice: say(item.plan === 'flaky' ? 'adviceRetry' : 'adviceGeneric') }));
    const entries = ledgerOf(orderId, settled);
    expectValue({ what: say('charges', { id: orderId }), expected: 1, got: entries.filter((entry) => entry.effect === 'charge').length });
    expectValue({ what: say('reserves', { id: orderId }), expected: 1, got: entries.filter((entry) => entry.effect === 'reserve').length });
    if (!(await hasReceipt(orderId))) fail(say('noReceipt', { id: orderId, bucket: names.bucket }));
  }
}, 40_000);

check('saga-compensates', async () => {
  const { sagas, settled } = await saga();
  for (const item of sagas.filter((candidate) => candidate.plan !== 'ok' && candidate.plan !== 'flaky')) {
    const { orderId } = item.order;
    const how = howOf(item.plan);
    const entries = ledgerOf(orderId, settled);
    const stock = total(entries, 'reserve') - total(entries, 'release');
    const money = total(entries, 'charge') - total(entries, 'refund');
    if (stock !== 0) fail(say('stockUnbalanced', { id: orderId, how, units: stock, effects: listOf(entries.map((entry) => entry.effect)) }));
    if (money !== 0) fail(say('moneyUnbalanced', { id: orderId, how, cents: money, effects: listOf(entries.map((entry) => entry.effect)) }));
    if (await hasReceipt(orderId)) fail(say('receiptForFailed', { id: orderId, how }));
    if (item.status !== 'FAILED') fail(say('notFailed', { id: orderId, how, status: String(item.status) }));
  }
}, 40_000);

check('compensates-in-reverse', async () => {
  const { sagas, settled } = await saga();
  const item = sagas.find((candidate) => candidate.plan === 'no-receipt')!;
  const done = ledgerOf(item.order.orderId, settled).map((entry) => entry.effect).filter((effect) => effect === 'refund' || effect === 'release');
  if (done.join(',') !== 'refund,release') fail(say('wrongOrder', { id: item.order.orderId, got: done.length > 0 ? listOf(done) : say('none') }));
}, 40_000);

check('compensations-once', async () => {
  const { sagas, redelivered } = await saga();
  for (const { orderId, effect } of redelivered) {
    const item = sagas.find((candidate) => candidate.order.orderId === orderId)!;
    const step = STEP_OF[effect]!;
    const count = services.of(orderId).filter((entry) => entry.effect === effect).length;
    if (count === 0) fail(say('redeliveryFailed', { id: orderId, step }));
    if (count > 1) fail(say('compensatedTwice', { id: orderId, how: howOf(item.plan), step, count }));
  }
}, 40_000);

choreographyChecks({ services, bucket: names.bucket, hasReceipt, saga, choreography });
