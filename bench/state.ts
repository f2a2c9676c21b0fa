/**
 * State benchmark (run with `node bench/state.ts`): what a state folder costs per write (PutItem,
 * SendMessage and PutObject with and without `--state`), how many acknowledged writes a kill -9
 * loses (target 0), and whether 2 GB of S3 objects restart and serve while the health route stays
 * quick. BENCH_KILL_CYCLES (30) and BENCH_S3_GB (2) size the runs.
 */
import { BatchWriteItemCommand, CreateTableCommand, DescribeTableCommand, PutItemCommand, waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClients, type AwsClients } from '../src/core/clients.ts';
import { resolveTarget } from '../src/core/target.ts';
import { startEmulator } from '../src/emulator/server.ts';
import { createWriteTargets, lostIds, noIds, readBack, startWriters } from '../test/support/acknowledged-writes.ts';
import { killHard, spawnEmulator, type EmulatorProcess } from '../test/support/emulator-process.ts';
import { percentile, report, since } from './stats.ts';

const KILL_CYCLES = Number(process.env.BENCH_KILL_CYCLES ?? 30);
const S3_GB = Number(process.env.BENCH_S3_GB ?? 2);

function clientsAt(url: string): AwsClients {
  return createClients(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: url } }));
}

async function createTable(dynamodb: DynamoDBClient, name: string): Promise<void> {
  await dynamodb.send(new CreateTableCommand({
    TableName: name, BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  }));
  await waitUntilTableExists({ client: dynamodb, minDelay: 0.05, maxWaitTime: 60 }, { TableName: name });
}

interface Target {
  dynamodb: DynamoDBClient;
  sqs: AwsClients['sqs'];
  s3: S3Client;
  queueUrl: string;
}

async function prepare(url: string): Promise<Target> {
  const { dynamodb, sqs, s3 } = clientsAt(url);
  await createTable(dynamodb, 'bench');
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'bench' }))).QueueUrl!;
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  return { dynamodb, sqs, s3, queueUrl };
}

/**
 * Latency of PutItem, SendMessage and PutObject against two in-process emulators, one with a
 * state folder: requests alternate between them, so warm-up and machine noise weigh on both alike.
 */
async function writeCosts(stateDir: string): Promise<void> {
  const memory = await startEmulator({ port: 0, log: () => {} });
  const durable = await startEmulator({ port: 0, log: () => {}, stateDir });
  const targets = [await prepare(memory.url), await prepare(durable.url)];
  const item = (i: number) => ({ id: { S: `order-${i}` }, total: { N: String(i * 1.5) }, status: { S: 'PLACED' }, lines: { L: [{ M: { sku: { S: 'mug' }, qty: { N: '2' } } }] } });
  const small = Buffer.alloc(1024, 1);
  const large = Buffer.alloc(256 * 1024, 2);
  const operations: Array<[string, number, (target: Target, i: number) => Promise<unknown>]> = [
    ['PutItem', 4000, (target, i) => target.dynamodb.send(new PutItemCommand({ TableName: 'bench', Item: item(i) }))],
    ['SendMessage', 3000, (target, i) => target.sqs.send(new SendMessageCommand({ QueueUrl: target.queueUrl, MessageBody: `message ${i}` }))],
    ['PutObject (1 KB)', 2000, (target, i) => target.s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `small-${i}`, Body: small }))],
    ['PutObject (256 KB)', 500, (target, i) => target.s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `large-${i}`, Body: large }))],
  ];
  try {
    for (const [name, count, run] of operations) {
      const samples: [number[], number[]] = [[], []];
      for (let i = -200; i < count; i++) {
        for (const side of [0, 1] as const) {
          const start = performance.now();
          await run(targets[side]!, i);
          if (i >= 0) samples[side].push(since(start));
        }
      }
      const [without, withState] = samples.map((list) => percentile(list, 50)) as [number, number];
      report(`${name} p50 without / with --state`, without, 'ms', `with --state ${withState.toFixed(3)} ms: +${(withState - without).toFixed(3)} ms; p99 ${percentile(samples[0], 99).toFixed(2)} / ${percentile(samples[1], 99).toFixed(2)} ms`);
    }
  } finally {
    for (const target of targets) [target.dynamodb, target.sqs, target.s3].forEach((client) => client.destroy());
    await memory.stop();
    await durable.stop();
  }
}

async function killLoop(folder: string): Promise<void> {
  const acknowledged = noIds();
  let running = await spawnEmulator(['--state', folder]);
  let clients = clientsAt(running.url);
  const queueUrl = await createWriteTargets(clients);
  try {
    for (let cycle = 0; cycle < KILL_CYCLES; cycle++) {
      const writers = startWriters(clients, queueUrl, acknowledged, `cycle${cycle}`, 6);
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 400));
      await killHard(running);
      await writers.stop();
      clients.destroy();
      running = await spawnEmulator(['--state', folder]);
      clients = clientsAt(running.url);
    }
    const lost = lostIds(acknowledged, await readBack(clients, queueUrl));
    for (const service of ['dynamodb', 'sqs', 's3'] as const) {
      report(`kill -9 x${KILL_CYCLES}: ${service} acknowledged writes lost`, lost[service].length, `of ${acknowledged[service].size}`);
    }
  } finally {
    clients.destroy();
    await killHard(running);
  }
}

async function listKeys(s3: S3Client, bucket: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    page.Contents?.forEach((object) => keys.add(object.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** How long a restart takes with many rows: 100,000 DynamoDB items in one table. */
async function manyItems(folder: string): Promise<void> {
  const count = 100_000;
  let running = await spawnEmulator(['--state', folder]);
  let clients = clientsAt(running.url);
  await createTable(clients.dynamodb, 'many');
  const started = performance.now();
  for (let batch = 0; batch < count / 25; batch++) {
    const RequestItems = { many: Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { id: { S: `item-${batch * 25 + i}` }, n: { N: String(i) } } } })) };
    await clients.dynamodb.send(new BatchWriteItemCommand({ RequestItems }));
  }
  report(`DynamoDB: ${count} items by BatchWriteItem with --state`, (count / since(started)) * 1000, 'items/s');
  clients.destroy();
  await killHard(running);
  const restart = performance.now();
  running = await spawnEmulator(['--state', folder]);
  report(`restart with ${count} DynamoDB items`, since(restart), 'ms');
  clients = clientsAt(running.url);
  try {
    const described = await clients.dynamodb.send(new DescribeTableCommand({ TableName: 'many' }));
    if (described.Table?.ItemCount !== count) throw new Error(`${described.Table?.ItemCount} items after the restart, expected ${count}`);
  } finally {
    clients.destroy();
    await killHard(running);
  }
}

function rssMb(running: EmulatorProcess): number {
  const status = readFileSync(`/proc/${running.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

async function bigS3(folder: string): Promise<void> {
  const objectBytes = 8 * 1024 * 1024;
  const count = Math.round((S3_GB * 1024 * 1024 * 1024) / objectBytes);
  let running = await spawnEmulator(['--state', folder]);
  let clients = clientsAt(running.url);
  await clients.s3.send(new CreateBucketCommand({ Bucket: 'big' }));
  const body = Buffer.alloc(objectBytes, 42);
  const health: number[] = [];
  let writing = true;
  const poller = (async () => {
    while (writing) {
      const start = performance.now();
      await (await fetch(`${running.url}/_localstack/health`)).arrayBuffer();
      health.push(since(start));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  let next = 0;
  await Promise.all([0, 1, 2, 3].map(async () => {
    while (next < count) await clients.s3.send(new PutObjectCommand({ Bucket: 'big', Key: `object-${next++}`, Body: body }));
  }));
  const seconds = since(started) / 1000;
  writing = false;
  await poller;
  report(`S3: ${count} x 8 MB PutObject with --state`, (count * objectBytes) / 1024 / 1024 / seconds, 'MB/s');
  report('health route while writing p50', percentile(health, 50), 'ms');
  report('health route while writing p99', percentile(health, 99), 'ms');
  report('emulator RSS after writing', rssMb(running), 'MB');
  clients.destroy();
  await killHard(running);
  const restart = performance.now();
  running = await spawnEmulator(['--state', folder]);
  report(`restart with ${S3_GB} GB of S3 objects (kill -9 before)`, since(restart), 'ms');
  clients = clientsAt(running.url);
  try {
    report('emulator RSS after restart', rssMb(running), 'MB');
    const listed = await listKeys(clients.s3, 'big');
    if (listed.size !== count) throw new Error(`listed ${listed.size} objects, expected ${count}`);
    const get = performance.now();
    const got = await clients.s3.send(new GetObjectCommand({ Bucket: 'big', Key: `object-${count - 1}` }));
    const bytes = await got.Body!.transformToByteArray();
    if (bytes.length !== objectBytes) throw new Error(`object has ${bytes.length} bytes`);
    report('GetObject 8 MB after restart', since(get), 'ms');
  } finally {
    clients.destroy();
    await killHard(running);
  }
}

async function main(): Promise<void> {
  console.log(`State benchmark on Node.js ${process.version}`);
  const folders = [1, 2, 3, 4].map(() => mkdtempSync(join(tmpdir(), 'bench-state-')));
  try {
    await writeCosts(folders[0]!);
    if (KILL_CYCLES > 0) await killLoop(folders[1]!);
    await manyItems(folders[3]!);
    if (S3_GB > 0) await bigS3(folders[2]!);
  } finally {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
}

await main();
