/**
 * The payment service: charges for new orders, and refunds when a later step fails. It knows
 * nothing about inventory or shipping; it reacts to events and announces its own.
 */
import { emit, type SagaEvent } from './emit.ts';

/** Handles OrderPlaced (charge) and StockUnavailable (refund: the compensating action). */
export const handler = async (event: SagaEvent) => {
  const order = event.detail;
  if (event['detail-type'] === 'OrderPlaced') {
    if (order.paymentToken === 'tok_declined') {
      await emit('shop.payments', 'PaymentFailed', { ...order, reason: 'card declined' });
      return;
    }
    // A real charge would pass orderId as the provider's idempotency key, so a retry never charges twice.
    await emit('shop.payments', 'PaymentSucceeded', { ...order, paymentId: `pay-${order.orderId}` });
  } else if (event['detail-type'] === 'StockUnavailable') {
    await emit('shop.payments', 'PaymentRefunded', { ...order, reason: order.reason });
  }
};
