/** The two reads the shop needs, each answered by a key: one order, and a customer's orders. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BY_CUSTOMER } from './orders-table.ts';
import type { StoredOrder } from './place-order.ts';

/** Reads one order by its key, with a strongly consistent read. */
export async function getOrder(
  documents: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<StoredOrder | undefined> {
  const answer = await documents.send(new GetCommand({
    TableName: tableName,
    Key: { orderId },
    ConsistentRead: true,
  }));
  return answer.Item as StoredOrder | undefined;
}

/** Lists a customer's orders, newest first, from the byCustomer index (eventually consistent). */
export async function ordersOfCustomer(
  documents: DynamoDBDocumentClient,
  tableName: string,
  customerId: string,
): Promise<StoredOrder[]> {
  const answer = await documents.send(new QueryCommand({
    TableName: tableName,
    IndexName: BY_CUSTOMER,
    KeyConditionExpression: 'customerId = :customer',
    ExpressionAttributeValues: { ':customer': customerId },
    ScanIndexForward: false,
  }));
  return (answer.Items ?? []) as StoredOrder[];
}

/** Moves an order from PLACED to PAID; false when it was not PLACED (already paid, or cancelled). */
export async function markPaid(
  documents: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
  paymentId: string,
): Promise<boolean> {
  try {
    await documents.send(new UpdateCommand({
      TableName: tableName,
      Key: { orderId },
      UpdateExpression: 'SET #status = :paid, paymentId = :payment',
      ConditionExpression: '#status = :placed',
      // "status" is a reserved word in DynamoDB expressions, hence the #status placeholder.
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':paid': 'PAID', ':placed': 'PLACED', ':payment': paymentId },
    }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
