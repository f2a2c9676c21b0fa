/**
 * Model validation benchmark (run with `node bench/validation.ts`; prints figures, asserts only
 * that calls succeed): DynamoDB PutItem and Lambda Invoke latency through the real SDK over HTTP,
 * as p50 and p99, with the validation layer on and off in the same emulator, rounds interleaved
 * so drift in the machine's speed falls on both sides alike; the ratio is the layer's cost.
 */
import { cpus } from 'node:os';
import { CreateTableCommand, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CreateFunctionCommand, InvokeCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
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
      running.emulator.validateInput = side === 'on';
      for (let i = 0; i < count / ROUNDS; i++) {
        const start = performance.now();
        await call(round * count + i);
        samples[side].push(since(start));
      }
    }
  }
  running.emulator.validateInput = true;
  return samples;
}

function show(name: string, samples: { on: number[]; off: number[] }): void {
  for (const p of [50, 99]) {
    const on = percentile(samples.on, p);
    const off = percentile(samples.off, p);
    report(`${name} p${p}, validation on`, on, 'ms');
    report(`${name} p${p}, validation off`, off, 'ms');
    report(`${name} p${p}, on / off`, on / off, 'x', `${((on / off - 1) * 100).toFixed(1)} % cost; target under 5 %`);
  }
}

async function main(): Promise<void> {
  console.log(`Validation benchmark on Node.js ${process.version}, ${cpus().length} cores`);
  const running = await startEmulator({ port: 0, log: () => {}, settings: { lambdaStateDelayMs: 0, dynamodbStateDelayMs: 0 } });
  const clients = createClients(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: running.url } }));
  const { dynamodb, lambda } = clients;
  try {
    await dynamodb.send(new CreateTableCommand({
      TableName: 'bench-orders', BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'customerId', AttributeType: 'S' }, { AttributeName: 'orderId', AttributeType: 'S' }],
    }));
    await waitUntilTableExists({ client: dynamodb, minDelay: 0.1, maxWaitTime: 60 }, { TableName: 'bench-orders' });
    const item = (i: number) => ({
      customerId: { S: `customer-${i % 10}` }, orderId: { S: `order-${String(i).padStart(6, '0')}` },
      total: { N: String(i * 1.5) }, status: { S: 'PLACED' }, lines: { L: [{ M: { sku: { S: 'mug' }, qty: { N: '2' } } }] },
    });
    const put = async (i: number) => { await dynamodb.send(new PutItemCommand({ TableName: 'bench-orders', Item: item(i), ReturnValues: 'NONE' })); };
    for (let i = 0; i < 200; i++) await put(i);
    show('DynamoDB PutItem', await measure(running, 3000, put));

    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'bench-echo', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/bench',
      Code: { ZipFile: zipFiles({ 'index.mjs': 'export const handler = async (event) => event;' }) },
    }));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'bench-echo' });
    const invoke = async () => {
      const answer = await lambda.send(new InvokeCommand({ FunctionName: 'bench-echo', Payload: Buffer.from('{"n":1}') }));
      if (answer.FunctionError) throw new Error(`bench-echo failed: ${Buffer.from(answer.Payload ?? []).toString()}`);
    };
    for (let i = 0; i < 50; i++) await invoke();
    show('Lambda Invoke (warm)', await measure(running, 2000, invoke));
  } finally {
    clients.destroy();
    await running.stop();
  }
}

await main();
