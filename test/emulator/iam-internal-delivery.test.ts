/**
 * What Lambda sends with a function's execution role: destinations and the dead-letter queue
 * (checked when they are configured, in Lambda's words, and again when a record is sent) and the
 * function's logs (a role without logs:* permissions runs, but no logs appear, as on AWS).
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AttachRolePolicyCommand, CreateRoleCommand, DeleteRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  InvalidParameterValueException, InvokeCommand, PutFunctionEventInvokeConfigCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator, type EmulatorFixture } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';
import { createQueue } from '../support/sqs.ts';

const ACCOUNT = '000000000000';
const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const allow = (Action: string, Resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });
const arnOf = (queue: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${queue}`;
const FAILING = `exports.handler = async () => { console.log('charging the card'); throw new Error('payment declined'); };\n`;

async function functionWithRole(emulator: EmulatorFixture, name: string, files?: Record<string, string>): Promise<void> {
  const arn = (await emulator.clients.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: LAMBDA_TRUST }))).Role!.Arn!;
  await createFunction(emulator.clients.lambda, name, { Role: arn, ...(files ? { files } : {}) });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (caught: Error) => caught);
  expect(error, 'the call should have been refused').toBeInstanceOf(InvalidParameterValueException);
  return error!.message;
}

const refusalsOf = (emulator: EmulatorFixture, action: string) =>
  emulator.running.emulator.trace.list({ account: ACCOUNT }).filter((entry) => entry.kind === 'access-denied' && entry.iam?.action === action);

describe('destinations and dead-letter queues are sent with the function\'s role', () => {
  // Lambda waits a minute, then two, between retries: a thousandth of that here.
  const emulator = useEmulator({ timeFactor: 0.001, settings: { lambdaStateDelayMs: 0 } });

  it('PutFunctionEventInvokeConfig refuses a destination the role may not send to, and a role that loses it later sends nothing', async () => {
    const { lambda, sqs, iam } = emulator.clients;
    await functionWithRole(emulator, 'payer', { 'index.js': FAILING });
    const failures = await createQueue(sqs, 'payer-failures');
    const put = () => lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'payer', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: arnOf('payer-failures') } } }));
    expect(await refusal(put())).toBe('The function execution role does not have permissions to call SendMessage on SQS');
    await iam.send(new PutRolePolicyCommand({ RoleName: 'payer', PolicyName: 'failures', PolicyDocument: allow('sqs:SendMessage', arnOf('payer-failures')) }));
    await put();
    await lambda.send(new InvokeCommand({ FunctionName: 'payer', InvocationType: 'Event', Payload: '{"orderId":"o-1"}' }));
    const delivered = await eventually(async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: failures, WaitTimeSeconds: 0 }))).Messages?.[0], 20_000, 100);
    expect(JSON.parse(delivered.Body!).requestContext.condition).toBe('RetriesExhausted');

    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'payer', PolicyName: 'failures' }));
    await lambda.send(new InvokeCommand({ FunctionName: 'payer', InvocationType: 'Event', Payload: '{"orderId":"o-2"}' }));
    await eventually(() => refusalsOf(emulator, 'sqs:SendMessage').some((entry) => entry.outcome === 'refused'), 20_000, 100);
    // The first record comes back into view (its visibility timeout is scaled too): only o-2's must be missing.
    const left = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: failures, WaitTimeSeconds: 0, MaxNumberOfMessages: 10 }))).Messages ?? [];
    expect(left.map((message) => JSON.parse(message.Body!).requestPayload.orderId)).not.toContain('o-2');
  }, 60_000);

  it('UpdateFunctionConfiguration refuses a dead-letter queue the role may not send to, and accepts it once the role may', async () => {
    const { lambda, iam } = emulator.clients;
    await functionWithRole(emulator, 'dlq-owner');
    const update = () => lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'dlq-owner', DeadLetterConfig: { TargetArn: arnOf('owner-dlq') } }));
    expect(await refusal(update())).toBe('The provided execution role does not have permissions to call SendMessage on SQS');
    const topic = `arn:aws:sns:us-east-1:${ACCOUNT}:owner-dead-letters`;
    expect(await refusal(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'dlq-owner', DeadLetterConfig: { TargetArn: topic } })))).toBe('The provided execution role does not have permissions to call Publish on SNS');
    await iam.send(new PutRolePolicyCommand({ RoleName: 'dlq-owner', PolicyName: 'dlq', PolicyDocument: allow('sqs:SendMessage', arnOf('owner-dlq')) }));
    await update();
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 20 }, { FunctionName: 'dlq-owner' });
  }, 60_000);
});

describe('a function\'s logs are written with its role', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });

  it('without logs permissions the function runs and no logs appear; AWSLambdaBasicExecutionRole makes them appear', async () => {
    const { lambda, logs, iam } = emulator.clients;
    await functionWithRole(emulator, 'quiet', { 'index.js': `exports.handler = async (event) => { console.log('order ' + event.id); return 'done'; };\n` });
    const first = await lambda.send(new InvokeCommand({ FunctionName: 'quiet', Payload: '{"id":"o-1"}' }));
    expect(first.FunctionError).toBeUndefined();
    await eventually(() => refusalsOf(emulator, 'logs:CreateLogStream').length > 0, 10_000, 50);
    const group = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/quiet' })).then((answer) => answer.events ?? [], (error: Error) => error.name);
    expect(group).toBe('ResourceNotFoundException');

    await iam.send(new AttachRolePolicyCommand({ RoleName: 'quiet', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));
    // The policy applies to environments started after it: a new configuration starts a new one.
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'quiet', Description: 'with logs' }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 20 }, { FunctionName: 'quiet' });
    await lambda.send(new InvokeCommand({ FunctionName: 'quiet', Payload: '{"id":"o-2"}' }));
    await eventually(async () => {
      const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/quiet' }));
      return events.some((event) => event.message?.includes('order o-2'));
    }, 10_000, 50);
  }, 60_000);
});

describe('destinations and logs under --iam report', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0, iam: 'report' } });

  it('the destination is accepted and the logs are written, and the trace holds the refusals they would have been', async () => {
    const { lambda, logs } = emulator.clients;
    await functionWithRole(emulator, 'reported', { 'index.js': `exports.handler = async () => { console.log('reported run'); return 'done'; };\n` });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'reported', DestinationConfig: { OnSuccess: { Destination: arnOf('reported-done') } } }));
    await lambda.send(new InvokeCommand({ FunctionName: 'reported', Payload: '{}' }));
    await eventually(async () => {
      const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/reported' }));
      return events.some((event) => event.message?.includes('reported run'));
    }, 10_000, 50);
    expect(refusalsOf(emulator, 'sqs:SendMessage').map((entry) => entry.iam?.mode)).toContain('report');
    expect(refusalsOf(emulator, 'logs:PutLogEvents').map((entry) => entry.iam?.mode)).toContain('report');
  }, 60_000);
});
