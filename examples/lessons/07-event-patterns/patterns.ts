/**
 * Event patterns for the shop's events, one per operator, each with an event it matches and one
 * it does not. Plain data, so the lesson, the pattern playground and the tests share it.
 */

/** An EventBridge event as rules see it. */
export interface ShopEvent {
  version: '0';
  id: string;
  account: string;
  source: string;
  'detail-type': string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** Wraps `detail` in the envelope EventBridge adds (an Order Placed from shop.orders unless overridden). */
export function orderEvent(detail: Record<string, unknown>, envelope: Partial<ShopEvent> = {}): ShopEvent {
  return {
    version: '0',
    id: '6f2c1c52-4b7e-4d49-9a3e-1d1f0c7b2a10',
    account: '000000000000',
    source: 'shop.orders',
    'detail-type': 'Order Placed',
    time: '2026-05-04T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
    ...envelope,
  };
}

/** A pattern with an event it matches and an event it does not. */
export interface PatternExample {
  pattern: object;
  matches: ShopEvent;
  misses: ShopEvent;
}

const order = { orderId: 'o-1001', customerId: 'c-42', totalCents: 4597, currency: 'EUR' };

/** The lesson's patterns, by name. */
export const patternExamples = {
  // Exact values: every listed field must match; a list means "any of these".
  'order-placed': {
    pattern: { source: ['shop.orders'], 'detail-type': ['Order Placed'] },
    matches: orderEvent(order),
    misses: orderEvent(order, { 'detail-type': 'Order Cancelled' }),
  },
  'big-orders': {
    pattern: { 'detail-type': ['Order Placed'], detail: { totalCents: [{ numeric: ['>=', 10000] }] } },
    matches: orderEvent({ ...order, totalCents: 25000 }),
    misses: orderEvent(order),
  },
  'numeric-range': {
    pattern: { detail: { totalCents: [{ numeric: ['>', 0, '<', 5000] }] } },
    matches: orderEvent(order),
    misses: orderEvent({ ...order, totalCents: 0 }),
  },
  prefix: {
    pattern: { detail: { customerId: [{ prefix: 'vip-' }] } },
    matches: orderEvent({ ...order, customerId: 'vip-7' }),
    misses: orderEvent(order),
  },
  suffix: {
    pattern: { detail: { receiptKey: [{ suffix: '.pdf' }] } },
    matches: orderEvent({ ...order, receiptKey: 'receipts/o-1001.pdf' }),
    misses: orderEvent({ ...order, receiptKey: 'receipts/o-1001.json' }),
  },
  'equals-ignore-case': {
    pattern: { detail: { currency: [{ 'equals-ignore-case': 'eur' }] } },
    matches: orderEvent(order),
    misses: orderEvent({ ...order, currency: 'USD' }),
  },
  'anything-but': {
    pattern: { detail: { paymentMethod: [{ 'anything-but': ['gift-card', 'voucher'] }] } },
    matches: orderEvent({ ...order, paymentMethod: 'card' }),
    misses: orderEvent({ ...order, paymentMethod: 'voucher' }),
  },
  'anything-but-prefix': {
    pattern: { detail: { customerId: [{ 'anything-but': { prefix: 'test-' } }] } },
    matches: orderEvent(order),
    misses: orderEvent({ ...order, customerId: 'test-robot' }),
  },
  exists: {
    pattern: { detail: { couponCode: [{ exists: true }] } },
    matches: orderEvent({ ...order, couponCode: 'SPRING10' }),
    misses: orderEvent(order),
  },
  'not-exists': {
    pattern: { detail: { giftMessage: [{ exists: false }] } },
    matches: orderEvent(order),
    misses: orderEvent({ ...order, giftMessage: 'Happy birthday!' }),
  },
  cidr: {
    pattern: { detail: { clientIp: [{ cidr: '10.0.0.0/8' }] } },
    matches: orderEvent({ ...order, clientIp: '10.1.2.3' }),
    misses: orderEvent({ ...order, clientIp: '203.0.113.9' }),
  },
  wildcard: {
    pattern: { detail: { warehouse: [{ wildcard: 'eu-*-1' }] } },
    matches: orderEvent({ ...order, warehouse: 'eu-west-1' }),
    misses: orderEvent({ ...order, warehouse: 'us-east-1' }),
  },
  // An array in the event matches when any of its elements does.
  arrays: {
    pattern: { detail: { tags: ['gift'] } },
    matches: orderEvent({ ...order, tags: ['express', 'gift'] }),
    misses: orderEvent({ ...order, tags: ['express'] }),
  },
  // Arrays of objects are matched element by element, too: one BOOK- item is enough.
  'arrays-of-objects': {
    pattern: { detail: { items: { sku: [{ prefix: 'BOOK-' }] } } },
    matches: orderEvent({ ...order, items: [{ sku: 'MUG-12', quantity: 1 }, { sku: 'BOOK-881', quantity: 2 }] }),
    misses: orderEvent({ ...order, items: [{ sku: 'MUG-12', quantity: 1 }] }),
  },
  // $or: either condition is enough (here: big orders, or any order from a VIP customer).
  or: {
    pattern: {
      detail: {
        $or: [{ totalCents: [{ numeric: ['>=', 10000] }] }, { customerId: [{ prefix: 'vip-' }] }],
      },
    },
    matches: orderEvent({ ...order, customerId: 'vip-7' }),
    misses: orderEvent(order),
  },
} satisfies Record<string, PatternExample>;

/** The name of one of {@link patternExamples}. */
export type PatternName = keyof typeof patternExamples;
