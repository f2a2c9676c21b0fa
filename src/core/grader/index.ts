/**
 * The API lab graders use: `useLab()` gives the run's context and cleans up after the file;
 * `check(id, fn)` declares one graded check, named as in lab.json, with a plain timeout message.
 */
import { afterAll, expect, it } from 'vitest';
import { GraderContext, settingsFromEnv } from './context.ts';
import { GraderFailure, type Saying } from './feedback.ts';
import { kitMessage } from './messages.ts';

export { GraderContext } from './context.ts';
export type { Invocation } from './context.ts';
export { expectValue, gives, GraderFailure, likelyCause, mismatch, offBy, reversed, shown, when, type Cause, type Saying } from './feedback.ts';
export { catalogue, type Message, type Texts } from '../i18n/texts.ts';

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
      timer = setTimeout(() => reject(new GraderFailure(kitMessage('timeout', { seconds: timeoutMs / 1000 }))), timeoutMs);
    });
    try {
      await Promise.race([body(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }, timeoutMs + 5_000);
}

/** Fails the current check with a message for the learner (a catalogue message: both languages). */
export function fail(message: Saying): never {
  throw new GraderFailure(message);
}
