/**
 * ListStreams, DescribeStream, GetShardIterator and GetRecords over the streams DynamoDB keeps
 * (dynamodb/streams/). They only read: records are trimmed by age as they are read, and removed
 * from state when the table next records a change.
 */
import type { Emulator } from '../../emulator.ts';
import type { DynamodbState } from '../dynamodb/state.ts';
import { streamsOf, sequenceIndex, sequenceString, type ChangeRecord, type DynamodbStream } from '../dynamodb/streams/model.ts';
import { constraintFailure, ExpiredIteratorException, StreamsResourceNotFoundException, StreamsValidationException, TrimmedDataAccessException } from './errors.ts';
import { decodeIterator, encodeIterator, ITERATOR_LIFETIME_MS } from './iterators.ts';

/** What an operation needs: the caller's scope and the emulator. */
export interface StreamsContext {
  account: string;
  region: string;
  emulator: Emulator;
}

type Input = Record<string, any>;

const ITERATOR_TYPES = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'];

function visibleStreams(context: StreamsContext, now = Date.now()): DynamodbStream[] {
  const state = context.emulator.store.findScope<DynamodbState>('dynamodb', context.account, context.region);
  if (!state) return [];
  return [...streamsOf(state).values()].filter((stream) => stream.disabledAt === undefined || now - stream.disabledAt <= stream.retentionMs);
}

function checkArn(value: unknown, member = 'streamArn'): string {
  if (typeof value !== 'string') throw constraintFailure(value, member, 'Member must not be null');
  if (value.length < 37 || value.length > 1024) throw constraintFailure(value, member, 'Member must have length between 37 and 1024');
  return value;
}

function checkLimit(value: unknown, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || (value as number) < 1) throw constraintFailure(value, 'limit', 'Member must have value greater than or equal to 1');
  if ((value as number) > max) throw constraintFailure(value, 'limit', `Member must have value less than or equal to ${max}`);
  return value as number;
}

function findStream(context: StreamsContext, arn: string): DynamodbStream {
  const stream = visibleStreams(context).find((candidate) => candidate.arn === arn);
  if (!stream) throw new StreamsResourceNotFoundException(`Requested resource not found: Stream: ${arn} not found`);
  return stream;
}

/** The number of the last record gone, by trimming or by age, at `now`. */
function trimHorizon(stream: DynamodbStream, now: number): number {
  let gone = stream.trimmedThrough;
  const first = stream.lastSequence - stream.records.length + 1;
  for (let i = 0; i < stream.records.length && now - stream.records[i]!.at > stream.retentionMs; i++) gone = first + i;
  return gone;
}

/** ListStreams: the caller's streams, optionally of one table, paged by ExclusiveStartStreamArn. */
export function listStreams(context: StreamsContext, input: Input): Record<string, unknown> {
  const limit = checkLimit(input.Limit, 100) ?? 100;
  const start = input.ExclusiveStartStreamArn === undefined ? undefined : checkArn(input.ExclusiveStartStreamArn, 'exclusiveStartStreamArn');
  let streams = visibleStreams(context).filter((stream) => input.TableName === undefined || stream.tableName === input.TableName);
  if (start !== undefined) {
    const at = streams.findIndex((stream) => stream.arn === start);
    streams = at < 0 ? [] : streams.slice(at + 1);
  }
  const page = streams.slice(0, limit);
  return {
    Streams: page.map((stream) => ({ StreamArn: stream.arn, TableName: stream.tableName, StreamLabel: stream.label })),
    ...(streams.length > limit ? { LastEvaluatedStreamArn: page[page.length - 1]!.arn } : {}),
  };
}

/** DescribeStream: the stream, its status and its one shard. */
export function describeStream(context: StreamsContext, input: Input): Record<string, unknown> {
  const stream = findStream(context, checkArn(input.StreamArn));
  checkLimit(input.Limit, 100);
  const range: Record<string, string> = { StartingSequenceNumber: sequenceString(trimHorizon(stream, Date.now()) + 1) };
  // A disabled stream's shard is closed: it ends at its last record.
  if (stream.status === 'DISABLED') range.EndingSequenceNumber = sequenceString(Math.max(stream.lastSequence, stream.trimmedThrough + 1));
  const shards = input.ExclusiveStartShardId === stream.shardId ? [] : [{ ShardId: stream.shardId, SequenceNumberRange: range }];
  return {
    StreamDescription: {
      StreamArn: stream.arn,
      StreamLabel: stream.label,
      StreamStatus: stream.status,
      StreamViewType: stream.viewType,
      CreationRequestDateTime: new Date(stream.createdAt),
      TableName: stream.tableName,
      KeySchema: stream.keySchema,
      Shards: shards,
    },
  };
}

/** GetShardIterator: a position in the shard, by type and (for AT/AFTER) sequence number. */
export function getShardIterator(context: StreamsContext, input: Input): Record<string, unknown> {
  const arn = checkArn(input.StreamArn);
  if (typeof input.ShardId !== 'string') throw constraintFailure(input.ShardId, 'shardId', 'Member must not be null');
  const type = input.ShardIteratorType;
  if (!ITERATOR_TYPES.includes(type)) {
    throw constraintFailure(type, 'shardIteratorType', `Member must ${type === undefined ? 'not be null' : `satisfy enum value set: [${ITERATOR_TYPES.join(', ')}]`}`);
  }
  const stream = findStream(context, arn);
  if (input.ShardId !== stream.shardId) throw new StreamsResourceNotFoundException('Requested resource not found: Shard does not exist');
  const now = Date.now();
  const horizon = trimHorizon(stream, now);
  let after: number;
  if (type === 'TRIM_HORIZON') after = horizon;
  else if (type === 'LATEST') after = stream.lastSequence;
  else {
    const raw = input.SequenceNumber;
    if (raw === undefined || raw === null) throw new StreamsValidationException(`The SequenceNumber parameter is required for ShardIteratorType ${type}`);
    const n = typeof raw === 'string' ? sequenceIndex(raw) : undefined;
    if (n === undefined || n < 1 || n > stream.lastSequence) {
      throw new StreamsValidationException(`Invalid SequenceNumber for ShardIteratorType ${type}: ${String(raw)} is not a sequence number of shard ${stream.shardId}`);
    }
    if (n <= horizon) throw new TrimmedDataAccessException(`The sequence number ${raw} is beyond the trim horizon of shard ${stream.shardId}: its record was older than 24 hours; start from TRIM_HORIZON instead`);
    after = type === 'AT_SEQUENCE_NUMBER' ? n - 1 : n;
  }
  return { ShardIterator: encodeIterator({ streamArn: stream.arn, shardId: stream.shardId, after, issuedAt: now }) };
}

/** A change record as the Streams API shows it. */
export function recordView(stream: DynamodbStream, record: ChangeRecord): Record<string, unknown> {
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: stream.region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(record.at / 1000),
      Keys: record.keys,
      ...(record.newImage ? { NewImage: record.newImage } : {}),
      ...(record.oldImage ? { OldImage: record.oldImage } : {}),
      SequenceNumber: record.sequenceNumber,
      SizeBytes: record.sizeBytes,
      StreamViewType: stream.viewType,
    },
    ...(record.userIdentity ? { userIdentity: { PrincipalId: record.userIdentity.principalId, Type: record.userIdentity.type } } : {}),
  };
}

/** GetRecords: up to Limit (1000) records after the iterator's position, and the iterator to go on from. */
export function getRecords(context: StreamsContext, input: Input): Record<string, unknown> {
  const position = decodeIterator(input.ShardIterator);
  const limit = checkLimit(input.Limit, 1000) ?? 1000;
  const now = Date.now();
  const lifetime = context.emulator.scaled(ITERATOR_LIFETIME_MS);
  if (now - position.issuedAt > lifetime) {
    throw new ExpiredIteratorException(`Iterator expired. The iterator was created at time ${new Date(position.issuedAt).toISOString()} while right now it is ${new Date(now).toISOString()} which is further in the future than the tolerated delay of ${Math.round(lifetime)} milliseconds. Get a new one with GetShardIterator.`);
  }
  const stream = findStream(context, position.streamArn);
  if (position.shardId !== stream.shardId) throw new StreamsResourceNotFoundException('Requested resource not found: Shard does not exist');
  if (position.after < trimHorizon(stream, now)) {
    throw new TrimmedDataAccessException('The operation attempted to read past the oldest stream record in a shard: its records were older than 24 hours. Get a new iterator with ShardIteratorType TRIM_HORIZON.');
  }
  const first = stream.lastSequence - stream.records.length + 1;
  const from = Math.max(0, position.after + 1 - first);
  const records = stream.records.slice(from, from + limit);
  const after = records.length > 0 ? sequenceIndex(records[records.length - 1]!.sequenceNumber)! : position.after;
  // A closed shard read to its end has no next iterator: the reader is done with it.
  const closed = stream.status === 'DISABLED' && after >= stream.lastSequence;
  return {
    Records: records.map((record) => recordView(stream, record)),
    ...(closed ? {} : { NextShardIterator: encodeIterator({ ...position, after, issuedAt: now }) }),
  };
}
