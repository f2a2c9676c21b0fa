/**
 * Grader of lab 01: deploys the learner's handleOrder to Lambda and invokes it with generated
 * orders (seeded), comparing with the prices the shop's rules give.
 */
import { beforeAll, expect } from 'vitest';
import { check, fail, useLab } from '../../src/core/grader/index.ts';

const lab = useLab();
const fn = lab.name('handle-order');
const DISCOUNTS: Record<string, number> = { WELCOME10: 10, VIP20: 20 };

interface Order {
  orderId: string;
  customerId: string;
  currency: string;
  items: Array<{ sku: string; quantity: number; unitPriceCents: number }>;
  discountCode?: string;
}

function order(discountCode?: string): Order {
  const { random } = lab;
  const items = Array.from({ length: random.int(1, 4) }, () => ({ sku: `SKU-${random.id(4).toUpperCase()}`, quantity: random.int(1, 5), unitPriceCents: random.int(1, 9999) }));
  return { orderId: `ord-${random.id()}`, customerId: `cus-${random.id(4)}`, currency: random.pick(['EUR', 'USD', 'GBP']), items, ...(discountCode ? { discountCode } : {}) };
}

/** The shop's pricing rule, written independently of any solution. */
function expectedTotal(input: Order): number {
  const subtotal = input.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const discount = Math.round((subtotal * (DISCOUNTS[input.discountCode ?? ''] ?? 0)) / 100);
  return subtotal - discount + Math.round(((subtotal - discount) * 20) / 100);
}

async function accepted(input: Order): Promise<void> {
  const answer = await lab.invoke(fn, input);
  if (answer.functionError) fail(`order ${input.orderId} was rejected: ${answer.payload?.errorType}: ${answer.payload?.errorMessage}`);
  expect(answer.payload, `the answer for order ${input.orderId}`).toEqual({ status: 'accepted', orderId: input.orderId, totalCents: expectedTotal(input) });
}

beforeAll(async () => {
  await lab.deployHandler({ file: 'handler.ts', exportName: 'handleOrder', name: fn });
}, 60_000);

check('accepts-valid-order', async () => {
  await accepted({ orderId: 'ord-1001', customerId: 'cus-42', currency: 'EUR', items: [{ sku: 'MUG-01', quantity: 2, unitPriceCents: 1250 }] });
  for (let i = 0; i < 4; i++) await accepted(order());
});

check('applies-discount-and-tax', async () => {
  await accepted({ orderId: 'ord-1002', customerId: 'cus-42', currency: 'EUR', items: [{ sku: 'MUG-01', quantity: 2, unitPriceCents: 1250 }], discountCode: 'WELCOME10' });
  for (let i = 0; i < 4; i++) await accepted(order(i % 2 === 0 ? 'WELCOME10' : 'VIP20'));
});

check('rejects-invalid-orders', async () => {
  const base = order();
  const line = base.items[0]!;
  const cases: Array<[string, Order]> = [
    ['no items', { ...base, items: [] }],
    ['a quantity of 0', { ...base, items: [{ ...line, quantity: 0 }] }],
    ['a fractional quantity', { ...base, items: [{ ...line, quantity: 1.5 }] }],
    ['a negative price', { ...base, items: [{ ...line, unitPriceCents: -100 }] }],
    ['a price with fractions of a cent', { ...base, items: [{ ...line, unitPriceCents: 12.5 }] }],
    ['the currency JPY', { ...base, currency: 'JPY' }],
    ['the unknown discount code FREE99', { ...base, discountCode: 'FREE99' }],
  ];
  for (const [what, input] of cases) {
    const answer = await lab.invoke(fn, input);
    if (!answer.functionError) fail(`an order with ${what} was accepted (answer ${JSON.stringify(answer.payload)}); it must throw a ValidationError`);
    expect(answer.payload?.errorType, `errorType for an order with ${what}`).toBe('ValidationError');
  }
});

check('logs-structured-line', async () => {
  const input = order('VIP20');
  const answer = await lab.invoke(fn, input);
  const lines = answer.log.split('\n').map((line) => line.split('\t').pop() ?? '');
  const logged = lines.map((text) => {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }).find((value) => value?.orderId === input.orderId);
  if (!logged) fail(`no JSON line with orderId ${input.orderId} in the function's log; it logged: ${JSON.stringify(lines.filter(Boolean).slice(1, 4))}`);
  expect(logged.totalCents, 'totalCents in the logged line').toBe(expectedTotal(input));
});
