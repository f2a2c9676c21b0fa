/**
 * DynamoDB Streams benchmark (run with `node bench/dynamodb-streams.ts`; prints figures, asserts
 * nothing but the no-loss rule): the time from a PutItem's answer to the start of the handler a
 * stream event source mapping invokes with its record, p50 and p95 over 200 writes made one at a
 * time (each after the previous invocation ended, so no write waits behind another), and the same
 * from the moment the PutItem was sent. The first can be below zero: the record is captured, and
 * the poller woken, before the answer has reached the client. There is no peer to compare with:
 * moto server records streams but runs no event source mappings.
 */
import { CreateTableCommand, DynamoDBClient, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventSourceMappingCommand, CreateFunctionCommand, GetEventSourceMappingCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { startEmulator } from '../src/emulator/server.ts';
import { zipFiles } from '../test/support/zip.ts';
import { percentile, report } from './stats.ts';

const SAMPLES = 200;
const config = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 2 });
// Wall-clock time with sub-millisecond precision, comparable between this process and the function's.
const HANDLER = `exports.handler = async (event) => {
  console.log('HANDLER-START ' + event.Records[0].dynamodb.Keys.pk.S + ' ' + (performance.timeOrigin + performance.now()));
};
`;
const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  console.log(`DynamoDB Streams benchmark on Node.js ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  const running = await startEmulator({ port: 0, log: () => {} });
  const dynamodb = new DynamoDBClient(config(running.url));
  const lambda = new LambdaClient(config(running.url));
  const logs = new CloudWatchLogsClient(config(running.url));
  try {
    const table = await dynamodb.send(new CreateTableCommand({
      TableName: 'bench-orders', BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }));
    await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30, minDelay: 1 }, { TableName: 'bench-orders' });
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'bench-stream', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/bench', Code: { ZipFile: zipFiles({ 'index.js': HANDLER }) } }));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'bench-stream' });
    const mapping = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'bench-stream', EventSourceArn: table.TableDescription!.LatestStreamArn!, StartingPosition: 'LATEST', BatchSize: 1 }));
    while ((await lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID! }))).State !== 'Enabled') await new Promise((resolve) => setTimeout(resolve, 50));

    let finished = 0;
    let wake: (() => void) | undefined;
    const stop = running.emulator.trace.subscribe((entry) => {
      if (entry.kind === 'invocation' && entry.detail?.includes('record(s) from') && entry.outcome === 'success') {
        finished++;
        wake?.();
      }
    });
    const sent = new Map<string, number>();
    const answered = new Map<string, number>();
    // One write to warm the function's environment, not measured.
    for (let i = -1; i < SAMPLES; i++) {
      const id = `order-${i}`;
      const target = finished + 1;
      sent.set(id, now());
      await dynamodb.send(new PutItemCommand({ TableName: 'bench-orders', Item: { pk: { S: id }, n: { N: String(i) } } }));
      answered.set(id, now());
      const deadline = Date.now() + 10_000;
      while (finished < target) {
        if (Date.now() > deadline) throw new Error(`the record of ${id} reached no handler within 10 s`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
    }
    stop();

    const started = new Map<string, number>();
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/bench-stream', filterPattern: 'HANDLER-START', nextToken }));
      for (const event of page.events ?? []) {
        const match = /HANDLER-START (\S+) ([\d.]+)/.exec(event.message ?? '');
        if (match) started.set(match[1]!, Number(match[2]));
      }
      nextToken = page.nextToken;
    } while (nextToken);
    const latencies: number[] = [];
    const fromSent: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const id = `order-${i}`;
      const start = started.get(id);
      if (start === undefined) throw new Error(`no handler start was logged for ${id}: a record was lost`);
      latencies.push(start - answered.get(id)!);
      fromSent.push(start - sent.get(id)!);
    }
    report('emulator: PutItem answered -> handler start, p50', percentile(latencies, 50), 'ms', `${SAMPLES} writes, one at a time, BatchSize 1`);
    report('emulator: PutItem answered -> handler start, p95', percentile(latencies, 95), 'ms');
    report('emulator: PutItem sent -> handler start, p50', percentile(fromSent, 50), 'ms');
    report('emulator: PutItem sent -> handler start, p95', percentile(fromSent, 95), 'ms');
    console.log('moto server: no comparison (moto runs no event source mappings for DynamoDB streams)');
  } finally {
    dynamodb.destroy();
    lambda.destroy();
    logs.destroy();
    await running.stop();
  }
}

await main();
