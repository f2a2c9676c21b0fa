/**
 * The digests SQS returns: MD5 of the body, and MD5 of message (or system) attributes computed
 * as AWS specifies, so clients that verify them (the Java SDK, for one) accept the answer. The
 * attribute digest covers, for each attribute sorted by name: the name, the data type and the
 * value, each as a 4-byte big-endian length and its bytes, with a transport byte (1 = string,
 * 2 = binary) before the value.
 */
import { createHash } from 'node:crypto';
import type { AttributeValue } from './state.ts';

/** The hex MD5 of a UTF-8 string. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The hex SHA-256 of a message body: the deduplication id ContentBasedDeduplication derives. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** The MD5 of a set of message attributes, or `undefined` when there are none. */
export function md5OfAttributes(attributes: Record<string, AttributeValue>): string | undefined {
  // Code-unit order is what AWS's Java implementation sorts by.
  const names = Object.keys(attributes).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes[name]!;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(value.DataType, 'utf8')));
    if (value.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      hash.update(lengthPrefixed(value.BinaryValue));
    } else {
      hash.update(Buffer.from([1]));
      hash.update(lengthPrefixed(Buffer.from(value.StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}
