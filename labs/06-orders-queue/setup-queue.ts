/** Lab 06: put a queue with a dead-letter queue between order intake and fulfilment. Complete every TODO, then run `npx workshop check 06`. */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SQSClient } from '@aws-sdk/client-sqs';

/** The SDK clients the setup uses. */
export interface OrdersQueueClients {
  sqs: SQSClient;
  lambda: LambdaClient;
}

/** What to create, and the function that consumes the queue. */
export interface OrdersQueueSetup {
  queueName: string;
  deadLetterQueueName: string;
  /** The ARN of the deployed fulfilment function (fulfil-orders.ts). */
  functionArn: string;
  /** How many times a message is received before it moves to the dead-letter queue. */
  maxReceiveCount: number;
}

/** Creates the queue and its dead-letter queue, and connects the function; resolves with the queue's URL. */
export async function setupOrdersQueue(clients: OrdersQueueClients, setup: OrdersQueueSetup): Promise<string> {
  const { sqs, lambda } = clients;
  // TODO: create the dead-letter queue setup.deadLetterQueueName and read its QueueArn (GetQueueAttributesCommand).
  // TODO: create the queue setup.queueName with a RedrivePolicy (JSON: deadLetterTargetArn and
  //       setup.maxReceiveCount) and a VisibilityTimeout of at least six times the function's timeout
  //       (GetFunctionConfigurationCommand gives Timeout, in seconds).
  // TODO: connect the function to the queue (CreateEventSourceMappingCommand): BatchSize 10, a batching
  //       window (MaximumBatchingWindowInSeconds) and FunctionResponseTypes ['ReportBatchItemFailures'].
  // TODO: return the queue's URL.
  return '';
}
