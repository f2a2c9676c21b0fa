/**
 * Grader of lab 09: deploys the shop's payment step and shipping step (given complete) with
 * seeded memory sizes, next to a slow payment provider and a slow warehouse the grader runs
 * (09-scaling-cost.provider.ts), which count the requests they serve at each moment. It runs the
 * learner's protectPayments and bufferShipments, then drives a burst of synchronous charges, a
 * wave of asynchronous ones while the step is at its limit, and a backlog of shipments, and
 * measures the most the provider and the warehouse served at once. Last, it runs the learner's
 * monthlyBill on the REPORT lines those invocations wrote and compares it with its own
 * computation at AWS's prices (09-scaling-cost.bill.ts). On the emulator the run's account waits
 * a hundredth of AWS's back-off before a throttled event's retry and of its queue's visibility
 * timeout; the charges and bookings take their real time, so the concurrency measured is real.
 */
import { DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DeleteEventSourceMappingCommand, DeleteFunctionConcurrencyCommand, GetFunctionConcurrencyCommand, InvokeCommand, LambdaClient, ListEventSourceMappingsCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { DeleteQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { beforeAll } from 'vitest';
import { waitUntilReady } from '../../src/core/deploy.ts';
import { contextMessage, learnerStopped } from '../../src/core/grader/context-messages.ts';
import { check, fail, useLab, type Message } from '../../src/core/grader/index.ts';
import { speedUpAwsWaits } from '../../src/core/grader/time-factor.ts';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { billOf, closeTo, readReports, settledReports, type Sample } from './09-scaling-cost.bill.ts';
import { say } from './09-scaling-cost.messages.ts';
import { StandIns } from './09-scaling-cost.provider.ts';

const lab = useLab();
const chargeFn = lab.name('charge');
const shipFn = lab.name('ship-orders');
const queueName = lab.name('shipments');
const standIns = new StandIns();
/** How many charges the provider accepts at once, and how many batches the warehouse takes at once. */
const paymentLimit = lab.random.int(2, 3);
const batchLimit = lab.random.int(2, 3);
/** Never 128 MB, the console's default, so a report that assumes it is caught. */
const chargeMemory = lab.random.pick([256, 512, 1024]);
const shipMemory = lab.random.pick([512, 1024, 1536]);
const volumes = { [chargeFn]: lab.random.int(20, 90) * 100_000, [shipFn]: lab.random.int(10, 50) * 100_000 };
const emulated = lab.settings.target.name === 'emulator';
/** A check that waits for invocations: seconds on the emulator, AWS's minutes elsewhere. */
const FLOW_TIMEOUT_MS = emulated ? 30_000 : 600_000;
let windowStart = 0;
/** No SDK retries: each 429 of the burst must be seen as Lambda answered it. */
let once: LambdaClient;

const order = () => ({ orderId: `ord-${lab.random.id(8)}`, amountCents: lab.random.int(100, 99_999), currency: lab.random.pick(['EUR', 'USD', 'GBP']) });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean, deadline: number): Promise<void> {
  while (!done() && Date.now() < deadline) await pause(50);
}

/** Deploys a given function with its seeded memory size. */
async function deploy(file: string, exportName: string, name: string, memory: number, timeout: number, environment: Record<string, string>): Promise<void> {
  await lab.deployHandler({ file, exportName, name, timeout, environment });
  await lab.clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: memory }));
  await waitUntilReady(lab.clients.lambda, name);
  // A reserved concurrency left by an earlier run must not do the learner's work.
  await lab.clients.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
}

async function removeAll(): Promise<void> {
  const { lambda, sqs, logs } = lab.clients;
  const mappings = (await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: shipFn })).catch(() => undefined))?.EventSourceMappings ?? [];
  for (const mapping of mappings) await lambda.send(new DeleteEventSourceMappingCommand({ UUID: mapping.UUID })).catch(() => {});
  const found = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName })).catch(() => undefined);
  if (found?.QueueUrl) await sqs.send(new DeleteQueueCommand({ QueueUrl: found.QueueUrl })).catch(() => {});
  for (const name of [chargeFn, shipFn]) await logs.send(new DeleteLogGroupCommand({ logGroupName: `/aws/lambda/${name}` })).catch(() => {});
}

beforeAll(async () => {
  await speedUpAwsWaits(lab, 0.01);
  lab.onCleanup(() => standIns.stop());
  const url = await standIns.start();
  lab.onCleanup(removeAll);
  // Log lines of an earlier run would join the sample.
  await removeAll();
  windowStart = Date.now() - 1000;
  once = new LambdaClient({ ...sdkConfig(lab.settings.target), maxAttempts: 1 });
  lab.onCleanup(async () => once.destroy());
  await Promise.all([
    deploy('charge.ts', 'handleCharge', chargeFn, chargeMemory, 10, { PAYMENTS_URL: url }),
    // A long timeout: the queue's visibility (six times it) must outlast a booking under the time factor too.
    deploy('ship-orders.ts', 'handleShipments', shipFn, shipMemory, 60, { WAREHOUSE_URL: url }),
  ]);
}, 90_000);

type Outcome = { queueUrl: string } | { error: Message };
let setupRun: Promise<Outcome> | undefined;

/** Runs the learner's two setup functions once for the whole file. */
async function setup(): Promise<string> {
  setupRun ??= (async () => {
    const learner = lab.importLearner('setup-scaling.ts');
    let step = 'protectPayments';
    try {
      await learner.protectPayments!(lab.clients.lambda, { functionName: chargeFn, maxConcurrent: paymentLimit });
      step = 'bufferShipments';
      return { queueUrl: String(await learner.bufferShipments!({ lambda: lab.clients.lambda, sqs: lab.clients.sqs }, { functionName: shipFn, queueName, maxConcurrency: batchLimit })) };
    } catch (error) {
      const { name, message } = error as Error;
      return { error: name === 'NotExported' ? contextMessage('notExported', { file: 'setup-scaling.ts', exportName: step }) : learnerStopped(error) ?? say('threw', { fn: step, name, message }) };
    }
  })();
  const outcome = await setupRun;
  if ('error' in outcome) fail(outcome.error);
  return outcome.queueUrl;
}

const invoke = (payload: unknown, type: 'RequestResponse' | 'Event') =>
  once.send(new InvokeCommand({ FunctionName: chargeFn, InvocationType: type, Payload: new TextEncoder().encode(JSON.stringify(payload)) }));

interface Payments {
  burst: { sent: number; most: number; refused: unknown[]; failed: string[] };
  events: { orderIds: string[]; most: number; refused: string[] };
}
let paymentsRun: Promise<Payments> | undefined;

/** A burst of synchronous charges, then asynchronous ones sent while synchronous calls hold every slot. */
function payments(): Promise<Payments> {
  paymentsRun ??= (async () => {
    await setup();
    const sent = 3 * paymentLimit + 2;
    const results = await Promise.allSettled(Array.from({ length: sent }, () => invoke(order(), 'RequestResponse')));
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    const failed = results.flatMap((result) => (result.status === 'fulfilled' && result.value.FunctionError ? [new TextDecoder().decode(result.value.Payload)] : []));
    const burst = { sent, most: standIns.charges.most, refused, failed };

    standIns.charges.reset();
    const holders = Array.from({ length: paymentLimit }, () => invoke(order(), 'RequestResponse').catch(() => undefined));
    await until(() => standIns.charges.inFlight >= paymentLimit, Date.now() + 3000);
    const orders = Array.from({ length: paymentLimit + 2 }, order);
    const answers = await Promise.allSettled(orders.map((item) => invoke(item, 'Event')));
    const eventRefused = answers.flatMap((answer) => (answer.status === 'rejected' ? [`${(answer.reason as Error).name}: ${(answer.reason as Error).message}`] : answer.value.StatusCode === 202 ? [] : [String(answer.value.StatusCode)]));
    await Promise.all(holders);
    const orderIds = orders.map((item) => item.orderId);
    await until(() => orderIds.every((id) => standIns.charges.count(id) > 0), Date.now() + (emulated ? 15_000 : 400_000));
    // A second charge of an event would come within moments: give it time to show.
    await pause(300);
    return { burst, events: { orderIds, most: standIns.charges.most, refused: eventRefused } };
  })();
  return paymentsRun;
}

let shipmentsRun: Promise<{ orderIds: string[]; most: number; left: number }> | undefined;

/** A backlog of shipments, sent at once; waits until each order was booked and the queue is empty. */
function shipments(): Promise<{ orderIds: string[]; most: number; left: number }> {
  shipmentsRun ??= (async () => {
    const queueUrl = await setup();
    const orderIds = Array.from({ length: 20 }, () => order().orderId);
    for (let index = 0; index < orderIds.length; index += 10) {
      const Entries = orderIds.slice(index, index + 10).map((orderId, id) => ({ Id: String(id), MessageBody: JSON.stringify({ orderId }) }));
      await lab.clients.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
    }
    await until(() => orderIds.every((id) => standIns.shipments.count(id) > 0), Date.now() + (emulated ? 15_000 : 300_000));
    let left = 0;
    for (const deadline = Date.now() + 3000; Date.now() < deadline; await pause(100)) {
      const { Attributes = {} } = await lab.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      left = Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
      if (left === 0) break;
    }
    return { orderIds, most: standIns.shipments.most, left };
  })();
  return shipmentsRun;
}

check('payments-capped', async () => {
  await setup();
  // The shipments scenario uses its own function and meter: it runs meanwhile.
  void shipments().catch(() => {});
  // Measured first, where it matters: the provider's own count of the charges it was serving at once.
  const { burst, events } = await payments();
  if (burst.most > paymentLimit) fail(say('tooManyCharges', { phase: say('phaseBurst', { count: burst.sent }), most: burst.most, limit: paymentLimit, name: chargeFn }));
  if (events.most > paymentLimit) fail(say('tooManyCharges', { phase: say('phaseEvents', { count: events.orderIds.length }), most: events.most, limit: paymentLimit, name: chargeFn }));
  const reserved = (await lab.clients.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: chargeFn }))).ReservedConcurrentExecutions;
  if (reserved === undefined) fail(say('noReserved', { name: chargeFn, limit: paymentLimit }));
  // A lower limit also keeps the provider safe, but turns away charges it could take.
  if (reserved !== paymentLimit) fail(say('reservedValue', { name: chargeFn, got: reserved, limit: paymentLimit }));
  if (burst.failed.length > 0) fail(say('burstFailed', { got: burst.failed[0]!, name: chargeFn }));
  if (burst.refused.length === 0) fail(say('noThrottle', { count: burst.sent, limit: paymentLimit }));
  for (const error of burst.refused as Array<{ name?: string; Reason?: string; $metadata?: { httpStatusCode?: number } }>) {
    const status = error.$metadata?.httpStatusCode;
    if (error.name !== 'TooManyRequestsException' || status !== 429 || error.Reason !== 'ReservedFunctionConcurrentInvocationLimitExceeded') {
      fail(say('wrongThrottle', { got: `${String(status)} ${String(error.name)} (Reason ${String(error.Reason)})` }));
    }
  }
}, FLOW_TIMEOUT_MS);

check('throttled-events-retried', async () => {
  const { events } = await payments();
  if (events.refused.length > 0) fail(say('eventRefused', { got: events.refused[0]! }));
  // Without a limit nothing is throttled, and there is no retry to see.
  const reserved = (await lab.clients.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: chargeFn }))).ReservedConcurrentExecutions;
  if (reserved === undefined) fail(say('noReserved', { name: chargeFn, limit: paymentLimit }));
  if (events.most > paymentLimit) fail(say('tooManyCharges', { phase: say('phaseEvents', { count: events.orderIds.length }), most: events.most, limit: paymentLimit, name: chargeFn }));
  for (const id of events.orderIds) {
    const count = standIns.charges.count(id);
    if (count !== 1) fail(say('eventLost', { id, name: chargeFn, count }));
  }
}, FLOW_TIMEOUT_MS);

check('queue-capped', async () => {
  await setup();
  const mappings = (await lab.clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: shipFn }))).EventSourceMappings ?? [];
  if (mappings.length === 0) fail(say('noMapping', { queue: queueName, name: shipFn }));
  const { orderIds, most, left } = await shipments();
  const shipped = orderIds.filter((id) => standIns.shipments.count(id) > 0);
  const lost = orderIds.find((id) => standIns.shipments.count(id) === 0);
  if (lost) fail(say('shipmentLost', { id: lost, queue: queueName, shipped: shipped.length, sent: orderIds.length, name: shipFn }));
  if (most > batchLimit) fail(say('tooManyBatches', { most, limit: batchLimit }));
  if (left > 0) fail(say('queueNotEmpty', { queue: queueName, count: left }));
}, FLOW_TIMEOUT_MS);

check('bill-to-the-cent', async () => {
  await Promise.allSettled([payments(), shipments()]);
  const samples: Record<string, Sample> = {};
  const read = (name: string) => settledReports(() => readReports(lab.clients.logs, name, windowStart), emulated ? 300 : 15_000);
  [samples[chargeFn], samples[shipFn]] = await Promise.all([read(chargeFn), read(shipFn)]);
  for (const name of [chargeFn, shipFn]) if (samples[name]!.lines.length === 0) fail(say('noReports', { name }));
  const endTime = Date.now() + 1000;
  const learner = lab.importLearner('cost-report.ts');
  let bill: any;
  try {
    bill = await learner.monthlyBill!(lab.clients.logs, { functions: [chargeFn, shipFn].map((functionName) => ({ functionName, invocationsPerMonth: volumes[functionName]! })), startTime: windowStart, endTime });
  } catch (error) {
    const { name, message } = error as Error;
    fail(name === 'NotExported' ? contextMessage('notExported', { file: 'cost-report.ts', exportName: 'monthlyBill' }) : learnerStopped(error) ?? say('threw', { fn: 'monthlyBill', name, message }));
  }
  if (!bill || !Array.isArray(bill.functions) || typeof bill.totalDollars !== 'number') fail(say('badBill', { got: JSON.stringify(bill)?.slice(0, 200) ?? 'undefined' }));
  let sum = 0;
  for (const name of [chargeFn, shipFn]) {
    const mine = billOf(samples[name]!, volumes[name]!);
    const theirs = bill.functions.find((entry: { functionName?: string }) => entry?.functionName === name);
    if (!theirs) fail(say('noFunction', { name }));
    if (theirs.sampled !== mine.sampled) fail(say('sampled', { name, got: String(theirs.sampled), expected: mine.sampled }));
    if (!closeTo(theirs.dollars, mine.dollars)) {
      const got = Number(theirs.gbSecondsPerInvocation);
      if (!closeTo(got * volumes[name]! * 0.0000166667, mine.computeDollars)) {
        const advice = closeTo(got, mine.perInvocationFromDuration, 1e-9) ? say('adviceInit')
          : closeTo(got, mine.perInvocationAt128, 1e-9) ? say('adviceMemory', { memory: 128, actual: samples[name]!.lines[0]!.memoryMb })
          : say('adviceRounding');
        fail(say('perInvocation', { name, got: got.toPrecision(6), expected: mine.gbSecondsPerInvocation.toPrecision(6), advice }));
      }
      fail(say('dollars', { name, got: Number(theirs.dollars).toFixed(2), expected: mine.dollars.toFixed(2), requests: mine.requests, gbSeconds: mine.gbSeconds.toFixed(1) }));
    }
    sum += mine.dollars;
  }
  if (!closeTo(bill.totalDollars, sum)) fail(say('total', { got: Number(bill.totalDollars).toFixed(2), expected: sum.toFixed(2) }));
  if (bill.region !== 'us-east-1' || bill.architecture !== 'x86_64' || bill.freeTier !== 'excluded') {
    fail(say('pricesNamed', { region: String(bill.region), architecture: String(bill.architecture), freeTier: String(bill.freeTier) }));
  }
}, FLOW_TIMEOUT_MS);
