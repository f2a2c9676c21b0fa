/** The inventory service: reserves stock for paid orders, or says it cannot. */
import { emit, type SagaEvent } from './emit.ts';

// Stands in for the stock table: SKUs listed in OUT_OF_STOCK cannot be reserved.
const outOfStock = new Set((process.env.OUT_OF_STOCK ?? '').split(',').filter(Boolean));

/** Handles Payment Succeeded: Stock Reserved when every line is available, else Stock Unavailable. */
export const handler = async (event: SagaEvent) => {
  const order = event.detail;
  const missing = order.items.filter((line) => outOfStock.has(line.sku)).map((line) => line.sku);
  if (missing.length > 0) {
    const reason = `out of stock: ${missing.join(', ')}`;
    await emit('shop.inventory', 'Stock Unavailable', { ...order, reason });
  } else {
    await emit('shop.inventory', 'Stock Reserved', order);
  }
};
