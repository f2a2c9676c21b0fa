/** Lab 01 solution: the shop's order handler. */

/** One line of an order. */
export interface OrderItem {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/** An order as the checkout sends it. */
export interface OrderEvent {
  orderId: string;
  customerId: string;
  currency: string;
  items: OrderItem[];
  discountCode?: string;
}

/** What the handler answers for an accepted order. */
export interface OrderAccepted {
  status: 'accepted';
  orderId: string;
  totalCents: number;
}

/** The part of Lambda's context object this handler uses. */
export interface Context {
  awsRequestId: string;
}

/** An order the shop cannot accept. Lambda reports an error's `name` as its errorType. */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

const CURRENCIES = new Set(['EUR', 'USD', 'GBP']);
/** Discount codes and the percent they take off the subtotal. */
const DISCOUNTS: Record<string, number> = { WELCOME10: 10, VIP20: 20 };
const TAX_PERCENT = 20;

function validate(event: OrderEvent): void {
  // Validate before computing anything: a function must never price an order it would reject.
  if (!Array.isArray(event.items) || event.items.length === 0) throw new ValidationError('an order needs at least one item');
  for (const item of event.items) {
    if (!Number.isInteger(item.quantity) || item.quantity < 1) throw new ValidationError(`quantity of ${item.sku} must be a whole number of at least 1`);
    if (!Number.isInteger(item.unitPriceCents) || item.unitPriceCents < 0) throw new ValidationError(`unitPriceCents of ${item.sku} must be a whole number of at least 0`);
  }
  if (!CURRENCIES.has(event.currency)) throw new ValidationError(`currency ${event.currency} is not one of EUR, USD, GBP`);
  // Object.hasOwn, not `in`: `in` (and DISCOUNTS[code]) also finds the names every object inherits,
  // so "constructor", "toString" or "__proto__" would pass as codes and price the order at NaN.
  if (event.discountCode !== undefined && !Object.hasOwn(DISCOUNTS, event.discountCode)) throw new ValidationError(`discount code ${event.discountCode} does not exist`);
}

/** The order pipeline's first step: check an order and price it. */
export async function handleOrder(event: OrderEvent, context: Context): Promise<OrderAccepted> {
  validate(event);
  // Whole cents all the way: floating-point euros would drift by a cent on some orders.
  const subtotal = event.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const discount = Math.round((subtotal * (DISCOUNTS[event.discountCode ?? ''] ?? 0)) / 100);
  const tax = Math.round(((subtotal - discount) * TAX_PERCENT) / 100);
  const totalCents = subtotal - discount + tax;
  // One JSON object per line is what CloudWatch Logs Insights and metric filters parse.
  console.log(JSON.stringify({ level: 'info', message: 'order accepted', orderId: event.orderId, totalCents, requestId: context.awsRequestId }));
  return { status: 'accepted', orderId: event.orderId, totalCents };
}
