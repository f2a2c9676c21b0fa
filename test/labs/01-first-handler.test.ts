/**
 * Grader of lab 01: deploys the learner's handleOrder to Lambda and invokes it with the README's
 * orders and generated ones (seeded), comparing with the prices the shop's rule gives
 * (src/core/grader/orders.ts) and naming the likely mistake when a total is off.
 */
import { beforeAll } from 'vitest';
import { check, expectValue, fail, shown, useLab } from '../../src/core/grader/index.ts';
import { describeOrder, explainPrice, INHERITED_KEYS, priceOrder, pricingCauses, randomOrder, roundedOnce, type CheckoutOrder } from '../../src/core/grader/orders.ts';

const lab = useLab();
const fn = lab.name('handle-order');

/** The README's examples, with the totals it states: the grader holds the README to them. */
const README_ITEMS = [{ sku: 'MUG-01', quantity: 2, unitPriceCents: 1250 }];
const README_WITHOUT_CODE = { order: { orderId: 'ord-1000', customerId: 'cus-42', currency: 'EUR', items: README_ITEMS }, totalCents: 3000 };
const README_WITH_CODE = { order: { orderId: 'ord-1001', customerId: 'cus-42', currency: 'EUR', items: README_ITEMS, discountCode: 'WELCOME10' }, totalCents: 2700 };

/** An order in a message: its id and what was in it. */
function named(order: CheckoutOrder): string {
  return `order ${order.orderId} (${describeOrder(order)})`;
}

/** Invokes the function with a valid order and returns its answer, or fails saying how it was refused. */
async function answerTo(input: CheckoutOrder): Promise<{ payload: Record<string, unknown>; log: string }> {
  const answer = await lab.invoke(fn, input);
  if (answer.functionError) fail(`${named(input)} was rejected with ${answer.payload?.errorType}: ${answer.payload?.errorMessage}; it is a valid order and must be accepted`);
  const { payload } = answer;
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) fail(`the answer for ${named(input)} was ${shown(payload)}: return an object { status: 'accepted', orderId, totalCents }`);
  return { payload: payload as Record<string, unknown>, log: answer.log };
}

/** Expects the answer `{ status: 'accepted', orderId, totalCents }` with the shop's total (or the README's). */
async function accepted(input: CheckoutOrder, statedTotal?: number): Promise<void> {
  const { payload } = await answerTo(input);
  const extra = Object.keys(payload).filter((key) => !['status', 'orderId', 'totalCents'].includes(key));
  if (extra.length > 0) fail(`the answer for ${named(input)} has ${extra.join(', ')} besides status, orderId and totalCents: return exactly these three fields`);
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
  const cases: Array<{ what: string; input: CheckoutOrder; why?: string }> = [
    { what: 'no items', input: { ...base, items: [] } },
    { what: 'a quantity of 0', input: { ...base, items: [{ ...line, quantity: 0 }] } },
    { what: 'a fractional quantity', input: { ...base, items: [{ ...line, quantity: 1.5 }] } },
    { what: 'a negative price', input: { ...base, items: [{ ...line, unitPriceCents: -100 }] } },
    { what: 'a price with fractions of a cent', input: { ...base, items: [{ ...line, unitPriceCents: 12.5 }] } },
    { what: 'the currency JPY', input: { ...base, currency: 'JPY' } },
    { what: `the unknown discount code ${unknownCode}`, input: { ...base, discountCode: unknownCode } },
    {
      what: `the discount code ${inherited}`,
      input: { ...base, discountCode: inherited },
      why: `${inherited} is a name every JavaScript object inherits, so \`code in table\` and table[code] find it: look codes up with Object.hasOwn(table, code) or in a Map`,
    },
  ];
  for (const { what, input, why } of cases) {
    const answer = await lab.invoke(fn, input);
    if (!answer.functionError) fail(`an order with ${what} was accepted with ${shown(answer.payload)}: it must throw a ValidationError${why ? `. Likely cause: ${why}` : ''}`);
    expectValue({ what: 'errorType', input: `an order with ${what}`, expected: 'ValidationError', got: answer.payload?.errorType });
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
  if (!logged) fail(`no JSON line with orderId ${input.orderId} in the function's log: write one with console.log(JSON.stringify({ orderId, totalCents })); it logged ${JSON.stringify(lines.filter(Boolean).slice(1, 4))}`);
  if (!('totalCents' in logged)) fail(`the logged line for ${input.orderId} has no totalCents: put the total in it beside the orderId`);
  // Compared with what this invocation returned, so a wrong total fails the pricing checks only.
  expectValue({ what: 'totalCents in the logged line', input: named(input), expected: payload.totalCents, because: 'what the function returned', got: logged.totalCents });
});
