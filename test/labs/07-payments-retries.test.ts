/**
 * Grader of lab 07: deploys the learner's payment step next to a payment provider the grader
 * controls (07-payments-retries.provider.ts), runs the learner's setupPaymentRetries, and publishes
 * seeded Order Placed events: some charged at once, some the provider refuses or times out on
 * once, some it refuses always, one delivered four times at the same moment and one delivered again
 * after its charge. It counts the provider's charges, reads the failure records on the destination
 * queue, the invoke config, the rule's target and the idempotency table. AWS's waits (a minute
 * before Lambda's retry) pass a hundred times faster in the run's account on the emulator.
 */
import { DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DeleteEventBusCommand, DeleteRuleCommand, ListTargetsByRuleCommand, PutEventsCommand, RemoveTargetsCommand } from '@aws-sdk/client-eventbridge';
import { GetFunctionEventInvokeConfigCommand, type GetFunctionEventInvokeConfigCommandOutput } from '@aws-sdk/client-lambda';
import { DeleteQueueCommand, GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeAll } from 'vitest';
import { contextMessage, learnerStopped, listOf } from '../../src/core/grader/context-messages.ts';
import { check, expectValue, fail, useLab, type Message } from '../../src/core/grader/index.ts';
import { speedUpAwsWaits } from '../../src/core/grader/time-factor.ts';
import { PaymentProvider, type Plan } from './07-payments-retries.provider.ts';
import { say } from './07-payments-retries.messages.ts';

const lab = useLab();
const functionName = lab.name('take-payment');
const busName = lab.name('shop');
const ruleName = lab.name('take-payment');
const failedQueue = lab.name('payments-failed');
const deadLetterQueue = lab.name('payments-dlq');
const table = lab.name('idempotency');
const provider = new PaymentProvider();
/** A minute of AWS's back-off lasts 0.6 s in this run's account (emulator only). */
const TIME_FACTOR = 0.01;
let functionArn = '';
let factor = 1;
let setupRun: Promise<undefined | { error: Message }> | undefined;

interface Order {
  orderId: string;
  customerId: string;
  currency: string;
  totalCents: number;
}

/** What happens to an order in the scenario; `twice` and `again` are ok plans delivered more than once. */
type Case = { order: Order; plan: Plan; how: 'ok' | 'twice' | 'again' | 'flaky' | 'slow' | 'down'; eventIds: string[] };

function order(): Order {
  const { random } = lab;
  return { orderId: `ord-${random.id(8)}`, customerId: `cus-${random.id(5)}`, currency: random.pick(['EUR', 'USD', 'GBP']), totalCents: random.int(100, 99_999) };
}

const arnOf = (queue: string) => `arn:aws:sqs:${lab.settings.target.region}:${functionArn.split(':')[4]}:${queue}`;

/** Runs the learner's setupPaymentRetries once for the whole file. */
async function setup(): Promise<void> {
  setupRun ??= (async () => {
    lab.onCleanup(async () => {
      const { eventbridge, sqs, dynamodb } = lab.clients;
      await eventbridge.send(new RemoveTargetsCommand({ Rule: ruleName, EventBusName: busName, Ids: ['take-payment'], Force: true })).catch(() => {});
      await eventbridge.send(new DeleteRuleCommand({ Name: ruleName, EventBusName: busName, Force: true })).catch(() => {});
      await eventbridge.send(new DeleteEventBusCommand({ Name: busName })).catch(() => {});
      for (const QueueName of [failedQueue, deadLetterQueue]) {
        const found = await sqs.send(new GetQueueUrlCommand({ QueueName })).catch(() => undefined);
        if (found?.QueueUrl) await sqs.send(new DeleteQueueCommand({ QueueUrl: found.QueueUrl })).catch(() => {});
      }
      await dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => {});
    });
    try {
      const learner = lab.importLearner('setup-retries.ts');
      const { lambda, eventbridge, sqs, dynamodb } = lab.clients;
      await learner.setupPaymentRetries!({ lambda, eventbridge, sqs, dynamodb }, { functionArn, busName, ruleName, failedQueueName: failedQueue, deadLetterQueueName: deadLetterQueue, idempotencyTable: table });
      return undefined;
    } catch (error) {
      const { name, message } = error as Error;
      return { error: name === 'NotExported' ? contextMessage('notExported', { file: 'setup-retries.ts', exportName: 'setupPaymentRetries' }) : learnerStopped(error) ?? say('threw', { name, message }) };
    }
  })();
  const outcome = await setupRun;
  if (outcome) fail(outcome.error);
}

async function invokeConfig(): Promise<GetFunctionEventInvokeConfigCommandOutput | undefined> {
  try {
    return await lab.clients.lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: functionName }));
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

async function publish(orders: Order[]): Promise<string[]> {
  const Entries = orders.map((item) => ({ Source: 'shop.orders', DetailType: 'Order Placed', Detail: JSON.stringify(item), EventBusName: busName }));
  const answer = await lab.clients.eventbridge.send(new PutEventsCommand({ Entries }));
  return (answer.Entries ?? []).map((entry) => {
    if (!entry.EventId) fail(say('eventRefused', { bus: busName, code: String(entry.ErrorCode), message: String(entry.ErrorMessage) }));
    return entry.EventId;
  });
}

/** The outcomes of the invocations of an order's events, in the trace's order. */
async function runsOf(item: Case): Promise<string[]> {
  const runs: string[] = [];
  for (const eventId of item.eventIds) {
    for (const entry of await lab.trace({ eventId })) if (entry.kind === 'invocation' && entry.outcome) runs.push(entry.outcome);
  }
  return runs;
}

/** True once an event's last attempt has ended: a success, a destination record, or as many failures as Lambda makes. */
async function settled(eventId: string, attempts: number): Promise<boolean> {
  // LocalStack and AWS keep no trace: there the charges and the failure queue are all there is to wait for.
  if (lab.settings.target.name !== 'emulator') return true;
  const entries = await lab.trace({ eventId });
  const runs = entries.filter((entry) => entry.kind === 'invocation');
  return entries.some((entry) => entry.kind === 'destination') || runs.some((entry) => entry.outcome === 'success') || runs.length >= attempts;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every case's events have settled and every chargeable order was charged, or the deadline passes. */
async function waitFor(cases: Case[], deadline: number): Promise<void> {
  const attempts = 1 + ((await invokeConfig())?.MaximumRetryAttempts ?? 2);
  for (;;) {
    let done = cases.every((item) => item.plan === 'down' || provider.chargesOf(item.order.orderId).length > 0);
    for (const item of cases) for (const eventId of item.eventIds) if (done) done = await settled(eventId, attempts);
    if (done || Date.now() > deadline) return;
    await pause(100);
  }
}

let scenarioRun: Promise<Case[]> | undefined;

/** Publishes the seeded orders in two rounds (the first warms the function's environments) and waits for every delivery. */
function scenario(): Promise<Case[]> {
  scenarioRun ??= (async () => {
    await setup();
    // Without the emulator's speed-up, Lambda's retry comes a real minute after the failure.
    const deadline = Date.now() + (factor < 1 ? 20_000 : 300_000);
    const make = (how: Case['how']): Case => {
      const plan: Plan = how === 'twice' || how === 'again' ? 'ok' : how;
      const item = { order: order(), plan, how, eventIds: [] };
      provider.plan(item.order.orderId, plan, how === 'twice');
      return item;
    };
    // As many orders as Lambda runs at once for one function, so each copy of the duplicate finds a warm environment.
    const warm = [make('ok'), make('ok'), make('ok'), make('ok')];
    for (const [index, eventId] of (await publish(warm.map((item) => item.order))).entries()) warm[index]!.eventIds.push(eventId);
    await waitFor(warm, deadline);
    const rest = [make('twice'), make('again'), make('flaky'), make('slow'), make('down'), make('down')];
    for (let index = rest.length - 1; index > 0; index--) {
      const other = lab.random.int(0, index);
      [rest[index], rest[other]] = [rest[other]!, rest[index]!];
    }
    // The four copies first, so Lambda starts them together in the warm environments.
    const twice = rest.find((item) => item.how === 'twice')!;
    const sent = [twice, twice, twice, twice, ...rest.filter((item) => item !== twice)];
    for (const [index, eventId] of (await publish(sent.map((item) => item.order))).entries()) sent[index]!.eventIds.push(eventId);
    const again = rest.find((item) => item.how === 'again')!;
    await waitFor([again], deadline);
    // The charge succeeded but its acknowledgement was lost: the same order arrives once more.
    again.eventIds.push(...(await publish([again.order])));
    await waitFor(rest, deadline);
    // A second charge of a duplicate would come within milliseconds: give it time to show.
    await pause(300);
    return [...warm, ...rest];
  })();
  return scenarioRun;
}

beforeAll(async () => {
  factor = await speedUpAwsWaits(lab, TIME_FACTOR);
  lab.onCleanup(() => provider.stop());
  const url = await provider.start();
  functionArn = await lab.deployHandler({
    file: 'take-payment.ts', exportName: 'takePayment', name: functionName, timeout: 5,
    environment: { IDEMPOTENCY_TABLE: table, PAYMENTS_URL: url, PAYMENTS_TIMEOUT_MS: '3000' },
  });
}, 60_000);

check('fails-fast', async () => {
  await setup();
  const config = await invokeConfig();
  if (!config) fail(say('noInvokeConfig', { name: functionName }));
  if (config.MaximumRetryAttempts !== 1) fail(say('retryAttempts', { name: functionName, got: config.MaximumRetryAttempts ?? say('notSet') }));
  if (config.MaximumEventAgeInSeconds !== 600) fail(say('eventAge', { name: functionName, got: config.MaximumEventAgeInSeconds ?? say('notSet') }));
});

check('target-retries', async () => {
  await setup();
  const targets = (await lab.clients.eventbridge.send(new ListTargetsByRuleCommand({ Rule: ruleName, EventBusName: busName }))).Targets ?? [];
  const target = targets.find((item) => item.Arn === functionArn);
  if (!target) fail(say('noTarget', { rule: ruleName, bus: busName, arn: functionArn }));
  const policy = target.RetryPolicy;
  if (policy?.MaximumRetryAttempts !== 4 || policy.MaximumEventAgeInSeconds !== 600) fail(say('targetRetries', { got: policy ? JSON.stringify(policy) : say('none') }));
  if (target.DeadLetterConfig?.Arn !== arnOf(deadLetterQueue)) fail(say('targetDlq', { queue: deadLetterQueue, got: target.DeadLetterConfig ? JSON.stringify(target.DeadLetterConfig) : say('none') }));
});

const HOW: Record<Case['how'], Parameters<typeof say>[0]> = { ok: 'planOk', twice: 'planTwice', again: 'planAgain', flaky: 'planFlaky', slow: 'planSlow', down: 'planDown' };

function ran(runs: string[]): Message {
  return runs.length === 0 ? say('notRun') : say('ranAs', { count: runs.length, outcomes: listOf(runs) });
}

check('charges-once', async () => {
  for (const item of await scenario()) {
    const { orderId, totalCents } = item.order;
    const charges = provider.chargesOf(orderId);
    if (item.plan === 'down') {
      if (charges.length > 0) fail(say('chargedDown', { id: orderId }));
      continue;
    }
    const how = say(HOW[item.how]);
    if (charges.length > 1) fail(say('chargedTwice', { id: orderId, how, count: charges.length }));
    if (charges.length === 0) {
      const runs = await runsOf(item);
      const calls = provider.calls.get(orderId) ?? 0;
      const advice = runs.length === 0 ? 'adviceReached'
        : item.plan === 'ok' ? 'adviceGeneric'
        : runs.length === 1 && runs[0] === 'success' ? 'adviceThrow'
        : runs.length === 1 ? 'adviceRetry'
        : calls < runs.length ? 'adviceRelease' : 'adviceGeneric';
      fail(say('neverCharged', { id: orderId, how, ran: ran(runs), advice: say(advice) }));
    }
    expectValue({ what: say('amount', { id: orderId }), expected: totalCents, got: charges[0]!.amountCents });
  }
}, 330_000);

check('failures-reach-destination', async () => {
  const cases = await scenario();
  const config = await invokeConfig();
  const destination = config?.DestinationConfig?.OnFailure?.Destination;
  if (!destination) fail(say('noDestination', { name: functionName, queue: failedQueue }));
  if (destination !== arnOf(failedQueue)) fail(say('wrongDestination', { name: functionName, got: destination, queue: failedQueue, arn: arnOf(failedQueue) }));
  const { QueueUrl } = await lab.clients.sqs.send(new GetQueueUrlCommand({ QueueName: failedQueue }));
  const down = cases.filter((candidate) => candidate.plan === 'down');
  const records: any[] = [];
  const missing = () => down.filter((item) => !records.some((record) => record?.requestPayload?.detail?.orderId === item.order.orderId));
  // On the emulator every record is there once the trace shows it; elsewhere Lambda's retry comes a minute later.
  const until = Date.now() + (lab.settings.target.name === 'emulator' ? 0 : 240_000);
  for (let empty = 0; missing().length > 0 && (empty < 2 || Date.now() < until);) {
    const { Messages = [] } = await lab.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: Date.now() < until ? 5 : 0, VisibilityTimeout: 60 }));
    records.push(...Messages.map((message) => JSON.parse(message.Body ?? '{}')));
    empty = Messages.length === 0 ? empty + 1 : 0;
  }
  for (const item of down) {
    const { orderId } = item.order;
    const record = records.find((candidate) => candidate?.requestPayload?.detail?.orderId === orderId);
    if (!record) fail(say('noRecord', { id: orderId, ran: ran(await runsOf(item)), queue: failedQueue, advice: say('adviceDestination') }));
    expectValue({ what: say('recordField', { field: 'requestContext.condition', id: orderId }), expected: 'RetriesExhausted', got: record.requestContext?.condition });
    expectValue({ what: say('recordField', { field: 'requestContext.approximateInvokeCount', id: orderId }), expected: 2, got: record.requestContext?.approximateInvokeCount });
  }
}, 330_000);

check('keys-expire', async () => {
  const cases = await scenario();
  const { dynamodb } = lab.clients;
  const described = await dynamodb.send(new DescribeTableCommand({ TableName: table })).catch(() => undefined);
  if (!described?.Table) fail(say('noTable', { table }));
  const { TimeToLiveDescription } = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: table }));
  const attribute = TimeToLiveDescription?.AttributeName;
  if (!attribute || !['ENABLED', 'ENABLING'].includes(String(TimeToLiveDescription?.TimeToLiveStatus))) fail(say('noTtl', { table, status: String(TimeToLiveDescription?.TimeToLiveStatus ?? 'DISABLED') }));
  const hashKey = described.Table.KeySchema?.find((key) => key.KeyType === 'HASH')?.AttributeName ?? 'idempotencyKey';
  const now = Date.now() / 1000;
  for (const item of cases.filter((candidate) => provider.chargesOf(candidate.order.orderId).length > 0)) {
    const key = `take-payment#${item.order.orderId}`;
    const found = (await dynamodb.send(new GetItemCommand({ TableName: table, Key: { [hashKey]: { S: key } }, ConsistentRead: true }))).Item;
    if (!found) {
      const keys = ((await dynamodb.send(new ScanCommand({ TableName: table, Limit: 5 }))).Items ?? []).map((entry) => JSON.stringify(unmarshall(entry)[hashKey]));
      fail(say('noKey', { id: item.order.orderId, table, key, keys: keys.length > 0 ? listOf(keys) : say('none') }));
    }
    const expires = found[attribute]?.N === undefined ? undefined : Number(found[attribute].N);
    if (expires === undefined) fail(say('noExpiry', { key, attribute, got: JSON.stringify(found[attribute] ?? null) }));
    if (expires > 1e11) fail(say('expiryMillis', { key, got: expires }));
    const hours = Math.round((expires - now) / 360) / 10;
    if (hours < 1 || hours > 30 * 24) fail(say('expiryRange', { key, hours }));
  }
}, 330_000);
