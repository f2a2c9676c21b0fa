/**
 * An SQS consumer that ships each order once, even when SQS delivers a message twice, and that
 * reports only the messages it could not handle, so the rest of the batch is not redelivered.
 */
import { DynamoDBClient, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

/** The part of an SQS event this consumer reads. */
export interface SqsEvent {
  Records: Array<{ messageId: string; body: string }>;
}

/** What the function returns when the mapping has ReportBatchItemFailures. */
export interface BatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.IDEMPOTENCY_TABLE ?? 'idempotency';
const DAY_SECONDS = 24 * 60 * 60;

/** Records `key` as taken; false when another delivery already took it. */
async function claim(key: string): Promise<boolean> {
  try {
    await documents.send(new PutCommand({
      TableName: TABLE,
      // expiresAt is the table's time-to-live attribute: DynamoDB deletes old keys by itself.
      Item: { key, expiresAt: Math.floor(Date.now() / 1000) + DAY_SECONDS },
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': 'key' },
    }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The side effect to do once per order. */
async function ship(order: { orderId: string }): Promise<void> {
  console.log(`SHIPPED ${order.orderId}`);
}

/** Handles a batch: ships new orders, skips duplicates, reports failures one by one. */
export const handler = async (event: SqsEvent): Promise<BatchResponse> => {
  const batchItemFailures: BatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    let key: string | undefined;
    try {
      const order = JSON.parse(record.body) as { orderId?: unknown };
      if (typeof order.orderId !== 'string') throw new Error('message has no orderId');
      // The idempotency key comes from the business data, not from the message id: a producer
      // that sends the same order twice produces two messages with different ids.
      key = `ship#${order.orderId}`;
      if (!(await claim(key))) continue; // already shipped: succeed without doing it again
      await ship({ orderId: order.orderId });
    } catch (error) {
      console.error(`FAILED ${record.messageId}: ${(error as Error).message}`);
      // Give the key back so the retry can do the work.
      if (key) {
        await documents.send(new DeleteCommand({ TableName: TABLE, Key: { key } })).catch(() => undefined);
      }
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
