/** Lab 06 solution: fulfil the orders a queue delivers, so that one bad message fails alone. */
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** The parts of one SQS record (from Lambda's event source mapping) this handler reads. */
export interface OrderMessage {
  messageId: string;
  body: string;
}

/** A batch of messages, as Lambda hands it to the function. */
export interface OrdersBatch {
  Records: OrderMessage[];
}

/** The answer Lambda reads when the mapping has FunctionResponseTypes ReportBatchItemFailures. */
export interface BatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

// Built once per execution environment: warm invocations reuse the client and its connections.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** The order a message names; throws when the message is not one (a poison message). */
function orderIdOf(body: string): string {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    throw new Error('the message is not JSON');
  }
  const orderId = (message as { orderId?: unknown } | null)?.orderId;
  if (typeof orderId !== 'string' || orderId === '') throw new Error('the message names no orderId');
  return orderId;
}

/** Marks the message's order fulfilled, once; a repeat of a fulfilled order is done already. */
async function fulfil(message: OrderMessage): Promise<void> {
  const orderId = orderIdOf(message.body);
  try {
    await documents.send(new UpdateCommand({
      TableName: process.env.TABLE_NAME,
      Key: { orderId },
      UpdateExpression: 'SET #status = :fulfilled, fulfilledAt = :now, fulfilledBy = :messageId',
      // The check and the write are one step: of two deliveries of one order, only one can win.
      // attribute_exists keeps an unknown id from creating an order out of nothing.
      ConditionExpression: 'attribute_exists(orderId) AND attribute_not_exists(fulfilledAt)',
      // status is one of DynamoDB's reserved words, so it needs a placeholder.
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':fulfilled': 'fulfilled', ':now': new Date().toISOString(), ':messageId': message.messageId },
      // On a failed condition DynamoDB then answers with the item, if there is one: that tells
      // "fulfilled already" (an item) from "no such order" (none) without a second read.
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // A duplicate delivery (SQS delivers at least once, producers retry): succeed, do nothing.
    if (error.Item) return;
    throw new Error(`order ${orderId} does not exist`);
  }
}

/** Fulfils a batch; answers the ids of the messages that failed, so only those are retried. */
export async function handleFulfilment(event: OrdersBatch): Promise<BatchResponse> {
  // Each message on its own: a failure is caught per message instead of failing the batch.
  const outcomes = await Promise.allSettled(event.Records.map((message) => fulfil(message)));
  const batchItemFailures: BatchResponse['batchItemFailures'] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') return;
    const { messageId } = event.Records[index]!;
    console.error(`message ${messageId} failed: ${(outcome.reason as Error).message}`);
    // The messageId, not the order id or the receipt handle: Lambda deletes every message of
    // the batch but these, and an id it does not know makes it retry the whole batch.
    batchItemFailures.push({ itemIdentifier: messageId });
  });
  return { batchItemFailures };
}
