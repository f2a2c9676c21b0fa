/**
 * Grades submissions with a pool of worker processes (grade-one.ts), each grading one submission
 * at a time within a time budget. A submission that hangs, crashes its worker or floods its output
 * scores what it finished; its worker is replaced and the others never wait beyond its budget.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { LabResult } from '../core/check-runner.ts';
import { missingLabResult, type GradeMessage, type GradeRequest } from './grade-protocol.ts';
import type { Submission } from './submissions.ts';

const WORKER = fileURLToPath(new URL('./grade-one.ts', import.meta.url));

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

/** A worker process and the submission it is grading. */
class Worker {
  private child: ChildProcess | undefined;

  /** Grades one submission; replaces the process when the submission overruns or kills it. */
  grade(submission: Submission, options: PoolOptions): Promise<LearnerResult> {
    const started = performance.now();
    const labs: LabResult[] = [];
    const finish = (problem: string | undefined): LearnerResult => {
      const done = new Set(labs.map((lab) => lab.labId));
      for (const labId of options.labIds) if (!done.has(labId)) labs.push(missingLabResult(labId, problem ?? 'not graded', options.seed));
      labs.sort((a, b) => a.labId.localeCompare(b.labId));
      return { learner: submission.learner, labs, problem, durationMs: performance.now() - started };
    };
    if (submission.problem) return Promise.resolve(finish(submission.problem));
    this.child ??= fork(WORKER, [], { execArgv: ['--max-old-space-size=768'], stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' });
    const child = this.child;
    return new Promise((resolve) => {
      let settled = false;
      const end = (problem: string | undefined, replace: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (replace) {
          child.kill('SIGKILL');
          if (this.child === child) this.child = undefined;
        }
        resolve(finish(problem));
      };
      const onMessage = (message: GradeMessage) => {
        if (message.learner !== submission.learner) return;
        if (message.kind === 'lab') labs.push(message.result);
        else end(undefined, false);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.child === child) this.child = undefined;
        end(`the grading process ended early (${signal ?? `exit code ${code}`})`, false);
      };
      const budget = options.labTimeoutMs * options.labIds.length;
      const timer = setTimeout(() => end(`grading stopped after ${Math.round(budget / 1000)} s, the submission's time budget`, true), budget);
      child.on('message', onMessage);
      child.on('exit', onExit);
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

  /** Ends the process. */
  close(): void {
    this.child?.disconnect();
    this.child = undefined;
  }
}

/** Grades every submission, at most `jobs` at a time; results come back in submission order. */
export async function gradeAll(submissions: Submission[], options: PoolOptions, onEvent: (event: PoolEvent) => void = () => {}): Promise<LearnerResult[]> {
  const results: LearnerResult[] = new Array(submissions.length);
  onEvent({ kind: 'planned', total: submissions.length });
  let next = 0;
  const job = async () => {
    const worker = new Worker();
    try {
      while (next < submissions.length) {
        const index = next++;
        const submission = submissions[index]!;
        onEvent({ kind: 'started', learner: submission.learner });
        results[index] = await worker.grade(submission, options);
        onEvent({ kind: 'finished', result: results[index] });
      }
    } finally {
      worker.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, submissions.length)) }, job));
  return results;
}
