/**
 * JSON for service state that keeps Buffers, Dates, Maps and Sets, so a restart gives back the
 * same values. The format's markers are keys that start with `$`; a user's record that has such a
 * key of its own (an SQS tag named `$bytes`) is written as `{"$entries": [...]}`, so no user data
 * can be read back as a marker.
 */
import { dict } from './dict.ts';

/** Serializes state to JSON, tagging Buffers, Dates, Maps, Sets and records with `$` keys. */
export function stateToJson(value: unknown): string {
  return encode(value) ?? 'null';
}

// A walk of its own rather than JSON.stringify with a replacer: the replacer costs a call per
// member, and state is written on every change. Output is what JSON.stringify would give, tags included.
function encode(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('state cannot hold a BigInt');
    case 'object':
      return value === null ? 'null' : encodeObject(value);
    default:
      return undefined;
  }
}

function encodeObject(value: object): string {
  if (value instanceof Uint8Array) return `{"$bytes":"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}"}`;
  if (value instanceof Date) return `{"$date":${Number.isNaN(value.getTime()) ? 'null' : `"${value.toISOString()}"`}}`;
  if (value instanceof Map) return `{"$map":${encodeList([...value.entries()])}}`;
  if (value instanceof Set) return `{"$set":${encodeList([...value.values()])}}`;
  if (Array.isArray(value)) return encodeList(value);
  let out = '';
  for (const name in value) {
    // A user's `$` name would read back as a tag: such a record is written as entries instead.
    if (name.charCodeAt(0) === 36) return encodeEntries(value as Record<string, unknown>);
    const member = encode((value as Record<string, unknown>)[name]);
    if (member === undefined) continue;
    out += `${out ? ',' : ''}${JSON.stringify(name)}:${member}`;
  }
  return `{${out}}`;
}

function encodeEntries(value: Record<string, unknown>): string {
  const entries = Object.keys(value).filter((name) => encode(value[name]) !== undefined).map((name) => [name, value[name]]);
  return `{"$entries":${encodeList(entries)}}`;
}

function encodeList(items: unknown[]): string {
  let out = '';
  for (let index = 0; index < items.length; index++) out += `${index > 0 ? ',' : ''}${encode(items[index]) ?? 'null'}`;
  return `[${out}]`;
}

/** Parses JSON written by {@link stateToJson}. */
export function stateFromJson(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (!isRecord(item)) return item;
    const tagged = item as Record<string, unknown>;
    if (typeof tagged.$bytes === 'string') return Buffer.from(tagged.$bytes, 'base64');
    if (typeof tagged.$date === 'string') return new Date(tagged.$date);
    if (tagged.$date === null && Object.keys(tagged).length === 1) return new Date(Number.NaN);
    if (Array.isArray(tagged.$map)) return new Map(tagged.$map as Array<[unknown, unknown]>);
    if (Array.isArray(tagged.$set)) return new Set(tagged.$set as unknown[]);
    if (Array.isArray(tagged.$entries)) return dict(tagged.$entries as Array<[string, unknown]>);
    // Saved records are keyed by names users chose: give them back without a prototype (dict.ts).
    return dict(Object.entries(tagged));
  });
}

function isRecord(item: unknown): item is Record<string, unknown> {
  return typeof item === 'object' && item !== null && !Array.isArray(item);
}

