/**
 * Shard iterators: opaque to callers, they carry the stream, the shard, the number of the last
 * record read before this position and when the iterator was issued, so any number of readers
 * need no state on the server. An iterator is valid for 15 minutes, as on AWS.
 */
import { StreamsValidationException } from './errors.ts';

/** How long an iterator can be used, before the time factor. */
export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;

/** What an iterator stands for. */
export interface IteratorPosition {
  streamArn: string;
  shardId: string;
  /** The number of the record just before the position (0: before the first record). */
  after: number;
  /** Epoch ms the iterator was issued. */
  issuedAt: number;
}

/** Encodes a position as a shard iterator string. */
export function encodeIterator(position: IteratorPosition): string {
  const body = Buffer.from(JSON.stringify({ s: position.shardId, a: position.after, t: position.issuedAt })).toString('base64url');
  return `${position.streamArn}|1|${body}`;
}

/** Decodes a shard iterator, or throws ValidationException for one this emulator did not issue. */
export function decodeIterator(iterator: unknown): IteratorPosition {
  if (typeof iterator !== 'string' || iterator.length < 1 || iterator.length > 2048) {
    throw new StreamsValidationException(`1 validation error detected: Value ${iterator === undefined ? 'null' : `'${String(iterator)}'`} at 'shardIterator' failed to satisfy constraint: Member must have length between 1 and 2048`);
  }
  const [streamArn, version, body] = iterator.split('|');
  try {
    const parsed = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as { s?: unknown; a?: unknown; t?: unknown };
    if (version === '1' && streamArn && typeof parsed.s === 'string' && Number.isInteger(parsed.a) && Number.isInteger(parsed.t)) {
      return { streamArn, shardId: parsed.s, after: parsed.a as number, issuedAt: parsed.t as number };
    }
  } catch {
    // Falls through to the error below, as for any iterator this emulator did not issue.
  }
  throw new StreamsValidationException('Invalid ShardIterator');
}
