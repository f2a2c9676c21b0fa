/**
 * STS sessions as AWS issues them: AssumeRole honours the role's trust policy, its credentials
 * (an `ASIA` key and a session token) sign as `assumed-role/<role>/<session>`, GetCallerIdentity
 * says so, and the session's calls are checked against the role's policies.
 */
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { useEmulator, type EmulatorFixture } from '../support/emulator.ts';

const ACCOUNT = '000000000000';
const trust = (Principal: object) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' }] });
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

async function refusal(call: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await call;
  } catch (error) {
    const failed = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failed.name, status: failed.$metadata?.httpStatusCode, message: failed.message };
  }
  throw new Error('the call was expected to be refused');
}

async function roles(emulator: EmulatorFixture): Promise<void> {
  await emulator.clients.iam.send(new CreateRoleCommand({ RoleName: 'lambda-only', AssumeRolePolicyDocument: trust({ Service: 'lambda.amazonaws.com' }) }));
  await emulator.clients.iam.send(new CreateRoleCommand({ RoleName: 'operators', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }) }));
}

describe('AssumeRole with --iam enforce', () => {
  const emulator = useEmulator({ settings: { iam: 'enforce', dynamodbStateDelayMs: 0 } });

  it('refuses a role whose trust policy does not name the caller, and a role that does not exist, as AWS does', async () => {
    await roles(emulator);
    expect(await refusal(emulator.clients.sts.send(new AssumeRoleCommand({ RoleArn: roleArn('lambda-only'), RoleSessionName: 'me' })))).toEqual({
      name: 'AccessDenied', status: 403,
      message: `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: sts:AssumeRole on resource: ${roleArn('lambda-only')} because no identity-based policy allows the sts:AssumeRole action`,
    });
    expect((await refusal(emulator.clients.sts.send(new AssumeRoleCommand({ RoleArn: roleArn('missing'), RoleSessionName: 'me' })))).name).toBe('AccessDenied');
  });

  it('gives a trusted caller a session that signs as the role, and checks the session\'s calls against the role\'s policies', async () => {
    const answer = await emulator.clients.sts.send(new AssumeRoleCommand({ RoleArn: roleArn('operators'), RoleSessionName: 'night-shift' }));
    const credentials = { accessKeyId: answer.Credentials!.AccessKeyId!, secretAccessKey: answer.Credentials!.SecretAccessKey!, sessionToken: answer.Credentials!.SessionToken! };
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(answer.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/operators/night-shift`);
    const config = { endpoint: emulator.running.url, region: 'us-east-1', credentials, maxAttempts: 1 };
    const sts = new STSClient(config);
    const db = new DynamoDBClient(config);
    try {
      const me = await sts.send(new GetCallerIdentityCommand({}));
      expect(me).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/operators/night-shift` });
      expect(me.UserId).toMatch(/^AROA[A-Z0-9]+:night-shift$/);
      await emulator.clients.dynamodb.send(new CreateTableCommand({ TableName: 'shifts', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
      const put = () => db.send(new PutItemCommand({ TableName: 'shifts', Item: { id: { S: 'n-1' } } }));
      expect(await refusal(put())).toMatchObject({ name: 'AccessDeniedException', status: 400 });
      const own = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:*:*:table/shifts', Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['n-1'] } } }] });
      await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'operators', PolicyName: 'own-shifts', PolicyDocument: own }));
      await put();
      expect((await refusal(db.send(new PutItemCommand({ TableName: 'shifts', Item: { id: { S: 'n-2' } } })))).message).toContain('dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table/shifts');
    } finally {
      sts.destroy();
      db.destroy();
    }
  });
});

describe('AssumeRole by the account\'s own keys, by default', () => {
  const emulator = useEmulator();

  it('is reported, not refused, when the trust policy does not name the caller', async () => {
    await roles(emulator);
    const answer = await emulator.clients.sts.send(new AssumeRoleCommand({ RoleArn: roleArn('lambda-only'), RoleSessionName: 'me' }));
    expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const reported = emulator.running.emulator.trace.list({ account: ACCOUNT }).filter((entry) => entry.kind === 'access-denied');
    expect(reported).toMatchObject([{ iam: { action: 'sts:AssumeRole', resource: roleArn('lambda-only'), mode: 'report' } }]);
  });
});
