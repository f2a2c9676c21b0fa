/**
 * DynamoDB benchmark (run with `node bench/dynamodb.ts`; prints figures, asserts only that reads
 * find what was written): PutItem, GetItem and Query latency through the real SDK over HTTP to an
 * in-process emulator, as p50 and p99, plus the cost of a Query as the partition grows.
 */
import { CreateTableCommand, GetItemCommand, PutItemCommand, QueryCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { createClients } from '../src/core/clients.ts';
import { resolveTarget } from '../src/core/target.ts';
import { startEmulator } from '../src/emulator/server.ts';
import { percentile, report, since } from './stats.ts';

async function timed(count: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run(i);
    samples.push(since(start));
  }
  return samples;
}

function show(name: string, samples: number[]): void {
  report(`${name} p50`, percentile(samples, 50), 'ms');
  report(`${name} p99`, percentile(samples, 99), 'ms');
}

async function main(): Promise<void> {
  console.log(`DynamoDB benchmark on Node.js ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  const running = await startEmulator({ port: 0, log: () => {} });
  const clients = createClients(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: running.url } }));
  const { dynamodb } = clients;
  try {
    await dynamodb.send(new CreateTableCommand({
      TableName: 'bench-orders', BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'customerId', AttributeType: 'S' }, { AttributeName: 'orderId', AttributeType: 'S' }],
    }));
    await waitUntilTableExists({ client: dynamodb, minDelay: 0.1, maxWaitTime: 60 }, { TableName: 'bench-orders' });
    const key = (i: number) => ({ customerId: { S: `customer-${i % 10}` }, orderId: { S: `order-${String(i).padStart(6, '0')}` } });
    const item = (i: number) => ({ ...key(i), total: { N: String(i * 1.5) }, status: { S: 'PLACED' }, lines: { L: [{ M: { sku: { S: 'mug' }, qty: { N: '2' } } }] } });
    // Warm the connection and the code paths before measuring.
    for (let i = 0; i < 100; i++) await dynamodb.send(new PutItemCommand({ TableName: 'bench-orders', Item: { ...item(i), customerId: { S: 'warm-up' } } }));

    show('PutItem', await timed(2000, async (i) => { await dynamodb.send(new PutItemCommand({ TableName: 'bench-orders', Item: item(i) })); }));
    show('GetItem', await timed(2000, async (i) => {
      const got = await dynamodb.send(new GetItemCommand({ TableName: 'bench-orders', Key: key(i) }));
      if (!got.Item) throw new Error(`item ${i} was not found`);
    }));
    show('Query (partition of 200, page of 25)', await timed(1000, async (i) => {
      const page = await dynamodb.send(new QueryCommand({
        TableName: 'bench-orders', KeyConditionExpression: 'customerId = :c AND begins_with(orderId, :p)',
        ExpressionAttributeValues: { ':c': { S: `customer-${i % 10}` }, ':p': { S: 'order-' } }, Limit: 25,
      }));
      if (page.Count !== 25) throw new Error(`query ${i} returned ${page.Count} items`);
    }));
    show('Query (whole partition of 200)', await timed(500, async (i) => {
      const page = await dynamodb.send(new QueryCommand({ TableName: 'bench-orders', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: `customer-${i % 10}` } } }));
      if (page.Count !== 200) throw new Error(`query ${i} returned ${page.Count} items`);
    }));
  } finally {
    clients.destroy();
    await running.stop();
  }
}

await main();
