/** A whole cohort run: prepare submissions, start one emulator, grade in parallel, write the reports. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLab, listLabs, type Lab } from '../core/labs.ts';
import { resolveTarget } from '../core/target.ts';
import { accountSecret } from '../emulator/signature.ts';
import { gradeAll, type LearnerResult, type PoolEvent } from './pool.ts';
import { prepareSubmissions } from './submissions.ts';
import { writeReports } from './write-reports.ts';

/** Options of {@link gradeCohort}. */
export interface CohortOptions {
  submissionsDir: string;
  outDir: string;
  labRefs?: string[] | undefined;
  jobs?: number | undefined;
  target?: 'emulator' | 'localstack' | undefined;
  seed?: number | undefined;
  labTimeoutMs?: number | undefined;
  onEvent?: (event: PoolEvent) => void;
}

/** What a cohort run produced. */
export interface CohortRun {
  results: LearnerResult[];
  labs: Lab[];
  files: string[];
  seed: number;
  durationMs: number;
}

/**
 * Grading processes at once by default. Grading waits on SDK waiters and on the emulator much of
 * the time, so six per core keep the cores busy (measured: 40 submissions of labs 01-04 on 2 cores
 * take 59 s with 8 jobs, 51 s with 12, 56 s with 16); 12 jobs hold about 4 GB, hence the cap.
 */
export function defaultJobs(): number {
  return Math.min(12, availableParallelism() * 6);
}

/** Grades every submission and writes the reports; the same submissions and seed give the same grades. */
export async function gradeCohort(options: CohortOptions): Promise<CohortRun> {
  const started = performance.now();
  const labs = options.labRefs && options.labRefs.length > 0 ? options.labRefs.map((ref) => findLab(ref)) : listLabs();
  const targetName = options.target ?? 'emulator';
  const seed = options.seed ?? 1;
  const work = mkdtempSync(join(tmpdir(), 'workshop-grade-'));
  let stopEmulator = async () => {};
  try {
    const submissions = prepareSubmissions(options.submissionsDir, work);
    let endpoint: string;
    // Accounts and their secrets come from this run's own secret: no submission can name another's account or sign as it.
    const runSecret = randomBytes(32).toString('hex');
    if (targetName === 'emulator') {
      const { startEmulator } = await import('../emulator/server.ts');
      const running = await startEmulator({ port: 0, log: () => {}, secrets: (key) => (/^\d{12}$/.test(key) ? accountSecret(runSecret, key) : undefined) });
      endpoint = running.url;
      stopEmulator = () => running.stop();
    } else {
      endpoint = resolveTarget({ flag: 'localstack' }).endpoint!;
    }
    const results = await gradeAll(submissions, {
      labIds: labs.map((lab) => lab.id),
      jobs: options.jobs ?? defaultJobs(),
      targetName,
      endpoint,
      seed,
      labTimeoutMs: options.labTimeoutMs ?? 90_000,
      accountSecret: runSecret,
    }, options.onEvent);
    const notes = new Map(submissions.map((submission) => [submission.learner, submission.notes]));
    for (const result of results) Object.assign(result, notes.get(result.learner) ?? {});
    const files = writeReports(options.outDir, results, labs, { seed, target: targetName });
    return { results, labs, files, seed, durationMs: performance.now() - started };
  } finally {
    await stopEmulator();
    rmSync(work, { recursive: true, force: true });
  }
}
