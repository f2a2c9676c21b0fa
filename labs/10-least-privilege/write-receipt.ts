/**
 * Lab 10: the shop's receipt writer, given complete. It writes an order's receipt under
 * RECEIPTS_PREFIX in RECEIPTS_BUCKET with PutObject, and nothing else. Nothing to change here.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

/** The order a receipt is written for. */
export interface ReceiptOrder {
  orderId: string;
  totalCents: number;
}

/** Writes `<prefix><orderId>.json` and answers its key. */
export async function writeReceipt(order: ReceiptOrder): Promise<{ key: string }> {
  const key = `${process.env.RECEIPTS_PREFIX}${order.orderId}.json`;
  await s3.send(new PutObjectCommand({
    Bucket: process.env.RECEIPTS_BUCKET,
    Key: key,
    Body: JSON.stringify({ orderId: order.orderId, totalCents: order.totalCents }),
    ContentType: 'application/json',
  }));
  return { key };
}
