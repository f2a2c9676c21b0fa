/** JSON for service state that keeps Buffers, Dates and Maps, so a restart gives back the same values. */
import { dict } from './dict.ts';

/** Serializes state to JSON, tagging Buffers, Dates and Maps. */
export function stateToJson(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, item: unknown) {
    const original = key === '' ? value : this[key];
    if (Buffer.isBuffer(original)) return { $bytes: original.toString('base64') };
    if (original instanceof Uint8Array) return { $bytes: Buffer.from(original).toString('base64') };
    if (original instanceof Date) return { $date: original.toISOString() };
    if (original instanceof Map) return { $map: [...original.entries()] };
    if (original instanceof Set) return { $set: [...original.values()] };
    return item;
  });
}

/** Parses JSON written by {@link stateToJson}. */
export function stateFromJson(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const tagged = item as Record<string, unknown>;
    if (typeof tagged.$bytes === 'string') return Buffer.from(tagged.$bytes, 'base64');
    if (typeof tagged.$date === 'string') return new Date(tagged.$date);
    if (Array.isArray(tagged.$map)) return new Map(tagged.$map as Array<[unknown, unknown]>);
    if (Array.isArray(tagged.$set)) return new Set(tagged.$set as unknown[]);
    // Saved records are keyed by names users chose: give them back without a prototype (dict.ts).
    return dict(Object.entries(tagged));
  });
}
