/** Lab 08 solution: one function runs each step of the order saga, and each compensation. */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { chargePayment, issueReceiptNumber, refundPayment, releaseStock, reserveStock } from './shop-services.ts';
import type { PlacedOrder } from './place-order.ts';

/** The saga's steps, then its compensations. */
export type Step = 'reserve-stock' | 'take-payment' | 'write-receipt' | 'refund-payment' | 'release-stock';

/** What the state machine's Task passes. */
export interface StepEvent {
  step: Step;
  order: PlacedOrder;
}

const s3 = new S3Client({});

/** The receipt's object key: one per order, so a second write of it replaces, never adds. */
export const receiptKey = (orderId: string) => `receipts/${orderId}.json`;

/** Runs one step. A refusal is thrown, never caught here: the state machine's Retry and Catch decide what follows. */
export async function sagaStep(event: StepEvent): Promise<unknown> {
  const { step, order } = event;
  // The key names the step and the order: a redelivered step (a retry, a second delivery) repeats the same call, which the service answers once.
  const key = `${step}#${order.orderId}`;
  switch (step) {
    case 'reserve-stock':
      return reserveStock(order, key);
    case 'take-payment':
      return chargePayment(order, key);
    case 'write-receipt': {
      const { receiptNumber } = await issueReceiptNumber(order, key);
      const receipt = { orderId: order.orderId, receiptNumber, customerId: order.customerId, currency: order.currency, totalCents: order.totalCents };
      await s3.send(new PutObjectCommand({ Bucket: process.env.RECEIPTS_BUCKET, Key: receiptKey(order.orderId), Body: JSON.stringify(receipt), ContentType: 'application/json' }));
      return { receiptNumber, key: receiptKey(order.orderId) };
    }
    case 'refund-payment':
      return refundPayment(order, key);
    case 'release-stock':
      return releaseStock(order, key);
    default:
      throw new Error(`unknown saga step ${String(step)}: use one of reserve-stock, take-payment, write-receipt, refund-payment, release-stock`);
  }
}
