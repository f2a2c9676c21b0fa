/**
 * Log events: PutLogEvents' batch rules, and reading events back with GetLogEvents' forward and
 * backward tokens and FilterLogEvents' patterns across streams.
 */
import { noteChange } from '../../persistence/changes.ts';
import { BAD_TOKEN, InvalidParameterException } from './errors.ts';
import { FilterPatternError, compileFilterPattern } from './filter-pattern.ts';
import { optionalInteger, validationMessage, type LogGroup, type LogStream, type LogsState, type StoredEvent } from './model.ts';
import { countAdded, enforceBudgets, streamBytes } from './storage.ts';

/** AWS counts this many bytes per event on top of its message. */
export const EVENT_OVERHEAD_BYTES = 26;
/** The largest PutLogEvents batch: messages in UTF-8 plus the overhead of each event. */
export const MAX_BATCH_BYTES = 1_048_576;
/** The largest single event (message plus overhead): 1 MB, as AWS documents it now. */
export const MAX_EVENT_BYTES = 1_048_576;
/** The most events one PutLogEvents call may carry, and one read may return. */
export const MAX_BATCH_EVENTS = 10_000;
/** A read returns at most this many bytes of events. */
export const MAX_READ_BYTES = 1_048_576;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What PutLogEvents answers. */
export interface PutResult {
  nextSequenceToken: string;
  rejectedLogEventsInfo?: { tooNewLogEventStartIndex?: number; tooOldLogEventEndIndex?: number; expiredLogEventEndIndex?: number };
}

function sequenceToken(count: number): string {
  return String(count).padStart(56, '0');
}

function checkEvents(value: unknown): InputEvent[] {
  if (!Array.isArray(value)) throw new InvalidParameterException(validationMessage(value === undefined ? null : 'not a list', 'logEvents', 'Member must not be null'));
  if (value.length < 1) throw new InvalidParameterException(validationMessage('[]', 'logEvents', 'Member must have length greater than or equal to 1'));
  if (value.length > MAX_BATCH_EVENTS) throw new InvalidParameterException(validationMessage(`${value.length} events`, 'logEvents', `Member must have length less than or equal to ${MAX_BATCH_EVENTS}`));
  return value.map((event: unknown, index) => {
    const member = `logEvents.${index + 1}.member`;
    const { timestamp, message } = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
    if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0) {
      throw new InvalidParameterException(validationMessage(timestamp, `${member}.timestamp`, timestamp === undefined ? 'Member must not be null' : 'Member must be a non-negative integer'));
    }
    if (typeof message !== 'string' || message.length < 1) {
      throw new InvalidParameterException(validationMessage(message, `${member}.message`, message === undefined ? 'Member must not be null' : 'Member must have length greater than or equal to 1'));
    }
    return { timestamp, message };
  });
}

/** One event of a batch that passed {@link checkBatch}. */
export type InputEvent = { timestamp: number; message: string };

/** Checks a PutLogEvents batch as AWS does before it looks at the stream: shape, sizes and order. */
export function checkBatch(logEvents: unknown): InputEvent[] {
  const batch = checkEvents(logEvents);
  let batchBytes = 0;
  for (const event of batch) {
    const size = Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES;
    if (size > MAX_EVENT_BYTES) throw new InvalidParameterException(`Log event too large: ${size} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    batchBytes += size;
  }
  if (batchBytes > MAX_BATCH_BYTES) throw new InvalidParameterException(`Upload too large: ${batchBytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  for (let index = 1; index < batch.length; index += 1) {
    if (batch[index]!.timestamp < batch[index - 1]!.timestamp) {
      throw new InvalidParameterException('Log events in a single PutLogEvents request must be in chronological order.');
    }
  }
  return batch;
}

/** Puts a checked batch into a stream; too old, expired or too new events are rejected, not stored. `onStored` sees what was stored. */
export function putEvents(state: LogsState, group: LogGroup, stream: LogStream, batch: InputEvent[], now = Date.now(), onStored?: (events: StoredEvent[]) => void): PutResult {
  // The batch is sorted, so rejected events form a prefix (too old, expired) and a suffix (too new).
  const tooOldEnd = batch.findIndex((event) => event.timestamp >= now - 14 * DAY);
  const tooOld = tooOldEnd < 0 ? batch.length : tooOldEnd;
  const cutoff = group.retentionInDays ? now - group.retentionInDays * DAY : -Infinity;
  const expiredEnd = batch.findIndex((event) => event.timestamp >= cutoff);
  const expired = expiredEnd < 0 ? batch.length : expiredEnd;
  const tooNewStart = batch.findIndex((event) => event.timestamp > now + 2 * HOUR);
  const tooNew = tooNewStart < 0 ? batch.length : tooNewStart;
  const accepted = batch.slice(Math.max(tooOld, expired), Math.max(tooNew, Math.max(tooOld, expired)));
  if (accepted.length > 1 && accepted[accepted.length - 1]!.timestamp - accepted[0]!.timestamp > DAY) {
    throw new InvalidParameterException('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  }
  if (accepted.length > 0) {
    const stored = accepted.map((event): StoredEvent => {
      state.eventCounter += 1;
      return { ...event, ingestionTime: now, seq: stream.nextSeq++, eventId: String(state.eventCounter).padStart(56, '0') };
    });
    const before = streamBytes(stream);
    insertSorted(stream, stored);
    countAdded(stream, before, stored);
    stream.lastIngestionTime = now;
    enforceBudgets(state, group, stream, now);
    onStored?.(stored);
  }
  stream.uploads += 1;
  noteChange(group, stream.logStreamName, stream);
  const rejected: NonNullable<PutResult['rejectedLogEventsInfo']> = {};
  if (tooOld > 0) rejected.tooOldLogEventEndIndex = tooOld;
  if (group.retentionInDays && expired > 0) rejected.expiredLogEventEndIndex = expired;
  if (tooNew < batch.length) rejected.tooNewLogEventStartIndex = tooNew;
  return { nextSequenceToken: sequenceToken(stream.uploads), ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}) };
}

function compareKeys(a: { timestamp: number; seq: number }, b: { timestamp: number; seq: number }): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

function insertSorted(stream: LogStream, batch: StoredEvent[]): void {
  for (const event of batch) noteChange(stream, String(event.seq), event);
  const last = stream.events[stream.events.length - 1];
  // The usual case: newer events go at the end, no sorting needed.
  if (!last || compareKeys(last, batch[0]!) <= 0) stream.events.push(...batch);
  else stream.events = [...stream.events, ...batch].sort(compareKeys);
}

/** The sequence token a stream would hand out now, as DescribeLogStreams shows it. */
export function uploadSequenceToken(stream: LogStream): string {
  return sequenceToken(stream.uploads + 1);
}

/** The events still inside the group's retention period. */
export function liveEvents(group: LogGroup, stream: LogStream, now = Date.now()): StoredEvent[] {
  if (!group.retentionInDays) return stream.events;
  const cutoff = now - group.retentionInDays * DAY;
  return stream.events.filter((event) => event.timestamp >= cutoff);
}

function optionalTime(value: unknown, member: string): number | undefined {
  return optionalInteger(value, member, 0, Number.MAX_SAFE_INTEGER);
}

/** Keeps events while they fit the count and byte budget of one read. */
function takeWithin<T extends { message: string }>(events: Iterable<T>, limit: number): T[] {
  const taken: T[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES;
    if (taken.length >= limit || (taken.length > 0 && bytes + size > MAX_READ_BYTES)) break;
    taken.push(event);
    bytes += size;
  }
  return taken;
}

function* backwards<T>(items: T[]): Generator<T> {
  for (let index = items.length - 1; index >= 0; index -= 1) yield items[index]!;
}

type Key = { timestamp: number; seq: number };
const START: Key = { timestamp: 0, seq: 0 };

function encodeKey(direction: 'f' | 'b', key: Key): string {
  return `${direction}/${String(key.timestamp).padStart(20, '0')}${String(key.seq).padStart(36, '0')}`;
}

function decodeKey(token: unknown): { direction: 'f' | 'b'; key: Key } {
  const match = typeof token === 'string' ? /^([fb])\/(\d{20})(\d{36})$/.exec(token) : null;
  if (!match) throw new InvalidParameterException(BAD_TOKEN);
  return { direction: match[1] as 'f' | 'b', key: { timestamp: Number(match[2]), seq: Number(match[3]) } };
}

/** GetLogEvents' parameters, checked before the stream is looked up. */
export type ReadOptions = ReturnType<typeof readOptions>;

/** Checks GetLogEvents' parameters as AWS does, before it looks for the stream. */
export function readOptions(input: Record<string, unknown>) {
  return {
    limit: optionalInteger(input.limit, 'limit', 1, MAX_BATCH_EVENTS) ?? MAX_BATCH_EVENTS,
    startTime: optionalTime(input.startTime, 'startTime'),
    endTime: optionalTime(input.endTime, 'endTime'),
    token: input.nextToken === undefined ? undefined : decodeKey(input.nextToken),
    startFromHead: input.startFromHead === true,
  };
}

/** GetLogEvents: a page of one stream, read from the head, the tail, or either way from a token. */
export function getEvents(group: LogGroup, stream: LogStream, options: ReadOptions, now = Date.now()) {
  const { limit, startTime, endTime, token } = options;
  const inRange = liveEvents(group, stream, now).filter(
    (event) => (startTime === undefined || event.timestamp >= startTime) && (endTime === undefined || event.timestamp < endTime),
  );
  let page: StoredEvent[];
  if (token?.direction === 'f') page = takeWithin(inRange.filter((event) => compareKeys(event, token.key) > 0), limit);
  else if (token?.direction === 'b') page = takeWithin(backwards(inRange.filter((event) => compareKeys(event, token.key) < 0)), limit).reverse();
  else if (options.startFromHead) page = takeWithin(inRange, limit);
  else page = takeWithin(backwards(inRange), limit).reverse();
  // At either end AWS hands back the token it was given, which is how a reader knows it is done.
  const first = page[0] ?? token?.key ?? START;
  const last = page[page.length - 1] ?? token?.key ?? START;
  return {
    events: page.map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
    nextForwardToken: encodeKey('f', last),
    nextBackwardToken: encodeKey('b', first),
  };
}

function stringList(value: unknown, member: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length < 1 || value.length > 100 || value.some((item) => typeof item !== 'string')) {
    throw new InvalidParameterException(validationMessage(JSON.stringify(value), member, 'Member must be a list of 1 to 100 log stream names'));
  }
  return value as string[];
}

/** FilterLogEvents' parameters, checked before the group is looked up. */
export type FilterOptions = ReturnType<typeof filterOptions>;

/** Checks FilterLogEvents' parameters and compiles its pattern, before the group is looked up. */
export function filterOptions(input: Record<string, unknown>) {
  const names = stringList(input.logStreamNames, 'logStreamNames');
  const prefix = input.logStreamNamePrefix;
  if (names && prefix !== undefined) throw new InvalidParameterException('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  if (prefix !== undefined && typeof prefix !== 'string') throw new InvalidParameterException(validationMessage(prefix, 'logStreamNamePrefix', 'Member must be a string'));
  const limit = optionalInteger(input.limit, 'limit', 1, MAX_BATCH_EVENTS) ?? MAX_BATCH_EVENTS;
  const startTime = optionalTime(input.startTime, 'startTime');
  const endTime = optionalTime(input.endTime, 'endTime');
  if (input.filterPattern !== undefined && typeof input.filterPattern !== 'string') throw new InvalidParameterException(validationMessage(input.filterPattern, 'filterPattern', 'Member must be a string'));
  let matches: (message: string) => boolean;
  try {
    matches = compileFilterPattern(input.filterPattern as string | undefined);
  } catch (error) {
    if (error instanceof FilterPatternError) throw new InvalidParameterException(error.message);
    throw error;
  }
  let after: { timestamp: number; eventId: string } | undefined;
  if (input.nextToken !== undefined) {
    const decoded = typeof input.nextToken === 'string' ? /^(\d+):(\d{56})$/.exec(Buffer.from(input.nextToken, 'base64url').toString('utf8')) : null;
    if (!decoded) throw new InvalidParameterException(BAD_TOKEN);
    after = { timestamp: Number(decoded[1]), eventId: decoded[2]! };
  }
  return { names, prefix, limit, startTime, endTime, matches, after };
}

/** FilterLogEvents: matching events of a group's streams, interleaved by time. */
export function filterEvents(group: LogGroup, options: FilterOptions, now = Date.now()) {
  const { names, prefix, limit, startTime, endTime, matches, after } = options;
  const found: Array<StoredEvent & { logStreamName: string }> = [];
  for (const stream of group.streams.values()) {
    if (names && !names.includes(stream.logStreamName)) continue;
    if (typeof prefix === 'string' && !stream.logStreamName.startsWith(prefix)) continue;
    for (const event of liveEvents(group, stream, now)) {
      if (startTime !== undefined && event.timestamp < startTime) continue;
      if (endTime !== undefined && event.timestamp > endTime) continue;
      if (after && (event.timestamp < after.timestamp || (event.timestamp === after.timestamp && event.eventId <= after.eventId))) continue;
      if (matches(event.message)) found.push({ ...event, logStreamName: stream.logStreamName });
    }
  }
  found.sort((a, b) => a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  const page = takeWithin(found, limit);
  const last = page[page.length - 1];
  const nextToken = last && page.length < found.length ? Buffer.from(`${last.timestamp}:${last.eventId}`).toString('base64url') : undefined;
  return {
    events: page.map(({ logStreamName, timestamp, message, ingestionTime, eventId }) => ({ logStreamName, timestamp, message, ingestionTime, eventId })),
    searchedLogStreams: [],
    ...(nextToken ? { nextToken } : {}),
  };
}
