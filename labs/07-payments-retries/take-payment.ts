/** Lab 07: the shop's payment step, invoked asynchronously by an EventBridge rule. Complete every TODO, then run `npx workshop check 07`. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

// Built once per execution environment: warm invocations reuse the client and its connections.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Charges the event's order once, however many times the event is delivered. */
export async function takePayment(event: OrderPlacedEvent): Promise<PaymentResult> {
  const { orderId, totalCents, currency } = event.detail;
  // TODO: the idempotency key: `${STEP}#${orderId}` (the order, not the event id, which changes when the order is sent again).
  // TODO: claim the key before charging: PutCommand into process.env.IDEMPOTENCY_TABLE with
  //       Item { idempotencyKey: key, status: 'IN_PROGRESS', expiresAt: <a day from now, in seconds> }
  //       and ConditionExpression 'attribute_not_exists(idempotencyKey)'. On ConditionalCheckFailedException
  //       another delivery has the key: return { charged: false, orderId, reason: 'duplicate' } without charging.
  // TODO: when chargeCard throws, delete the key (DeleteCommand) and throw the error again, so Lambda's retry can charge.
  void documents;
  const { chargeId } = await chargeCard({ orderId, amountCents: totalCents, currency });
  // TODO: after the charge, mark the key COMPLETED with the chargeId (UpdateCommand).
  return { charged: true, orderId, chargeId };
}
