/** Grades one lab with the page's runner: loads its grader file through the vitest stand-in, runs it, and reads the result as `workshop check` does. */
import { labResultFromRun, type LabResult } from '../../core/check-results.ts';
import type { Lab } from '../../core/labs.ts';
import { runCollected } from './run-collected.ts';
import { collectGrader } from './vitest-shim.ts';

/**
 * The result of `lab` from its grader, which `load` evaluates afresh (a new module instance each
 * run, so its checks register again); `seed` is the one its settings carry.
 */
export async function gradeLab(lab: Lab, load: () => Promise<unknown>, seed: number): Promise<LabResult> {
  const started = performance.now();
  try {
    const collected = await collectGrader(lab.graderFile, load);
    return labResultFromRun(lab, await runCollected(collected), seed);
  } catch (error) {
    // The file did not load (a grader bug, or the page lacks what it imports): every check says why.
    return labResultFromRun(lab, { tests: new Map(), fileError: error, durationMs: performance.now() - started }, seed);
  }
}
