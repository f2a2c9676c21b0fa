/**
 * The payment service: charges for new orders, and refunds when a later step fails. It knows
 * nothing about inventory or shipping; it reacts to events and announces its own.
 */
import { emit, type SagaEvent } from './emit.ts';

/** Handles Order Placed (charge) and Stock Unavailable (refund: the compensating action). */
export const handler = async (event: SagaEvent) => {
  const order = event.detail;
  if (event['detail-type'] === 'Order Placed') {
    if (order.paymentToken === 'tok_declined') {
      await emit('shop.payments', 'Payment Failed', { ...order, reason: 'card declined' });
      return;
    }
    // A real charge would pass orderId as the provider's idempotency key, so a retry never charges twice.
    await emit('shop.payments', 'Payment Succeeded', { ...order, paymentId: `pay-${order.orderId}` });
  } else if (event['detail-type'] === 'Stock Unavailable') {
    await emit('shop.payments', 'Payment Refunded', { ...order, reason: order.reason });
  }
};
