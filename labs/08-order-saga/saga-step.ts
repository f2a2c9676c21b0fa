/** Lab 08: one function runs each step of the order saga, and each compensation. Complete every TODO, then run `npx workshop check 08`. */
import { S3Client } from '@aws-sdk/client-s3';
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
  // TODO: an idempotency key `${step}#${order.orderId}`, passed as the second argument of every service call below:
  //       a retried or redelivered step then repeats the same call, which the service answers once.
  switch (step) {
    case 'reserve-stock':
      return reserveStock(order);
    case 'take-payment':
      return chargePayment(order);
    case 'write-receipt': {
      const { receiptNumber } = await issueReceiptNumber(order);
      // TODO: put the receipt { orderId, receiptNumber, customerId, currency, totalCents } as JSON into
      //       process.env.RECEIPTS_BUCKET under receiptKey(order.orderId) (PutObjectCommand).
      void s3;
      return { receiptNumber, key: receiptKey(order.orderId) };
    }
    case 'refund-payment':
      return refundPayment(order);
    case 'release-stock':
      return releaseStock(order);
    default:
      throw new Error(`unknown saga step ${String(step)}: use one of reserve-stock, take-payment, write-receipt, refund-payment, release-stock`);
  }
}
