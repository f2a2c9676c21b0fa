/**
 * Records keyed by names that users choose. A plain object inherits Object.prototype, so a queue
 * called `toString` would be "found" before it exists and a tag called `__proto__` would replace
 * the object's prototype; a record without a prototype has only the keys written into it.
 */

/** An empty record that is safe for any string key, or one holding `entries`. */
export function dict<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}
