/**
 * Event source mappings poll with the function's execution role: CreateEventSourceMapping refuses
 * a role without the polling permissions in Lambda's words, a mapping whose role loses them later
 * stops reading and says why in LastProcessingResult, and `--iam report` accepts and records.
 */
import { CreateRoleCommand, DeleteRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateEventSourceMappingCommand, GetEventSourceMappingCommand, InvalidParameterValueException } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createTableAndWait } from '../support/dynamodb.ts';
import { useEmulator, type EmulatorFixture } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';

const ACCOUNT = '000000000000';
const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const allow = (Action: string[], Resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });
const SQS_POLLING = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];
const STREAM_POLLING = ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'];

/** A role with no permissions and a function that runs as it. */
async function functionWithRole(emulator: EmulatorFixture, name: string): Promise<void> {
  const arn = (await emulator.clients.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: LAMBDA_TRUST }))).Role!.Arn!;
  await createFunction(emulator.clients.lambda, name, { Role: arn });
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (caught: Error) => caught);
  expect(error, 'the call should have been refused').toBeInstanceOf(InvalidParameterValueException);
  return error!;
}

async function queueDepth(emulator: EmulatorFixture, url: string): Promise<number> {
  const { Attributes } = await emulator.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

describe('event source mappings poll with the function\'s role', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0 } });

  it('an SQS mapping needs ReceiveMessage, DeleteMessage and GetQueueAttributes, and stops when the role loses them', async () => {
    await functionWithRole(emulator, 'queue-reader');
    const { QueueUrl } = await emulator.clients.sqs.send(new CreateQueueCommand({ QueueName: 'reader-queue' }));
    const queueArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:reader-queue`;
    const create = () => emulator.clients.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'queue-reader', EventSourceArn: queueArn, BatchSize: 1 }));
    expect((await refusal(create())).message).toBe('The function execution role does not have permissions to call ReceiveMessage on SQS');
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'queue-reader', PolicyName: 'receive', PolicyDocument: allow(['sqs:ReceiveMessage'], queueArn) }));
    expect((await refusal(create())).message).toBe('The function execution role does not have permissions to call DeleteMessage on SQS');
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'queue-reader', PolicyName: 'receive', PolicyDocument: allow(SQS_POLLING, queueArn) }));
    const { UUID } = await create();
    await emulator.clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'first' }));
    await eventually(async () => (await queueDepth(emulator, QueueUrl!)) === 0, 15_000);

    await emulator.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: 'queue-reader', PolicyName: 'receive' }));
    // A receive already waiting when the policy went (a 1 second long poll) may still take a message, as on AWS.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await emulator.clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'second' }));
    await eventually(async () => {
      const mapping = await emulator.clients.lambda.send(new GetEventSourceMappingCommand({ UUID }));
      expect(mapping.LastProcessingResult).toMatch(/^PROBLEM: User: arn:aws:sts::000000000000:assumed-role\/queue-reader\/queue-reader is not authorized to perform: sqs:ReceiveMessage on resource: arn:aws:sqs:us-east-1:000000000000:reader-queue because no identity-based policy allows the sqs:ReceiveMessage action$/);
      return true;
    }, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await queueDepth(emulator, QueueUrl!)).toBe(1);

    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'queue-reader', PolicyName: 'receive', PolicyDocument: allow(SQS_POLLING, queueArn) }));
    await eventually(async () => (await queueDepth(emulator, QueueUrl!)) === 0, 15_000);
    expect((await emulator.clients.lambda.send(new GetEventSourceMappingCommand({ UUID }))).LastProcessingResult).toBeUndefined();
  }, 60_000);

  it('a DynamoDB stream mapping needs the four stream actions, and shows the problem when the role loses them', async () => {
    await functionWithRole(emulator, 'stream-reader');
    const table = await createTableAndWait(emulator.clients.dynamodb, {
      TableName: 'reader-table', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    });
    const streamArn = table.TableDescription!.LatestStreamArn!;
    const create = () => emulator.clients.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'stream-reader', EventSourceArn: streamArn, StartingPosition: 'LATEST' }));
    expect((await refusal(create())).message).toBe(`Cannot access stream ${streamArn}. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListStreams Actions on your stream in IAM.`);
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'stream-reader', PolicyName: 'read', PolicyDocument: allow(STREAM_POLLING, 'arn:aws:dynamodb:us-east-1:000000000000:table/reader-table/stream/*') }));
    const { UUID } = await create();
    await emulator.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: 'stream-reader', PolicyName: 'read' }));
    await emulator.clients.dynamodb.send(new PutItemCommand({ TableName: 'reader-table', Item: { pk: { S: 'a' } } }));
    await eventually(async () => {
      const mapping = await emulator.clients.lambda.send(new GetEventSourceMappingCommand({ UUID }));
      expect(mapping.LastProcessingResult).toMatch(/^PROBLEM: User: .*assumed-role\/stream-reader\/stream-reader is not authorized to perform: dynamodb:GetRecords on resource: .*reader-table\/stream\//);
      return true;
    }, 15_000);
  }, 60_000);
});

describe('event source mappings under --iam report', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0, iam: 'report' } });

  it('a mapping is created for a role without the permissions, and the refusal is recorded', async () => {
    await functionWithRole(emulator, 'reported-reader');
    await emulator.clients.sqs.send(new CreateQueueCommand({ QueueName: 'reported-queue' }));
    const queueArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:reported-queue`;
    const { UUID } = await emulator.clients.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'reported-reader', EventSourceArn: queueArn }));
    expect(UUID).toBeTruthy();
    const trace = emulator.running.emulator.trace.list({ account: ACCOUNT }).filter((entry) => entry.kind === 'access-denied');
    expect(trace.map((entry) => entry.iam)).toContainEqual(expect.objectContaining({ action: 'sqs:ReceiveMessage', resource: queueArn, mode: 'report' }));
  }, 60_000);
});
