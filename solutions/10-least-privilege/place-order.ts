/**
 * Lab 10: the shop's order writer, given complete. It stores one order in ORDERS_TABLE with
 * PutItem, and nothing else: what it may do is its execution role's policy
 * (least-privilege.ts), not this code. Nothing to change here.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

const db = new DynamoDBClient({});

/** An order placed by a customer; its id starts with `ord-`. */
export interface PlacedOrder {
  orderId: string;
  customerId: string;
  totalCents: number;
}

/** Stores the order once (a second delivery of the same id is refused by the condition). */
export async function placeOrder(order: PlacedOrder): Promise<{ orderId: string; stored: true }> {
  await db.send(new PutItemCommand({
    TableName: process.env.ORDERS_TABLE,
    Item: { orderId: { S: order.orderId }, customerId: { S: order.customerId }, totalCents: { N: String(order.totalCents) } },
    ConditionExpression: 'attribute_not_exists(orderId)',
  }));
  return { orderId: order.orderId, stored: true };
}
