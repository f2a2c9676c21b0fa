/** Writes an order exactly once, however many times the same request arrives. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** An order as stored: the key, the index keys and the rest. */
export interface StoredOrder {
  orderId: string;
  customerId: string;
  createdAt: string;
  totalCents: number;
  status: 'PLACED' | 'PAID' | 'CANCELLED';
}

/**
 * Puts `order` only if no item has its orderId yet. A retry of the same request finds the item
 * and changes nothing, so the caller can retry freely: the write is idempotent.
 */
export async function placeOrder(
  documents: DynamoDBDocumentClient,
  tableName: string,
  order: StoredOrder,
): Promise<'created' | 'duplicate'> {
  try {
    await documents.send(new PutCommand({
      TableName: tableName,
      Item: order,
      ConditionExpression: 'attribute_not_exists(orderId)',
    }));
    return 'created';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'duplicate';
    throw error;
  }
}
