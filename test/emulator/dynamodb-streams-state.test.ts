/**
 * DynamoDB Streams with a state folder: a table's stream settings, its records, a disabled stream
 * and a Lambda mapping on a stream (with how far it has read) are all there after a restart, and
 * the restarted table goes on recording on the same stream.
 */
import { GetItemCommand, PutItemCommand, UpdateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { CreateEventSourceMappingCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { createTableAndWait } from '../support/dynamodb.ts';
import { clientsAt } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';

const folder = mkdtempSync(join(tmpdir(), 'dynamodb-streams-state-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Appends each record's key to one item of the log table.
const RECORDER = `
const { DynamoDBClient, UpdateItemCommand } = require('@aws-sdk/client-dynamodb');
const db = new DynamoDBClient({});
exports.handler = async (event) => {
  const keys = event.Records.map((r) => ({ S: r.dynamodb.Keys.pk.S }));
  await db.send(new UpdateItemCommand({ TableName: 'restart-log', Key: { pk: { S: 'log' } }, UpdateExpression: 'SET gotKeys = list_append(if_not_exists(gotKeys, :none), :keys)', ExpressionAttributeValues: { ':none': { L: [] }, ':keys': { L: keys } } }));
};
`;

const start = () => startEmulator({ port: 0, stateDir: folder, log: () => {}, timeFactor: 0.001, settings: { lambdaStateDelayMs: 10, dynamodbStateDelayMs: 0 } });
const simple = (name: string) => ({ TableName: name, BillingMode: 'PAY_PER_REQUEST' as const, KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }] });

async function records(running: RunningEmulator, streamArn: string): Promise<Array<{ name?: string; key?: string; sequence?: string }>> {
  const streams = new DynamoDBStreamsClient({ endpoint: running.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    const ShardId = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription!.Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const answer = await streams.send(new GetRecordsCommand({ ShardIterator }));
    return (answer.Records ?? []).map((record) => ({ name: record.eventName, key: record.dynamodb?.Keys?.pk?.S, sequence: record.dynamodb?.SequenceNumber }));
  } finally {
    streams.destroy();
  }
}

describe('DynamoDB Streams across a restart', () => {
  it('keeps streams, records and stream mappings, and goes on from where the mapping was', async () => {
    let running = await start();
    let clients = clientsAt(running.url);
    let logged: () => Promise<string[]>;
    const logOf = (current: typeof clients) => async () => ((await current.dynamodb.send(new GetItemCommand({ TableName: 'restart-log', Key: { pk: { S: 'log' } } }))).Item?.gotKeys?.L ?? []).map((value) => value.S!);
    let arn: string;
    let oldArn: string;
    let before: Awaited<ReturnType<typeof records>>;
    try {
      await createTableAndWait(clients.dynamodb, simple('restart-log'));
      await createTableAndWait(clients.dynamodb, { ...simple('restart-orders'), StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
      oldArn = (await clients.dynamodb.send(new DescribeTableCommand({ TableName: 'restart-orders' }))).Table!.LatestStreamArn!;
      await clients.dynamodb.send(new PutItemCommand({ TableName: 'restart-orders', Item: { pk: { S: 'old-stream' } } }));
      await clients.dynamodb.send(new UpdateTableCommand({ TableName: 'restart-orders', StreamSpecification: { StreamEnabled: false } }));
      arn = (await clients.dynamodb.send(new UpdateTableCommand({ TableName: 'restart-orders', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }))).TableDescription!.LatestStreamArn!;
      await clients.dynamodb.send(new PutItemCommand({ TableName: 'restart-orders', Item: { pk: { S: 'a' } } }));
      await clients.dynamodb.send(new PutItemCommand({ TableName: 'restart-orders', Item: { pk: { S: 'b' } } }));
      await createFunction(clients.lambda, 'restart-recorder', { files: { 'index.js': RECORDER }, Timeout: 30 });
      await clients.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'restart-recorder', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON', BisectBatchOnFunctionError: true }));
      logged = logOf(clients);
      await eventually(async () => ((await logged()).length >= 2 ? true : undefined), 30_000);
      // The function has written its log; the mapping checkpoints once the invocation has returned.
      const checkpointed = async () => (await clients.lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: arn }))).EventSourceMappings?.[0]?.LastProcessingResult === 'OK';
      await eventually(async () => ((await checkpointed()) ? true : undefined), 30_000);
      before = await records(running, arn);
    } finally {
      clients.destroy();
      await running.stop();
    }

    running = await start();
    clients = clientsAt(running.url);
    try {
      const table = (await clients.dynamodb.send(new DescribeTableCommand({ TableName: 'restart-orders' }))).Table!;
      expect(table.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
      expect(table.LatestStreamArn).toBe(arn);
      expect(await records(running, arn)).toEqual(before);
      expect(before.map((record) => record.key)).toEqual(['a', 'b']);
      expect(await records(running, oldArn)).toEqual([{ name: 'INSERT', key: 'old-stream', sequence: expect.any(String) }]);
      const mappings = (await clients.lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: arn }))).EventSourceMappings!;
      expect(mappings).toMatchObject([{ StartingPosition: 'TRIM_HORIZON', BisectBatchOnFunctionError: true, LastProcessingResult: 'OK' }]);

      await clients.dynamodb.send(new PutItemCommand({ TableName: 'restart-orders', Item: { pk: { S: 'c' } } }));
      const after = await records(running, arn);
      expect(after.map((record) => record.key)).toEqual(['a', 'b', 'c']);
      expect(BigInt(after[2]!.sequence!)).toBeGreaterThan(BigInt(after[1]!.sequence!));
      logged = logOf(clients);
      // The mapping goes on after b: c arrives once, a and b are not delivered again.
      await eventually(async () => ((await logged()).length >= 3 ? true : undefined), 30_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await logged()).toEqual(['a', 'b', 'c']);
    } finally {
      clients.destroy();
      await running.stop();
    }
  }, 90_000);
});
