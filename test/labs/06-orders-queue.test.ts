/**
 * Grader of lab 06: deploys the learner's fulfilment function (with a generated timeout) over an
 * orders table holding generated accepted orders, runs the learner's setupOrdersQueue, then sends
 * the queue batches of order messages with poison messages among them, and later repeats of
 * orders fulfilled already. It checks the queues, the redrive policy, the visibility timeout and
 * the mapping through the SDK, and the outcome: the table's items, the dead-letter queue's
 * messages and their receive counts, and what is left in the queue. On the emulator, the run's
 * account waits a hundredth of AWS's times (visibility timeouts, the batching window), so a
 * message's three receives take a second, not a minute; elsewhere it takes AWS's time.
 */
import { CreateTableCommand, DeleteTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DeleteEventSourceMappingCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { DeleteQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll } from 'vitest';
import { contextMessage, learnerStopped, listOf } from '../../src/core/grader/context-messages.ts';
import { check, expectValue, fail, useLab, type Message } from '../../src/core/grader/index.ts';
import { joined } from '../../src/core/i18n/texts.ts';
import { priceOrder, randomOrder } from '../../src/core/grader/orders.ts';
import { speedUpAwsWaits } from '../../src/core/grader/time-factor.ts';
import { say } from './06-orders-queue.messages.ts';
import { describePoison, planFirstRound, readAll, sendBatches, settle, telling, type Traffic } from './06-orders-queue.traffic.ts';

const lab = useLab();
const functionName = lab.name('fulfil-orders');
const ordersTable = lab.name('orders');
const queueName = lab.name('orders-queue');
const deadLetterQueueName = lab.name('orders-dlq');
/** The function's timeout: the learner's setup must read it, not assume it. */
const functionTimeout = lab.random.pick([3, 4, 5, 6]);
const maxReceiveCount = lab.random.int(2, 3);
const orders = Array.from({ length: 18 }, () => randomOrder(lab.random));
const emulated = lab.settings.target.name === 'emulator';
/** A check that waits for messages: seconds on the emulator, AWS's minutes elsewhere. */
const FLOW_TIMEOUT_MS = emulated ? 40_000 : 900_000;
let functionArn = '';
let factor = 1;

type Outcome = { returned: unknown } | { error: Message; awsMessage?: string };
let setupRun: Promise<Outcome> | undefined;

/** Runs the learner's setupOrdersQueue once; every check shares that run. */
function runSetup(): Promise<Outcome> {
  setupRun ??= (async () => {
    lab.onCleanup(removeQueues);
    try {
      const learner = lab.importLearner('setup-queue.ts');
      return { returned: await learner.setupOrdersQueue!({ sqs: lab.clients.sqs, lambda: lab.clients.lambda }, { queueName, deadLetterQueueName, functionArn, maxReceiveCount }) };
    } catch (error) {
      const { name, message } = error as Error;
      if (name === 'NotExported') return { error: contextMessage('notExported', { file: 'setup-queue.ts', exportName: 'setupOrdersQueue' }) };
      return { error: learnerStopped(error) ?? say('threw', { name, message }), ...(/visibility timeout/i.test(message) ? { awsMessage: message } : {}) };
    }
  })();
  return setupRun;
}

async function removeQueues(): Promise<void> {
  const mappings = (await lab.clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: functionName }))).EventSourceMappings ?? [];
  for (const mapping of mappings) await lab.clients.lambda.send(new DeleteEventSourceMappingCommand({ UUID: mapping.UUID }));
  for (const name of [queueName, deadLetterQueueName]) {
    const url = await urlOf(name);
    if (url) await lab.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
  }
}

async function urlOf(name: string): Promise<string | undefined> {
  try {
    return (await lab.clients.sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch (error) {
    if ((error as Error).name === 'QueueDoesNotExist' || (error as Error).name === 'AWS.SimpleQueueService.NonExistentQueue') return undefined;
    throw error;
  }
}

/** A queue of the setup's by name, with its attributes; a failure naming the setup's error when it is missing. */
async function queue(name: string, missing: Message): Promise<{ url: string; attributes: Record<string, string> }> {
  const outcome = await runSetup();
  const url = await urlOf(name);
  if (!url) fail('error' in outcome ? outcome.error : missing);
  const { Attributes = {} } = await lab.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
  return { url, attributes: Attributes };
}

const ordersQueue = () => queue(queueName, say('noQueue', { name: queueName }));
const deadLetterQueue = () => queue(deadLetterQueueName, say('noDeadLetterQueue', { name: deadLetterQueueName }));

/** The orders table with the orders lab 05's API accepted: the fulfilment function finds them by orderId. */
async function createOrders(): Promise<void> {
  await lab.clients.dynamodb.send(new CreateTableCommand({
    TableName: ordersTable,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
  }));
  lab.onCleanup(() => lab.clients.dynamodb.send(new DeleteTableCommand({ TableName: ordersTable })));
  await waitUntilTableExists({ client: lab.clients.dynamodb, minDelay: 0.1, maxDelay: 2, maxWaitTime: 60 }, { TableName: ordersTable });
  for (let i = 0; i < orders.length; i += 25) {
    const items = orders.slice(i, i + 25).map((order) => ({ orderId: order.orderId, customerId: order.customerId, createdAt: new Date().toISOString(), currency: order.currency, totalCents: priceOrder(order).total }));
    await lab.clients.documents.send(new BatchWriteCommand({ RequestItems: { [ordersTable]: items.map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

beforeAll(async () => {
  const deployed = lab.deployHandler({ file: 'fulfil-orders.ts', exportName: 'handleFulfilment', name: functionName, environment: { TABLE_NAME: ordersTable }, timeout: functionTimeout });
  // All settled before any failure is thrown, so cleanup finds whatever was made.
  const [speed, table, arn] = await Promise.allSettled([speedUpAwsWaits(lab, 0.01), createOrders(), deployed]);
  for (const step of [speed, table, arn]) if (step.status === 'rejected') throw step.reason;
  factor = (speed as PromiseFulfilledResult<number>).value;
  functionArn = (arn as PromiseFulfilledResult<string>).value;
}, 60_000);

check('queue-with-dead-letter-queue', async () => {
  const main = await ordersQueue();
  const dlq = await deadLetterQueue();
  const outcome = await runSetup();
  if (!('error' in outcome)) expectValue({ what: say('returnedUrl'), expected: main.url, got: outcome.returned });
  const dlqArn = dlq.attributes.QueueArn!;
  if (!main.attributes.RedrivePolicy) fail(say('noRedrive', { name: queueName, arn: dlqArn, count: maxReceiveCount }));
  const policy = JSON.parse(main.attributes.RedrivePolicy) as { deadLetterTargetArn?: string; maxReceiveCount?: unknown };
  if (policy.deadLetterTargetArn !== dlqArn) fail(say('redriveTarget', { name: queueName, got: String(policy.deadLetterTargetArn), arn: dlqArn }));
  expectValue({ what: say('maxReceiveCount', { name: queueName }), expected: maxReceiveCount, got: Number(policy.maxReceiveCount) });
});

check('visibility-outlasts-function', async () => {
  const outcome = await runSetup();
  const least = 6 * functionTimeout;
  if ('awsMessage' in outcome && outcome.awsMessage) fail(say('refusedMapping', { awsMessage: outcome.awsMessage, least }));
  const visibility = Number((await ordersQueue()).attributes.VisibilityTimeout);
  if (!(visibility >= least)) fail(say('visibilityTooShort', { name: queueName, visibility, timeout: functionTimeout, least }));
});

check('mapping-settings', async () => {
  const main = await ordersQueue();
  const outcome = await runSetup();
  const mappings = (await lab.clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: functionName, EventSourceArn: main.attributes.QueueArn }))).EventSourceMappings ?? [];
  const [mapping] = mappings;
  if (!mapping) fail('error' in outcome ? outcome.error : say('noMapping', { function: functionName, queue: queueName }));
  expectValue({ what: say('batchSize'), expected: 10, got: mapping.BatchSize });
  if (!((mapping.MaximumBatchingWindowInSeconds ?? 0) >= 1)) fail(say('noWindow', { window: mapping.MaximumBatchingWindowInSeconds ?? 0 }));
  const types = mapping.FunctionResponseTypes ?? [];
  if (!types.includes('ReportBatchItemFailures')) fail(say('noReport', { types: types.length > 0 ? listOf(types) : say('none') }));
  if (mapping.State === 'Disabled' || mapping.State === 'Disabling') fail(say('mappingDisabled', { state: mapping.State }));
});

let traffic: Promise<Traffic> | undefined;

async function items(ids: Iterable<string>): Promise<Map<string, Record<string, unknown> | undefined>> {
  const found = new Map<string, Record<string, unknown> | undefined>();
  for (const orderId of new Set(ids)) found.set(orderId, (await lab.clients.documents.send(new GetCommand({ TableName: ordersTable, Key: { orderId }, ConsistentRead: true }))).Item);
  return found;
}

/** Sends the batches, waits for the queue to settle, then sends repeats and waits again; run once. */
function runTraffic(): Promise<Traffic> {
  traffic ??= (async () => {
    const main = await ordersQueue();
    const dlq = await deadLetterQueue();
    const outcome = await runSetup();
    if ('error' in outcome) fail(outcome.error);
    const visibility = Number(main.attributes.VisibilityTimeout) || 30;
    const started = Date.now();
    // Each poison message waits a visibility timeout per receive; a margin covers the invocations,
    // cold starts included on a busy machine (settle returns as soon as the queue is empty).
    const round = (share: number) => Math.min(Date.now() + (maxReceiveCount + 2) * visibility * 1000 * factor + 8000, started + FLOW_TIMEOUT_MS * share);
    const sent = await sendBatches(lab.clients.sqs, main.url, planFirstRound(lab.random, orders.map((order) => order.orderId)));
    await settle(lab.clients.sqs, main.url, round(0.4));
    const ids = sent.filter((message) => message.orderId).map((message) => message.orderId!);
    const first = await items(ids);
    const fulfilled = orders.map((order) => order.orderId).filter((orderId) => first.get(orderId)?.fulfilledAt !== undefined);
    // Repeats of fulfilled orders, sent later: a producer's retry, or SQS delivering twice.
    const again = fulfilled.slice(0, 3).map((orderId) => ({ body: JSON.stringify({ orderId }), orderId }));
    const repeats = again.length > 0 ? await sendBatches(lab.clients.sqs, main.url, [again]) : [];
    const left = await settle(lab.clients.sqs, main.url, round(0.8));
    const trace = await lab.trace({});
    const batchFailures = trace.filter((entry) => entry.kind === 'invocation' && entry.outcome === 'function-error' && entry.target?.endsWith(`:${functionName}`)).map((entry) => entry.detail ?? '');
    const deadLettered = new Map((await readAll(lab.clients.sqs, dlq.url)).map((message) => [message.messageId, message]));
    return { sent, repeats, first, last: await items(ids), deadLettered, left, seconds: Math.round((Date.now() - started) / 1000), visibility, batchFailures };
  })();
  return traffic;
}

/** The emulator's words about a batch that failed as a whole, when it has some. */
function lambdaSaid(flow: Traffic): Message | string {
  const detail = telling(flow.batchFailures);
  return detail ? say('lambdaSaid', { detail }) : '';
}

check('good-orders-fulfilled', async () => {
  const flow = await runTraffic();
  for (const order of orders) {
    // As the first round left it: the repeats sent later are the next check's business.
    const item = flow.first.get(order.orderId);
    const carriers = flow.sent.filter((message) => message.orderId === order.orderId).map((message) => message.messageId);
    if (item?.status !== 'fulfilled' || item.fulfilledAt === undefined) {
      const lost = carriers.some((id) => flow.deadLettered.has(id));
      fail(say('notFulfilled', { id: order.orderId, status: JSON.stringify(item?.status ?? null), fate: lost ? say('fateDeadLettered') : say('fateNone'), said: lost ? lambdaSaid(flow) : '' }));
    }
    if (!carriers.includes(String(item.fulfilledBy))) fail(say('fulfilledByOther', { id: order.orderId, got: JSON.stringify(item.fulfilledBy ?? null), ids: listOf(carriers) }));
    if (typeof item.fulfilledAt !== 'string' || Number.isNaN(Date.parse(item.fulfilledAt))) fail(say('notIso', { id: order.orderId, got: JSON.stringify(item.fulfilledAt) }));
    for (const field of ['customerId', 'currency', 'totalCents']) if (item[field] === undefined) fail(say('orderOverwritten', { id: order.orderId, field }));
  }
}, FLOW_TIMEOUT_MS);

check('fulfilled-once', async () => {
  const flow = await runTraffic();
  if (flow.repeats.length === 0) fail(say('noneFulfilled'));
  for (const repeat of flow.repeats) {
    const before = flow.first.get(repeat.orderId!);
    const after = flow.last.get(repeat.orderId!);
    if (after?.fulfilledBy !== before?.fulfilledBy || after?.fulfilledAt !== before?.fulfilledAt) {
      fail(say('fulfilledAgain', { id: repeat.orderId!, first: String(before?.fulfilledBy), second: String(after?.fulfilledBy) }));
    }
  }
  // The repeats went in a batch of their own, with no poison message to fail it: one in the
  // dead-letter queue was answered as a failure.
  for (const repeat of flow.repeats) {
    if (flow.deadLettered.has(repeat.messageId)) fail(say('duplicateDeadLettered', { messageId: repeat.messageId, id: repeat.orderId! }));
  }
}, FLOW_TIMEOUT_MS);

check('poison-dead-lettered', async () => {
  const flow = await runTraffic();
  for (const message of flow.sent.filter((item) => item.poison)) {
    const what = describePoison(message);
    const found = flow.deadLettered.get(message.messageId);
    if (message.poison === 'unknownOrder' && flow.last.get(message.orderId!) !== undefined) fail(say('unknownStored', { id: message.orderId! }));
    if (!found) fail(say('poisonNotDeadLettered', { what, dlq: deadLetterQueueName, where: flow.left > 0 ? say('whereQueued') : say('whereGone') }));
    // The grader's own read of the dead-letter queue is one receive more.
    expectValue({ what: say('poisonReceives', { what }), expected: maxReceiveCount, got: found.receiveCount - 1 });
  }
  for (const message of [...flow.sent, ...flow.repeats].filter((item) => !item.poison && flow.deadLettered.has(item.messageId))) {
    fail(say('goodDeadLettered', { messageId: message.messageId, id: message.orderId!, said: lambdaSaid(flow) }));
  }
}, FLOW_TIMEOUT_MS);

check('nothing-lost', async () => {
  const flow = await runTraffic();
  if (flow.left > 0) fail(say('notSettled', { count: flow.left, name: queueName, seconds: flow.seconds, visibility: flow.visibility }));
  const all = [...flow.sent, ...flow.repeats];
  const handled = (message: Traffic['sent'][number]) => !message.poison && flow.last.get(message.orderId!)?.fulfilledAt !== undefined;
  for (const message of all) {
    if (handled(message) && flow.deadLettered.has(message.messageId)) fail(say('both', { messageId: message.messageId, id: message.orderId! }));
  }
  const lost = all.filter((message) => !handled(message) && !flow.deadLettered.has(message.messageId));
  const named = lost.slice(0, 3).map((message) => (message.poison ? describePoison(message) : message.messageId));
  if (lost.length > 0) fail(say('lost', { count: lost.length, sent: all.length, ids: joined(lost.length > 3 ? [...named, '…'] : named, { en: '; ', 'zh-cn': '；' }) }));
}, FLOW_TIMEOUT_MS);
