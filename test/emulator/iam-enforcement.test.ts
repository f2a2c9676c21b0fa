/**
 * IAM enforced on what functions do: a function's calls are made with its execution role's
 * session credentials, and the emulator refuses what the role's policies do not allow, in AWS's
 * words, records the refusal in the trace, and lets a resource policy (a function's) allow too.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, PutRolePolicyCommand, DeleteRolePolicyCommand } from '@aws-sdk/client-iam';
import { AddPermissionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useEmulator, type EmulatorFixture } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';

const ACCOUNT = '000000000000';
const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const TABLE_ARN = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`;

/** Tries PutItem (and an Invoke when asked) with the function's own credentials and says how each went. */
export const CALLER = `const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
exports.handler = async (event) => {
  const out = { key: process.env.AWS_ACCESS_KEY_ID.slice(0, 4), token: Boolean(process.env.AWS_SESSION_TOKEN) };
  out.arn = (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Arn;
  try {
    await new DynamoDBClient({ maxAttempts: 1 }).send(new PutItemCommand({ TableName: 'orders', Item: { orderId: { S: event.id } } }));
    out.put = 'ok';
  } catch (error) { out.put = error.name; out.message = error.message; }
  if (event.invoke) {
    try { await new LambdaClient({ maxAttempts: 1 }).send(new InvokeCommand({ FunctionName: event.invoke })); out.invoke = 'ok'; }
    catch (error) { out.invoke = error.name; out.invokeMessage = error.message; }
  }
  return out;
};
`;

/** Creates the orders table, a role with no permissions and a function that runs as it. */
export async function prepare(emulator: EmulatorFixture, role: string, fn: string): Promise<string> {
  await emulator.clients.dynamodb.send(new CreateTableCommand({
    TableName: 'orders', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
  })).catch((error: Error) => {
    if (error.name !== 'ResourceInUseException') throw error;
  });
  const arn = (await emulator.clients.iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: LAMBDA_TRUST }))).Role!.Arn!;
  await createFunction(emulator.clients.lambda, fn, { Role: arn, files: { 'index.js': CALLER }, Timeout: 30 });
  return arn;
}

/** Invokes a function and decodes what it returned. */
export async function run(emulator: EmulatorFixture, fn: string, event: Record<string, unknown>): Promise<Record<string, any>> {
  const answer = await emulator.clients.lambda.send(new InvokeCommand({ FunctionName: fn, Payload: new TextEncoder().encode(JSON.stringify(event)) }));
  const text = new TextDecoder().decode(answer.Payload);
  expect(answer.FunctionError, text).toBeUndefined();
  return JSON.parse(text) as Record<string, any>;
}

const allow = (Action: string, Resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });

describe('IAM enforced on a function\'s calls (the default for role credentials)', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0 } });

  it('a function without a policy is refused PutItem in AWS\'s words, as its role\'s session, and the trace says so', async () => {
    await prepare(emulator, 'no-policy', 'writer');
    const out = await run(emulator, 'writer', { id: 'o-1' });
    expect(out.key).toBe('ASIA');
    expect(out.token).toBe(true);
    expect(out.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/no-policy/writer`);
    expect(out.put).toBe('AccessDeniedException');
    expect(out.message).toBe(`User: arn:aws:sts::${ACCOUNT}:assumed-role/no-policy/writer is not authorized to perform: dynamodb:PutItem on resource: ${TABLE_ARN} because no identity-based policy allows the dynamodb:PutItem action`);
    // The function's log writes are refused too (its role has no logs:* permissions): only PutItem's refusal is looked at.
    const refusals = emulator.running.emulator.trace.list({ account: ACCOUNT }).filter((entry) => entry.kind === 'access-denied' && entry.iam?.action === 'dynamodb:PutItem');
    expect(refusals.at(-1)).toMatchObject({ outcome: 'refused', target: TABLE_ARN, iam: { action: 'dynamodb:PutItem', resource: TABLE_ARN, mode: 'enforce' } });
  }, 60_000);

  it('is allowed once the role has a policy for the table, and an explicit Deny wins over it', async () => {
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'no-policy', PolicyName: 'write-orders', PolicyDocument: allow('dynamodb:PutItem', TABLE_ARN) }));
    expect((await run(emulator, 'writer', { id: 'o-2' })).put).toBe('ok');
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' }] });
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'no-policy', PolicyName: 'deny-all', PolicyDocument: deny }));
    const out = await run(emulator, 'writer', { id: 'o-3' });
    expect(out.put).toBe('AccessDeniedException');
    expect(out.message).toMatch(/dynamodb:PutItem on resource: .* with an explicit deny in an identity-based policy$/);
    await emulator.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: 'no-policy', PolicyName: 'deny-all' }));
  }, 60_000);

  it('an AWS managed policy attached by ARN allows as its document says', async () => {
    await prepare(emulator, 'managed', 'managed-writer');
    const { AttachRolePolicyCommand } = await import('@aws-sdk/client-iam');
    expect((await run(emulator, 'managed-writer', { id: 'm-1' })).put).toBe('AccessDeniedException');
    await emulator.clients.iam.send(new AttachRolePolicyCommand({ RoleName: 'managed', PolicyArn: 'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess' }));
    expect((await run(emulator, 'managed-writer', { id: 'm-2' })).put).toBe('ok');
  }, 60_000);

  it('the invoked function\'s resource policy allows a role its identity policies do not', async () => {
    const roleArn = await prepare(emulator, 'invoker', 'invoker');
    await createFunction(emulator.clients.lambda, 'target');
    const before = await run(emulator, 'invoker', { id: 'i-1', invoke: 'target' });
    expect(before.invoke).toBe('AccessDeniedException');
    expect(before.invokeMessage).toContain(`is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:${ACCOUNT}:function:target because no identity-based policy allows the lambda:InvokeFunction action`);
    await emulator.clients.lambda.send(new AddPermissionCommand({ FunctionName: 'target', StatementId: 'invoker', Action: 'lambda:InvokeFunction', Principal: roleArn }));
    expect((await run(emulator, 'invoker', { id: 'i-2', invoke: 'target' })).invoke).toBe('ok');
  }, 60_000);
});

describe('--iam report: refusals are recorded, calls go through', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0, iam: 'report' } });

  it('PutItem succeeds and the trace holds the refusal it would have been', async () => {
    await prepare(emulator, 'no-policy', 'writer');
    expect((await run(emulator, 'writer', { id: 'r-1' })).put).toBe('ok');
    const refusals = emulator.running.emulator.trace.list({ account: ACCOUNT }).filter((entry) => entry.kind === 'access-denied' && entry.iam?.action === 'dynamodb:PutItem');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ iam: { action: 'dynamodb:PutItem', resource: TABLE_ARN, mode: 'report' } });
  }, 60_000);
});

describe('--iam off: nothing is checked', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0, iam: 'off' } });

  it('PutItem succeeds and nothing is recorded', async () => {
    await prepare(emulator, 'no-policy', 'writer');
    const out = await run(emulator, 'writer', { id: 'f-1' });
    expect(out.put).toBe('ok');
    expect(out.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/no-policy/writer`);
    expect(emulator.running.emulator.trace.list({ account: ACCOUNT }).filter((entry) => entry.kind === 'access-denied')).toEqual([]);
  }, 60_000);
});
