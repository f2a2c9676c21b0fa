/** Lab 06: fulfil the orders a queue delivers. Complete every TODO, then run `npx workshop check 06`. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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

/** Fulfils a batch; answers the ids of the messages that failed, so only those are retried. */
export async function handleFulfilment(event: OrdersBatch): Promise<BatchResponse> {
  // TODO: for each message of event.Records, read the order id from its body ({ "orderId": "ord-..." }).
  //       A body that is not JSON or names no orderId can never succeed: that message fails.
  // TODO: mark the order fulfilled in the table process.env.TABLE_NAME, once: set status 'fulfilled',
  //       fulfilledAt (now, ISO 8601) and fulfilledBy (the message's messageId), with a condition that
  //       the order exists and is not fulfilled yet. An order that is fulfilled already is a duplicate
  //       delivery: succeed without writing. An order that does not exist fails.
  // TODO: one failed message must not fail the others: catch each failure and return
  //       { batchItemFailures: [{ itemIdentifier: <messageId> }, ...] } for the failed ones only.
  throw new Error(`${event.Records.length} message(s) arrived, but fulfilment is not written yet`);
}
