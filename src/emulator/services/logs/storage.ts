/**
 * How much CloudWatch Logs keeps in memory. AWS keeps what a group's retention says, on disk and
 * without end; the emulator keeps events inside retention up to a budget per log stream and per
 * account and region, dropping the oldest first, so a function that prints without pause leaves
 * the emulator's memory where it was once its events age out of the budget.
 */
import { noteChange } from '../../persistence/changes.ts';
import { EVENT_OVERHEAD_BYTES } from './events.ts';
import type { LogGroup, LogStream, LogsState, StoredEvent } from './model.ts';

/** The most one log stream holds (messages in UTF-8 plus AWS's 26 bytes per event). */
export const MAX_STREAM_BYTES = 16 * 1024 * 1024;
/** The most the log streams of one account and region hold together. */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

const DAY = 24 * 3_600_000;

/** The bytes an event counts for. */
export function eventBytes(event: { message: string }): number {
  return Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES;
}

/** The bytes a stream holds, counted once for state loaded from disk and kept up to date after. */
export function streamBytes(stream: LogStream): number {
  stream.bytes ??= stream.events.reduce((sum, event) => sum + eventBytes(event), 0);
  return stream.bytes;
}

function dropOldest(stream: LogStream, keep: (event: StoredEvent, bytes: number) => boolean): void {
  let bytes = streamBytes(stream);
  let drop = 0;
  while (drop < stream.events.length && !keep(stream.events[drop]!, bytes)) bytes -= eventBytes(stream.events[drop++]!);
  if (drop === 0) return;
  for (const event of stream.events.slice(0, drop)) noteChange(stream, String(event.seq), undefined);
  stream.events.splice(0, drop);
  stream.bytes = bytes;
}

/** Counts events just inserted into a stream; `before` is {@link streamBytes} from before the insert. */
export function countAdded(stream: LogStream, before: number, added: StoredEvent[]): void {
  stream.bytes = added.reduce((sum, event) => sum + eventBytes(event), before);
}

/** After a write to `stream`: drops what retention has expired, then the oldest events over the budgets. */
export function enforceBudgets(state: LogsState, group: LogGroup, stream: LogStream, now = Date.now()): void {
  if (group.retentionInDays) {
    const cutoff = now - group.retentionInDays * DAY;
    dropOldest(stream, (event) => event.timestamp >= cutoff);
  }
  dropOldest(stream, (_event, bytes) => bytes <= MAX_STREAM_BYTES);
  let total = 0;
  for (const each of state.groups.values()) for (const other of each.streams.values()) total += streamBytes(other);
  if (total <= MAX_STATE_BYTES) return;
  // The account is over its budget: the longest-written streams give up their oldest events first.
  for (const each of state.groups.values()) {
    for (const other of each.streams.values()) {
      const before = streamBytes(other);
      dropOldest(other, (_event, bytes) => total - (before - bytes) <= MAX_STATE_BYTES);
      noteChange(each, other.logStreamName, other);
      total -= before - streamBytes(other);
      if (total <= MAX_STATE_BYTES) return;
    }
  }
}
