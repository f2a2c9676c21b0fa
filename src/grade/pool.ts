/**
 * Grades submissions in parallel child processes (grade-one.ts), each with a time budget and
 * bounded output; a submission that hangs, crashes or floods its output scores what it finished
 * and never holds up the others beyond its own budget.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { LabResult } from '../core/check-runner.ts';
import { missingLabResult, type GradeMessage, type GradeRequest } from './grade-protocol.ts';
import type { Submission } from './submissions.ts';

const CHILD = fileURLToPath(new URL('./grade-one.ts', import.meta.url));

/** One learner's grades. */
export interface LearnerResult {
  learner: string;
  labs: LabResult[];
  /** Why grading stopped early, if it did. */
  problem: string | undefined;
  durationMs: number;
}

/** Settings of a cohort run. */
export interface PoolOptions {
  labIds: string[];
  jobs: number;
  targetName: 'emulator' | 'localstack';
  endpoint: string;
  seed: number;
  /** Time each lab of a submission may take before the submission is stopped. */
  labTimeoutMs: number;
}

/** What the pool reports while it runs. */
export type PoolEvent = { kind: 'planned'; total: number } | { kind: 'started'; learner: string } | { kind: 'finished'; result: LearnerResult };

/** A 12-digit emulator account per learner, the same for the same learner and seed. */
export function accountFor(learner: string, seed: number): string {
  const digits = BigInt(`0x${createHash('sha256').update(`${seed}:${learner}`).digest('hex').slice(0, 15)}`) % 100_000_000_000n;
  return `8${digits.toString().padStart(11, '0')}`;
}

function gradeSubmission(submission: Submission, options: PoolOptions): Promise<LearnerResult> {
  const started = performance.now();
  const labs: LabResult[] = [];
  const finish = (problem: string | undefined): LearnerResult => {
    const done = new Set(labs.map((lab) => lab.labId));
    for (const labId of options.labIds) if (!done.has(labId)) labs.push(missingLabResult(labId, problem ?? 'not graded', options.seed));
    labs.sort((a, b) => a.labId.localeCompare(b.labId));
    return { learner: submission.learner, labs, problem, durationMs: performance.now() - started };
  };
  if (submission.problem) return Promise.resolve(finish(submission.problem));
  return new Promise((resolve) => {
    const child = fork(CHILD, [], { execArgv: ['--max-old-space-size=768'], stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' });
    let settled = false;
    const end = (problem: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(finish(problem));
    };
    const budget = options.labTimeoutMs * options.labIds.length;
    const timer = setTimeout(() => end(`grading stopped after ${Math.round(budget / 1000)} s, the submission's time budget`), budget);
    child.on('message', (message: GradeMessage) => {
      if (message.kind === 'lab') labs.push(message.result);
      else end(undefined);
    });
    child.on('exit', (code, signal) => end(`the grading process ended early (${signal ?? `exit code ${code}`})`));
    const request: GradeRequest = {
      workDir: submission.workDir,
      labIds: options.labIds,
      targetName: options.targetName,
      endpoint: options.endpoint,
      accountId: accountFor(submission.learner, options.seed),
      seed: options.seed,
      learner: submission.learner,
    };
    child.send(request);
  });
}

/** Grades every submission, at most `jobs` at a time; results come back in submission order. */
export async function gradeAll(submissions: Submission[], options: PoolOptions, onEvent: (event: PoolEvent) => void = () => {}): Promise<LearnerResult[]> {
  const results: LearnerResult[] = new Array(submissions.length);
  onEvent({ kind: 'planned', total: submissions.length });
  let next = 0;
  const worker = async () => {
    while (next < submissions.length) {
      const index = next++;
      const submission = submissions[index]!;
      onEvent({ kind: 'started', learner: submission.learner });
      results[index] = await gradeSubmission(submission, options);
      onEvent({ kind: 'finished', result: results[index] });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, submissions.length)) }, worker));
  return results;
}
