/**
 * Step Functions tasks run as the state machine's role: a task whose role may not invoke the
 * function, put the item or send the message fails with the error Step Functions gives on AWS,
 * in the execution's history, and runs once the role allows it; `--iam report` lets it run and
 * records the refusal, `--iam off` checks nothing.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator, type EmulatorFixture } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { finished, historyOf, sfnClient } from './stepfunctions-support.ts';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const STATES_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const allow = (Action: string, Resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });

const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:tasked`;
const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/machine-orders`;
const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:machine-queue`;

const TASKS: Record<string, Record<string, unknown>> = {
  invoke: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'tasked', 'Payload.$': '$' }, End: true },
  functionArn: { Type: 'Task', Resource: FUNCTION_ARN, End: true },
  putItem: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'machine-orders', Item: { id: { S: 'o-1' } } }, End: true },
  sendMessage: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: `http://localhost/${ACCOUNT}/machine-queue`, MessageBody: 'hello' }, End: true },
};

/** The resources the tasks reach, and a role per test with no permissions. */
async function prepare(emulator: EmulatorFixture): Promise<void> {
  await createFunction(emulator.clients.lambda, 'tasked');
  await emulator.clients.dynamodb.send(new CreateTableCommand({
    TableName: 'machine-orders', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  }));
  await emulator.clients.sqs.send(new CreateQueueCommand({ QueueName: 'machine-queue' }));
}

async function role(emulator: EmulatorFixture, name: string): Promise<string> {
  return (await emulator.clients.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: STATES_TRUST }))).Role!.Arn!;
}

/** Runs a one-task machine as `roleArn`; its status and the task's failure from the history. */
async function runTask(emulator: EmulatorFixture, task: string, roleArn: string, name: string) {
  const sfn = sfnClient(emulator.running.url);
  const definition = { StartAt: 'Step', States: { Step: TASKS[task] } };
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }));
  if (!executionArn) throw new Error('StartExecution gave no executionArn');
  const described = await finished(sfn, executionArn);
  const history = await historyOf(sfn, executionArn);
  const failed = history.find((event) => event.type === 'TaskFailed')?.taskFailedEventDetails ?? history.find((event) => event.type === 'LambdaFunctionFailed')?.lambdaFunctionFailedEventDetails;
  sfn.destroy();
  return { status: described.status, error: described.error, failed };
}

describe('Step Functions tasks run as the state machine\'s role', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0 } });

  it('lambda:invoke without lambda:InvokeFunction fails with Lambda.AWSLambdaException, and runs once the role allows it', async () => {
    await prepare(emulator);
    const arn = await role(emulator, 'machine-invoke');
    const refused = await runTask(emulator, 'invoke', arn, 'invoke-refused');
    expect(refused.status).toBe('FAILED');
    expect(refused.error).toBe('Lambda.AWSLambdaException');
    expect(refused.failed?.error).toBe('Lambda.AWSLambdaException');
    expect(refused.failed?.cause).toMatch(new RegExp(`^User: arn:aws:sts::${ACCOUNT}:assumed-role/machine-invoke/[A-Za-z]{32} is not authorized to perform: lambda:InvokeFunction on resource: ${FUNCTION_ARN} because no identity-based policy allows the lambda:InvokeFunction action \\(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: [\\w-]+; Proxy: null\\)$`));
    const trace = emulator.running.emulator.trace.list({ account: ACCOUNT }).filter((entry) => entry.kind === 'access-denied');
    expect(trace.at(-1)).toMatchObject({ outcome: 'refused', iam: { action: 'lambda:InvokeFunction', resource: FUNCTION_ARN, mode: 'enforce' } });
    const byArn = await runTask(emulator, 'functionArn', arn, 'arn-refused');
    expect(byArn).toMatchObject({ status: 'FAILED', error: 'Lambda.AWSLambdaException' });
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'machine-invoke', PolicyName: 'invoke', PolicyDocument: allow('lambda:InvokeFunction', `${FUNCTION_ARN}*`) }));
    expect((await runTask(emulator, 'invoke', arn, 'invoke-allowed')).status).toBe('SUCCEEDED');
    expect((await runTask(emulator, 'functionArn', arn, 'arn-allowed')).status).toBe('SUCCEEDED');
  }, 60_000);

  it('dynamodb:putItem and sqs:sendMessage fail with their SDK exceptions until the role allows them', async () => {
    const arn = await role(emulator, 'machine-write');
    const put = await runTask(emulator, 'putItem', arn, 'put-refused');
    expect(put).toMatchObject({ status: 'FAILED', error: 'DynamoDB.AmazonDynamoDBException' });
    expect(put.failed?.cause).toMatch(/is not authorized to perform: dynamodb:PutItem on resource: .*table\/machine-orders because no identity-based policy allows the dynamodb:PutItem action \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException;/);
    const send = await runTask(emulator, 'sendMessage', arn, 'send-refused');
    expect(send).toMatchObject({ status: 'FAILED', error: 'SQS.AmazonSQSException' });
    expect(send.failed?.cause).toMatch(/sqs:SendMessage on resource: .*machine-queue .*\(Service: AmazonSQS; Status Code: 403; Error Code: AccessDenied;/);
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'machine-write', PolicyName: 'put', PolicyDocument: allow('dynamodb:PutItem', TABLE_ARN) }));
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'machine-write', PolicyName: 'send', PolicyDocument: allow('sqs:SendMessage', QUEUE_ARN) }));
    expect((await runTask(emulator, 'putItem', arn, 'put-allowed')).status).toBe('SUCCEEDED');
    expect((await runTask(emulator, 'sendMessage', arn, 'send-allowed')).status).toBe('SUCCEEDED');
  }, 60_000);

  it('a role IAM does not have is not checked (the emulator accepts made-up role ARNs)', async () => {
    expect((await runTask(emulator, 'putItem', `arn:aws:iam::${ACCOUNT}:role/made-up`, 'made-up')).status).toBe('SUCCEEDED');
  }, 60_000);
});

describe('Step Functions tasks under --iam report and off', () => {
  const report = useEmulator({ settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0, iam: 'report' } });
  const off = useEmulator({ settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0, iam: 'off' } });

  it('report: the task runs and the trace holds the refusal it would have been', async () => {
    await prepare(report);
    const arn = await role(report, 'machine-report');
    expect((await runTask(report, 'putItem', arn, 'reported')).status).toBe('SUCCEEDED');
    const trace = report.running.emulator.trace.list({ account: ACCOUNT }).filter((entry) => entry.kind === 'access-denied');
    expect(trace.map((entry) => entry.iam)).toContainEqual(expect.objectContaining({ action: 'dynamodb:PutItem', resource: TABLE_ARN, mode: 'report' }));
  }, 60_000);

  it('off: the task runs and nothing is recorded', async () => {
    await prepare(off);
    const arn = await role(off, 'machine-off');
    expect((await runTask(off, 'invoke', arn, 'unchecked')).status).toBe('SUCCEEDED');
    expect(off.running.emulator.trace.list({ account: ACCOUNT }).filter((entry) => entry.kind === 'access-denied')).toEqual([]);
  }, 60_000);
});
