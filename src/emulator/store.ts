/**
 * Service state, one object per service, account and region. With a state folder the state is
 * saved after changes (temp file + rename, so a crash never leaves half a file) and loaded at
 * start; a corrupt file is reported and set aside, never silently dropped.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stateFromJson, stateToJson } from './state-codec.ts';
import type { ServiceDefinition } from './types.ts';

/** Where the store reports what it did with files. */
export type StoreLogger = (message: string) => void;

const FORMAT_VERSION = 1;

/** All service state of one emulator. */
export class StateStore {
  private readonly scopes = new Map<string, Map<string, unknown>>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  /** The folder state is saved in, absolute; undefined when state lives in memory only. */
  readonly stateDir: string | undefined;
  private readonly log: StoreLogger;
  private readonly saveDelayMs: number;

  constructor(stateDir: string | undefined, log: StoreLogger = () => {}, saveDelayMs = 100) {
    // Resolved once here: child processes (Lambda environments) run in other folders, where a
    // relative path would name a different place.
    this.stateDir = stateDir === undefined || stateDir === '' ? undefined : resolve(stateDir);
    this.log = log;
    this.saveDelayMs = saveDelayMs;
  }

  /** The state of `service` for one account and region, created on first use. */
  scope<S>(service: ServiceDefinition<S>, account: string, region: string): S {
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
    return [...(this.scopes.get(serviceName)?.entries() ?? [])].map(([key, state]) => {
      const slash = key.indexOf('/');
      return slash < 0 ? { account: key, region: '', state: state as S } : { account: key.slice(0, slash), region: key.slice(slash + 1), state: state as S };
    });
  }

  /** The state of one scope if it exists; unlike `scope`, a lookup by a caller's guess never creates one. */
  findScope<S>(serviceName: string, account: string, region: string): S | undefined {
    return this.scopes.get(serviceName)?.get(region ? `${account}/${region}` : account) as S | undefined;
  }

  /** Notes that a service's state changed, so it is saved soon. */
  markDirty(serviceName: string): void {
    if (!this.stateDir) return;
    this.dirty.add(serviceName);
    this.timer ??= setTimeout(() => this.flush(), this.saveDelayMs);
    this.timer.unref();
  }

  /** Loads every service's saved state; reports and sets aside files that cannot be read. */
  load(serviceNames: string[]): void {
    if (!this.stateDir) return;
    mkdirSync(this.stateDir, { recursive: true });
    for (const name of serviceNames) {
      const file = this.fileOf(name);
      if (!existsSync(file)) continue;
      try {
        const saved = stateFromJson(readFileSync(file, 'utf8')) as { version: number; scopes: Record<string, unknown> };
        if (saved?.version !== FORMAT_VERSION || typeof saved.scopes !== 'object') throw new Error(`unknown format ${String(saved?.version)}`);
        this.scopes.set(name, new Map(Object.entries(saved.scopes)));
      } catch (error) {
        const aside = `${file}.corrupt-${Date.now()}`;
        renameSync(file, aside);
        this.log(`state of ${name} could not be read (${(error as Error).message}); it was moved to ${aside} and ${name} starts empty`);
      }
    }
  }

  /** Writes every changed service's state now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.stateDir) return;
    for (const name of this.dirty) {
      const file = this.fileOf(name);
      const temp = `${file}.${process.pid}.tmp`;
      const scopes = Object.fromEntries(this.scopes.get(name) ?? []);
      writeFileSync(temp, stateToJson({ version: FORMAT_VERSION, scopes }));
      renameSync(temp, file);
    }
    this.dirty.clear();
  }

  private fileOf(serviceName: string): string {
    return join(this.stateDir!, `${serviceName}.json`);
  }
}
