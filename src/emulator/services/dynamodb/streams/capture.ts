/**
 * Captures item-level changes into a table's stream: INSERT, MODIFY or REMOVE, with the images
 * the view type asks for. As the DynamoDB developer guide documents, a PutItem or UpdateItem that
 * leaves the item as it was writes no record, and neither does a DeleteItem of a missing item.
 */
import { randomUUID } from 'node:crypto';
import { copyItem, itemSize, valuesEqual, type Item } from '../attribute-values.ts';
import { noteChange } from '../../../persistence/changes.ts';
import { rowKey } from '../../../persistence/rows.ts';
import type { Table } from '../state.ts';
import { sequenceString, type ChangeRecord, type DynamodbStream } from './model.ts';
import { notifyStream } from './signal.ts';

/** Who made a change that DynamoDB made itself, as a record's userIdentity shows it. */
export interface ChangeIdentity {
  type: string;
  principalId: string;
}

/** The identity of Time to Live deletions. */
export const TTL_IDENTITY: ChangeIdentity = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };

/** The state database's key of a record's row. */
export function recordRowKey(streamArn: string, sequenceNumber: string): string {
  return rowKey('stream-record', streamArn, sequenceNumber);
}

function sameItem(a: Item, b: Item): boolean {
  return valuesEqual({ M: a }, { M: b });
}

function keysOf(keySchema: Table['KeySchema'], item: Item): Item {
  const keys: Item = {};
  for (const { AttributeName } of keySchema) if (Object.hasOwn(item, AttributeName)) keys[AttributeName] = copyItem(item[AttributeName]!);
  return keys;
}

/** Removes records older than the stream's retention (only ever the oldest ones). */
export function trimStream(stream: DynamodbStream, now = Date.now()): void {
  let drop = 0;
  while (drop < stream.records.length && now - stream.records[drop]!.at > stream.retentionMs) drop++;
  if (drop === 0) return;
  for (const record of stream.records.slice(0, drop)) noteChange(stream.records, recordRowKey(stream.arn, record.sequenceNumber), undefined);
  stream.trimmedThrough = stream.lastSequence - stream.records.length + drop;
  stream.records.splice(0, drop);
}

/** Records the change from `old` to `next` (undefined: absent) on the table's live stream, if it has one. */
export function captureChange(table: Table, old: Item | undefined, next: Item | undefined, identity?: ChangeIdentity): void {
  const stream = table.stream;
  if (!stream || stream.status !== 'ENABLED') return;
  if (!old && !next) return;
  if (old && next && sameItem(old, next)) return;
  const now = Date.now();
  trimStream(stream, now);
  const keys = keysOf(stream.keySchema, (next ?? old)!);
  const view = stream.viewType;
  const record: ChangeRecord = {
    eventID: randomUUID().replaceAll('-', ''),
    eventName: !old ? 'INSERT' : !next ? 'REMOVE' : 'MODIFY',
    at: now,
    sequenceNumber: sequenceString(++stream.lastSequence),
    keys,
    sizeBytes: itemSize(keys),
  };
  if (next && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES')) {
    record.newImage = copyItem(next);
    record.sizeBytes += itemSize(next);
  }
  if (old && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES')) {
    record.oldImage = copyItem(old);
    record.sizeBytes += itemSize(old);
  }
  if (identity) record.userIdentity = { ...identity };
  stream.records.push(record);
  noteChange(stream.records, recordRowKey(stream.arn, record.sequenceNumber), record);
  notifyStream(stream.arn);
}
