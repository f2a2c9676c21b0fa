/**
 * The warm pool: execution environments keyed by function, version, code and configuration, reused
 * one invocation at a time, created on demand up to the function's reserved concurrency (or the
 * account's limit), stopped after emulator.settings.idleEnvironmentMs without work.
 */
import { createHash } from 'node:crypto';
import { TooManyRequestsException } from '../errors.ts';
import { ExecutionEnvironment, type EnvironmentHost } from './environment.ts';
import type { FunctionRuntimeConfig } from './types.ts';

/** Lambda's default concurrency quota per account and region. */
export const ACCOUNT_CONCURRENCY_LIMIT = 1000;

const keys = new WeakMap<FunctionRuntimeConfig, string>();

/** The pool key of a configuration: any change of code or configuration means new environments. */
export function environmentKey(config: FunctionRuntimeConfig): string {
  let key = keys.get(config);
  if (key === undefined) {
    const environment = Object.entries(config.environment).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const digest = createHash('sha1').update(JSON.stringify({ ...config, environment })).digest('hex');
    key = `${config.functionArn}\n${config.version}\n${config.codeSha256}\n${digest}`;
    keys.set(config, key);
  }
  return key;
}

/** The environments of one engine. */
export class EnvironmentPool {
  private readonly host: Omit<EnvironmentHost, 'exited'>;
  private readonly byKey = new Map<string, ExecutionEnvironment[]>();
  private readonly byId = new Map<string, ExecutionEnvironment>();
  /** Invocations in flight per function ARN and per account/region: what concurrency limits count. */
  private readonly busyByFunction = new Map<string, number>();
  private readonly busyByAccount = new Map<string, number>();
  private reaper: NodeJS.Timeout | undefined;

  constructor(host: Omit<EnvironmentHost, 'exited'>) {
    this.host = host;
  }

  /** The environment with this id, for the Runtime API. */
  get(id: string): ExecutionEnvironment | undefined {
    return this.byId.get(id);
  }

  /** The environment whose running invocation was given this X-Ray trace root, if one is running now. */
  runningWithTrace(root: string): ExecutionEnvironment | undefined {
    for (const environment of this.byId.values()) if (environment.running?.traceId?.startsWith(`${root};`)) return environment;
    return undefined;
  }

  /** How many invocations of `functionArn` are running now. */
  busy(functionArn: string): number {
    return this.busyByFunction.get(functionArn) ?? 0;
  }

  /**
   * A warm environment for `config`, or a new one (a cold start). Throws TooManyRequestsException
   * when the function's reserved concurrency or the account's limit is used up.
   */
  acquire(config: FunctionRuntimeConfig): ExecutionEnvironment {
    const accountKey = `${config.account}/${config.region}`;
    if (config.reservedConcurrency !== undefined && this.busy(config.functionArn) >= config.reservedConcurrency) {
      throw new TooManyRequestsException('ReservedFunctionConcurrentInvocationLimitExceeded');
    }
    if ((this.busyByAccount.get(accountKey) ?? 0) >= ACCOUNT_CONCURRENCY_LIMIT) {
      throw new TooManyRequestsException('ConcurrentInvocationLimitExceeded');
    }
    const key = environmentKey(config);
    let list = this.byKey.get(key);
    // The most recently used environment first: it is the warmest.
    let environment = list?.findLast((candidate) => candidate.available);
    if (!environment) {
      environment = new ExecutionEnvironment(config, key, { ...this.host, exited: (ended) => this.remove(ended) });
      if (!list) this.byKey.set(key, (list = []));
      list.push(environment);
      this.byId.set(environment.id, environment);
      this.scheduleReaper();
    } else {
      list!.splice(list!.indexOf(environment), 1);
      list!.push(environment);
    }
    this.count(this.busyByFunction, config.functionArn, 1);
    this.count(this.busyByAccount, accountKey, 1);
    return environment;
  }

  /** Gives an environment back after its invocation; a retired one is stopped now. */
  release(environment: ExecutionEnvironment): void {
    const { config } = environment;
    this.count(this.busyByFunction, config.functionArn, -1);
    this.count(this.busyByAccount, `${config.account}/${config.region}`, -1);
    if (environment.retiring && !environment.dead) environment.stop();
  }

  /** Stops every environment of a function (all versions, all configurations). */
  retire(functionArn: string): void {
    for (const environment of this.byId.values()) {
      if (environment.config.functionArn !== functionArn) continue;
      const idle = environment.available;
      environment.retiring = true;
      // One running an invocation finishes it first, as on Lambda.
      if (idle) environment.stop();
    }
  }

  /** Stops every environment. */
  stopAll(): void {
    clearInterval(this.reaper);
    this.reaper = undefined;
    for (const environment of [...this.byId.values()]) environment.stop();
  }

  private remove(environment: ExecutionEnvironment): void {
    this.byId.delete(environment.id);
    const list = this.byKey.get(environment.key);
    if (!list) return;
    const index = list.indexOf(environment);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.byKey.delete(environment.key);
  }

  private count(map: Map<string, number>, key: string, delta: number): void {
    const next = (map.get(key) ?? 0) + delta;
    if (next > 0) map.set(key, next);
    else map.delete(key);
  }

  private scheduleReaper(): void {
    if (this.reaper) return;
    const idleMs = this.host.emulator.settings.idleEnvironmentMs;
    this.reaper = setInterval(() => this.reap(idleMs), Math.max(10, Math.min(idleMs / 2, 30_000)));
    this.reaper.unref();
  }

  private reap(idleMs: number): void {
    const now = Date.now();
    for (const environment of this.byId.values()) {
      if (environment.available && now - environment.lastUsed >= idleMs) environment.stop();
    }
    if (this.byId.size === 0) {
      clearInterval(this.reaper);
      this.reaper = undefined;
    }
  }
}
