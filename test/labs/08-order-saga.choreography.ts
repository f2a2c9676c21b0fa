/**
 * Lab 08's choreographed saga, as the grader runs it: after the learner's setupChoreography, a
 * rule and queue of the grader's own copy every outcome the steps announce on the shop's bus; the
 * grader puts one Order Placed per seeded order on the bus and waits until the announcements stop;
 * then it delivers once more, twice, each event that started a compensation (the very event the
 * queue received, as a redelivery would). The orders are copies of the orchestrated saga's
 * (same items, amounts and plans, another id), so both versions can be compared.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { GraderContext } from '../../src/core/grader/index.ts';
import type { Effect, SagaPlan } from './08-order-saga.services.ts';
import { observeQueue, type Order } from './08-order-saga.setup.ts';

/** The events that end an order: a written receipt, or a failure whose undoing is complete. */
export const COMPLETED = 'Receipt Written';
export const FAILED = ['Stock Unavailable', 'Stock Released'];
/** The event that starts each compensation, as the choreography publishes it. */
export const STARTS: Record<'refund' | 'release', string[]> = { refund: ['Receipt Refused'], release: ['Payment Failed', 'Payment Refunded'] };

/** What the choreography did with one order: the events announced for it, in the order they arrived. */
export interface Choreographed {
  order: Order;
  plan: SagaPlan;
  events: any[];
}

/** The choreographed copy of an orchestrated order. */
export const copyOf = (order: Order): Order => ({ ...order, orderId: `${order.orderId}-c` });

/** A rule and queue of the grader's own that copy every outcome the saga's services announce. */
function observeOutcomes(lab: GraderContext, busName: string, name: string): Promise<string> {
  return observeQueue(lab, busName, name, { source: ['shop.inventory', 'shop.payments', 'shop.receipts'] });
}

/** Whether an order's announcements include an end (a receipt, or a finished undoing). */
const ended = (events: any[]) => events.some((event) => event['detail-type'] === COMPLETED || FAILED.includes(event['detail-type']));

/**
 * Reads the queue until every order has ended and nothing more comes, or nothing comes for long
 * (a step that never announces). When every order has ended exactly as its plan says a correct
 * saga ends (`complete`), nothing more can come, so there is no quiet time to wait out.
 */
async function settle(lab: GraderContext, queueUrl: string, runs: Choreographed[], complete: (run: Choreographed) => boolean): Promise<void> {
  const local = lab.settings.target.name === 'emulator';
  const deadline = Date.now() + (local ? 20_000 : 300_000);
  // Longer than Lambda's first retry of a failed delivery (a minute on AWS; 0.6 s at the grader's time factor).
  const stalled = local ? 4_000 : 150_000;
  const quiet = local ? 500 : 15_000;
  const byId = new Map(runs.map((run) => [run.order.orderId, run]));
  let last = Date.now();
  for (;;) {
    const { Messages = [] } = await lab.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 300 }));
    for (const message of Messages) {
      const event = JSON.parse(message.Body ?? '{}');
      const run = byId.get(String(event.detail?.orderId ?? ''));
      if (!run) continue;
      run.events.push(event);
      last = Date.now();
    }
    // Deleted once read: the run's waits are sped up, so a kept message would come back within seconds.
    if (Messages.length > 0) await lab.clients.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }));
    const now = Date.now();
    const since = now - last;
    // Until the first announcement the step functions are still starting: cold starts take seconds
    // on a busy machine (a whole class graded at once), so only the deadline bounds that wait.
    const heard = runs.some((run) => run.events.length > 0);
    if (runs.every((run) => ended(run.events)) && (since > quiet || runs.every(complete))) return;
    if ((heard && since > stalled) || now > deadline) return;
    if (Messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the choreographed copies of the orders: one Order Placed each on the bus, then waits for their outcomes (see settle for `complete`). */
export async function choreograph(lab: GraderContext, busName: string, observer: string, orders: Array<{ order: Order; plan: SagaPlan }>, complete: (run: Choreographed) => boolean): Promise<Choreographed[]> {
  const queueUrl = await observeOutcomes(lab, busName, observer);
  const runs: Choreographed[] = orders.map(({ order, plan }) => ({ order, plan, events: [] }));
  const answer = await lab.clients.eventbridge.send(new PutEventsCommand({ Entries: runs.map((run) => ({ EventBusName: busName, Source: 'shop.orders', DetailType: 'Order Placed', Detail: JSON.stringify(run.order) })) }));
  if (answer.FailedEntryCount) throw new Error(`PutEvents refused the grader's Order Placed events: ${answer.Entries?.find((entry) => entry.ErrorCode)?.ErrorMessage}`);
  await settle(lab, queueUrl, runs, complete);
  return runs;
}

/** Delivers each event that started one of the order's compensations twice more to the step function; answers the compensations it redelivered. */
export async function redeliver(lab: GraderContext, functionName: string, runs: Choreographed[], needs: (plan: SagaPlan) => Effect[]): Promise<Array<{ run: Choreographed; effect: Effect }>> {
  const redelivered = runs.flatMap((run) => needs(run.plan).map((effect) => ({ run, effect })));
  // The compensations are redelivered side by side; each one's two deliveries come one after the other.
  await Promise.all(redelivered.map(async ({ run, effect }) => {
    const starts = STARTS[effect as 'refund' | 'release'];
    const event = run.events.find((candidate) => starts.includes(candidate['detail-type']));
    if (!event) return;
    for (let time = 0; time < 2; time += 1) await lab.invoke(functionName, event);
  }));
  return redelivered;
}
