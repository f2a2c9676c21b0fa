/** Lab {{number}}: {{title}}. Edit this file, then run `npx workshop check {{number}}`. */

/** An order as the shop's checkout sends it. */
export interface OrderEvent {
  orderId: string;
  items: Array<{ sku: string; quantity: number; price: number }>;
}

/** Returns the order id and its total. */
export async function handler(event: OrderEvent): Promise<{ orderId: string; total: number }> {
  // TODO: add up price x quantity over the items instead of returning 0.
  return { orderId: event.orderId, total: 0 };
}
