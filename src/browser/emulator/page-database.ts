/**
 * The state database in a page: the same rows as src/emulator/persistence/database.ts (service,
 * scope, key, JSON value), held in memory, with each committed change told to a listener (the
 * IndexedDB saver, page-state.ts). Page bundles use this file in place of the SQLite one
 * (bundle.ts, PAGE_SUBSTITUTES), so StateStore and every service's row persistence run unchanged.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { StateDatabase as NodeStateDatabase, StoredRow } from '../../emulator/persistence/database.ts';

export type { StoredRow };

/** One committed change: a row written (value) or deleted (undefined). */
export interface RowChange {
  service: string;
  scope: string;
  key: string;
  value: string | undefined;
}

/** A database file's rows to start from and where its commits go. */
export interface PageDatabaseSource {
  rows: Array<StoredRow & { service: string }>;
  committed(changes: RowChange[]): void;
}

const sources = new Map<string, PageDatabaseSource>();

/** Makes the next database opened at `file` start from `source.rows` and report its commits to it. */
export function providePageDatabase(file: string, source: PageDatabaseSource): void {
  sources.set(file, source);
}

const SEP = '\u0000';
const rowId = (service: string, scope: string, key: string) => `${service}${SEP}${scope}${SEP}${key}`;

/** The page's state database: an ordered map of rows, transactions with rollback. */
export class StateDatabase {
  private readonly rows = new Map<string, RowChange>();
  private readonly source: PageDatabaseSource | undefined;
  /** Inside a transaction: row id -> the row before its first change in it (undefined: it did not exist). */
  private undo: Map<string, RowChange | undefined> | undefined;
  private changes = new Map<string, RowChange>();
  private open = true;

  constructor(file: string) {
    this.source = sources.get(file);
    const initial = this.source?.rows ?? (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Array<StoredRow & { service: string }>) : []);
    for (const row of initial) this.rows.set(rowId(row.service, row.scope, row.key), { service: row.service, scope: row.scope, key: row.key, value: row.value });
  }

  /** Runs `write` as one transaction: every change, or none, is kept and reported. */
  transaction(write: () => void): void {
    this.undo = new Map();
    try {
      write();
    } catch (error) {
      for (const [id, before] of this.undo) {
        if (before) this.rows.set(id, before);
        else this.rows.delete(id);
        this.changes.delete(id);
      }
      this.undo = undefined;
      throw error;
    }
    this.undo = undefined;
    const changes = [...this.changes.values()];
    this.changes = new Map();
    if (changes.length > 0) this.source?.committed(changes);
  }

  private change(service: string, scope: string, key: string, value: string | undefined): void {
    const id = rowId(service, scope, key);
    if (this.undo && !this.undo.has(id)) this.undo.set(id, this.rows.get(id));
    const row = { service, scope, key, value };
    if (value === undefined) this.rows.delete(id);
    else this.rows.set(id, row);
    this.changes.set(id, row);
    // Outside a transaction a change is committed at once.
    if (!this.undo) this.transaction(() => {});
  }

  /** Writes one row. */
  put(service: string, scope: string, key: string, value: string): void {
    this.change(service, scope, key, value);
  }

  /** Deletes one row. */
  delete(service: string, scope: string, key: string): void {
    if (this.rows.has(rowId(service, scope, key))) this.change(service, scope, key, undefined);
  }

  /** Deletes every row of a scope whose key starts with `prefix`. */
  deletePrefix(service: string, scope: string, prefix: string): void {
    for (const row of this.matching((row) => row.service === service && row.scope === scope && row.key.startsWith(prefix))) this.delete(service, scope, row.key);
  }

  /** Deletes every row of a scope. */
  deleteScope(service: string, scope: string): void {
    for (const row of this.matching((row) => row.service === service && row.scope === scope)) this.delete(service, scope, row.key);
  }

  /** Deletes every row of a service, or of every service. */
  deleteService(service?: string): void {
    for (const row of this.matching((row) => service === undefined || row.service === service)) this.delete(row.service, row.scope, row.key);
  }

  /** Writes every row as JSON to `file` (in the page's file system): a snapshot. */
  copyInto(file: string): void {
    writeFileSync(file, JSON.stringify([...this.rows.values()]));
  }

  /** Every row of a service, ordered by scope and key as SQLite orders them. */
  rowsOf(service: string): StoredRow[] {
    const rows = this.matching((row) => row.service === service).map(({ scope, key, value }) => ({ scope, key, value: value! }));
    return rows.sort((a, b) => (a.scope === b.scope ? compare(a.key, b.key) : compare(a.scope, b.scope)));
  }

  /** Whether a service has any row. */
  hasRows(service: string): boolean {
    for (const row of this.rows.values()) if (row.service === service) return true;
    return false;
  }

  /** Drops a row that cannot be used (the page keeps no set-aside table; the store logs the reason). */
  setAside(service: string, row: StoredRow, _reason: string): void {
    this.delete(service, row.scope, row.key);
  }

  /** Closes the database. */
  close(): void {
    this.open = false;
  }

  /** False once closed. */
  get isOpen(): boolean {
    return this.open;
  }

  private matching(test: (row: RowChange) => boolean): RowChange[] {
    return [...this.rows.values()].filter(test);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// The page's class must offer everything the store calls on the SQLite one.
type Public<T> = { [K in keyof T]: T[K] };
const sameShape: (database: StateDatabase) => Public<NodeStateDatabase> = (database) => database;
void sameShape;
