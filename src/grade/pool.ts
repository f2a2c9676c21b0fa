/**
 * Grades submissions with a pool of worker processes (grade-one.ts), each grading a small batch of
 * submissions at a time, one after the other, each within its own time budget. A submission that
 * hangs, crashes its worker or floods its output scores what it finished; its worker is replaced,
 * the rest of its batch goes back in the queue, and the others never wait beyond its budget.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { accountSecret } from '../emulator/signature.ts';
import { gradingEnvironment, hostSecrets, redact } from './secrets.ts';
import { fileURLToPath } from 'node:url';
import type { LabResult } from '../core/check-runner.ts';
import { missingLabResult, type GradeMessage, type GradeRequest } from './grade-protocol.ts';
import { textsOf, type Message, type Texts } from '../core/i18n/texts.ts';
import { gradeMessage } from './grade-messages.ts';
import type { Submission } from './submissions.ts';

const WORKER = fileURLToPath(new URL('./grade-one.ts', import.meta.url));

/**
 * The most submissions a worker takes at once. A batch shares one Vitest worker process, whose
 * start costs about 0.3 s of CPU; small batches keep the end of the run from waiting on one job.
 */
const MAX_BATCH = 4;

/** One learner's grades. */
export interface LearnerResult {
  learner: string;
  labs: LabResult[];
  /** Why grading stopped early, if it did, in English (the gradebooks' field). */
  problem: string | undefined;
  /** The same in every language, for what the instructor reads. */
  problemTexts?: Texts | undefined;
  durationMs: number;
  /** Labs handed in as the untouched starters: graded, but no attempt. */
  untouchedLabs?: string[] | undefined;
  /** Lab id -> hints the learner revealed, from the progress file the submission carried. */
  hintsRevealed?: Record<string, string[]> | undefined;
  /** Whether the submission carried a progress file. */
  progressFound?: boolean | undefined;
}

/** A learner's points over every lab graded, and the most there were to earn. */
export function totalsOf(result: LearnerResult): { score: number; maxScore: number } {
  return { score: result.labs.reduce((sum, lab) => sum + lab.score, 0), maxScore: result.labs.reduce((sum, lab) => sum + lab.maxScore, 0) };
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
  /** The secret learners' accounts are derived from; a fresh random one per run unless given. */
  accountSecret?: string | undefined;
}

/** What the pool reports while it runs. */
export type PoolEvent = { kind: 'planned'; total: number } | { kind: 'started'; learner: string } | { kind: 'finished'; result: LearnerResult };

/**
 * A 12-digit emulator account per learner, from a secret of this run: the seed is public, so an
 * account derived from it would let one submission name another's account and reach its resources.
 */
export function accountFor(learner: string, runSecret: string): string {
  const digits = BigInt(`0x${createHmac('sha256', runSecret).update(learner).digest('hex').slice(0, 15)}`) % 100_000_000_000n;
  return `8${digits.toString().padStart(11, '0')}`;
}

function rotate<T>(items: T[], by: number): T[] {
  const start = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

/** A submission waiting in the queue, with its place in the cohort. */
interface Queued {
  submission: Submission;
  index: number;
}

/** The results of one learner, as they arrive. */
function resultOf(learner: string, labs: LabResult[], options: PoolOptions, problem: Message | string | undefined, durationMs: number): LearnerResult {
  const done = new Set(labs.map((lab) => lab.labId));
  const all = [...labs];
  for (const labId of options.labIds) if (!done.has(labId)) all.push(missingLabResult(labId, problem ?? gradeMessage('notGraded'), options.seed));
  all.sort((a, b) => a.labId.localeCompare(b.labId));
  // Whatever a submission printed, no credential reaches a report.
  const secrets = hostSecrets();
  const labsShown = all.map((lab) => ({ ...lab, checks: lab.checks.map((check) => ({ ...check, message: redact(check.message, secrets), ...(check.texts ? { texts: { en: redact(check.texts.en, secrets), 'zh-cn': redact(check.texts['zh-cn'], secrets) } } : {}) })) }));
  const texts = problem === undefined ? undefined : textsOf(problem);
  const problemTexts = texts && { en: redact(texts.en, secrets), 'zh-cn': redact(texts['zh-cn'], secrets) };
  return { learner, labs: labsShown, problem: problemTexts?.en, problemTexts, durationMs };
}

/** A worker process and the batch it is grading. */
class Worker {
  private child: ChildProcess | undefined;

  /**
   * Grades a batch, one submission after the other; calls `finished` for each graded submission
   * and resolves with those it never started (its process had to be replaced), to queue again.
   * Each submission's labs are rotated by its place in the cohort, so submissions graded side by
   * side are in different labs: one waiting on Lambda while another uses the CPU.
   */
  grade(batch: Queued[], options: PoolOptions, onEvent: (event: PoolEvent) => void): Promise<Queued[]> {
    // No host secrets in the grading process: graders get their run's credentials explicitly.
    const child = (this.child ??= fork(WORKER, [], { execArgv: ['--max-old-space-size=768'], env: gradingEnvironment(), stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' }));
    const waiting = [...batch];
    // Messages by learner: a later learner's missing labs are reported before its turn comes.
    const heard = new Map<string, { labs: LabResult[]; done: boolean }>(batch.map(({ submission }) => [submission.learner, { labs: [], done: false }]));
    const budget = options.labTimeoutMs * options.labIds.length;
    let started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    return new Promise((resolve) => {
      let announced = '';
      const announce = (learner: string) => {
        if (announced !== learner) onEvent({ kind: 'started', learner });
        announced = learner;
      };
      const finishCurrent = (problem: Message | undefined) => {
        const { learner } = waiting.shift()!.submission;
        announce(learner);
        onEvent({ kind: 'finished', result: resultOf(learner, heard.get(learner)!.labs, options, problem, performance.now() - started) });
      };
      const stop = (problem: Message | undefined, replace: boolean) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (problem !== undefined && waiting.length > 0) finishCurrent(problem);
        if (replace) child.kill('SIGKILL');
        if (problem !== undefined && this.child === child) this.child = undefined;
        resolve(waiting);
      };
      const advance = () => {
        while (waiting.length > 0 && heard.get(waiting[0]!.submission.learner)!.done) finishCurrent(undefined);
        clearTimeout(timer);
        if (waiting.length === 0) return stop(undefined, false);
        started = performance.now();
        announce(waiting[0]!.submission.learner);
        timer = setTimeout(() => stop(gradeMessage('outOfTime', { seconds: Math.round(budget / 1000) }), true), budget);
      };
      const onMessage = (message: GradeMessage) => {
        const entry = heard.get(message.learner);
        if (!entry) return;
        if (message.kind === 'lab') entry.labs.push(message.result);
        else entry.done = true;
        if (message.kind === 'done' && message.learner === waiting[0]?.submission.learner) advance();
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        stop(gradeMessage('endedEarly', { how: signal ?? gradeMessage('exitCode', { code: String(code) }) }), false);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      const runSecret = options.accountSecret ?? '';
      const request: GradeRequest = {
        batch: batch.map(({ submission, index }) => {
          const accountId = accountFor(submission.learner, runSecret);
          return {
            learner: submission.learner,
            workDir: submission.workDir,
            labIds: rotate(options.labIds, index),
            accountId,
            // LocalStack takes any secret; the kit's emulator, started by the cohort with this run's secret, checks it.
            secretAccessKey: options.targetName === 'emulator' ? accountSecret(runSecret, accountId) : 'test',
          };
        }),
        targetName: options.targetName,
        endpoint: options.endpoint,
        seed: options.seed,
      };
      advance();
      child.send(request);
    });
  }

  /** Ends the process. */
  close(): void {
    this.child?.disconnect();
    this.child = undefined;
  }
}

/** Grades every submission, `jobs` batches at a time; results come back in submission order. */
export async function gradeAll(submissions: Submission[], options: PoolOptions, onEvent: (event: PoolEvent) => void = () => {}): Promise<LearnerResult[]> {
  const results: LearnerResult[] = new Array(submissions.length);
  const byLearner = new Map(submissions.map((submission, index) => [submission.learner, index]));
  const record = (event: PoolEvent) => {
    if (event.kind === 'finished') results[byLearner.get(event.result.learner)!] = event.result;
    onEvent(event);
  };
  onEvent({ kind: 'planned', total: submissions.length });
  const queue: Queued[] = [];
  submissions.forEach((submission, index) => {
    // A submission that could not be prepared (a broken zip, say) needs no worker.
    if (submission.problem) {
      record({ kind: 'started', learner: submission.learner });
      record({ kind: 'finished', result: resultOf(submission.learner, [], options, submission.problem, 0) });
    } else queue.push({ submission, index });
  });
  const jobs = Math.max(1, Math.min(options.jobs, queue.length));
  const run = { ...options, accountSecret: options.accountSecret ?? randomBytes(32).toString('hex') };
  const job = async () => {
    const worker = new Worker();
    try {
      while (queue.length > 0) {
        // Shares of what is left, so that near the end every job still has work.
        const size = Math.max(1, Math.min(MAX_BATCH, Math.floor(queue.length / jobs)));
        const unstarted = await worker.grade(queue.splice(0, size), run, record);
        queue.unshift(...unstarted);
      }
    } finally {
      worker.close();
    }
  };
  await Promise.all(Array.from({ length: jobs }, job));
  return results;
}
