/**
 * Stands in for `vitest` when a lab's grader is bundled for the page: the few calls graders and
 * src/core/grader/index.ts make (`it`, `beforeAll`, `afterAll`, `expect.getState`), collected
 * for the page's runner (run-collected.ts) instead of Vitest's.
 */

/** A test or hook body, with the time it may take. */
export interface Step {
  name: string;
  body: () => unknown;
  timeoutMs: number;
}

/** What one grader file declared while it loaded. */
export interface Collected {
  testPath: string;
  tests: Step[];
  beforeAll: Step[];
  afterAll: Step[];
}

/** Vitest's default test and hook timeout. */
const DEFAULT_TIMEOUT_MS = 5_000;

let collecting: Collected | undefined;

function current(call: string): Collected {
  if (!collecting) throw new Error(`${call}() was called outside a grader file's loading`);
  return collecting;
}

/** Declares a test, as Vitest's `it`. */
export function it(name: string, body: () => unknown, timeoutMs = DEFAULT_TIMEOUT_MS): void {
  current('it').tests.push({ name, body, timeoutMs });
}

/** Vitest's other name for `it`. */
export const test = it;

/** Declares a hook run once before the file's tests. */
export function beforeAll(body: () => unknown, timeoutMs = DEFAULT_TIMEOUT_MS): void {
  current('beforeAll').beforeAll.push({ name: 'beforeAll', body, timeoutMs });
}

/** Declares a hook run once after the file's tests, even when they failed. */
export function afterAll(body: () => unknown, timeoutMs = DEFAULT_TIMEOUT_MS): void {
  current('afterAll').afterAll.push({ name: 'afterAll', body, timeoutMs });
}

/** The part of Vitest's `expect` graders use: which file is running. */
export const expect = {
  getState: () => ({ testPath: current('expect.getState').testPath }),
};

/**
 * Loads a grader file (`load` evaluates it, e.g. a dynamic import of a fresh module URL) and
 * returns what it declared. One file loads at a time.
 */
export async function collectGrader(testPath: string, load: () => Promise<unknown>): Promise<Collected> {
  if (collecting) throw new Error(`a grader file is already loading (${collecting.testPath})`);
  const collected: Collected = { testPath, tests: [], beforeAll: [], afterAll: [] };
  collecting = collected;
  try {
    await load();
  } finally {
    collecting = undefined;
  }
  return collected;
}
