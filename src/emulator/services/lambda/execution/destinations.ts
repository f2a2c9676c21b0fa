/**
 * Destinations of asynchronous invocations: the record Lambda sends on success or failure, and its
 * delivery to an SQS queue, SNS topic, Lambda function or EventBridge bus through the emulator's
 * own APIs (as a client would call them; a service that is not emulated makes delivery fail).
 */
import type { Emulator } from '../../../emulator.ts';
import { callAs } from '../../../policy/acting-as.ts';
import type { InvocationOutcome } from './invocation.ts';
import type { FunctionRuntimeConfig } from './types.ts';

/** Why an asynchronous event ended. */
export type DestinationCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

function parsed(payload: Buffer): unknown {
  if (payload.length === 0) return null;
  const text = payload.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The invocation record Lambda sends to a destination, in AWS's shape (version 1.0). */
export function destinationRecord(
  config: FunctionRuntimeConfig,
  requestId: string,
  requestPayload: Buffer,
  condition: DestinationCondition,
  approximateInvokeCount: number,
  last: InvocationOutcome | undefined,
): Record<string, unknown> {
  const record: Record<string, unknown> = {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: { requestId, functionArn: `${config.functionArn}:${config.version}`, condition, approximateInvokeCount },
    requestPayload: parsed(requestPayload),
  };
  if (last) {
    record.responseContext = {
      statusCode: 200,
      executedVersion: config.version,
      ...(last.functionError ? { functionError: last.functionError } : {}),
    };
    record.responsePayload = parsed(last.payload);
  }
  return record;
}

/** Lambda puts the first 1 KB of the error message in a dead-letter message's attributes. */
const DEAD_LETTER_MESSAGE_BYTES = 1024;

function errorMessageOf(last: InvocationOutcome | undefined, condition: DestinationCondition): string {
  if (condition === 'EventAgeExceeded') return 'The event was older than the maximum event age when Lambda could run it.';
  const payload = last ? parsed(last.payload) : null;
  const message = typeof payload === 'object' && payload !== null && typeof (payload as { errorMessage?: unknown }).errorMessage === 'string'
    ? (payload as { errorMessage: string }).errorMessage
    : typeof payload === 'string' ? payload : JSON.stringify(payload);
  const bytes = Buffer.from(message || 'Unhandled', 'utf8');
  return bytes.length <= DEAD_LETTER_MESSAGE_BYTES ? bytes.toString('utf8') : bytes.subarray(0, DEAD_LETTER_MESSAGE_BYTES).toString('utf8').replace(/\uFFFD$/, '');
}

/**
 * Sends a failed event to the function's dead-letter queue as Lambda does: the event itself as
 * the message body, with RequestID, ErrorCode (the invoke's 3-digit HTTP status) and
 * ErrorMessage (its first 1 KB) as message attributes. Only SQS queues are delivered to; an
 * SNS topic is accepted by the control plane but the emulator has no SNS to publish to.
 */
export async function deliverDeadLetter(
  emulator: Emulator,
  ownAccount: string,
  target: string,
  requestId: string,
  payload: Buffer,
  condition: DestinationCondition,
  last: InvocationOutcome | undefined,
  accessKeyId?: string,
): Promise<void> {
  const [, , service, region, account, ...rest] = target.split(':');
  const resource = rest.join(':');
  if (service !== 'sqs' || !region || !account || !resource) throw new Error(`${target} is not an SQS queue; the emulator delivers dead letters to SQS only`);
  sameAccount(target, account, ownAccount);
  const scope = { account, region };
  const found = await emulator.call('sqs', 'GetQueueUrl', { QueueName: resource, QueueOwnerAWSAccountId: account }, scope);
  // Sent with the function's role, as Lambda does: a role that lost sqs:SendMessage loses the dead letter.
  await callAs(emulator, accessKeyId, 'sqs', 'SendMessage', {
    QueueUrl: found?.QueueUrl,
    MessageBody: payload.length > 0 ? payload.toString('utf8') : '{}',
    MessageAttributes: {
      RequestID: { DataType: 'String', StringValue: requestId },
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: { DataType: 'String', StringValue: errorMessageOf(last, condition) },
    },
  }, scope);
}

/**
 * Another account's resource takes a delivery only when its resource policy allows it, which the
 * emulator does not evaluate here: it delivers within the function's own account only, so no
 * function (a graded submission's) can write into another account.
 */
function sameAccount(arn: string, account: string, ownAccount: string): void {
  if (account !== ownAccount) throw new Error(`${arn} belongs to account ${account}, not the function's ${ownAccount}: the emulator delivers only within the function's own account`);
}

/** Sends a record to a destination ARN; throws when it cannot be delivered. */
export async function deliver(emulator: Emulator, destination: string, record: Record<string, unknown>, config: FunctionRuntimeConfig): Promise<void> {
  const [, , service, region, account, ...rest] = destination.split(':');
  const resource = rest.join(':');
  if (!service || !region || !account || !resource) throw new Error(`${destination} is not a destination ARN`);
  sameAccount(destination, account, config.account);
  const scope = { account, region };
  const body = JSON.stringify(record);
  // Sent with the function's role, as Lambda does: what the role may not do fails the delivery.
  const key = config.credentials?.accessKeyId;
  if (service === 'sqs') {
    const found = await emulator.call('sqs', 'GetQueueUrl', { QueueName: resource, QueueOwnerAWSAccountId: account }, scope);
    await callAs(emulator, key, 'sqs', 'SendMessage', { QueueUrl: found?.QueueUrl, MessageBody: body }, scope);
  } else if (service === 'sns') {
    await callAs(emulator, key, 'sns', 'Publish', { TopicArn: destination, Message: body }, scope);
  } else if (service === 'lambda') {
    const source = `${config.functionArn}:${config.version}`;
    await callAs(emulator, key, 'lambda', 'Invoke', { FunctionName: destination, InvocationType: 'Event', Payload: Buffer.from(body), InvocationSource: source }, scope);
  } else if (service === 'events') {
    const success = (record.requestContext as { condition: string }).condition === 'Success';
    const answer = await callAs(emulator, key, 'events', 'PutEvents', {
      Entries: [{
        Source: 'lambda',
        DetailType: `Lambda Function Invocation Result - ${success ? 'Success' : 'Failure'}`,
        Detail: body,
        EventBusName: destination,
        Resources: [destination, `${config.functionArn}:${config.version}`],
      }],
    }, scope);
    if (answer?.FailedEntryCount) throw new Error(`EventBridge refused the record: ${JSON.stringify(answer.Entries ?? [])}`);
  } else {
    throw new Error(`${service} is not a destination type Lambda supports`);
  }
}
