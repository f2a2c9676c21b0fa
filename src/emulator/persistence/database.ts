/**
 * The state database: SQLite through `node:sqlite` (built into every Node.js the kit supports, so
 * no dependency) in WAL mode. A commit is one transaction written to the WAL before the emulator
 * answers; `synchronous = NORMAL` skips the fsync per commit, which a killed process does not need
 * (the WAL is in the operating system's hands once written) and which would cost milliseconds.
 */
import { createRequire } from 'node:module';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** A row as stored: service, scope ("account" or "account/region"), key and JSON value. */
export interface StoredRow {
  scope: string;
  key: string;
  value: string;
}

/** The state database of one state folder. */
export class StateDatabase {
  private readonly db: DatabaseSync;
  private readonly upsert: StatementSync;
  private readonly remove: StatementSync;
  private readonly removeRange: StatementSync;
  private readonly removeScope: StatementSync;
  private readonly removeService: StatementSync;
  private readonly removeAll: StatementSync;
  private readonly selectService: StatementSync;
  private readonly countService: StatementSync;
  private readonly insertAside: StatementSync;
  private readonly begin: StatementSync;
  private readonly end: StatementSync;
  private readonly undo: StatementSync;

  constructor(file: string) {
    this.db = openDatabase(file);
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS rows (service TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (service, scope, key)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS set_aside (service TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
    `);
    this.upsert = this.db.prepare('INSERT INTO rows (service, scope, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (service, scope, key) DO UPDATE SET value = excluded.value');
    this.remove = this.db.prepare('DELETE FROM rows WHERE service = ? AND scope = ? AND key = ?');
    this.removeRange = this.db.prepare('DELETE FROM rows WHERE service = ? AND scope = ? AND key >= ? AND key < ?');
    this.removeScope = this.db.prepare('DELETE FROM rows WHERE service = ? AND scope = ?');
    this.removeService = this.db.prepare('DELETE FROM rows WHERE service = ?');
    this.removeAll = this.db.prepare('DELETE FROM rows');
    this.selectService = this.db.prepare('SELECT scope, key, value FROM rows WHERE service = ? ORDER BY scope, key');
    this.countService = this.db.prepare('SELECT count(*) AS count FROM rows WHERE service = ?');
    // Prepared once: `exec` parses its SQL on every call, which cost more than the writes themselves.
    this.begin = this.db.prepare('BEGIN');
    this.end = this.db.prepare('COMMIT');
    this.undo = this.db.prepare('ROLLBACK');
    this.insertAside = this.db.prepare('INSERT INTO set_aside (service, scope, key, value, reason, at) VALUES (?, ?, ?, ?, ?, ?)');
  }

  /** Runs `write` in one transaction: all of it is on disk, or none of it. */
  transaction(write: () => void): void {
    this.begin.run();
    try {
      write();
      this.end.run();
    } catch (error) {
      this.undo.run();
      throw error;
    }
  }

  /** Writes one row. */
  put(service: string, scope: string, key: string, value: string): void {
    this.upsert.run(service, scope, key, value);
  }

  /** Deletes one row. */
  delete(service: string, scope: string, key: string): void {
    this.remove.run(service, scope, key);
  }

  /** Deletes every row of a scope whose key starts with `prefix`. */
  deletePrefix(service: string, scope: string, prefix: string): void {
    // Keys are JSON text: after a prefix ending in "," comes a quote, far below U+10FFFF.
    this.removeRange.run(service, scope, prefix, `${prefix}\u{10FFFF}`);
  }

  /** Deletes every row of a scope (before it is written whole again). */
  deleteScope(service: string, scope: string): void {
    this.removeScope.run(service, scope);
  }

  /** Deletes every row of a service, or of every service (a state reset). */
  deleteService(service?: string): void {
    if (service === undefined) this.removeAll.run();
    else this.removeService.run(service);
  }

  /** Writes a consistent copy of the whole database to `file`, which must not exist (a snapshot). */
  copyInto(file: string): void {
    this.db.prepare('VACUUM INTO ?').run(file);
  }

  /** Every row of a service, grouped by scope. */
  rowsOf(service: string): StoredRow[] {
    return this.selectService.all(service) as unknown as StoredRow[];
  }

  /** Whether a service has any row (a folder written by an older emulator has none). */
  hasRows(service: string): boolean {
    return Number((this.countService.get(service) as { count: number }).count) > 0;
  }

  /** Moves a row that cannot be used out of the way, keeping it for whoever wants to look. */
  setAside(service: string, row: StoredRow, reason: string): void {
    this.insertAside.run(service, row.scope, row.key, row.value, reason, new Date().toISOString());
    this.remove.run(service, row.scope, row.key);
  }

  /** Closes the database (the WAL is folded into the file). */
  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

// Node.js 22 calls node:sqlite experimental and says so on stderr; the module works the same, and a
// learner should not read a warning on every start. Only that one warning is held back.
function openDatabase(file: string): DatabaseSync {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes('SQLite')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    const sqlite = createRequire(import.meta.url)('node:sqlite') as typeof import('node:sqlite');
    return new sqlite.DatabaseSync(file);
  } finally {
    process.emitWarning = emitWarning;
  }
}
