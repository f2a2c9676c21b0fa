/** Lab 11 (given): the OrderPlaced rule's target, which hands each placed order to the packing queue. */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/** The parts of an EventBridge event this handler reads. */
export interface OrderPlaced {
  'detail-type': string;
  detail: { orderId: string; customerId: string; subtotalCents: number };
}

const sqs = new SQSClient({});

/** Sends the order to QUEUE_URL, so that packing can go at its own pace and retry on its own. */
export async function handler(event: OrderPlaced): Promise<{ queued: string }> {
  const queueUrl = process.env.QUEUE_URL;
  if (!queueUrl) throw new Error('QUEUE_URL must be set in the function environment');
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event.detail) }));
  return { queued: event.detail.orderId };
}
