/** Lab 03 mutant: writes every order without a condition, so a repeat overwrites the stored order. */
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

// Built once per execution environment: warm invocations reuse the client and its connections.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Stores an accepted order once: a repeated orderId is reported, never written over. */
export async function storeOrder(event: AcceptedOrder): Promise<StoreResult> {
  const { orderId, customerId, createdAt, currency, totalCents } = event;
  try {
    await documents.send(new PutCommand({
      TableName: process.env.TABLE_NAME,
      // Only the known fields: whatever else the caller sends does not end up in the table.
      Item: { orderId, customerId, createdAt, currency, totalCents },
      // Checked and written in one step by DynamoDB: a read-then-write could let two copies of
      // the same order (a retried event) both see "absent" and the second overwrite the first.
    }));
  } catch (error) {
    // A repeat is an expected outcome, not a failure: failing would make Lambda's async retries
    // (and EventBridge's) send it again and again.
    if (error instanceof ConditionalCheckFailedException) return { stored: false, orderId, reason: 'duplicate' };
    throw error;
  }
  return { stored: true, orderId };
}
