/** The choreography, written down: which service reacts to which event. */

/** One subscription of a service to events on the bus. */
export interface SagaRule {
  ruleName: string;
  service: 'payments' | 'inventory' | 'shipping' | 'orders';
  pattern: object;
}

/** The order saga's rules. Compensations are subscriptions too: Stock Unavailable refunds the payment. */
export const sagaRules: SagaRule[] = [
  {
    ruleName: 'charge-new-orders',
    service: 'payments',
    pattern: { source: ['shop.orders'], 'detail-type': ['Order Placed'] },
  },
  {
    ruleName: 'reserve-paid-orders',
    service: 'inventory',
    pattern: { source: ['shop.payments'], 'detail-type': ['Payment Succeeded'] },
  },
  {
    ruleName: 'ship-reserved-orders',
    service: 'shipping',
    pattern: { source: ['shop.inventory'], 'detail-type': ['Stock Reserved'] },
  },
  {
    // The compensation: a failed reservation refunds the payment.
    ruleName: 'refund-unavailable-orders',
    service: 'payments',
    pattern: { source: ['shop.inventory'], 'detail-type': ['Stock Unavailable'] },
  },
  {
    ruleName: 'cancel-failed-orders',
    service: 'orders',
    pattern: { source: ['shop.payments'], 'detail-type': ['Payment Failed', 'Payment Refunded'] },
  },
];
