/** Lab 08: the shop's order writer. Complete every TODO, then run `npx workshop check 08`. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

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

// Built once per execution environment: warm invocations reuse the clients and their connections.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const events = new EventBridgeClient({});

/** Stores the order and publishes its Order Placed event. */
export async function placeOrder(order: PlacedOrder): Promise<PlaceResult> {
  const { orderId } = order;
  const createdAt = new Date().toISOString();
  // TODO: this is the dual-write problem: when the function dies between these two writes, the order
  //       is stored and its event is lost. Write the order AND an outbox item in ONE TransactWriteCommand:
  //       a Put of { ...order, createdAt } into process.env.ORDERS_TABLE with ConditionExpression
  //       'attribute_not_exists(orderId)', and a Put into process.env.OUTBOX_TABLE of
  //       { outboxId: `order-placed#${orderId}`, source, detailType, detail: JSON.stringify({ ...order, createdAt }), createdAt }
  //       with 'attribute_not_exists(outboxId)'. Then remove the PutEvents: the relay publishes from the outbox's stream.
  // TODO: a TransactionCanceledException with a 'ConditionalCheckFailed' in CancellationReasons means the order
  //       exists already: return { status: 'duplicate', orderId }. Throw any other error.
  await documents.send(new PutCommand({ TableName: process.env.ORDERS_TABLE, Item: { ...order, createdAt } }));
  await events.send(new PutEventsCommand({
    Entries: [{ EventBusName: process.env.EVENT_BUS, Source: EVENT.source, DetailType: EVENT.detailType, Detail: JSON.stringify({ ...order, createdAt }) }],
  }));
  return { status: 'accepted', orderId };
}
