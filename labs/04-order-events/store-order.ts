/**
 * Lab 04: the rule's target, given complete: lab 03's storeOrder, reading the order from an
 * EventBridge event's `detail`. Nothing to change here; the work is in setup-events.ts.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

/** An accepted order, as the checkout publishes it. */
export interface AcceptedOrder {
  orderId: string;
  customerId: string;
  createdAt: string;
  currency: string;
  totalCents: number;
}

/** The envelope EventBridge delivers to a Lambda target. */
export interface OrderPlacedEvent {
  id: string;
  source: string;
  'detail-type': string;
  time: string;
  detail: AcceptedOrder;
}

/** What the handler answers. */
export type StoreResult = { stored: true; orderId: string } | { stored: false; orderId: string; reason: 'duplicate' };

// Built once per execution environment: warm invocations reuse the client and its connections.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Stores the event's order once; EventBridge delivers at least once, so a repeat is reported, not written. */
export async function storeOrderEvent(event: OrderPlacedEvent): Promise<StoreResult> {
  const { orderId, customerId, createdAt, currency, totalCents } = event.detail;
  try {
    await documents.send(new PutCommand({
      TableName: process.env.TABLE_NAME,
      Item: { orderId, customerId, createdAt, currency, totalCents },
      ConditionExpression: 'attribute_not_exists(orderId)',
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { stored: false, orderId, reason: 'duplicate' };
    throw error;
  }
  // Logged so the delivery can be followed in CloudWatch Logs, next to the event's id.
  console.log(JSON.stringify({ message: 'order stored', orderId, eventId: event.id }));
  return { stored: true, orderId };
}
