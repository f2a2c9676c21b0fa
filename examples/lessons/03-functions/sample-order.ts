/** A sample event for the receipt handler: the order the lessons follow through the pipeline. */
import type { OrderEvent } from './receipt-handler.ts';

/** Order o-1001: two books and a mug, 4,597 cents in total. */
export const sampleOrder: OrderEvent = {
  orderId: 'o-1001',
  customerId: 'c-42',
  items: [
    { sku: 'BOOK-SERVERLESS', quantity: 2, priceCents: 1999 },
    { sku: 'MUG-LAMBDA', quantity: 1, priceCents: 599 },
  ],
};
