/**
 * The API lab graders use: `useLab()` gives the run's context and cleans up after the file;
 * `check(id, fn)` declares one graded check, named as in lab.json, with a plain timeout message.
 */
import { afterAll, expect, it } from 'vitest';
import { GraderContext, settingsFromEnv } from './context.ts';

export { GraderContext } from './context.ts';
export type { Invocation } from './context.ts';
export { expectValue, gives, likelyCause, mismatch, offBy, reversed, shown, when, type Cause } from './feedback.ts';

/** The default time one check may take. */
export const CHECK_TIMEOUT_MS = 20_000;

/** The grading context of this run; cleaned up when the grader file ends. */
export function useLab(): GraderContext {
  const context = new GraderContext(settingsFromEnv(expect.getState().testPath ?? ''));
  afterAll(() => context.cleanup(), 60_000);
  return context;
}

/** Declares check `id` (as named in lab.json). A check that takes too long fails with a plain sentence. */
export function check(id: string, body: () => Promise<void> | void, timeoutMs = CHECK_TIMEOUT_MS): void {
  it(id, async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the check did not finish within ${timeoutMs / 1000} s: is something awaiting a promise that never resolves?`)), timeoutMs);
    });
    try {
      await Promise.race([body(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }, timeoutMs + 5_000);
}

/** Fails the current check with a message for the learner. */
export function fail(message: string): never {
  throw new Error(message);
}
