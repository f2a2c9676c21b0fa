/**
 * DynamoDB Streams through the real SDK: StreamSpecification on CreateTable and UpdateTable with
 * AWS's errors, change records with the images each view type asks for, and the Streams API
 * (ListStreams, DescribeStream, GetShardIterator, GetRecords) with its iterator types and errors.
 */
import {
  DeleteItemCommand, DeleteTableCommand, DescribeTableCommand, PutItemCommand, UpdateItemCommand, UpdateTableCommand, UpdateTimeToLiveCommand, type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand, type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableAndWait } from '../support/dynamodb.ts';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const { hasAws } = await realClients('dynamodb-streams');

const config = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

function table(name: string, stream?: { StreamEnabled: boolean; StreamViewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' }) {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }, { AttributeName: 'sk', KeyType: 'RANGE' as const }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }, { AttributeName: 'sk', AttributeType: 'N' as const }],
    ...(stream ? { StreamSpecification: stream } : {}),
  };
}

/** Every record of a stream's shard, read from TRIM_HORIZON. */
async function readAll(streams: DynamoDBStreamsClient, streamArn: string): Promise<_Record[]> {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const ShardId = StreamDescription!.Shards![0]!.ShardId!;
  let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const records: _Record[] = [];
  for (let page = 0; iterator && page < 20; page++) {
    const answer = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    records.push(...(answer.Records ?? []));
    if ((answer.Records ?? []).length === 0) break;
    iterator = answer.NextShardIterator;
  }
  return records;
}

describe('DynamoDB Streams', () => {
  const emulator = useEmulator({ settings: { dynamodbStateDelayMs: 0 } });
  let dynamodb: DynamoDBClient;
  let streams: DynamoDBStreamsClient;
  beforeAll(() => {
    dynamodb = emulator.clients.dynamodb;
    streams = new DynamoDBStreamsClient(config(emulator.running.url));
  });
  afterAll(() => streams?.destroy());

  it('enables a stream on CreateTable and shows it in the table description', async () => {
    const created = await createTableAndWait(dynamodb, table('orders-created', { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' }));
    const description = created.TableDescription!;
    expect(description.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(description.LatestStreamArn).toBe(`arn:aws:dynamodb:us-east-1:000000000000:table/orders-created/stream/${description.LatestStreamLabel}`);
    expect(description.LatestStreamLabel).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
    const described = (await dynamodb.send(new DescribeTableCommand({ TableName: 'orders-created' }))).Table!;
    expect(described.LatestStreamArn).toBe(description.LatestStreamArn);
    const plain = await createTableAndWait(dynamodb, table('orders-plain', { StreamEnabled: false }));
    expect(plain.TableDescription).not.toHaveProperty('StreamSpecification');
    expect(plain.TableDescription).not.toHaveProperty('LatestStreamArn');
  });

  it('refuses stream changes with the errors AWS gives, and keeps a disabled stream readable', async () => {
    await createTableAndWait(dynamodb, table('orders-toggle'));
    const update = (StreamSpecification: { StreamEnabled: boolean; StreamViewType?: 'KEYS_ONLY' | 'NEW_IMAGE' }) => dynamodb.send(new UpdateTableCommand({ TableName: 'orders-toggle', StreamSpecification }));
    await expect(update({ StreamEnabled: true })).rejects.toMatchObject({ name: 'ValidationException', message: 'One or more parameter values were invalid: If stream is being enabled then UpdateViewType is required' });
    await expect(update({ StreamEnabled: false })).rejects.toMatchObject({ name: 'ValidationException', message: 'Table has no stream to disable: TableName: orders-toggle' });
    const enabled = (await update({ StreamEnabled: true, StreamViewType: 'KEYS_ONLY' })).TableDescription!;
    expect(enabled.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
    await expect(update({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' })).rejects.toMatchObject({ name: 'ValidationException', message: 'Table already has an enabled stream: TableName: orders-toggle' });
    await expect(update({ StreamEnabled: false, StreamViewType: 'KEYS_ONLY' })).rejects.toMatchObject({ message: 'One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must not be specified' });
    await dynamodb.send(new PutItemCommand({ TableName: 'orders-toggle', Item: { pk: { S: 'a' }, sk: { N: '1' } } }));
    await update({ StreamEnabled: false });
    const afterDisable = (await dynamodb.send(new DescribeTableCommand({ TableName: 'orders-toggle' }))).Table!;
    expect(afterDisable.StreamSpecification).toBeUndefined();
    expect(afterDisable.LatestStreamArn).toBe(enabled.LatestStreamArn);
    const old = (await streams.send(new DescribeStreamCommand({ StreamArn: enabled.LatestStreamArn! }))).StreamDescription!;
    expect(old).toMatchObject({ StreamStatus: 'DISABLED', StreamViewType: 'KEYS_ONLY', TableName: 'orders-toggle' });
    expect(old.Shards![0]!.SequenceNumberRange!.EndingSequenceNumber).toBeDefined();
    // A closed shard read to its end has no next iterator.
    const iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: enabled.LatestStreamArn!, ShardId: old.Shards![0]!.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator!;
    const read = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    expect(read.Records!.map((record) => record.dynamodb!.Keys)).toEqual([{ pk: { S: 'a' }, sk: { N: '1' } }]);
    expect(read.NextShardIterator).toBeUndefined();
    const again = (await update({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' })).TableDescription!;
    expect(again.LatestStreamArn).not.toBe(enabled.LatestStreamArn);
    const listed = (await streams.send(new ListStreamsCommand({ TableName: 'orders-toggle' }))).Streams!;
    expect(listed.map((stream) => stream.StreamArn)).toEqual([enabled.LatestStreamArn, again.LatestStreamArn]);
  });

  it('records INSERT, MODIFY and REMOVE with the images of the view type, and nothing for a change that changes nothing', async () => {
    const created = await createTableAndWait(dynamodb, table('orders-records', { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' }));
    const arn = created.TableDescription!.LatestStreamArn!;
    const key = { pk: { S: 'order-1' }, sk: { N: '1' } };
    await dynamodb.send(new PutItemCommand({ TableName: 'orders-records', Item: { ...key, status: { S: 'new' } } }));
    await dynamodb.send(new PutItemCommand({ TableName: 'orders-records', Item: { ...key, status: { S: 'new' } } }));
    await dynamodb.send(new UpdateItemCommand({ TableName: 'orders-records', Key: key, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'new' } } }));
    await dynamodb.send(new UpdateItemCommand({ TableName: 'orders-records', Key: key, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'paid' } } }));
    await dynamodb.send(new DeleteItemCommand({ TableName: 'orders-records', Key: key }));
    await dynamodb.send(new DeleteItemCommand({ TableName: 'orders-records', Key: key }));
    const records = await readAll(streams, arn);
    expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const [insert, modify, remove] = records as [_Record, _Record, _Record];
    expect(insert).toMatchObject({ eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1' });
    expect(insert.eventID).toMatch(/^[0-9a-f]{32}$/);
    expect(insert.dynamodb).toMatchObject({ Keys: key, NewImage: { ...key, status: { S: 'new' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(insert.dynamodb!.OldImage).toBeUndefined();
    // Keys (pk 2 + 7, sk 2 + 2) and the new image (those plus status 6 + 3), as AWS counts them.
    expect(insert.dynamodb!.SizeBytes).toBe(13 + 22);
    expect(insert.dynamodb!.ApproximateCreationDateTime).toBeInstanceOf(Date);
    expect(Math.abs(insert.dynamodb!.ApproximateCreationDateTime!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(modify.dynamodb).toMatchObject({ OldImage: { ...key, status: { S: 'new' } }, NewImage: { ...key, status: { S: 'paid' } } });
    expect(remove.dynamodb).toMatchObject({ Keys: key, OldImage: { ...key, status: { S: 'paid' } } });
    expect(remove.dynamodb!.NewImage).toBeUndefined();
    const numbers = records.map((record) => BigInt(record.dynamodb!.SequenceNumber!));
    expect(numbers).toEqual([...numbers].sort((a, b) => (a < b ? -1 : 1)));
    expect(records[0]!.dynamodb!.SequenceNumber!.length).toBeGreaterThanOrEqual(21);
  });

  it('shows only what each view type asks for', async () => {
    for (const view of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE'] as const) {
      const name = `orders-view-${view.toLowerCase().replaceAll('_', '-')}`;
      const arn = (await createTableAndWait(dynamodb, table(name, { StreamEnabled: true, StreamViewType: view }))).TableDescription!.LatestStreamArn!;
      const key = { pk: { S: 'x' }, sk: { N: '2' } };
      await dynamodb.send(new PutItemCommand({ TableName: name, Item: { ...key, n: { N: '1' } } }));
      await dynamodb.send(new PutItemCommand({ TableName: name, Item: { ...key, n: { N: '2' } } }));
      const [, modify] = await readAll(streams, arn);
      expect(Object.keys(modify!.dynamodb!).filter((member) => member.endsWith('Image')).sort(), view).toEqual(
        { KEYS_ONLY: [], NEW_IMAGE: ['NewImage'], OLD_IMAGE: ['OldImage'] }[view],
      );
      expect(modify!.dynamodb!.StreamViewType).toBe(view);
    }
  });

  it('positions iterators by sequence number and answers AWS errors for bad ones', async () => {
    const arn = (await createTableAndWait(dynamodb, table('orders-iterators', { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' }))).TableDescription!.LatestStreamArn!;
    for (let i = 1; i <= 5; i++) await dynamodb.send(new PutItemCommand({ TableName: 'orders-iterators', Item: { pk: { S: 'p' }, sk: { N: String(i) } } }));
    const description = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!;
    expect(description).toMatchObject({ StreamArn: arn, StreamStatus: 'ENABLED', TableName: 'orders-iterators', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }] });
    expect(description.CreationRequestDateTime).toBeInstanceOf(Date);
    const ShardId = description.Shards![0]!.ShardId!;
    expect(ShardId).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
    const all = await readAll(streams, arn);
    const third = all[2]!.dynamodb!.SequenceNumber!;
    const from = async (ShardIteratorType: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'LATEST', SequenceNumber?: string) => {
      const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId, ShardIteratorType, SequenceNumber }));
      return streams.send(new GetRecordsCommand({ ShardIterator, Limit: 2 }));
    };
    expect((await from('AT_SEQUENCE_NUMBER', third)).Records!.map((record) => record.dynamodb!.Keys!.sk!.N)).toEqual(['3', '4']);
    const after = await from('AFTER_SEQUENCE_NUMBER', third);
    expect(after.Records!.map((record) => record.dynamodb!.Keys!.sk!.N)).toEqual(['4', '5']);
    const latest = await from('LATEST');
    expect(latest.Records).toEqual([]);
    await dynamodb.send(new PutItemCommand({ TableName: 'orders-iterators', Item: { pk: { S: 'p' }, sk: { N: '6' } } }));
    const next = await streams.send(new GetRecordsCommand({ ShardIterator: latest.NextShardIterator }));
    expect(next.Records!.map((record) => record.dynamodb!.Keys!.sk!.N)).toEqual(['6']);

    await expect(streams.send(new DescribeStreamCommand({ StreamArn: `${arn}0` }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    await expect(streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: 'shardId-00000000000000000000-00000000', ShardIteratorType: 'TRIM_HORIZON' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: '999999999999999999999' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(streams.send(new GetRecordsCommand({ ShardIterator: 'not-an-iterator' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(streams.send(new GetRecordsCommand({ ShardIterator: latest.NextShardIterator, Limit: 1001 }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('lists streams by table, in pages, and keeps a deleted table\'s stream readable as DISABLED', async () => {
    const arn = (await createTableAndWait(dynamodb, table('orders-deleted', { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }))).TableDescription!.LatestStreamArn!;
    await dynamodb.send(new PutItemCommand({ TableName: 'orders-deleted', Item: { pk: { S: 'gone' }, sk: { N: '1' } } }));
    await dynamodb.send(new DeleteTableCommand({ TableName: 'orders-deleted' }));
    expect((await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.StreamStatus).toBe('DISABLED');
    expect((await readAll(streams, arn)).map((record) => record.eventName)).toEqual(['INSERT']);
    const first = await streams.send(new ListStreamsCommand({ Limit: 1 }));
    expect(first.Streams).toHaveLength(1);
    expect(first.LastEvaluatedStreamArn).toBe(first.Streams![0]!.StreamArn);
    const rest = await streams.send(new ListStreamsCommand({ ExclusiveStartStreamArn: first.LastEvaluatedStreamArn }));
    expect(rest.Streams!.map((stream) => stream.StreamArn)).not.toContain(first.LastEvaluatedStreamArn);
    expect([...first.Streams!, ...rest.Streams!].map((stream) => stream.StreamArn)).toContain(arn);
  });
});

describe('DynamoDB Streams over time', () => {
  /** A streams client for a test of its own, closed when the test ends. */
  async function withStreams(url: string, run: (streams: DynamoDBStreamsClient) => Promise<void>): Promise<void> {
    const streams = new DynamoDBStreamsClient(config(url));
    try {
      await run(streams);
    } finally {
      streams.destroy();
    }
  }

  describe('with 15 minutes as 90 ms', () => {
    const emulator = useEmulator({ timeFactor: 0.0001, settings: { dynamodbStateDelayMs: 0 } });

    it('expires shard iterators after 15 minutes', () => withStreams(emulator.running.url, async (streams) => {
      const arn = (await createTableAndWait(emulator.clients.dynamodb, table('orders-expiring', { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' }))).TableDescription!.LatestStreamArn!;
      const ShardId = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards![0]!.ShardId!;
      const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
      await new Promise((resolve) => setTimeout(resolve, 250));
      await expect(streams.send(new GetRecordsCommand({ ShardIterator }))).rejects.toMatchObject({ name: 'ExpiredIteratorException' });
    }));
  });

  describe('with 24 hours as 0.86 s', () => {
    const emulator = useEmulator({ timeFactor: 0.00001, settings: { dynamodbStateDelayMs: 0 } });

    it('trims records older than 24 hours', () => withStreams(emulator.running.url, async (streams) => {
      const { dynamodb } = emulator.clients;
      const arn = (await createTableAndWait(dynamodb, table('orders-old', { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' }))).TableDescription!.LatestStreamArn!;
      await dynamodb.send(new PutItemCommand({ TableName: 'orders-old', Item: { pk: { S: 'old' }, sk: { N: '1' } } }));
      const shard = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards![0]!;
      const first = shard.SequenceNumberRange!.StartingSequenceNumber!;
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await expect(streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId!, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: first }))).rejects.toMatchObject({ name: 'TrimmedDataAccessException' });
      const now = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards![0]!.SequenceNumberRange!.StartingSequenceNumber!;
      expect(BigInt(now)).toBeGreaterThan(BigInt(first));
    }));
  });

  describe('with a Time to Live sweep every 60 ms', () => {
    const emulator = useEmulator({ timeFactor: 0.001, settings: { dynamodbStateDelayMs: 0 } });

    it('marks Time to Live deletions as made by DynamoDB itself', () => withStreams(emulator.running.url, async (streams) => {
      const { dynamodb } = emulator.clients;
      const arn = (await createTableAndWait(dynamodb, table('orders-ttl', { StreamEnabled: true, StreamViewType: 'OLD_IMAGE' }))).TableDescription!.LatestStreamArn!;
      await dynamodb.send(new UpdateTimeToLiveCommand({ TableName: 'orders-ttl', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
      const expired = String(Math.floor(Date.now() / 1000) - 60);
      await dynamodb.send(new PutItemCommand({ TableName: 'orders-ttl', Item: { pk: { S: 'user' }, sk: { N: '1' } } }));
      await dynamodb.send(new DeleteItemCommand({ TableName: 'orders-ttl', Key: { pk: { S: 'user' }, sk: { N: '1' } } }));
      await dynamodb.send(new PutItemCommand({ TableName: 'orders-ttl', Item: { pk: { S: 'ttl' }, sk: { N: '1' }, expires: { N: expired } } }));
      let removes: _Record[] = [];
      for (let i = 0; i < 200 && removes.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        removes = (await readAll(streams, arn)).filter((record) => record.eventName === 'REMOVE');
      }
      const [byUser, byTtl] = removes;
      expect(byUser!.userIdentity).toBeUndefined();
      expect(byTtl!.dynamodb!.OldImage).toEqual({ pk: { S: 'ttl' }, sk: { N: '1' }, expires: { N: expired } });
      expect(byTtl!.userIdentity).toEqual({ Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
    }));
  });
});

describe.skipIf(!hasAws)('DynamoDB Streams with the AWS CLI', () => {
  const emulator = useEmulator({ settings: { dynamodbStateDelayMs: 0 } });

  it('describes a stream with `aws dynamodbstreams describe-stream`', async () => {
    const arn = (await createTableAndWait(emulator.clients.dynamodb, table('orders-cli', { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }))).TableDescription!.LatestStreamArn!;
    const { stdout } = await promisify(execFile)('aws', ['--endpoint-url', emulator.running.url, 'dynamodbstreams', 'describe-stream', '--stream-arn', arn, '--output', 'json'], { timeout: 60_000, env: clientEnv() });
    const description = JSON.parse(stdout).StreamDescription;
    expect(description).toMatchObject({ StreamArn: arn, StreamStatus: 'ENABLED', StreamViewType: 'NEW_IMAGE', TableName: 'orders-cli' });
    expect(description.Shards[0].ShardId).toMatch(/^shardId-/);
  });
});
