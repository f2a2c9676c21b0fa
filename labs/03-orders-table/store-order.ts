/** Lab 03: the Lambda handler that stores accepted orders. Complete every TODO, then run `npx workshop check 03`. */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

/** An accepted order, as the order handler passes it on. */
export interface AcceptedOrder {
  orderId: string;
  customerId: string;
  createdAt: string;
  currency: string;
  totalCents: number;
}

/** What the handler answers. */
export type StoreResult = { stored: true; orderId: string } | { stored: false; orderId: string; reason: 'duplicate' };

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Stores an accepted order once: a repeated orderId is reported, never written over. */
export async function storeOrder(event: AcceptedOrder): Promise<StoreResult> {
  const tableName = process.env.TABLE_NAME;
  // TODO: put the order's five fields (only those, not the whole event) as an item in tableName,
  //       only if no item has its orderId yet (a ConditionExpression).
  // TODO: when DynamoDB refuses (ConditionalCheckFailedException), answer { stored: false, orderId, reason: 'duplicate' };
  //       rethrow any other error, so the invocation fails.
  return { stored: true, orderId: event.orderId };
}
