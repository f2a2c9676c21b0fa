/** Lab 08 solution: the order and its Order Placed event are written in one DynamoDB transaction (the outbox). */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/** One line of an order. */
export interface OrderLine {
  sku: string;
  quantity: number;
}

/** An order the checkout accepted and priced. */
export interface PlacedOrder {
  orderId: string;
  customerId: string;
  currency: string;
  totalCents: number;
  items: OrderLine[];
}

/** What the writer answers: a new order, or one that was placed before (a client's retry). */
export type PlaceResult = { status: 'accepted'; orderId: string } | { status: 'duplicate'; orderId: string };

/** The event every placed order publishes, exactly once. */
export const EVENT = { source: 'shop.orders', detailType: 'Order Placed' } as const;

// Built once per execution environment: warm invocations reuse the client and its connections.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Stores the order and its outbox item together: both are written, or neither is. */
export async function placeOrder(order: PlacedOrder): Promise<PlaceResult> {
  const { orderId } = order;
  const createdAt = new Date().toISOString();
  try {
    await documents.send(new TransactWriteCommand({
      TransactItems: [
        // An order is never written over: a retry of a placed order changes nothing.
        { Put: { TableName: process.env.ORDERS_TABLE, Item: { ...order, createdAt }, ConditionExpression: 'attribute_not_exists(orderId)' } },
        // The event waits in the outbox; the relay publishes it from the outbox's stream, even if this function dies now.
        {
          Put: {
            TableName: process.env.OUTBOX_TABLE,
            Item: { outboxId: `order-placed#${orderId}`, source: EVENT.source, detailType: EVENT.detailType, detail: JSON.stringify({ ...order, createdAt }), createdAt },
            ConditionExpression: 'attribute_not_exists(outboxId)',
          },
        },
      ],
    }));
  } catch (error) {
    // Cancelled on a condition: the order (and so its event) exists already. Any other error is thrown, so the caller retries.
    const conditionFailed = error instanceof TransactionCanceledException && error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed');
    if (conditionFailed) return { status: 'duplicate', orderId };
    throw error;
  }
  // Nothing after the write may matter: the event is already safe in the outbox.
  return { status: 'accepted', orderId };
}
