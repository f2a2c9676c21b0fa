/**
 * The page emulator's state across reloads: the state database's rows (page-database.ts) and the
 * body files beside it (S3 objects, in the in-memory file system) saved to IndexedDB a short while
 * after each change, and read back before the emulator starts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { providePageDatabase, type RowChange, type StoredRow } from './page-database.ts';

const ROWS = 'rows';
const BODIES = 'bodies';
const SEP = '\u0000';

function request<T>(call: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    call.onsuccess = () => resolve(call.result);
    call.onerror = () => reject(call.error);
  });
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('the IndexedDB transaction was aborted'));
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  const opening = indexedDB.open(name, 1);
  opening.onupgradeneeded = () => {
    opening.result.createObjectStore(ROWS);
    opening.result.createObjectStore(BODIES);
  };
  return request(opening);
}

/** The IndexedDB copy of one page emulator's state. */
export class PageState {
  private readonly db: IDBDatabase;
  private readonly bodiesDir: string;
  private readonly delayMs: number;
  private readonly log: (message: string) => void;
  private pending = new Map<string, RowChange>();
  private savedBodies = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();

  private constructor(db: IDBDatabase, stateDir: string, delayMs: number, log: (message: string) => void) {
    this.db = db;
    this.bodiesDir = join(stateDir, 'bodies');
    this.delayMs = delayMs;
    this.log = log;
  }

  /**
   * Opens (or creates) the IndexedDB database `name`, writes its body files into `stateDir`, and
   * makes the state database at `<stateDir>/state.db` start from its rows and report to it.
   */
  static async open(name: string, stateDir: string, options: { delayMs?: number; log?: (message: string) => void } = {}): Promise<PageState> {
    const db = await openDatabase(name);
    const state = new PageState(db, stateDir, options.delayMs ?? 250, options.log ?? (() => {}));
    const read = db.transaction([ROWS, BODIES], 'readonly');
    const [rows, bodyNames, bodies] = await Promise.all([
      request(read.objectStore(ROWS).getAll() as IDBRequest<Array<StoredRow & { service: string }>>) as Promise<Array<StoredRow & { service: string }>>,
      request(read.objectStore(BODIES).getAllKeys()),
      request(read.objectStore(BODIES).getAll() as IDBRequest<Uint8Array[]>) as Promise<Uint8Array[]>,
    ]);
    mkdirSync(state.bodiesDir, { recursive: true });
    bodyNames.forEach((key, index) => {
      writeFileSync(join(state.bodiesDir, String(key)), bodies[index]!);
      state.savedBodies.add(String(key));
    });
    providePageDatabase(join(stateDir, 'state.db'), { rows, committed: (changes) => state.changed(changes) });
    return state;
  }

  private changed(changes: RowChange[]): void {
    for (const change of changes) this.pending.set(`${change.service}${SEP}${change.scope}${SEP}${change.key}`, change);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((error: unknown) => this.log(`the page could not save the emulator's state in IndexedDB: ${String((error as Error)?.message ?? error)}`));
    }, this.delayMs);
  }

  /** Writes every change made so far to IndexedDB; resolves once it is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.saving = this.saving.catch(() => {}).then(() => this.write());
    return this.saving;
  }

  private async write(): Promise<void> {
    const changes = [...this.pending];
    this.pending = new Map();
    const present = existsSync(this.bodiesDir) ? new Set(readdirSync(this.bodiesDir)) : new Set<string>();
    const added = [...present].filter((name) => !this.savedBodies.has(name));
    const removed = [...this.savedBodies].filter((name) => !present.has(name));
    if (changes.length === 0 && added.length === 0 && removed.length === 0) return;
    const write = this.db.transaction([ROWS, BODIES], 'readwrite');
    const rows = write.objectStore(ROWS);
    const bodies = write.objectStore(BODIES);
    for (const [id, change] of changes) {
      if (change.value === undefined) rows.delete(id);
      else rows.put({ service: change.service, scope: change.scope, key: change.key, value: change.value }, id);
    }
    for (const name of added) bodies.put(new Uint8Array(readFileSync(join(this.bodiesDir, name))), name);
    for (const name of removed) bodies.delete(name);
    await done(write);
    for (const name of added) this.savedBodies.add(name);
    for (const name of removed) this.savedBodies.delete(name);
  }

  /** Forgets everything saved (a fresh start on the next load). */
  async clear(): Promise<void> {
    this.pending.clear();
    const write = this.db.transaction([ROWS, BODIES], 'readwrite');
    write.objectStore(ROWS).clear();
    write.objectStore(BODIES).clear();
    await done(write);
    this.savedBodies.clear();
  }

  /** Saves what is pending and closes the database. */
  async close(): Promise<void> {
    await this.flush();
    this.db.close();
  }
}
