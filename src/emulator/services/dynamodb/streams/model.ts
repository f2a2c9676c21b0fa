/**
 * DynamoDB Streams state: one stream per enabling of a table's StreamSpecification, each with a
 * single shard that holds the table's change records in order for 24 hours. A disabled stream (or
 * the stream of a deleted table) stays readable, DISABLED, for 24 hours too, as on AWS.
 */
import { randomBytes } from 'node:crypto';
import type { Item } from '../attribute-values.ts';
import type { DynamodbState, KeySchemaElement, Table } from '../state.ts';

/** What a stream record shows of the item. */
export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** The view types AWS accepts. */
export const VIEW_TYPES: readonly StreamViewType[] = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];

/** How long records, and a disabled stream, are kept, before the time factor. */
export const RETENTION_MS = 24 * 60 * 60 * 1000;

/** One change record as the stream keeps it. */
export interface ChangeRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** Epoch ms the change was made (shown rounded down to the second). */
  at: number;
  sequenceNumber: string;
  keys: Item;
  newImage?: Item;
  oldImage?: Item;
  sizeBytes: number;
  /** Set for changes DynamoDB made itself (Time to Live deletions). */
  userIdentity?: { type: string; principalId: string };
}

/** A stream and its one shard. */
export interface DynamodbStream {
  arn: string;
  label: string;
  tableName: string;
  keySchema: KeySchemaElement[];
  viewType: StreamViewType;
  region: string;
  createdAt: Date;
  status: 'ENABLED' | 'DISABLED';
  /** Epoch ms the stream was disabled (or its table deleted); it is dropped a retention period later. */
  disabledAt?: number;
  /** How long records are kept, time factor applied when the stream was created. */
  retentionMs: number;
  shardId: string;
  /** The number of the last sequence number handed out (0: none yet). */
  lastSequence: number;
  /** The number of the last record trimmed away (0: nothing trimmed). */
  trimmedThrough: number;
  /** In sequence order; the container the state database notes record rows on. */
  records: ChangeRecord[];
}

const SEQUENCE_BASE = 10n ** 20n;

/** The sequence number string of the n-th record of a shard (21 digits, increasing). */
export function sequenceString(n: number): string {
  return String(SEQUENCE_BASE + BigInt(n));
}

/** The record number a sequence number string stands for, or undefined when it is not one of ours. */
export function sequenceIndex(sequence: string): number | undefined {
  if (!/^\d{21,40}$/.test(sequence)) return undefined;
  const n = BigInt(sequence) - SEQUENCE_BASE;
  return n >= 0n && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : undefined;
}

/** The streams of an account and region by ARN, created on first use (state saved before streams has none). */
export function streamsOf(state: DynamodbState): Map<string, DynamodbStream> {
  const holder = state as DynamodbState & { streams?: Map<string, DynamodbStream> };
  if (!(holder.streams instanceof Map)) holder.streams = new Map();
  return holder.streams;
}

function labelOf(date: Date): string {
  return date.toISOString().replace('Z', '');
}

/** Starts a new stream on a table and links it as the table's live stream. */
export function startStream(state: DynamodbState, table: Table, viewType: StreamViewType, region: string, retentionMs: number): DynamodbStream {
  const streams = streamsOf(state);
  let created = new Date();
  // Two streams of one table enabled within a millisecond would share a label, and so an ARN.
  while (streams.has(`${table.TableArn}/stream/${labelOf(created)}`)) created = new Date(created.getTime() + 1);
  const label = labelOf(created);
  const stream: DynamodbStream = {
    arn: `${table.TableArn}/stream/${label}`,
    label,
    tableName: table.TableName,
    keySchema: table.KeySchema,
    viewType,
    region,
    createdAt: created,
    status: 'ENABLED',
    retentionMs,
    shardId: `shardId-${String(created.getTime()).padStart(20, '0')}-${randomBytes(4).toString('hex')}`,
    lastSequence: 0,
    trimmedThrough: 0,
    records: [],
  };
  streams.set(stream.arn, stream);
  table.stream = stream;
  table.latestStreamArn = stream.arn;
  table.latestStreamLabel = label;
  return stream;
}

/** Disables a table's live stream: it stays readable, DISABLED, and takes no more records. */
export function stopStream(table: Table, now = Date.now()): void {
  const stream = table.stream;
  if (!stream) return;
  stream.status = 'DISABLED';
  stream.disabledAt = now;
  delete table.stream;
}

/** Drops streams disabled longer than their retention ago. */
export function dropExpiredStreams(state: DynamodbState, now = Date.now()): void {
  const streams = streamsOf(state);
  for (const [arn, stream] of streams) {
    if (stream.disabledAt !== undefined && now - stream.disabledAt > stream.retentionMs) streams.delete(arn);
  }
}

/** The stream a table's saved LatestStreamArn names, linked again when it is still enabled (after a restart). */
export function relinkStreams(state: DynamodbState): void {
  const streams = streamsOf(state);
  for (const table of state.tables.values()) {
    const stream = table.latestStreamArn ? streams.get(table.latestStreamArn) : undefined;
    if (stream?.status === 'ENABLED') table.stream = stream;
  }
}
