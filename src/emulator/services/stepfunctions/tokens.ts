/**
 * Task tokens of `.waitForTaskToken` tasks: issued when the task sends its message, settled by
 * SendTaskSuccess or SendTaskFailure. They live in memory: an execution that was waiting when the
 * emulator stopped is ended at the next start, so no saved token could be answered anyway.
 */
import { randomBytes } from 'node:crypto';
import { InvalidOutput, InvalidToken, TaskTimedOut } from './errors.ts';
import { TaskError } from './task-error.ts';

interface Waiting {
  executionArn: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

/** The tokens one emulator has handed out. */
export class TaskTokens {
  private readonly waiting = new Map<string, Waiting>();
  /** Tokens whose task has ended, so a late answer gets TaskTimedOut rather than InvalidToken. */
  private readonly ended = new Set<string>();

  /** A new token and the promise its answer settles; an abort of the execution drops it. */
  issue(executionArn: string, signal: AbortSignal): { token: string; settled: Promise<unknown> } {
    const token = `AQC${randomBytes(96).toString('base64')}`;
    const settled = new Promise<unknown>((resolve, reject) => {
      this.waiting.set(token, { executionArn, resolve, reject });
      signal.addEventListener('abort', () => this.end(token), { once: true });
    });
    return { token, settled };
  }

  /** SendTaskSuccess: the task's result is `output`, which must be JSON. */
  succeed(token: unknown, output: unknown): void {
    const waiting = this.find(token);
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(output));
    } catch {
      throw new InvalidOutput(`Invalid Output: 'The output must be valid JSON.'`);
    }
    this.end(String(token));
    waiting.resolve(parsed);
  }

  /** SendTaskFailure: the task fails with `error` and `cause`, as Retry and Catch see them. */
  fail(token: unknown, error: unknown, cause: unknown): void {
    const waiting = this.find(token);
    this.end(String(token));
    waiting.reject(new TaskError(typeof error === 'string' ? error : '', typeof cause === 'string' ? cause : ''));
  }

  /** SendTaskHeartbeat: only checks the token (heartbeat timeouts are not enforced). */
  heartbeat(token: unknown): void {
    this.find(token);
  }

  private find(token: unknown): Waiting {
    const text = typeof token === 'string' ? token : '';
    const waiting = this.waiting.get(text);
    if (waiting) return waiting;
    if (this.ended.has(text)) throw new TaskTimedOut(`Task Timed Out: 'Provided task does not exist anymore'`);
    throw new InvalidToken(`Invalid Token: 'Invalid token'`);
  }

  private end(token: string): void {
    if (!this.waiting.delete(token)) return;
    this.ended.add(token);
    if (this.ended.size > 10_000) this.ended.delete(this.ended.values().next().value!);
  }
}
