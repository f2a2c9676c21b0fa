/**
 * IAM enforcement benchmark (run with `node bench/iam.ts`; prints figures, asserts only that calls
 * succeed): DynamoDB PutItem and Lambda Invoke latency through the real SDK over HTTP, made with
 * a role session's credentials (AssumeRole, as a function's calls are), with the policy evaluation
 * on (`enforce`) and off in the same emulator, rounds interleaved so drift in the machine's speed
 * falls on both sides alike; the ratio is the evaluation's cost.
 */
import { cpus } from 'node:os';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, PutRolePolicyCommand, AttachRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { createClients } from '../src/core/clients.ts';
import { resolveTarget } from '../src/core/target.ts';
import { startEmulator, type RunningEmulator } from '../src/emulator/server.ts';
import { zipFiles } from '../test/support/zip.ts';
import { percentile, report, since } from './stats.ts';

const ROUNDS = 10;

async function measure(running: RunningEmulator, count: number, call: (i: number) => Promise<void>): Promise<{ on: number[]; off: number[] }> {
  const samples = { on: [] as number[], off: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      running.emulator.settings.iam = side === 'on' ? 'enforce' : 'off';
      for (let i = 0; i < count / ROUNDS; i++) {
        const start = performance.now();
        await call(round * count + i);
        samples[side].push(since(start));
      }
    }
  }
  running.emulator.settings.iam = undefined;
  return samples;
}

function show(name: string, samples: { on: number[]; off: number[] }): void {
  for (const p of [50, 99]) {
    const on = percentile(samples.on, p);
    const off = percentile(samples.off, p);
    report(`${name} p${p}, IAM enforce`, on, 'ms');
    report(`${name} p${p}, IAM off`, off, 'ms');
    report(`${name} p${p}, enforce / off`, on / off, 'x', `${((on / off - 1) * 100).toFixed(1)} % cost; target under 10 %`);
  }
}

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Orders', Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem'], Resource: 'arn:aws:dynamodb:*:*:table/bench-orders' },
    { Sid: 'Echo', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:*:*:function:bench-*' },
    { Sid: 'NotTheirs', Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '000000000000' } } },
  ],
});

async function main(): Promise<void> {
  console.log(`IAM enforcement benchmark on Node.js ${process.version}, ${cpus().length} cores`);
  const running = await startEmulator({ port: 0, log: () => {}, settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0 } });
  const clients = createClients(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: running.url } }));
  const { dynamodb, lambda, iam, sts } = clients;
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }] });
  await iam.send(new CreateRoleCommand({ RoleName: 'bench-caller', AssumeRolePolicyDocument: trust }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'bench-caller', PolicyName: 'bench', PolicyDocument: POLICY }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'bench-caller', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));
  const session = (await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/bench-caller', RoleSessionName: 'bench' }))).Credentials!;
  const config = { endpoint: running.url, region: 'us-east-1', credentials: { accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey!, sessionToken: session.SessionToken! } };
  const asRole = { dynamodb: new DynamoDBClient(config), lambda: new LambdaClient(config) };
  try {
    await dynamodb.send(new CreateTableCommand({
      TableName: 'bench-orders', BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'customerId', AttributeType: 'S' }, { AttributeName: 'orderId', AttributeType: 'S' }],
    }));
    await waitUntilTableExists({ client: dynamodb, minDelay: 0.1, maxWaitTime: 60 }, { TableName: 'bench-orders' });
    const item = (i: number) => ({
      customerId: { S: `customer-${i % 10}` }, orderId: { S: `order-${String(i).padStart(6, '0')}` },
      total: { N: String(i * 1.5) }, status: { S: 'PLACED' },
    });
    const put = async (i: number) => { await asRole.dynamodb.send(new PutItemCommand({ TableName: 'bench-orders', Item: item(i) })); };
    for (let i = 0; i < 200; i++) await put(i);
    show('DynamoDB PutItem', await measure(running, 3000, put));

    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'bench-echo', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/bench',
      Code: { ZipFile: zipFiles({ 'index.mjs': 'export const handler = async (event) => event;' }) },
    }));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'bench-echo' });
    const invoke = async () => {
      const answer = await asRole.lambda.send(new InvokeCommand({ FunctionName: 'bench-echo', Payload: Buffer.from('{"n":1}') }));
      if (answer.FunctionError) throw new Error(`bench-echo failed: ${Buffer.from(answer.Payload ?? []).toString()}`);
    };
    for (let i = 0; i < 50; i++) await invoke();
    show('Lambda Invoke (warm)', await measure(running, 2000, invoke));
  } finally {
    asRole.dynamodb.destroy();
    asRole.lambda.destroy();
    clients.destroy();
    await running.stop();
  }
}

await main();
