/** Lab 08's checks of the choreographed saga, and the check that compares how the same orders end under both versions. */
import { listOf } from '../../src/core/grader/context-messages.ts';
import { check, expectValue, fail } from '../../src/core/grader/index.ts';
import { COMPLETED, copyOf, FAILED, STARTS, type Choreographed } from './08-order-saga.choreography.ts';
import { howOf, say } from './08-order-saga.messages.ts';
import { STEP_OF, totalOf, type Effect, type SagaPlan, type ShopServices } from './08-order-saga.services.ts';
import type { Order } from './08-order-saga.setup.ts';

/** What the grader's runs of both sagas give the checks. */
export interface SagaRuns {
  services: ShopServices;
  bucket: string;
  hasReceipt(orderId: string): Promise<boolean>;
  /** The orchestrated run: each order's execution status, and the ledger's length once every execution had ended. */
  saga(): Promise<{ sagas: Array<{ order: Order; plan: SagaPlan; status: string | undefined }>; settled: number }>;
  /** The choreographed run: the events announced per order, the ledger's length once they stopped, the compensations redelivered. */
  choreography(): Promise<{ runs: Choreographed[]; settled: number; redelivered: Array<{ run: Choreographed; effect: Effect }> }>;
}

/** Registers the choreography's checks and the comparison. */
export function choreographyChecks({ services, bucket, hasReceipt, saga, choreography }: SagaRuns): void {
  /** The event names announced for a choreographed order, for the messages. */
  const announced = (run: Choreographed) => (run.events.length > 0 ? listOf(run.events.map((event) => String(event['detail-type']))) : say('none'));
  const completedBy = (run: Choreographed) => run.events.some((event) => event['detail-type'] === COMPLETED);
  const failedBy = (run: Choreographed) => run.events.some((event) => FAILED.includes(event['detail-type']));

  check('choreography-completes', async () => {
    const { runs, settled } = await choreography();
    for (const run of runs.filter((candidate) => candidate.plan === 'ok' || candidate.plan === 'flaky')) {
      const { orderId } = run.order;
      const how = howOf(run.plan);
      if (!completedBy(run)) fail(say('chorNotCompleted', { id: orderId, how, events: announced(run), advice: say(run.plan === 'flaky' ? 'chorAdviceRetry' : 'chorAdviceGeneric') }));
      const entries = services.until(orderId, settled);
      expectValue({ what: say('charges', { id: orderId }), expected: 1, got: entries.filter((entry) => entry.effect === 'charge').length });
      expectValue({ what: say('reserves', { id: orderId }), expected: 1, got: entries.filter((entry) => entry.effect === 'reserve').length });
      if (!(await hasReceipt(orderId))) fail(say('noReceipt', { id: orderId, bucket }));
    }
  }, 40_000);

  check('choreography-compensates', async () => {
    const { runs, settled } = await choreography();
    for (const run of runs.filter((candidate) => candidate.plan !== 'ok' && candidate.plan !== 'flaky')) {
      const { orderId } = run.order;
      const how = howOf(run.plan);
      const entries = services.until(orderId, settled);
      const effects = entries.length > 0 ? listOf(entries.map((entry) => entry.effect)) : say('none');
      const stock = totalOf(entries, 'reserve') - totalOf(entries, 'release');
      const money = totalOf(entries, 'charge') - totalOf(entries, 'refund');
      if (await hasReceipt(orderId)) fail(say('chorReceiptForFailed', { id: orderId, how, events: announced(run) }));
      if (stock !== 0) fail(say('chorStockUnbalanced', { id: orderId, how, units: stock, effects }));
      if (money !== 0) fail(say('chorMoneyUnbalanced', { id: orderId, how, cents: money, effects }));
      if (!failedBy(run) || completedBy(run)) fail(say('chorNotFailed', { id: orderId, how, events: announced(run) }));
    }
  }, 40_000);

  check('choreography-in-reverse', async () => {
    const { runs, settled } = await choreography();
    const run = runs.find((candidate) => candidate.plan === 'no-receipt')!;
    const done = services.until(run.order.orderId, settled).map((entry) => entry.effect).filter((effect) => effect === 'refund' || effect === 'release');
    if (done.join(',') !== 'refund,release') fail(say('chorWrongOrder', { id: run.order.orderId, got: done.length > 0 ? listOf(done) : say('none') }));
  }, 40_000);

  check('choreography-once', async () => {
    const { redelivered } = await choreography();
    for (const { run, effect } of redelivered) {
      const { orderId } = run.order;
      const step = STEP_OF[effect]!;
      const how = howOf(run.plan);
      const count = services.of(orderId).filter((entry) => entry.effect === effect).length;
      if (count === 0) fail(say('chorNoCompensation', { id: orderId, how, step, events: listOf(STARTS[effect as 'refund' | 'release']) }));
      if (count > 1) fail(say('compensatedTwice', { id: orderId, how, step, count }));
    }
  }, 40_000);

  /** How an order ended: its outcome, what the services did for it, and whether it has a receipt. */
  async function endOf(orderId: string, outcome: 'stateCompleted' | 'stateFailed' | 'stateUnfinished', upTo: number): Promise<{ key: string; text: ReturnType<typeof say> }> {
    const effects = services.until(orderId, upTo).map((entry) => entry.effect);
    const receipt = await hasReceipt(orderId);
    const text = say('endState', { outcome: say(outcome), effects: effects.length > 0 ? listOf(effects) : say('none'), receipt: say(receipt ? 'withReceipt' : 'withoutReceipt') });
    return { key: `${outcome}|${effects.join(',')}|${receipt}`, text };
  }

  check('sagas-agree', async () => {
    const [orchestrated, choreographed] = await Promise.all([saga(), choreography()]);
    for (const item of orchestrated.sagas) {
      const run = choreographed.runs.find((candidate) => candidate.order.orderId === copyOf(item.order).orderId)!;
      const machine = await endOf(item.order.orderId, item.status === 'SUCCEEDED' ? 'stateCompleted' : item.status === 'FAILED' ? 'stateFailed' : 'stateUnfinished', orchestrated.settled);
      const rules = await endOf(run.order.orderId, completedBy(run) && !failedBy(run) ? 'stateCompleted' : failedBy(run) && !completedBy(run) ? 'stateFailed' : 'stateUnfinished', choreographed.settled);
      if (machine.key !== rules.key) fail(say('disagree', { id: item.order.orderId, how: howOf(item.plan), orchestrated: machine.text, copy: run.order.orderId, choreographed: rules.text }));
    }
  }, 40_000);
}
