/**
 * The Step Functions API in AWS's words: definition and name validation, idempotent creates,
 * Express machines with StartSyncExecution, task tokens through SQS, the optimised DynamoDB,
 * EventBridge and SNS integrations, StopExecution, ListExecutions and tags, and the AWS CLI once.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  CreateStateMachineCommand, ListExecutionsCommand, ListTagsForResourceCommand, SendTaskFailureCommand, SendTaskSuccessCommand,
  StartExecutionCommand, StartSyncExecutionCommand, StopExecutionCommand, TagResourceCommand, UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';
import { SFN_ROLE, finished, historyOf, sfnClient } from './stepfunctions-support.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('stepfunctions-api');
const PASS = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } });

describe('the Step Functions API', () => {
  const emulator = useEmulator({ timeFactor: 0.001, settings: { dynamodbStateDelayMs: 10 } });
  let sfn: ReturnType<typeof sfnClient>;
  beforeAll(() => {
    sfn = sfnClient(emulator.running.url);
  });
  afterAll(() => sfn?.destroy());
  const refusal = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a refusal'), (error: Error) => ({ name: error.name, message: error.message }));
  const create = (name: string, definition: unknown, extra: Record<string, unknown> = {}) =>
    sfn.send(new CreateStateMachineCommand({ name, definition: typeof definition === 'string' ? definition : JSON.stringify(definition), roleArn: SFN_ROLE, ...extra }));

  it('refuses bad definitions, names and roles in AWS words, and is idempotent on the same definition', async () => {
    expect(await refusal(create('bad-json', '{"StartAt": '))).toMatchObject({ name: 'InvalidDefinition', message: expect.stringMatching(/^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: /) });
    expect(await refusal(create('empty', {}))).toEqual({ name: 'InvalidDefinition', message: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /'" });
    expect(await refusal(create('typo', { StartAt: 'Validate', States: { Validate: { Type: 'Pass', Next: 'Transform' }, Trasform: { Type: 'Pass', End: true } } }))).toEqual({
      name: 'InvalidDefinition',
      message: "Invalid State Machine Definition: ''MISSING_TRANSITION_TARGET: Missing 'Next' target: Transform at /States/Validate/Next', 'MISSING_TRANSITION_TARGET: State \"Trasform\" is not reachable. at /States/Trasform''",
    });
    expect(await refusal(create('express-token', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } }, { type: 'EXPRESS' }))).toMatchObject({
      name: 'InvalidDefinition',
      message: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/T/Resource'",
    });
    expect(await refusal(create('bad name!', PASS))).toEqual({ name: 'InvalidName', message: "Invalid Name: 'bad name!'" });
    expect(await refusal(create('no-role', PASS, { roleArn: 'orders-role' }))).toEqual({ name: 'InvalidArn', message: "Invalid Arn: 'Invalid ARN prefix: orders-role'" });

    const first = await create('same', PASS);
    const again = await create('same', PASS);
    expect(again.stateMachineArn).toBe(first.stateMachineArn);
    expect(again.creationDate).toEqual(first.creationDate);
    expect(await refusal(create('same', { StartAt: 'Other', States: { Other: { Type: 'Succeed' } } }))).toEqual({ name: 'StateMachineAlreadyExists', message: `State Machine Already Exists: '${first.stateMachineArn}'` });
    expect(await refusal(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: first.stateMachineArn })))).toMatchObject({ name: 'StateMachineTypeNotSupported' });
    expect(await refusal(sfn.send(new UpdateStateMachineCommand({ stateMachineArn: first.stateMachineArn, definition: '{}' })))).toMatchObject({ name: 'InvalidDefinition' });
  });

  it('answers an Express machine synchronously with StartSyncExecution', async () => {
    const { stateMachineArn } = await create('quote', { StartAt: 'Quote', States: { Quote: { Type: 'Pass', Parameters: { 'total.$': 'States.MathAdd($.a, $.b)' }, Next: 'Wait' }, Wait: { Type: 'Wait', Seconds: 5, End: true } } }, { type: 'EXPRESS' });
    const answer = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, name: 'q1', input: JSON.stringify({ a: 2, b: 3 }) }));
    expect(answer).toMatchObject({ status: 'SUCCEEDED', name: 'q1', executionArn: 'arn:aws:states:us-east-1:000000000000:express:quote:q1', output: '{"total":5}', billingDetails: { billedMemoryUsedInMB: 64 } });
    expect(answer.stopDate!.getTime()).toBeGreaterThanOrEqual(answer.startDate!.getTime());
    const failed = await create('quote-fail', { StartAt: 'No', States: { No: { Type: 'Fail', Error: 'NoQuote', Cause: 'closed' } } }, { type: 'EXPRESS' });
    expect(await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: failed.stateMachineArn }))).toMatchObject({ status: 'FAILED', error: 'NoQuote', cause: 'closed' });
  });

  it('waits for a task token sent through SQS, and goes on with SendTaskSuccess or fails with SendTaskFailure', async () => {
    const { QueueUrl } = await emulator.clients.sqs.send(new CreateQueueCommand({ QueueName: 'approvals' }));
    const definition = {
      StartAt: 'Approve',
      States: {
        Approve: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl, MessageBody: { 'order.$': '$.order', 'token.$': '$$.Task.Token' } }, ResultPath: '$.approval', End: true },
      },
    };
    const { stateMachineArn } = await create('approvals', definition);
    const token = async () => {
      const { Messages } = await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
      // Deleted at once: the time factor shortens the visibility timeout too, so a kept message would come back.
      await emulator.clients.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages![0]!.ReceiptHandle }));
      return JSON.parse(Messages![0]!.Body!) as { order: string; token: string };
    };
    const ok = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ order: 'o-7' }) }));
    const message = await token();
    expect(message.order).toBe('o-7');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: message.token, output: JSON.stringify({ by: 'ana' }) }));
    expect(await finished(sfn, ok.executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: JSON.stringify({ order: 'o-7', approval: { by: 'ana' } }) });
    const types = (await historyOf(sfn, ok.executionArn!)).map((event) => event.type);
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(await refusal(sfn.send(new SendTaskSuccessCommand({ taskToken: message.token, output: '{}' })))).toEqual({ name: 'TaskTimedOut', message: "Task Timed Out: 'Provided task does not exist anymore'" });
    expect(await refusal(sfn.send(new SendTaskSuccessCommand({ taskToken: 'made-up', output: '{}' })))).toMatchObject({ name: 'InvalidToken' });

    const refused = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ order: 'o-8' }) }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: (await token()).token, error: 'Rejected', cause: 'over budget' }));
    expect(await finished(sfn, refused.executionArn!)).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'over budget' });

    const stopped = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'left', input: JSON.stringify({ order: 'o-9' }) }));
    await token();
    await sfn.send(new StopExecutionCommand({ executionArn: stopped.executionArn, error: 'Cancelled', cause: 'customer left' }));
    expect(await finished(sfn, stopped.executionArn!)).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'customer left' });
    const ends = emulator.running.emulator.trace.list().filter((entry) => entry.kind === 'execution-step' && entry.step?.phase === 'ended');
    expect(ends.find((entry) => entry.step?.execution === stopped.executionArn)).toMatchObject({ outcome: 'failed', detail: 'execution aborted by StopExecution' });
    expect(ends.find((entry) => entry.step?.execution === refused.executionArn)).toMatchObject({ outcome: 'failed', detail: 'execution failed with Rejected' });
    expect(await refusal(sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'left', input: '{}' })))).toMatchObject({ name: 'ExecutionAlreadyExists' });

    const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'ABORTED' }));
    expect(aborted.executions!.map((execution) => execution.name)).toEqual(['left']);
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 2 }));
    expect(page.executions).toHaveLength(2);
    const rest = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 2, nextToken: page.nextToken }));
    expect(rest.executions).toHaveLength(1);
    expect(rest.nextToken).toBeUndefined();

    await sfn.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: 'team', value: 'shop' }] }));
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags).toEqual([{ key: 'team', value: 'shop' }]);
  });

  it('calls DynamoDB, EventBridge and SNS through the optimised integrations', async () => {
    await emulator.clients.dynamodb.send(new CreateTableCommand({ TableName: 'orders', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sns = new SNSClient({ endpoint: emulator.running.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'shipped' }));
    sns.destroy();
    const definition = {
      StartAt: 'Save',
      States: {
        Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'orders', Item: { id: { 'S.$': '$.order' }, status: { S: 'NEW' } } }, ResultPath: null, Next: 'Mark' },
        Mark: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:updateItem', Parameters: { TableName: 'orders', Key: { id: { 'S.$': '$.order' } }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'PAID' } } }, ResultPath: null, Next: 'Load' },
        Load: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'orders', Key: { id: { 'S.$': '$.order' } } }, ResultSelector: { 'status.$': '$.Item.status.S' }, ResultPath: '$.saved', Next: 'Announce' },
        Announce: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ Source: 'shop.orders', DetailType: 'OrderPaid', 'Detail.$': '$' }] }, ResultSelector: { 'failed.$': '$.FailedEntryCount' }, ResultPath: '$.event', Next: 'Notify' },
        Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn, 'Message.$': '$' }, ResultSelector: { 'id.$': '$.MessageId' }, ResultPath: '$.sns', Next: 'Again' },
        Again: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'orders', Item: { id: { 'S.$': '$.order' } }, ConditionExpression: 'attribute_not_exists(id)' }, Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], ResultPath: '$.duplicate', Next: 'Done' }], Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const { stateMachineArn } = await create('pay', definition);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ order: 'o-42' }) }));
    const done = await finished(sfn, executionArn!);
    expect(done.status, done.cause).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output).toMatchObject({ order: 'o-42', saved: { status: 'PAID' }, event: { failed: 0 }, duplicate: { Error: 'DynamoDB.ConditionalCheckFailedException' } });
    expect(output.sns.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(output.duplicate.Cause).toContain('(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException;');
    const item = await emulator.clients.dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'o-42' } } }));
    expect(item.Item?.status?.S).toBe('PAID');
  });

  it.skipIf(!hasAws)('works from the AWS CLI', async () => {
    const aws = async (...args: string[]) => JSON.parse((await run('aws', ['--endpoint-url', emulator.running.url, 'stepfunctions', ...args, '--output', 'json'], { timeout: 30_000, env: clientEnv() })).stdout || '{}');
    const { stateMachineArn } = await aws('create-state-machine', '--name', 'cli', '--definition', PASS, '--role-arn', SFN_ROLE);
    const { executionArn } = await aws('start-execution', '--state-machine-arn', stateMachineArn, '--input', '{"from":"cli"}');
    expect(await finished(sfn, executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"from":"cli"}' });
    const described = await aws('describe-execution', '--execution-arn', executionArn);
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"from":"cli"}' });
    const failed = await run('aws', ['--endpoint-url', emulator.running.url, 'stepfunctions', 'create-state-machine', '--name', 'cli-bad', '--definition', '{}', '--role-arn', SFN_ROLE], { env: clientEnv() }).catch((error) => error as { stderr: string });
    expect((failed as { stderr: string }).stderr).toContain('(InvalidDefinition) when calling the CreateStateMachine operation: Invalid State Machine Definition:');
  });
});
