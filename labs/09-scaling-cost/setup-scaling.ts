/** Lab 09: cap what the payment step and the shipping step may run at once. Complete every TODO, then run `npx workshop check 09`. */
import {
  CreateEventSourceMappingCommand, GetFunctionConfigurationCommand, ListEventSourceMappingsCommand, PutFunctionConcurrencyCommand, UpdateEventSourceMappingCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** The payment function, and how many charges its provider accepts at once. */
export interface PaymentLimit {
  functionName: string;
  maxConcurrent: number;
}

/** Reserves the payment step's concurrency, so it never runs more than the provider accepts. */
export async function protectPayments(lambda: LambdaClient, limit: PaymentLimit): Promise<void> {
  // TODO: reserve limit.maxConcurrent for the function (PutFunctionConcurrencyCommand with
  //       ReservedConcurrentExecutions): Lambda then throttles every invocation beyond it.
  void lambda;
  void PutFunctionConcurrencyCommand;
}

/** The SDK clients the queue setup uses. */
export interface ShipmentClients {
  lambda: LambdaClient;
  sqs: SQSClient;
}

/** The queue in front of the shipping function, and how many batches it may run at once. */
export interface ShipmentQueue {
  functionName: string;
  queueName: string;
  maxConcurrency: number;
}

/** Small batches: the warehouse books one order at a time, so a batch of two keeps a reader busy for two bookings. */
const BATCH_SIZE = 2;

/** Creates the shipments queue and its event source mapping, at most maxConcurrency batches at once; resolves with the queue's URL. */
export async function bufferShipments(clients: ShipmentClients, setup: ShipmentQueue): Promise<string> {
  const { lambda, sqs } = clients;
  const { Timeout = 3, FunctionArn } = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: setup.functionName }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: setup.queueName }));
  // AWS's advice: six times the function's timeout, so a batch still running never comes back.
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: String(6 * Timeout) } }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const settings = {
    BatchSize: BATCH_SIZE,
    FunctionResponseTypes: ['ReportBatchItemFailures' as const],
    // TODO: at most setup.maxConcurrency batches at once: the mapping's ScalingConfig.MaximumConcurrency.
  };
  const [existing] = (await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: Attributes!.QueueArn, FunctionName: FunctionArn }))).EventSourceMappings ?? [];
  if (existing) await lambda.send(new UpdateEventSourceMappingCommand({ UUID: existing.UUID, ...settings }));
  else await lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: Attributes!.QueueArn, FunctionName: setup.functionName, ...settings }));
  return QueueUrl!;
}
