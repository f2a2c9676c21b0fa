/**
 * Lambda's DeadLetterConfig: stored by CreateFunction, shown by GetFunctionConfiguration, changed
 * or removed (empty TargetArn) by UpdateFunctionConfiguration, and used. AWS: an asynchronous
 * event that still fails after its retries goes to the dead-letter queue as-is, with the message
 * attributes RequestID (String), ErrorCode (Number, the 3-digit HTTP status) and ErrorMessage
 * (String, the first 1 KB of the error), in addition to an on-failure destination.
 */
import {
  GetFunctionConfigurationCommand, InvokeCommand, PutFunctionEventInvokeConfigCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';
import { createQueue } from '../support/sqs.ts';

const ACCOUNT = '000000000000';
const arnOf = (queue: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${queue}`;

const FAILING = `exports.handler = async (event) => { throw new Error('payment declined for ' + event.orderId); };\n`;

async function receiveOne(sqs: SQSClient, queueUrl: string) {
  return eventually(async () => {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ['All'], WaitTimeSeconds: 0 }));
    return Messages?.[0];
  }, 60_000, 100);
}

describe('Lambda dead-letter queues', () => {
  // Lambda waits a minute, then two, between retries: a thousandth of that here.
  const emulator = useEmulator({ timeFactor: 0.001, settings: { lambdaStateDelayMs: 10 } });

  it('stores DeadLetterConfig, shows it, changes it, removes it and refuses an ARN that is no queue or topic', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'dlq-settings', { DeadLetterConfig: { TargetArn: arnOf('orders-dlq') } });
    const created = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'dlq-settings' }));
    expect(created.DeadLetterConfig).toEqual({ TargetArn: arnOf('orders-dlq') });
    const topic = `arn:aws:sns:us-east-1:${ACCOUNT}:orders-failed`;
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'dlq-settings', DeadLetterConfig: { TargetArn: topic } }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 20 }, { FunctionName: 'dlq-settings' });
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'dlq-settings' }))).DeadLetterConfig).toEqual({ TargetArn: topic });
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'dlq-settings', DeadLetterConfig: { TargetArn: '' } }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 20 }, { FunctionName: 'dlq-settings' });
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'dlq-settings' }))).DeadLetterConfig).toBeUndefined();
    const refused = await lambda.send(new UpdateFunctionConfigurationCommand({
      FunctionName: 'dlq-settings', DeadLetterConfig: { TargetArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:other` },
    })).catch((error: Error) => error);
    expect((refused as Error).name).toBe('InvalidParameterValueException');
  });

  it('sends an event that failed all its attempts to the dead-letter queue, besides the on-failure destination', async () => {
    const { lambda, sqs } = emulator.clients;
    const dlq = await createQueue(sqs, 'payments-dlq');
    const failures = await createQueue(sqs, 'payments-failures');
    await createFunction(lambda, 'dlq-payments', { files: { 'index.js': FAILING }, DeadLetterConfig: { TargetArn: arnOf('payments-dlq') } });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'dlq-payments', MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: arnOf('payments-failures') } } }));
    const event = { orderId: 'o-42', amount: 12.5 };
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'dlq-payments', InvocationType: 'Event', Payload: JSON.stringify(event) }));
    expect(invoked.StatusCode).toBe(202);
    const requestId = invoked.$metadata.requestId;

    const dead = await receiveOne(sqs, dlq);
    expect(JSON.parse(dead.Body!)).toEqual(event);
    expect(dead.MessageAttributes?.RequestID).toEqual({ DataType: 'String', StringValue: requestId });
    expect(dead.MessageAttributes?.ErrorCode).toEqual({ DataType: 'Number', StringValue: '200' });
    expect(dead.MessageAttributes?.ErrorMessage).toEqual({ DataType: 'String', StringValue: 'payment declined for o-42' });

    const record = JSON.parse((await receiveOne(sqs, failures)).Body!);
    expect(record.requestContext).toMatchObject({ requestId, condition: 'RetriesExhausted', approximateInvokeCount: 2 });
  });

  it('sends nothing to the dead-letter queue when the event succeeds', async () => {
    const { lambda, sqs } = emulator.clients;
    const dlq = await createQueue(sqs, 'quiet-dlq');
    await createFunction(lambda, 'dlq-quiet', { DeadLetterConfig: { TargetArn: arnOf('quiet-dlq') } });
    await lambda.send(new InvokeCommand({ FunctionName: 'dlq-quiet', InvocationType: 'Event', Payload: '{}' }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 0 }));
    expect(Messages ?? []).toEqual([]);
  });

  it('delivers nothing into another account, whose queue policy the emulator does not evaluate', async () => {
    const { lambda } = emulator.clients;
    const other = emulator.clientsFor('222222222222');
    const theirs = await createQueue(other.sqs, 'their-dlq');
    await createFunction(lambda, 'dlq-elsewhere', { files: { 'index.js': FAILING }, DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:222222222222:their-dlq' } });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'dlq-elsewhere', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:222222222222:their-dlq' } } }));
    await lambda.send(new InvokeCommand({ FunctionName: 'dlq-elsewhere', InvocationType: 'Event', Payload: '{"orderId":"o-1"}' }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { Messages } = await other.sqs.send(new ReceiveMessageCommand({ QueueUrl: theirs, WaitTimeSeconds: 0 }));
    expect(Messages ?? []).toEqual([]);
  });
});
