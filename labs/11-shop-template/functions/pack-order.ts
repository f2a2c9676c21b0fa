/** Lab 11 (given): the packing queue's consumer, which marks each order it receives as packed. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** A batch of messages, as Lambda's event source mapping hands it over. */
export interface PackingBatch {
  Records: Array<{ messageId: string; body: string }>;
}

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Sets status `packed` on each order; a message that fails is reported alone, so Lambda retries only it. */
export async function handler(batch: PackingBatch): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> {
  const table = process.env.TABLE_NAME;
  if (!table) throw new Error('TABLE_NAME must be set in the function environment');
  const batchItemFailures: Array<{ itemIdentifier: string }> = [];
  for (const record of batch.Records) {
    try {
      const { orderId } = JSON.parse(record.body) as { orderId: string };
      await documents.send(new UpdateCommand({
        TableName: table,
        Key: { orderId },
        UpdateExpression: 'SET #status = :packed, packedAt = :now',
        ConditionExpression: 'attribute_exists(orderId)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':packed': 'packed', ':now': new Date().toISOString() },
      }));
    } catch (error) {
      console.error(`order in message ${record.messageId} not packed:`, error);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
