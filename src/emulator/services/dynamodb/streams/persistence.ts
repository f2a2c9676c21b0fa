/**
 * Streams as rows of DynamoDB's state: one per stream (its description and counters) and one per
 * change record, so capturing a change writes that record's row and the stream's small row only.
 */
import { takeChanges, track } from '../../../persistence/changes.ts';
import { rowKey, rowPrefix, SavedNames, type RowWriter, type SavedRow, type SetAside } from '../../../persistence/rows.ts';
import { kindOf } from '../../../persistence/whole-scope.ts';
import type { DynamodbState } from '../state.ts';
import { recordRowKey } from './capture.ts';
import { relinkStreams, streamsOf, type ChangeRecord, type DynamodbStream } from './model.ts';

const streamsSaved = new SavedNames<DynamodbState>();

/** Writes what changed in the streams of one scope. */
export function saveStreams(state: DynamodbState, rows: RowWriter): void {
  const streams = streamsOf(state);
  for (const [arn, stream] of streams) {
    const { records, ...description } = stream;
    rows.putIfChanged(rowKey('stream', arn), description);
    if (track(records)) {
      takeChanges(records);
      rows.deletePrefix(rowPrefix('stream-record', arn));
      for (const record of records) rows.put(recordRowKey(arn, record.sequenceNumber), record);
    } else {
      for (const [key, record] of takeChanges(records) ?? []) record === undefined ? rows.delete(key) : rows.put(key, record);
    }
  }
  streamsSaved.sweep(state, streams.keys(), (arn) => {
    rows.delete(rowKey('stream', arn));
    rows.deletePrefix(rowPrefix('stream-record', arn));
  });
}

/** Reads the stream rows of a scope being loaded, after its tables, and links each enabled stream to its table. */
export function loadStreamRows(state: DynamodbState, rows: SavedRow[], setAside: SetAside): void {
  const streams = streamsOf(state);
  const records: SavedRow[] = [];
  for (const row of rows) {
    const [kind] = JSON.parse(row.key) as string[];
    if (kind === 'stream-record') {
      records.push(row);
      continue;
    }
    const stream = row.value as DynamodbStream;
    if (kindOf(stream) !== 'record' || typeof stream.arn !== 'string' || typeof stream.shardId !== 'string' || !Array.isArray(stream.keySchema)) {
      setAside(row, 'the stream has no ARN, shard or key schema');
      continue;
    }
    streams.set(stream.arn, { ...stream, records: [] });
  }
  for (const row of records) {
    const [, arn] = JSON.parse(row.key) as string[];
    const stream = streams.get(arn!);
    const record = row.value as ChangeRecord;
    if (!stream) setAside(row, 'the record belongs to a stream that is not in the saved state');
    else if (kindOf(record) !== 'record' || typeof record.sequenceNumber !== 'string') setAside(row, 'the record has no sequence number');
    else stream.records.push(record);
  }
  for (const stream of streams.values()) {
    // Sequence numbers have one length, so their order as strings is their order as numbers.
    stream.records.sort((a, b) => (a.sequenceNumber < b.sequenceNumber ? -1 : 1));
    track(stream.records);
  }
  relinkStreams(state);
  streamsSaved.remember(state, streams.keys());
}

/** True for the keys of rows {@link loadStreamRows} reads. */
export function isStreamRow(kind: unknown): boolean {
  return kind === 'stream' || kind === 'stream-record';
}
