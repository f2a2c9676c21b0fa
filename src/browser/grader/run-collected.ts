/**
 * Runs what a grader file declared (vitest-shim.ts) the way Vitest runs one file: its beforeAll
 * hooks, then each test in order, then its afterAll hooks, each within its timeout. A failing
 * beforeAll stops the file: its tests are skipped and its error is the file's, as Vitest reports.
 */
import type { GraderRun, TestOutcome } from '../../core/check-results.ts';
import type { Collected, Step } from './vitest-shim.ts';

async function within(step: Step): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step.name === 'beforeAll' || step.name === 'afterAll' ? 'Hook' : 'Test'} timed out in ${step.timeoutMs}ms.`)), step.timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(step.body), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a collected grader file and reports each test's outcome, as labResultFromRun reads it. */
export async function runCollected(collected: Collected): Promise<GraderRun> {
  const started = performance.now();
  const tests = new Map<string, TestOutcome>();
  let fileError: unknown;
  for (const hook of collected.beforeAll) {
    try {
      await within(hook);
    } catch (error) {
      fileError = error;
      break;
    }
  }
  for (const test of collected.tests) {
    if (fileError !== undefined) {
      tests.set(test.name, { state: 'skipped' });
      continue;
    }
    const testStarted = performance.now();
    try {
      await within(test);
      tests.set(test.name, { state: 'passed', durationMs: performance.now() - testStarted });
    } catch (error) {
      tests.set(test.name, { state: 'failed', errors: [error], durationMs: performance.now() - testStarted });
    }
  }
  // Cleanup failures change no result: the resources are this run's own.
  for (const hook of [...collected.afterAll].reverse()) await within(hook).catch(() => {});
  return { tests, fileError, durationMs: performance.now() - started };
}
