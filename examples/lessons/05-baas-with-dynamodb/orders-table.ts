/** The shop's orders table: one item per order, and an index to list a customer's orders. */
import {
  CreateTableCommand, ResourceInUseException, waitUntilTableExists, type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** The global secondary index that answers "orders of customer C, newest first". */
export const BY_CUSTOMER = 'byCustomer';

/** Creates the orders table (on-demand capacity) unless it exists, and waits until it is ACTIVE. */
export async function createOrdersTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await dynamodb.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      // Only key attributes are declared; every other attribute is free-form.
      AttributeDefinitions: [
        { AttributeName: 'orderId', AttributeType: 'S' },
        { AttributeName: 'customerId', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{
        IndexName: BY_CUSTOMER,
        KeySchema: [
          { AttributeName: 'customerId', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      }],
    }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  // minDelay 1: the SDK would wait 20 s before its first retry; a new on-demand table is ACTIVE within seconds.
  await waitUntilTableExists({ client: dynamodb, minDelay: 1, maxWaitTime: 60 }, { TableName: tableName });
}
