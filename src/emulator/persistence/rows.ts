/**
 * How a service's state of one account and region becomes rows of the state database and back.
 * A service with large collections (items, messages, objects, log events) writes one row per
 * element and one "skeleton" row for the rest; every other service writes its whole state as one
 * row. Keys are JSON arrays, so a name holding any character cannot be mistaken for another's
 * prefix.
 */
import type { StateScope } from '../types.ts';

/** Writes rows of one scope inside the store's current transaction. */
export interface RowWriter {
  put(key: string, value: unknown): void;
  /** Like put, but writes nothing when the value serializes as it did last time (skeleton rows). */
  putIfChanged(key: string, value: unknown): void;
  delete(key: string): void;
  /** Deletes every row whose key starts with `prefix` (made by {@link rowPrefix}). */
  deletePrefix(prefix: string): void;
  /** A file for a large body, in the state folder; written before the transaction commits. */
  readonly files: BodyFiles;
}

/** Where large bodies (S3 objects and parts) live: one file each, beside the database. */
export interface BodyFiles {
  /** Writes `bytes` to a new file and returns its name. */
  write(bytes: Buffer): string;
  /** The absolute path of a file written by `write`. */
  path(name: string): string;
  /** Removes a file once the transaction that stopped using it has committed. */
  removeAfterCommit(name: string): void;
  /** Notes that a loaded row uses this file, so it is not swept as an orphan. */
  keep(name: string): void;
}

/** A row read back from the database, decoded. */
export interface SavedRow {
  key: string;
  value: unknown;
}

/** Sets a row aside with the reason it could not be used. */
export type SetAside = (row: SavedRow, reason: string) => void;

/** Turns one scope's state into rows and back. */
export interface Persistence<State> {
  /** Writes what changed in `state` since the last save (all of it the first time). */
  save(state: State, rows: RowWriter): void;
  /** Builds the state from its saved rows; rows it cannot use go to `setAside`, the rest loads. */
  load(rows: SavedRow[], scope: StateScope, setAside: SetAside, files: BodyFiles): State;
}

/** The key of a row: its path as a JSON array. */
export function rowKey(...parts: string[]): string {
  return JSON.stringify(parts);
}

/** The prefix shared by every key that starts with `parts`. */
export function rowPrefix(...parts: string[]): string {
  return `${JSON.stringify(parts).slice(0, -1)},`;
}

/** The path of a key made by {@link rowKey}, or undefined when it is not one. */
export function keyParts(key: string): string[] | undefined {
  try {
    const parts: unknown = JSON.parse(key);
    return Array.isArray(parts) && parts.every((part) => typeof part === 'string') ? parts : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A copy of a record without some members (the collections kept in rows of their own), never
 * reading those members: an S3 body is a getter that reads a file.
 */
export function withoutMembers(value: object, members: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (!members.includes(key)) copy[key] = (value as Record<string, unknown>)[key];
  return copy;
}

/** The key of a scope's one row, for services whose state is written whole or its skeleton. */
export const SKELETON = rowKey('state');

/**
 * The names of a scope's containers (tables, queues, log groups) at its last save, so a save can
 * delete the rows of those deleted since, along with everything under them.
 */
export class SavedNames<State extends object> {
  private readonly saved = new WeakMap<State, Set<string>>();

  /** Calls `gone` for each name saved last time that `current` lacks, then remembers `current`. */
  sweep(state: State, current: Iterable<string>, gone: (name: string) => void): void {
    const now = new Set(current);
    for (const name of this.saved.get(state) ?? []) if (!now.has(name)) gone(name);
    this.saved.set(state, now);
  }

  /** Remembers the names a load found. */
  remember(state: State, current: Iterable<string>): void {
    this.saved.set(state, new Set(current));
  }
}
