/**
 * What every runner of a learner's module shares, on a machine (sandbox.ts, a child process) or in
 * the browser page (src/browser/learner/, a Worker): the limits of a call, how arguments and
 * results cross over, and one runner per folder for a run.
 */
import { join } from 'node:path';
import { CLIENT_MARKER } from './learner-protocol.ts';

/** Limits of one call. */
export interface SandboxLimits {
  timeoutMs: number;
  memoryMb: number;
}

/** The default limits: generous for SDK calls against a local emulator, tight for runaway code. */
export const DEFAULT_LIMITS: SandboxLimits = { timeoutMs: 60_000, memoryMb: 256 };

/** Arguments as the learner's side receives them: each client marker replaced by the client `client` builds. */
export async function revive(value: unknown, client: (name: string) => Promise<unknown> | unknown): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => revive(item, client)));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const marker = (value as Record<string, unknown>)[CLIENT_MARKER];
    if (typeof marker === 'string') return client(marker);
    return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await revive(item, client)])));
  }
  return value;
}

/** A result as it crosses back: only data (functions vanish, instances become their data). */
export function plain(value: unknown): unknown {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).filter(([, item]) => typeof item !== 'function').map(([key, item]) => [key, plain(item)]));
}

/** What runs a folder's learner code. */
export interface LearnerRunner {
  call(file: string, exportName: string, args: unknown[], limits: SandboxLimits): Promise<unknown>;
  close(): void;
}

/** The shared runner of a folder and a one-off call, over runners that `create` makes. */
export function learnerRunners<T extends LearnerRunner>(create: (root: string, env: Record<string, string>) => T) {
  const shared = new Map<string, T>();
  return {
    /**
     * The runner of a folder, shared by every grader of one run: the labs of a submission then
     * load the SDK once. A worker grades one submission at a time, so the previous one's ends.
     */
    shared(root: string, env: Record<string, string>): T {
      const key = `${root}\n${JSON.stringify(env)}`;
      let runner = shared.get(key);
      if (!runner) {
        for (const [other, stale] of shared) {
          stale.close();
          shared.delete(other);
        }
        runner = create(root, env);
        shared.set(key, runner);
      }
      return runner;
    },
    /** Calls `exportName` of `file` (in `labDir`) with `args` in a fresh runner, then ends it. */
    async call(labDir: string, file: string, exportName: string, args: unknown[], limits: SandboxLimits = DEFAULT_LIMITS): Promise<unknown> {
      const run = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && /^(WORKSHOP_|AWS_)/.test(entry[0])));
      const runner = create(labDir, run);
      try {
        return await runner.call(join(labDir, file), exportName, args, limits);
      } finally {
        runner.close();
      }
    },
  };
}
