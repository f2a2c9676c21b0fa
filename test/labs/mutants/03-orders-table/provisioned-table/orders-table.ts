/** Lab 03 mutant: creates the table with provisioned capacity instead of on-demand billing. */
import { CreateTableCommand, ResourceInUseException, waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The global secondary index that finds a customer's orders. */
export const CUSTOMER_INDEX = 'byCustomer';

/** An order as the table stores it. */
export interface StoredOrder {
  orderId: string;
  customerId: string;
  /** ISO 8601 time, like `2025-05-01T10:15:00.000Z`: strings in this form sort by time. */
  createdAt: string;
  currency: string;
  totalCents: number;
}

/** Creates the orders table (or leaves an existing one alone) and resolves once it is ACTIVE. */
export async function createOrdersTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await dynamodb.send(new CreateTableCommand({
      TableName: tableName,
      // On-demand: no capacity to guess, and an idle shop pays nothing for throughput.
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      // Only key attributes are declared: DynamoDB is schemaless for everything else.
      AttributeDefinitions: [
        { AttributeName: 'orderId', AttributeType: 'S' },
        { AttributeName: 'customerId', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{
        IndexName: CUSTOMER_INDEX,
        // The sort key keeps each customer's orders in time order, so "newest first" is a Query, not a sort in code.
        KeySchema: [
          { AttributeName: 'customerId', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        // ALL lets the listing answer from the index alone, without a GetItem per order.
        Projection: { ProjectionType: 'ALL' },
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      }],
    }));
  } catch (error) {
    // Running the setup twice must not fail; any other error (a bad definition) still must.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  // CreateTable answers while the table is CREATING; writes before ACTIVE fail.
  await waitUntilTableExists({ client: dynamodb, minDelay: 1, maxWaitTime: 60 }, { TableName: tableName });
}

/** The customer's orders, newest first. */
export async function listCustomerOrders(documents: DynamoDBDocumentClient, tableName: string, customerId: string): Promise<StoredOrder[]> {
  const orders: StoredOrder[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new QueryCommand({
      TableName: tableName,
      // The index reads only this customer's items; a Scan with a filter would read (and bill) the whole table.
      IndexName: CUSTOMER_INDEX,
      KeyConditionExpression: 'customerId = :customerId',
      ExpressionAttributeValues: { ':customerId': customerId },
      ScanIndexForward: false,
      ExclusiveStartKey: startKey,
    }));
    orders.push(...((page.Items ?? []) as StoredOrder[]));
    // A page stops at 1 MB: a customer with a long history needs more than one.
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return orders;
}
