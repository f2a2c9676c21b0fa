/**
 * Service state, one object per service, account and region. With a state folder every change is
 * written to the state database (persistence/database.ts) before the emulator answers the request
 * that made it, a row per changed resource; state is loaded at start, row by row, and a row that
 * cannot be read is set aside with a message while the rest loads.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BodyFolder } from './persistence/body-files.ts';
import { changesOutstanding, forgetOutstanding, untrackAll } from './persistence/changes.ts';
import { StateDatabase, type StoredRow } from './persistence/database.ts';
import type { Persistence, RowWriter, SavedRow } from './persistence/rows.ts';
import { shapeProblem, wholeScope } from './persistence/whole-scope.ts';
import { stateFromJson, stateToJson } from './state-codec.ts';
import type { ServiceDefinition } from './types.ts';

/** Where the store reports what it did with files. */
export type StoreLogger = (message: string) => void;

const LEGACY_FORMAT_VERSION = 1;

/** All service state of one emulator. */
export class StateStore {
  private readonly scopes = new Map<string, Map<string, unknown>>();
  private readonly services = new Map<string, ServiceDefinition>();
  /** Service -> the scopes changed since the last commit ('all' when a change named no scope). */
  private readonly dirty = new Map<string, Set<string> | 'all'>();
  private readonly lastWritten = new Map<string, string>();
  private commitQueued = false;
  /** Set by a failed commit: the next one writes every scope whole, from what memory holds. */
  private rewriteAll = false;
  private db: StateDatabase | undefined;
  private bodies: BodyFolder | undefined;
  /** JSON files of an older emulator, renamed once their state is in the database. */
  private readonly imported: string[] = [];

  /** The folder state is saved in, absolute; undefined when state lives in memory only. */
  readonly stateDir: string | undefined;
  private readonly log: StoreLogger;

  constructor(stateDir: string | undefined, log: StoreLogger = () => {}) {
    // Resolved once here: child processes (Lambda environments) run in other folders, where a
    // relative path would name a different place.
    this.stateDir = stateDir === undefined || stateDir === '' ? undefined : resolve(stateDir);
    this.log = log;
  }

  /** The state of `service` for one account and region, created on first use. */
  scope<S>(service: ServiceDefinition<S>, account: string, region: string): S {
    this.services.set(service.name, service);
    let byScope = this.scopes.get(service.name);
    if (!byScope) {
      byScope = new Map();
      this.scopes.set(service.name, byScope);
    }
    const key = service.global ? account : `${account}/${region}`;
    let state = byScope.get(key) as S | undefined;
    if (state === undefined) {
      state = service.createState({ account, region: service.global ? '' : region });
      byScope.set(key, state);
    }
    return state;
  }

  /** Every scope a service has state in (region '' for global services), so no caller parses the store's keys. */
  scopesOf<S>(serviceName: string): Array<{ account: string; region: string; state: S }> {
    return [...(this.scopes.get(serviceName)?.entries() ?? [])].map(([key, state]) => ({ ...splitScope(key), state: state as S }));
  }

  /** The state of one scope if it exists; unlike `scope`, a lookup by a caller's guess never creates one. */
  findScope<S>(serviceName: string, account: string, region: string): S | undefined {
    return this.scopes.get(serviceName)?.get(region ? `${account}/${region}` : account) as S | undefined;
  }

  /**
   * Notes that a service's state changed outside a request (a TTL sweep), in one account and
   * region when given; it is committed as soon as the current task ends.
   */
  markDirty(serviceName: string, account?: string, region?: string): void {
    if (!this.db) return;
    this.addDirty(serviceName, account, region);
    if (!this.commitQueued) {
      this.commitQueued = true;
      setImmediate(() => this.commitQuietly());
    }
  }

  /** Commits what a request changed (its own scope when `changed`), before the request is answered. */
  commitRequest(serviceName: string, account: string, region: string, changed: boolean): void {
    if (!this.db) return;
    if (changed) this.addDirty(serviceName, account, region);
    this.commit();
  }

  /** Writes every change since the last commit, in one transaction; done before a request is answered. */
  commit(): void {
    this.commitQueued = false;
    const db = this.db;
    if (!db || (this.dirty.size === 0 && !changesOutstanding() && !this.rewriteAll)) return;
    const rewrite = this.rewriteAll;
    const work = rewrite ? this.allScopes() : this.dirtyScopes();
    this.dirty.clear();
    try {
      db.transaction(() => {
        for (const [name, key] of work) {
          if (rewrite) db.deleteScope(name, key);
          this.saveScope(name, key);
        }
        if (changesOutstanding()) {
          // A change was noted in a scope no request named (a delivery between services): save all.
          for (const [name, byScope] of this.scopes) for (const key of byScope.keys()) this.saveScope(name, key);
          forgetOutstanding();
        }
      });
      this.bodies!.committed();
      this.rewriteAll = false;
    } catch (error) {
      // What the failed transaction took from memory (notes, caches of what is on disk) is not on
      // disk: start over from memory, whole, on the next commit.
      this.bodies!.rolledBack();
      this.lastWritten.clear();
      untrackAll();
      this.rewriteAll = true;
      throw error;
    }
  }

  /** Loads every service's saved state (and state an older emulator saved as JSON files). */
  load(services: ServiceDefinition[]): void {
    if (!this.stateDir) return;
    this.bodies = new BodyFolder(join(this.stateDir, 'bodies'));
    this.db = new StateDatabase(join(this.stateDir, 'state.db'));
    for (const service of services) {
      this.services.set(service.name, service);
      if (!this.db.hasRows(service.name)) this.importLegacy(service);
      else this.loadService(service);
    }
    this.commit();
    for (const file of this.imported.splice(0)) renameSync(file, `${file}.imported`);
    const orphans = this.bodies.sweep();
    if (orphans > 0) this.log(`removed ${orphans} body file(s) no saved object uses (left by a stop during a write)`);
  }

  /**
   * Forgets the state of one service, or of every service, in memory and in the state database
   * (LocalStack's state reset): the next request finds it as a fresh emulator would.
   */
  reset(serviceName?: string): void {
    this.commit();
    const names = serviceName === undefined ? [...new Set([...this.scopes.keys(), ...this.services.keys()])] : [serviceName];
    for (const name of names) {
      this.scopes.delete(name);
      this.dirty.delete(name);
    }
    for (const key of [...this.lastWritten.keys()]) if (names.some((name) => key.startsWith(`${name}\u0000`))) this.lastWritten.delete(key);
    const db = this.db;
    if (!db) return;
    db.transaction(() => db.deleteService(serviceName));
    // Body files belong to S3 objects and parts alone: once S3's rows are gone, none is in use.
    if (serviceName === undefined || serviceName === 's3') this.bodies!.clear();
  }

  /** Writes a consistent copy of the whole saved state to `folder` (state.db and bodies/, the state folder's own format). */
  copyTo(folder: string): void {
    if (!this.db || !this.stateDir) throw new Error('this emulator keeps its state in memory only, so there is no state folder to copy');
    this.commit();
    mkdirSync(folder, { recursive: true });
    this.db.copyInto(join(folder, 'state.db'));
    // Body files are never changed once written, only removed after a commit: a copy now matches the database copy.
    cpSync(join(this.stateDir, 'bodies'), join(folder, 'bodies'), { recursive: true });
  }

  /** Replaces the whole state with the one a folder written by {@link copyTo} holds, on disk and in memory. */
  replaceFrom(folder: string): void {
    if (!this.db || !this.stateDir) throw new Error('this emulator keeps its state in memory only, so there is no state folder to load into');
    this.commit();
    const file = join(this.stateDir, 'state.db');
    const bodies = join(this.stateDir, 'bodies');
    // Copied beside the live files first, then moved in: a copy cut short leaves the current state whole.
    rmSync(`${file}.loading`, { force: true });
    rmSync(`${bodies}.loading`, { recursive: true, force: true });
    cpSync(join(folder, 'state.db'), `${file}.loading`);
    cpSync(join(folder, 'bodies'), `${bodies}.loading`, { recursive: true });
    this.db.close();
    this.db = undefined;
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    renameSync(`${file}.loading`, file);
    rmSync(bodies, { recursive: true, force: true });
    renameSync(`${bodies}.loading`, bodies);
    this.scopes.clear();
    this.dirty.clear();
    this.lastWritten.clear();
    this.rewriteAll = false;
    // Every container now in memory is new: each is written whole the next time it changes.
    untrackAll();
    this.load([...this.services.values()]);
  }

  /** Commits what is left and closes the database. */
  flush(): void {
    this.commit();
    this.db?.close();
    this.db = undefined;
  }

  private addDirty(serviceName: string, account?: string, region?: string): void {
    const service = this.services.get(serviceName);
    const scopes = this.dirty.get(serviceName);
    if (account === undefined || !service) this.dirty.set(serviceName, 'all');
    else if (scopes !== 'all') this.dirty.set(serviceName, (scopes ?? new Set()).add(service.global ? account : `${account}/${region}`));
  }

  private commitQuietly(): void {
    try {
      this.commit();
    } catch (error) {
      this.log(`state could not be written: ${(error as Error).stack ?? String(error)}`);
    }
  }

  private allScopes(): Array<[string, string]> {
    return [...this.scopes].flatMap(([name, byScope]) => [...byScope.keys()].map((key): [string, string] => [name, key]));
  }

  private dirtyScopes(): Array<[string, string]> {
    const work: Array<[string, string]> = [];
    for (const [name, scopes] of this.dirty) {
      const keys = scopes === 'all' ? [...(this.scopes.get(name)?.keys() ?? [])] : scopes;
      for (const key of keys) work.push([name, key]);
    }
    return work;
  }

  private saveScope(serviceName: string, scopeKey: string): void {
    const state = this.scopes.get(serviceName)?.get(scopeKey);
    const service = this.services.get(serviceName);
    if (state === undefined || !service) return;
    persistenceOf(service).save(state, this.writerFor(serviceName, scopeKey));
  }

  private writerFor(service: string, scope: string): RowWriter {
    const db = this.db!;
    const cacheKey = (key: string) => `${service}\u0000${scope}\u0000${key}`;
    return {
      put: (key, value) => db.put(service, scope, key, stateToJson(value)),
      putIfChanged: (key, value) => {
        const json = stateToJson(value);
        if (this.lastWritten.get(cacheKey(key)) === json) return;
        db.put(service, scope, key, json);
        this.lastWritten.set(cacheKey(key), json);
      },
      delete: (key) => {
        db.delete(service, scope, key);
        this.lastWritten.delete(cacheKey(key));
      },
      deletePrefix: (prefix) => {
        db.deletePrefix(service, scope, prefix);
        for (const cached of this.lastWritten.keys()) if (cached.startsWith(cacheKey(prefix))) this.lastWritten.delete(cached);
      },
      files: this.bodies!,
    };
  }

  private loadService(service: ServiceDefinition): void {
    const db = this.db!;
    const byScope = new Map<string, StoredRow[]>();
    for (const row of db.rowsOf(service.name)) {
      const list = byScope.get(row.scope);
      if (list) list.push(row);
      else byScope.set(row.scope, [row]);
    }
    const states = new Map<string, unknown>();
    for (const [scopeKey, stored] of byScope) {
      const rows: SavedRow[] = [];
      const raw = new Map<string, StoredRow>();
      const setAside = (row: SavedRow, reason: string) => {
        db.setAside(service.name, raw.get(row.key)!, reason);
        this.log(`state of ${service.name} in ${scopeKey}, row ${row.key}, could not be used (${reason}); it was set aside in ${join(this.stateDir!, 'state.db')} (table set_aside) and the rest was loaded`);
      };
      for (const row of stored) {
        raw.set(row.key, row);
        try {
          rows.push({ key: row.key, value: stateFromJson(row.value) });
        } catch (error) {
          setAside({ key: row.key, value: undefined }, `not readable: ${(error as Error).message}`);
        }
      }
      const { account, region } = splitScope(scopeKey);
      states.set(scopeKey, persistenceOf(service).load(rows, { account, region }, setAside, this.bodies!));
    }
    this.scopes.set(service.name, states);
  }

  // State saved by an emulator before the database: one JSON file per service, imported once.
  private importLegacy(service: ServiceDefinition): void {
    const file = join(this.stateDir!, `${service.name}.json`);
    if (!existsSync(file)) return;
    try {
      const saved = stateFromJson(readFileSync(file, 'utf8')) as { version: number; scopes: Record<string, unknown> };
      if (saved?.version !== LEGACY_FORMAT_VERSION || typeof saved.scopes !== 'object') throw new Error(`unknown format ${String(saved?.version)}`);
      const states = new Map<string, unknown>();
      for (const [scopeKey, state] of Object.entries(saved.scopes)) {
        const problem = shapeProblem(state, service.createState(splitScope(scopeKey)) as object);
        if (problem) this.log(`state of ${service.name} in ${scopeKey} in ${file} could not be used (${problem}); that scope starts empty`);
        else states.set(scopeKey, state);
      }
      this.scopes.set(service.name, states);
      this.dirty.set(service.name, 'all');
      this.imported.push(file);
    } catch (error) {
      const aside = `${file}.corrupt-${Date.now()}`;
      renameSync(file, aside);
      this.log(`state of ${service.name} could not be read (${(error as Error).message}); it was moved to ${aside} and ${service.name} starts empty`);
    }
  }
}

const defaults = new WeakMap<ServiceDefinition, Persistence<unknown>>();

function persistenceOf(service: ServiceDefinition): Persistence<unknown> {
  if (service.persistence) return service.persistence;
  let made = defaults.get(service);
  if (!made) {
    made = wholeScope((scope) => service.createState(scope) as object) as Persistence<unknown>;
    defaults.set(service, made);
  }
  return made;
}

function splitScope(key: string): { account: string; region: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { account: key, region: '' } : { account: key.slice(0, slash), region: key.slice(slash + 1) };
}
