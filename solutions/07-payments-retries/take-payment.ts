/**
 * Lab 07 solution: the shop's payment step. EventBridge and Lambda deliver each Order Placed event
 * at least once, and retry it when the charge fails, so the step claims an idempotency key with
 * a conditional write before it charges: however often the event arrives, the card is charged once.
 */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { chargeCard } from './payments-client.ts';

/** An order the checkout accepted, as its event carries it. */
export interface PlacedOrder {
  orderId: string;
  customerId: string;
  currency: string;
  totalCents: number;
}

/** The envelope EventBridge delivers to a Lambda target. */
export interface OrderPlacedEvent {
  id: string;
  source: string;
  'detail-type': string;
  detail: PlacedOrder;
}

/** What the step answers. */
export type PaymentResult = { charged: true; orderId: string; chargeId: string } | { charged: false; orderId: string; reason: 'duplicate' };

/** The step's name: part of every key it claims, since the shop's other steps claim the same orders in the same table. */
export const STEP = 'take-payment';
/** How long a key is kept: far longer than any retry or redelivery of the event (both end within minutes). */
const KEY_LIFETIME_SECONDS = 24 * 60 * 60;

// Built once per execution environment: warm invocations reuse the client and its connections.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Claims `key` for this delivery; false when another delivery (a duplicate or an earlier attempt) holds it. */
async function claim(key: string): Promise<boolean> {
  try {
    await documents.send(new PutCommand({
      TableName: process.env.IDEMPOTENCY_TABLE,
      // expiresAt is the table's time-to-live attribute, in seconds: DynamoDB deletes old keys by itself.
      Item: { idempotencyKey: key, status: 'IN_PROGRESS', expiresAt: Math.floor(Date.now() / 1000) + KEY_LIFETIME_SECONDS },
      // The check and the write are one step: of two deliveries at the same moment, only one wins.
      ConditionExpression: 'attribute_not_exists(idempotencyKey)',
    }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Charges the event's order once, however many times the event is delivered. */
export async function takePayment(event: OrderPlacedEvent): Promise<PaymentResult> {
  const { orderId, totalCents, currency } = event.detail;
  // From the business data, not the event id: a redelivered or republished order has a new event id.
  const key = `${STEP}#${orderId}`;
  if (!(await claim(key))) {
    console.log(JSON.stringify({ message: 'already charged or being charged', orderId, eventId: event.id }));
    return { charged: false, orderId, reason: 'duplicate' };
  }
  let chargeId: string;
  try {
    ({ chargeId } = await chargeCard({ orderId, amountCents: totalCents, currency }));
  } catch (error) {
    // Give the key back, then fail: Lambda retries the event, and the retry must be able to charge.
    await documents.send(new DeleteCommand({ TableName: process.env.IDEMPOTENCY_TABLE, Key: { idempotencyKey: key } }));
    throw error;
  }
  await documents.send(new UpdateCommand({
    TableName: process.env.IDEMPOTENCY_TABLE,
    Key: { idempotencyKey: key },
    UpdateExpression: 'SET #status = :done, chargeId = :chargeId',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':done': 'COMPLETED', ':chargeId': chargeId },
  }));
  console.log(JSON.stringify({ message: 'order charged', orderId, chargeId, eventId: event.id }));
  return { charged: true, orderId, chargeId };
}
