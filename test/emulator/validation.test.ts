/**
 * Each validated service's answer to input that breaks its model, through the real SDK, with
 * where AWS's wording comes from. Services AWS does not validate this way (SQS) keep their own.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BatchGetItemCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CreateLogGroupCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const run = promisify(execFile);

async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  const error = await promise.then(() => undefined, (caught: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => caught);
  expect(error, 'the call was expected to fail').toBeDefined();
  return { name: error!.name, message: error!.message, status: error!.$metadata?.httpStatusCode };
}

const ROLE_ARN_LENGTH = "Member must have length greater than or equal to 20";
const SESSION_PATTERN = 'Member must satisfy regular expression pattern: [\\w+=,.@-]*';

describe('model validation: each service in AWS\'s format', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0 } });

  it('DynamoDB: ValidationException, failures joined by "; " in one message (as dynalite recorded from AWS)', async () => {
    const answer = await refusal(emulator.clients.dynamodb.send(new QueryCommand({ TableName: 'orders', IndexName: 'abc;', Limit: 0, Select: 'hi' as never })));
    expect(answer).toEqual({
      name: 'ValidationException',
      status: 400,
      message: "3 validation errors detected: Value 'abc;' at 'indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value 'hi' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT]; " +
        "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    // A list of structures is not printed (moto's AWS-verified test: "Value at 'requestItems.users.member.keys'").
    const keys = Array.from({ length: 101 }, (_, n) => ({ id: { S: `k-${n}` } }));
    expect((await refusal(emulator.clients.dynamodb.send(new BatchGetItemCommand({ RequestItems: { users: { Keys: keys } } })))).message)
      .toBe("1 validation error detected: Value at 'requestItems.users.member.keys' failed to satisfy constraint: Member must have length less than or equal to 100");
  });

  it('lists at most ten failures and counts only those', async () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, n) => [`Expected${n}`, 0]));
    const answer = await refusal(emulator.clients.dynamodb.send(new QueryCommand({
      TableName: 'x', IndexName: '', Select: 'a' as never, Limit: 0, ConsistentRead: true, ReturnConsumedCapacity: 'b' as never,
      ConditionalOperator: 'c' as never, AttributesToGet: [], ProjectionExpression: 'p', ExclusiveStartKey: {}, ...many,
      KeyConditions: Object.fromEntries(['k1', 'k2', 'k3', 'k4', 'k5'].map((name) => [name, { ComparisonOperator: 'd' as never }])),
    } as never)));
    expect(answer.message).toMatch(/^10 validation errors detected: /);
    expect(answer.message.split('; ')).toHaveLength(10);
  });

  it('Lambda: ValidationException over REST-JSON, members from the URL and headers included', async () => {
    const answer = await refusal(emulator.clients.lambda.send(new InvokeCommand({ FunctionName: 'bad name!', InvocationType: 'Later' as never })));
    expect(answer.name).toBe('ValidationException');
    expect(answer.status).toBe(400);
    expect(answer.message).toMatch(/^2 validation errors detected: Value 'bad name!' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: \(arn:/);
    expect(answer.message).toContain("; Value 'Later' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
    // Sensitive members are not echoed (environment variables), as Lambda answers.
    const created = await refusal(emulator.clients.lambda.send(new CreateFunctionCommand({
      FunctionName: 'fn', Role: 'arn:aws:iam::000000000000:role/r', Runtime: 'nodejs22.x', Handler: 'index.handler',
      Code: { ZipFile: Buffer.from('zip') }, Timeout: 0, Environment: { Variables: { '1st': 'x' } },
    })));
    expect(created.message).toBe("2 validation errors detected: Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
      "Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
  });

  it('EventBridge: ValidationException', async () => {
    const answer = await refusal(emulator.clients.eventbridge.send(new PutRuleCommand({ Name: 'bad name', ScheduleExpression: 'rate(1 minute)', State: 'ON' as never })));
    expect(answer).toEqual({
      name: 'ValidationException',
      status: 400,
      message: "2 validation errors detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; " +
        "Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]",
    });
  });

  it('CloudWatch Logs: InvalidParameterException with the same wording (moto\'s AWS-verified ARN-with-:* case)', async () => {
    const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:g:*';
    expect(await refusal(emulator.clients.logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: arn })))).toEqual({
      name: 'InvalidParameterException',
      status: 400,
      message: `1 validation error detected: Value '${arn}' at 'logGroupIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*`,
    });
    expect((await refusal(emulator.clients.logs.send(new CreateLogGroupCommand({ logGroupName: 'a b' })))).name).toBe('InvalidParameterException');
  });

  it('IAM: ValidationError over the query protocol; a role description is not echoed', async () => {
    const answer = await refusal(emulator.clients.iam.send(new CreateRoleCommand({ RoleName: 'x'.repeat(65), AssumeRolePolicyDocument: '{}', Description: 'em — dash' })));
    expect(answer).toEqual({
      name: 'ValidationError',
      status: 400,
      message: `2 validation errors detected: Value '${'x'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64; ` +
        "Value at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*",
    });
  });

  it('SQS is not validated from the model: it answers with its own codes', async () => {
    const answer = await refusal(emulator.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${emulator.running.url}/000000000000/nope`, AttributeNames: ['Nope' as never] })));
    expect(answer.name).not.toMatch(/Validation/);
  });

  it('turns off with validateInput: false (the bench compares both)', async () => {
    emulator.running.emulator.validateInput = false;
    try {
      const answer = await refusal(emulator.clients.dynamodb.send(new GetItemCommand({ TableName: 'nope', Key: { id: { S: '1' } }, ReturnConsumedCapacity: 'b' as never })));
      expect(answer.name).toBe('ResourceNotFoundException');
    } finally {
      emulator.running.emulator.validateInput = true;
    }
  });
});

describe('STS AssumeRole refuses malformed input as AWS does', () => {
  const emulator = useEmulator();
  const assume = (RoleArn: string, RoleSessionName = 'session') => refusal(emulator.clients.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName })));

  it('a RoleArn shorter than 20 characters breaks the model\'s length', async () => {
    expect(await assume('invalid')).toEqual({ name: 'ValidationError', status: 400, message: `1 validation error detected: Value 'invalid' at 'roleArn' failed to satisfy constraint: ${ROLE_ARN_LENGTH}` });
  });

  it('a 20+ character RoleArn that is no ARN is "<arn> is invalid" (LocalStack\'s AWS snapshot test_sts_invalid_parameters)', async () => {
    for (const arn of ['nothing-valid-in-here', 'arn::b:::something/test-role', 'arn:a::::something/test-role', 'arn:a:::something/test-role', 'arn:a:a::aaaaaaaaaa:']) {
      expect(await assume(arn)).toEqual({ name: 'ValidationError', status: 400, message: `${arn} is invalid` });
    }
  });

  it('a session name with a colon breaks the model\'s pattern', async () => {
    expect(await assume('arn:aws:iam::000000000000:role/r', 'Session1:2')).toEqual({
      name: 'ValidationError',
      status: 400,
      message: `1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: ${SESSION_PATTERN}`,
    });
  });

  it('answers the same through the AWS CLI', async (context) => {
    const cli = await run('aws', ['--version']).then(() => true, () => false);
    if (!cli) return context.skip('the AWS CLI is not installed on this machine');
    // The CLI checks lengths itself before sending; with that off, the emulator's answer shows.
    const config = join(mkdtempSync(join(tmpdir(), 'cli-')), 'config');
    writeFileSync(config, '[default]\nparameter_validation = false\n');
    const env = { ...process.env, AWS_ACCESS_KEY_ID: '000000000000', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_CONFIG_FILE: config };
    const call = (arn: string, name: string) => run('aws', ['--endpoint-url', emulator.running.url, 'sts', 'assume-role', '--role-arn', arn, '--role-session-name', name], { env })
      .then(() => '', (error: { stderr: string }) => error.stderr.trim());
    expect(await call('arn:aws:iam::000000000000:role/r', 'Session1:2')).toBe(
      `An error occurred (ValidationError) when calling the AssumeRole operation: 1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: ${SESSION_PATTERN}`,
    );
    expect(await call('invalid', 'session')).toContain(`Value 'invalid' at 'roleArn' failed to satisfy constraint: ${ROLE_ARN_LENGTH}`);
    expect(await call('nothing-valid-in-here', 'session')).toBe('An error occurred (ValidationError) when calling the AssumeRole operation: nothing-valid-in-here is invalid');
  }, 30_000);
});
