/** Lab {{number}}: {{title}} (solution). */

/** An order as the shop's checkout sends it. */
export interface OrderEvent {
  orderId: string;
  items: Array<{ sku: string; quantity: number; price: number }>;
}

/** Returns the order id and its total. */
export async function handler(event: OrderEvent): Promise<{ orderId: string; total: number }> {
  // Prices are in cents, so the sum stays exact.
  const total = event.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
  return { orderId: event.orderId, total };
}
