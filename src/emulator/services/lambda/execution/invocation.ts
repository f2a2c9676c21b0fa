/**
 * One invocation while an environment runs it: its timing, the tail of its log for `LogType: Tail`,
 * and the platform's log lines (START, END, REPORT) and error payloads worded as Lambda words them.
 */
import { performance } from 'node:perf_hooks';

/** What an environment needs to run one invocation. */
export interface InvocationInput {
  requestId: string;
  payload: Buffer;
  /** The ARN the caller used, qualified or not: the `Lambda-Runtime-Invoked-Function-Arn` header. */
  invokedArn: string;
  /** The client context as JSON text (already decoded from base64). */
  clientContext: string | undefined;
  tailLog: boolean;
}

/** How an invocation ended, for the Invoke answer, the async queue and the trace. */
export interface InvocationOutcome {
  requestId: string;
  payload: Buffer;
  functionError: 'Unhandled' | undefined;
  /** The error's type: the runtime's, or the platform's (Sandbox.Timedout, Runtime.ExitError...). */
  errorType: string | undefined;
  /** Base64 of the last 4 KB of this invocation's log, when asked for. */
  logResult: string | undefined;
  durationMs: number;
  /** Set on the first invocation of a new environment. */
  initDurationMs: number | undefined;
  /**
   * Set when a warm environment ended between invocations (its runtime exited after its last
   * answer) before taking this one: the invocation never started and runs in a new environment.
   */
  environmentLost?: boolean;
}

/** The size of `LogType: Tail`'s log excerpt. */
export const TAIL_BYTES = 4096;

/** An invocation in progress. */
export class RunningInvocation {
  readonly input: InvocationInput;
  /** `performance.now()` when the environment took it; undefined while the environment starts. */
  startedAt: number | undefined;
  deadlineMs = 0;
  /** The posted result, kept until the environment's output up to that point has been read. */
  posted: { payload: Buffer; errorType: string | undefined } | undefined;
  settled = false;
  /** The X-Ray trace header the runtime got: the SDK sends it with each call the invocation makes. */
  traceId: string | undefined;
  /** Successful AWS calls the invocation made so far, by operation (what a fault counts). */
  readonly calls = new Map<string, number>();
  readonly done: Promise<InvocationOutcome>;
  resolve!: (outcome: InvocationOutcome) => void;
  private tail = '';

  constructor(input: InvocationInput) {
    this.input = input;
    this.done = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  /** Keeps the end of the log for `LogType: Tail`, bounded whatever the function prints. */
  appendLog(message: string): void {
    if (!this.input.tailLog) return;
    this.tail += message;
    if (this.tail.length > 4 * TAIL_BYTES) this.tail = this.tail.slice(-2 * TAIL_BYTES);
  }

  /** The last 4 KB of the log, base64. */
  tailBase64(): string | undefined {
    if (!this.input.tailLog) return undefined;
    const bytes = Buffer.from(this.tail, 'utf8');
    return bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)).toString('base64');
  }

  /** Ends the invocation unstarted: its environment was lost before taking it, so it runs elsewhere. */
  abandon(): void {
    this.settled = true;
    const { requestId } = this.input;
    this.resolve({ requestId, payload: Buffer.alloc(0), functionError: undefined, errorType: undefined, logResult: undefined, durationMs: 0, initDurationMs: undefined, environmentLost: true });
  }

  /** Milliseconds since the environment took the invocation. */
  elapsedMs(): number {
    return this.startedAt === undefined ? 0 : performance.now() - this.startedAt;
  }
}

/** `START RequestId: ... Version: ...`. */
export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}\n`;
}

/** `END RequestId: ...`. */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

/** `INIT_REPORT ...`: the line of a failed init phase. */
export function initReportLine(initDurationMs: number, status: 'timeout' | 'error', errorType: string | undefined): string {
  const line = `INIT_REPORT Init Duration: ${initDurationMs.toFixed(2)} ms\tPhase: init\tStatus: ${status}`;
  return `${line}${errorType ? `\tError Type: ${errorType}` : ''}\n`;
}

/** The figures of a REPORT line. */
export interface ReportFigures {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs: number | undefined;
  /** Set when the platform ended the invocation: `timeout` or `error` (with `errorType`). */
  status?: 'timeout' | 'error';
  errorType?: string | undefined;
}

/**
 * `REPORT RequestId: ...\tDuration: ...`. Billed Duration is rounded up to the millisecond and,
 * as on Lambda since on-demand init is billed, includes the Init Duration of a cold start.
 */
export function reportLine(figures: ReportFigures): string {
  const fields = [
    `REPORT RequestId: ${figures.requestId}`,
    `Duration: ${figures.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(figures.durationMs + (figures.initDurationMs ?? 0)))} ms`,
    `Memory Size: ${figures.memorySizeMb} MB`,
    `Max Memory Used: ${Math.min(Math.max(1, Math.round(figures.maxMemoryUsedMb)), figures.memorySizeMb)} MB`,
  ];
  if (figures.initDurationMs !== undefined) fields.push(`Init Duration: ${figures.initDurationMs.toFixed(2)} ms`);
  if (figures.status) fields.push(`Status: ${figures.status}`);
  if (figures.status === 'error' && figures.errorType) fields.push(`Error Type: ${figures.errorType}`);
  return `${fields.join('\t')}\t\n`;
}

/** The payload Lambda answers when the function ran out of time. */
export function timeoutPayload(requestId: string, timeoutSeconds: number): Buffer {
  return json({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds` });
}

/** How Lambda words a runtime process that ended: `exit status 1`, `signal: killed`... */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `Runtime exited with error: signal: ${SIGNAL_WORDS[signal] ?? signal.toLowerCase().replace(/^sig/, '')}`;
  if (code === 0 || code === null) return 'Runtime exited without providing a reason';
  return `Runtime exited with error: exit status ${code}`;
}

const SIGNAL_WORDS: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGSEGV: 'segmentation fault',
  SIGTERM: 'terminated',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGFPE: 'floating point exception',
  SIGINT: 'interrupt',
};

/** What Lambda reports for a runtime process that ended during an invocation. */
export function processFailure(killedForMemory: boolean, code: number | null, signal: NodeJS.Signals | null, failure: string | undefined): { errorType: string; reason: string } {
  const errorType = killedForMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
  const reason = failure ? `Runtime failed to start: ${failure}` : exitReason(code, killedForMemory ? 'SIGKILL' : signal);
  return { errorType, reason };
}

/** The payload of a platform error: `{"errorType":..., "errorMessage":"RequestId: ... Error: ..."}`. */
export function platformErrorPayload(requestId: string, errorType: string, reason: string): Buffer {
  return json({ errorType, errorMessage: `RequestId: ${requestId} Error: ${reason}` });
}

/** The payload of a response larger than Lambda allows. */
export function responseTooLargePayload(limitBytes: number): Buffer {
  return json({ errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size exceeded maximum allowed payload size (${limitBytes} bytes).` });
}

/** JSON text as bytes. */
export function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
