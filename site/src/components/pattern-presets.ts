/**
 * The pattern playground's examples: the shop's order events and the patterns the lessons use,
 * one per operator family. Each event is a full EventBridge envelope, as a rule sees it.
 */

/** One example: a pattern and an event to try it on. */
export interface PatternPreset {
  id: string;
  label: { en: string; 'zh-cn': string };
  pattern: object;
  event: object;
}

/** An order event on the default bus, with `detail` as given. */
function orderEvent(detailType: string, detail: object): object {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': detailType,
    source: 'shop.orders',
    account: '000000000000',
    time: '2026-11-25T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

/** Every example, in the order the dropdown lists them. */
export const PATTERN_PRESETS: PatternPreset[] = [
  {
    id: 'order-placed',
    label: { en: 'Order placed', 'zh-cn': '已下单' },
    pattern: { source: ['shop.orders'], 'detail-type': ['Order Placed'] },
    event: orderEvent('Order Placed', { orderId: 'o-1001', totalCents: 4250, customer: { id: 'c-7', tier: 'silver' } }),
  },
  {
    id: 'big-orders',
    label: { en: 'Big orders (numeric)', 'zh-cn': '大额订单（数值）' },
    pattern: { source: ['shop.orders'], 'detail-type': ['Order Placed'], detail: { totalCents: [{ numeric: ['>=', 10000] }] } },
    event: orderEvent('Order Placed', { orderId: 'o-1002', totalCents: 25000, customer: { id: 'c-8', tier: 'gold' } }),
  },
  {
    id: 'prefix',
    label: { en: 'SKU prefix', 'zh-cn': 'SKU 前缀' },
    pattern: { source: ['shop.orders'], detail: { items: { sku: [{ prefix: 'BOOK-' }] } } },
    event: orderEvent('Order Placed', { orderId: 'o-1003', items: [{ sku: 'MUG-12', qty: 1 }, { sku: 'BOOK-881', qty: 2 }] }),
  },
  {
    id: 'anything-but',
    label: { en: 'Anything but cancelled', 'zh-cn': '除已取消以外' },
    pattern: { source: ['shop.orders'], detail: { status: [{ 'anything-but': ['CANCELLED', 'REFUNDED'] }] } },
    event: orderEvent('Order Status Changed', { orderId: 'o-1004', status: 'PAID' }),
  },
  {
    id: 'exists-false',
    label: { en: 'No coupon (exists: false)', 'zh-cn': '没有优惠券（exists: false）' },
    pattern: { source: ['shop.orders'], detail: { coupon: [{ exists: false }] } },
    event: orderEvent('Order Placed', { orderId: 'o-1005', totalCents: 1999 }),
  },
  {
    id: 'or',
    label: { en: 'Big or gold ($or)', 'zh-cn': '大额或金牌客户（$or）' },
    pattern: {
      source: ['shop.orders'],
      $or: [{ detail: { totalCents: [{ numeric: ['>', 50000] }] } }, { detail: { customer: { tier: ['gold'] } } }],
    },
    event: orderEvent('Order Placed', { orderId: 'o-1006', totalCents: 8000, customer: { id: 'c-9', tier: 'gold' } }),
  },
];
