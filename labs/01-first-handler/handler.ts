/** Lab 01: the shop's order handler. Complete every TODO, then run `npx workshop check 01`. */

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

/** The order pipeline's first step: check an order and price it. */
export async function handleOrder(event: OrderEvent, context: Context): Promise<OrderAccepted> {
  // TODO: reject invalid orders by throwing an error named 'ValidationError' (see README.md).
  // TODO: add up quantity x unitPriceCents, take off the discount code's share, add 20% tax.
  const totalCents = 0;
  // TODO: log one JSON line with the orderId and the totalCents (use context.awsRequestId too).
  void context;
  return { status: 'accepted', orderId: event.orderId, totalCents };
}
