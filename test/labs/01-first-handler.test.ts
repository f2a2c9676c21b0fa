/**
 * Grader of lab 01: deploys the learner's handleOrder to Lambda and invokes it with the README's
 * orders and generated ones (seeded), comparing with the prices the shop's rule gives
 * (src/core/grader/orders.ts) and naming the likely mistake when a total is off.
 */
import { beforeAll } from 'vitest';
import { check, expectValue, fail, shown, useLab } from '../../src/core/grader/index.ts';
import { say } from './01-first-handler.messages.ts';
import type { Message } from '../../src/core/grader/index.ts';
import { describeOrder, explainPrice, INHERITED_KEYS, priceOrder, pricingCauses, randomOrder, roundedOnce, type CheckoutOrder } from '../../src/core/grader/orders.ts';

const lab = useLab();
const fn = lab.name('handle-order');

/** The README's examples, with the totals it states: the grader holds the README to them. */
const README_ITEMS = [{ sku: 'MUG-01', quantity: 2, unitPriceCents: 1250 }];
const README_WITHOUT_CODE = { order: { orderId: 'ord-1000', customerId: 'cus-42', currency: 'EUR', items: README_ITEMS }, totalCents: 3000 };
const README_WITH_CODE = { order: { orderId: 'ord-1001', customerId: 'cus-42', currency: 'EUR', items: README_ITEMS, discountCode: 'WELCOME10' }, totalCents: 2700 };

/** An order in a message: its id and what was in it. */
function named(order: CheckoutOrder): Message {
  return say('order', { id: order.orderId, description: describeOrder(order) });
}

/** Invokes the function with a valid order and returns its answer, or fails saying how it was refused. */
async function answerTo(input: CheckoutOrder): Promise<{ payload: Record<string, unknown>; log: string }> {
  const answer = await lab.invoke(fn, input);
  if (answer.functionError) fail(say('rejectedValid', { order: named(input), errorType: String(answer.payload?.errorType), errorMessage: String(answer.payload?.errorMessage) }));
  const { payload } = answer;
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) fail(say('answerNotObject', { order: named(input), answer: shown(payload) }));
  return { payload: payload as Record<string, unknown>, log: answer.log };
}

/** Expects the answer `{ status: 'accepted', orderId, totalCents }` with the shop's total (or the README's). */
async function accepted(input: CheckoutOrder, statedTotal?: number): Promise<void> {
  const { payload } = await answerTo(input);
  const extra = Object.keys(payload).filter((key) => !['status', 'orderId', 'totalCents'].includes(key));
  if (extra.length > 0) fail(say('extraFields', { order: named(input), fields: extra.join(', ') }));
  expectValue({ what: 'status', input: named(input), expected: 'accepted', got: payload.status });
  expectValue({ what: 'orderId', input: named(input), expected: input.orderId, got: payload.orderId });
  const price = priceOrder(input);
  expectValue({ what: 'totalCents', input: named(input), expected: statedTotal ?? price.total, because: explainPrice(price), got: payload.totalCents, causes: pricingCauses(input) });
}

/** A generated order with a code whose total a single rounding at the end gets a cent wrong. */
function roundingSensitiveOrder(discountCode: string): CheckoutOrder {
  for (let tries = 0; ; tries++) {
    const candidate = randomOrder(lab.random, discountCode);
    if (roundedOnce(candidate) !== priceOrder(candidate).total || tries === 200) return candidate;
  }
}

beforeAll(async () => {
  await lab.deployHandler({ file: 'handler.ts', exportName: 'handleOrder', name: fn });
}, 60_000);

check('accepts-valid-order', async () => {
  await accepted(README_WITHOUT_CODE.order, README_WITHOUT_CODE.totalCents);
  for (let i = 0; i < 4; i++) await accepted(randomOrder(lab.random));
});

check('applies-discount-and-tax', async () => {
  await accepted(README_WITH_CODE.order, README_WITH_CODE.totalCents);
  for (let i = 0; i < 3; i++) await accepted(randomOrder(lab.random, i % 2 === 0 ? 'WELCOME10' : 'VIP20'));
  await accepted(roundingSensitiveOrder(lab.random.pick(['WELCOME10', 'VIP20'])));
});

check('rejects-invalid-orders', async () => {
  const { random } = lab;
  const base = randomOrder(random);
  const line = base.items[0]!;
  const unknownCode = `${random.pick(['FREE', 'SAVE', 'GIFT'])}${random.int(11, 99)}`;
  // One of the names every object inherits, drawn by the seed, so a list of refused codes cannot be written down.
  const inherited = random.pick(INHERITED_KEYS);
  const cases: Array<{ what: Message; input: CheckoutOrder; why?: Message }> = [
    { what: say('noItems'), input: { ...base, items: [] } },
    { what: say('quantityZero'), input: { ...base, items: [{ ...line, quantity: 0 }] } },
    { what: say('fractionalQuantity'), input: { ...base, items: [{ ...line, quantity: 1.5 }] } },
    { what: say('negativePrice'), input: { ...base, items: [{ ...line, unitPriceCents: -100 }] } },
    { what: say('fractionalPrice'), input: { ...base, items: [{ ...line, unitPriceCents: 12.5 }] } },
    { what: say('currency', { currency: 'JPY' }), input: { ...base, currency: 'JPY' } },
    { what: say('unknownCode', { code: unknownCode }), input: { ...base, discountCode: unknownCode } },
    { what: say('inheritedCode', { code: inherited }), input: { ...base, discountCode: inherited }, why: say('inheritedWhy', { code: inherited }) },
  ];
  for (const { what, input, why } of cases) {
    const answer = await lab.invoke(fn, input);
    const withCase = say('withCase', { what });
    if (!answer.functionError) fail(say('acceptedInvalid', { input: withCase, answer: shown(answer.payload), cause: why ? say('cause', { why }) : say('nothing') }));
    expectValue({ what: 'errorType', input: withCase, expected: 'ValidationError', got: answer.payload?.errorType });
  }
});

check('logs-structured-line', async () => {
  const input = randomOrder(lab.random);
  const { payload, log } = await answerTo(input);
  const lines = log.split('\n').map((line) => line.split('\t').pop() ?? '');
  const logged = lines.map((text) => {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }).find((value) => value?.orderId === input.orderId);
  if (!logged) fail(say('noLogLine', { id: input.orderId, logged: JSON.stringify(lines.filter(Boolean).slice(1, 4)) }));
  if (!('totalCents' in logged)) fail(say('noLoggedTotal', { id: input.orderId }));
  // Compared with what this invocation returned, so a wrong total fails the pricing checks only.
  expectValue({ what: say('loggedTotal'), input: named(input), expected: payload.totalCents, because: say('whatReturned'), got: logged.totalCents });
});
