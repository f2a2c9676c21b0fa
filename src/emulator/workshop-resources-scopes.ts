/** Reading a service's state for the resource explorer without changing it. */
import type { Emulator } from './emulator.ts';

/** `[region, state]` for every scope of `service` that belongs to `account`. */
export function scopesOf<S>(emulator: Emulator, service: string, account: string): Array<[string, S]> {
  if (!emulator.services.has(service)) return [];
  return emulator.store
    .scopesOf<S>(service)
    .filter((scope) => scope.account === account && scope.state)
    .map(({ region, state }): [string, S] => [region, state]);
}

/** Values of a Map or of a plain record (state loaded from disk may hold either). */
export function valuesOf<T>(collection: Map<string, T> | Record<string, T> | undefined): T[] {
  if (!collection) return [];
  return collection instanceof Map ? [...collection.values()] : Object.values(collection);
}

/** How many members a Map, record or array has (none when it is missing). */
export function sizeOf(collection: Map<string, unknown> | Record<string, unknown> | unknown[] | undefined): number {
  if (!collection) return 0;
  if (Array.isArray(collection)) return collection.length;
  return collection instanceof Map ? collection.size : Object.keys(collection).length;
}

/** The list sorted by name, as the explorer shows every section. */
export function byName<T extends { name: string }>(list: T[]): T[] {
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

/** A date as ISO text (state loaded from disk may hold the text already). */
export function isoTime(date: Date | string): string {
  return new Date(date).toISOString();
}
