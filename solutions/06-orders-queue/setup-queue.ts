/** Lab 06 solution: put a queue with a dead-letter queue between order intake and fulfilment. */
import {
  CreateEventSourceMappingCommand, GetFunctionConfigurationCommand, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand, type LambdaClient,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

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

/** How long Lambda may gather messages before it invokes the function with a batch. */
const BATCHING_WINDOW_SECONDS = 1;

async function queueArnOf(sqs: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return Attributes!.QueueArn!;
}

/** Creates the queue and its dead-letter queue, and connects the function; resolves with the queue's URL. */
export async function setupOrdersQueue(clients: OrdersQueueClients, setup: OrdersQueueSetup): Promise<string> {
  const { sqs, lambda } = clients;
  const { queueName, deadLetterQueueName, functionArn, maxReceiveCount } = setup;
  // The function's own timeout, not a guess: the queue must outlast its slowest batch.
  const { Timeout = 3 } = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionArn }));

  const deadLetterUrl = (await sqs.send(new CreateQueueCommand({ QueueName: deadLetterQueueName }))).QueueUrl!;
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: queueName }))).QueueUrl!;
  // Set apart from CreateQueue: CreateQueue refuses an existing name with other attributes,
  // while SetQueueAttributes makes a second run bring an existing queue up to date.
  await sqs.send(new SetQueueAttributesCommand({
    QueueUrl: queueUrl,
    Attributes: {
      // AWS's advice for a Lambda consumer: six times the function's timeout (plus the batching
      // window), so a batch that is still running, or retried after a throttle, does not
      // become visible again and run twice.
      VisibilityTimeout: String(6 * Timeout + BATCHING_WINDOW_SECONDS),
      // After maxReceiveCount failed receives, the next receive moves the message to the
      // dead-letter queue: a poison message stops coming back, and nothing is lost.
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await queueArnOf(sqs, deadLetterUrl), maxReceiveCount }),
    },
  }));

  const queueArn = await queueArnOf(sqs, queueUrl);
  const settings = {
    BatchSize: 10,
    MaximumBatchingWindowInSeconds: BATCHING_WINDOW_SECONDS,
    // Without it Lambda ignores batchItemFailures: one bad message fails (or passes) the whole batch.
    FunctionResponseTypes: ['ReportBatchItemFailures' as const],
  };
  // A queue and a function have one mapping: a second run updates it instead of failing.
  const [existing] = (await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: queueArn, FunctionName: functionArn }))).EventSourceMappings ?? [];
  if (existing) await lambda.send(new UpdateEventSourceMappingCommand({ UUID: existing.UUID, ...settings }));
  else await lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queueArn, FunctionName: functionArn, ...settings }));
  return queueUrl;
}
