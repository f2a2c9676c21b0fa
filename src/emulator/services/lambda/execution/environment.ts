/**
 * One execution environment: a child process running a runtime bootstrap that polls the emulator's
 * Runtime API. It serves one invocation at a time, enforces the timeout and memory size by ending
 * the process (as Lambda's sandbox does), and turns every way a process can fail into the error
 * payload and log lines Lambda shows.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Emulator } from '../../../emulator.ts';
import type { EmulatorResponse } from '../../../types.ts';
import {
  RunningInvocation, endLine, initReportLine, json, platformErrorPayload, processFailure, reportLine, responseTooLargePayload, startLine, timeoutPayload,
  type InvocationInput, type InvocationOutcome,
} from './invocation.ts';
import { EnvironmentProcess } from './environment-process.ts';
import { LaunchError } from './launch.ts';
import type { LogStream, LogWriter } from './log-writer.ts';
import { readMemory, type MemoryUse, type MemoryWatch, type Watched } from './memory.ts';
import { SYNC_MARK } from './output-lines.ts';
import { accepted, apiError, errorTypeOf, invalidRequestId, newTraceId, nextResponse, payloadTooLarge, type RuntimeApiTarget } from './runtime-api.ts';
import type { ExitStatus } from './runtime-process.ts';
import type { FunctionRuntimeConfig } from './types.ts';

/** Lambda's init phase may take 10 s before the invoke phase (and its timeout) starts. */
const INIT_LIMIT_MS = 10_000;
/** How long a posted result waits for the output the runtime wrote before it (normally microseconds). */
const SYNC_WAIT_MS = 250;
/** Lambda accepts a response up to 100 bytes over the 6 MB request limit: hence "6291556 bytes". */
const RESPONSE_ALLOWANCE = 100;

/** What an environment needs from the engine that owns it. */
export interface EnvironmentHost {
  emulator: Emulator;
  logs: LogWriter;
  memory: MemoryWatch;
  /** `host:port/_lambda-runtime`: the environment's AWS_LAMBDA_RUNTIME_API without its id. */
  runtimeApiBase: string;
  /** Called once when the environment's process is gone. */
  exited(environment: ExecutionEnvironment): void;
  /** Makes the environment's process side; a child process when absent. */
  process?: (() => EnvironmentRuntime) | undefined;
}

/** What an environment needs of its process: {@link EnvironmentProcess}, or a browser Worker. */
export type EnvironmentRuntime = Pick<EnvironmentProcess, 'pid' | 'spawned' | 'marksOutput' | 'start' | 'kill' | 'removeTmpDir'>;

/** One child process that runs one function's invocations, one at a time. */
export class ExecutionEnvironment implements RuntimeApiTarget, Watched {
  readonly id = randomBytes(12).toString('hex');
  readonly config: FunctionRuntimeConfig;
  /** The pool key: function, version, code and configuration. */
  readonly key: string;
  lastUsed = Date.now();
  /** Set when the function changed: the environment ends once its invocation does. */
  retiring = false;
  dead = false;
  private readonly host: EnvironmentHost;
  private readonly stream: LogStream;
  private readonly runtime: EnvironmentRuntime;
  private readonly spawnedAt = performance.now();
  private initDurationMs: number | undefined;
  private initReported = false;
  private initError: { payload: Buffer; errorType: string } | undefined;
  private waiting: ((response: EmulatorResponse) => void) | undefined;
  private current: RunningInvocation | undefined;
  private lastSync = '';
  private timer: NodeJS.Timeout | undefined;
  private killedFor: 'timeout' | 'memory' | undefined;
  private exitStatus: ExitStatus = { code: null, signal: null };
  private exitHandled = false;
  private peakMb = 0;

  constructor(config: FunctionRuntimeConfig, key: string, host: EnvironmentHost) {
    this.config = config;
    this.key = key;
    this.host = host;
    this.runtime = host.process?.() ?? new EnvironmentProcess();
    this.stream = host.logs.openStream(config);
  }

  /** The runtime's process id, for the memory watch (inside the OS sandbox, bwrap's grandchild). */
  get pid(): number | undefined {
    return this.runtime.pid;
  }

  /** The function's MemorySize: above it the environment is ended. */
  get memoryLimitMb(): number {
    return this.config.memorySizeMb;
  }

  /** True once the process was started: the first invocation of an environment is its cold start. */
  get started(): boolean {
    return this.runtime.spawned || this.dead;
  }

  /** True when the environment can take an invocation now. */
  get available(): boolean {
    return !this.dead && !this.retiring && !this.current;
  }

  /** Runs one invocation (starting the process on first use) and resolves with how it ended. */
  run(input: InvocationInput): Promise<InvocationOutcome> {
    const invocation = new RunningInvocation(input);
    this.current = invocation;
    this.lastUsed = Date.now();
    if (!this.runtime.spawned) this.start();
    if (invocation.settled) return invocation.done;
    this.host.memory.add(this);
    if (this.waiting) this.dispatch(invocation);
    else this.arm(INIT_LIMIT_MS + this.config.timeoutSeconds * 1000, () => this.timedOut(invocation));
    return invocation.done;
  }

  /** The invocation running now, once the runtime took it. */
  get running(): RunningInvocation | undefined {
    return this.current?.startedAt === undefined ? undefined : this.current;
  }

  /** Ends the process at once, as a crash: the running invocation fails with Runtime.ExitError; resolves once it has. */
  async crash(): Promise<void> {
    const invocation = this.current;
    this.retiring = true;
    this.runtime.kill();
    await invocation?.done;
  }

  /** Ends the process; an invocation still running fails as Lambda reports a killed runtime. */
  stop(): void {
    this.retiring = true;
    if (this.runtime.spawned) {
      this.runtime.kill();
      // Its folder goes now: the emulator's own process may exit (after its stop) before the exit event arrives.
      this.runtime.removeTmpDir();
    } else this.onExit();
  }

  private start(): void {
    try {
      this.runtime.start(this.config, {
        runtimeApi: `${this.host.runtimeApiBase}/${this.id}`,
        endpoint: this.host.emulator.url,
        logStreamName: this.stream.streamName,
      }, {
        line: (text, fromStdout) => this.onOutput(text, fromStdout),
        exit: (status) => {
          this.exitStatus = status;
          this.onExit();
        },
      });
    } catch (error) {
      if (!(error instanceof LaunchError)) throw error;
      this.initError = { payload: json({ errorType: error.errorType, errorMessage: error.message }), errorType: error.errorType };
      this.onExit();
    }
  }

  private onOutput(line: string, isStdout: boolean): void {
    if (isStdout && line.startsWith(SYNC_MARK)) {
      this.lastSync = line.slice(SYNC_MARK.length);
      const invocation = this.current;
      if (invocation?.posted && invocation.input.requestId === this.lastSync) this.finishPosted(invocation);
      return;
    }
    if (line.length === 0) return;
    this.write(`${line.includes('\r') ? line.replaceAll('\r', '\n') : line}\n`);
  }

  private write(message: string): void {
    this.stream.append(message);
    this.current?.appendLog(message);
  }

  private arm(milliseconds: number, action: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(action, milliseconds);
    this.timer.unref();
  }

  private dispatch(invocation: RunningInvocation): void {
    const respond = this.waiting!;
    this.waiting = undefined;
    const { requestId, payload, invokedArn, clientContext } = invocation.input;
    invocation.startedAt = performance.now();
    invocation.deadlineMs = Date.now() + this.config.timeoutSeconds * 1000;
    this.write(startLine(requestId, this.config.version));
    this.arm(this.config.timeoutSeconds * 1000, () => this.timedOut(invocation));
    invocation.traceId = newTraceId();
    respond(nextResponse({ requestId, deadlineMs: invocation.deadlineMs, invokedArn, traceId: invocation.traceId, clientContext, payload }));
  }

  /** GET invocation/next: the runtime is ready (its init is over on the first call). */
  next(): Promise<EmulatorResponse> {
    if (this.dead) return Promise.resolve(apiError(410, 'EnvironmentEnded', 'This execution environment has ended.'));
    if (this.initDurationMs === undefined) this.initDurationMs = performance.now() - this.spawnedAt;
    this.waiting?.(apiError(400, 'InvalidStateTransition', 'Another invocation/next call replaced this one.'));
    return new Promise((resolve) => {
      this.waiting = resolve;
      const invocation = this.current;
      if (invocation && invocation.startedAt === undefined && !invocation.settled) this.dispatch(invocation);
      else if (!invocation) this.host.memory.delete(this);
    });
  }

  /** POST invocation/{id}/response. */
  postResponse(requestId: string, body: Buffer): EmulatorResponse {
    const invocation = this.expecting(requestId);
    if (!invocation) return invalidRequestId();
    return this.post(invocation, body, undefined);
  }

  /** POST invocation/{id}/error: the payload goes back to the caller as the runtime wrote it. */
  postError(requestId: string, body: Buffer, errorType: string | undefined): EmulatorResponse {
    const invocation = this.expecting(requestId);
    if (!invocation) return invalidRequestId();
    const type = errorType || errorTypeOf(body) || 'Unknown';
    return this.post(invocation, body.length ? body : json({ errorType: type, errorMessage: '' }), type);
  }

  /** POST init/error: the runtime could not load the function and exits next. */
  postInitError(body: Buffer, errorType: string | undefined): EmulatorResponse {
    if (this.initDurationMs !== undefined) return apiError(403, 'InvalidStateTransition', 'init/error is only accepted before the first invocation/next.');
    this.initDurationMs = performance.now() - this.spawnedAt;
    const type = errorType || errorTypeOf(body) || 'Unknown';
    this.initError = { payload: body.length ? body : json({ errorType: type, errorMessage: '' }), errorType: type };
    this.arm(500, () => this.runtime.kill());
    return accepted();
  }

  private expecting(requestId: string): RunningInvocation | undefined {
    const invocation = this.current;
    if (!invocation || invocation.settled || invocation.posted || invocation.startedAt === undefined) return undefined;
    return invocation.input.requestId === requestId ? invocation : undefined;
  }

  private post(invocation: RunningInvocation, body: Buffer, errorType: string | undefined): EmulatorResponse {
    const limit = this.host.emulator.settings.syncPayloadLimitBytes + RESPONSE_ALLOWANCE;
    const tooLarge = body.length > limit;
    invocation.posted = tooLarge ? { payload: responseTooLargePayload(limit), errorType: 'Function.ResponseSizeTooLarge' } : { payload: body, errorType };
    if (!this.runtime.marksOutput || this.lastSync === invocation.input.requestId) this.finishPosted(invocation);
    else this.arm(SYNC_WAIT_MS, () => this.finishPosted(invocation));
    return tooLarge ? payloadTooLarge(limit) : accepted();
  }

  private finishPosted(invocation: RunningInvocation): void {
    const posted = invocation.posted!;
    this.settle(invocation, posted.payload, posted.errorType);
  }

  private timedOut(invocation: RunningInvocation): void {
    if (invocation.settled) return;
    const seconds = this.config.timeoutSeconds;
    this.killedFor = 'timeout';
    this.write(`${new Date().toISOString()} ${invocation.input.requestId} Task timed out after ${seconds.toFixed(2)} seconds\n`);
    this.settle(invocation, timeoutPayload(invocation.input.requestId, seconds), 'Sandbox.Timedout', 'timeout');
    this.stop();
  }

  /** A memory reading from the watch: above MemorySize the sandbox ends the process. */
  sampled(use: MemoryUse): void {
    this.peakMb = Math.max(this.peakMb, use.peakMb, use.rssMb);
    if (use.rssMb > this.config.memorySizeMb && !this.killedFor && this.runtime.spawned) {
      this.killedFor = 'memory';
      this.runtime.kill();
    }
  }

  private onExit(): void {
    if (this.exitHandled) return;
    this.exitHandled = true;
    this.dead = true;
    this.runtime.removeTmpDir();
    clearTimeout(this.timer);
    this.host.memory.delete(this);
    this.waiting?.(apiError(410, 'EnvironmentEnded', 'This execution environment has ended.'));
    this.waiting = undefined;
    const invocation = this.current;
    if (invocation && !invocation.settled) {
      // A warm runtime that exited after its last answer never took this invocation: it runs elsewhere.
      if (invocation.startedAt === undefined && this.initReported && !this.killedFor) {
        this.current = undefined;
        invocation.abandon();
      } else if (invocation.posted) this.finishPosted(invocation);
      else if (this.initError) this.settle(invocation, this.initError.payload, this.initError.errorType, 'error');
      else {
        const { code, signal, failure } = this.exitStatus;
        const { errorType, reason } = processFailure(this.killedFor === 'memory', code, signal, failure);
        this.write(`RequestId: ${invocation.input.requestId} Error: ${reason}\n${errorType}\n`);
        this.settle(invocation, platformErrorPayload(invocation.input.requestId, errorType, reason), errorType, 'error');
      }
    }
    this.host.exited(this);
  }

  private settle(invocation: RunningInvocation, payload: Buffer, errorType: string | undefined, status?: 'timeout' | 'error'): void {
    if (invocation.settled) return;
    invocation.settled = true;
    clearTimeout(this.timer);
    const { requestId } = invocation.input;
    const durationMs = invocation.elapsedMs();
    const use = this.dead ? undefined : readMemory(this.pid);
    if (use) this.peakMb = Math.max(this.peakMb, use.peakMb);
    const initFailed = invocation.startedAt === undefined;
    if (initFailed && this.initDurationMs === undefined) this.initDurationMs = performance.now() - this.spawnedAt;
    let initDurationMs: number | undefined;
    if (!this.initReported) {
      initDurationMs = this.initDurationMs;
      this.initReported = true;
    }
    if (initFailed) {
      this.write(initReportLine(initDurationMs ?? 0, status ?? 'error', errorType));
      this.write(startLine(requestId, this.config.version));
    }
    this.write(endLine(requestId));
    const memorySizeMb = this.config.memorySizeMb;
    const platform = status === 'timeout' || (status === 'error' && errorType !== undefined);
    this.write(reportLine({ requestId, durationMs, memorySizeMb, maxMemoryUsedMb: this.peakMb, initDurationMs, ...(platform ? { status, errorType } : {}) }));
    const logResult = invocation.tailBase64();
    this.current = undefined;
    this.lastUsed = Date.now();
    this.host.memory.delete(this);
    invocation.resolve({ requestId, payload, functionError: errorType === undefined ? undefined : 'Unhandled', errorType, logResult, durationMs, initDurationMs });
  }
}
