/**
 * Lambda's execution engine: runs functions in child-process execution environments that follow
 * the Lambda Runtime API, served by the emulator itself under `/_lambda-runtime/<envId>/`. The
 * control plane resolves a function and hands over a {@link FunctionRuntimeConfig}; this runs it.
 *
 * LIMITATIONS: every nodejs runtime runs on the emulator's own Node.js and every python3.x on the
 * machine's python3; environments are not frozen between invocations (leftover timers keep
 * running); no response streaming, layers, extensions, Telemetry API or X-Ray; the memory limit is
 * enforced on Linux only (elsewhere V8's heap flags are the only bound).
 */
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../../../emulator.ts';
import { ServiceException } from '../errors.ts';
import { AsyncQueue } from './async-queue.ts';
import type { EnvironmentRuntime, ExecutionEnvironment } from './environment.ts';
import { EngineEvents, type EngineListener } from './events.ts';
import type { InvocationInput, InvocationOutcome } from './invocation.ts';
import { runtimeFamily } from './launch.ts';
import { LogWriter } from './log-writer.ts';
import { MemoryWatch } from './memory.ts';
import { EnvironmentPool } from './pool.ts';
import { RUNTIME_PREFIX, routeRuntimeRequest } from './runtime-api.ts';
import { FaultPlan, watchForFaults } from '../faults/plan.ts';
import { FAULTS_ROUTE, faultsRoute } from '../faults/route.ts';
import type { AsyncInvokeRequest, ExecutionEngine, FunctionRuntimeConfig, SyncInvokeOptions, SyncInvokeResult } from './types.ts';

/** The execution engine, plus what it tells listeners. */
export interface LambdaExecutionEngine extends ExecutionEngine {
  /** Calls `listener` after every invocation attempt and every asynchronous event's outcome; returns the unsubscribe function. */
  onInvocationFinished(listener: EngineListener): () => void;
  /** Invocations of a function running now (what reserved concurrency counts). */
  concurrency(functionArn: string): number;
}

function decodeClientContext(base64: string | undefined): string | undefined {
  if (!base64) return undefined;
  try {
    // Re-encoded with \u escapes: an HTTP header carries ASCII only.
    const text = JSON.stringify(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')));
    return text.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  } catch {
    return undefined;
  }
}

function qualifiedArn(config: FunctionRuntimeConfig): string {
  return config.version === '$LATEST' ? config.functionArn : `${config.functionArn}:${config.version}`;
}

/** Options of {@link createExecutionEngine}. */
export interface EngineOptions {
  /** Makes the process side of each new environment (default: a child process; a browser page makes a Worker). */
  environmentProcess?: () => EnvironmentRuntime;
}

class Engine implements LambdaExecutionEngine {
  private readonly events: EngineEvents;
  private readonly memory = new MemoryWatch();
  private readonly pool: EnvironmentPool;
  private readonly queue: AsyncQueue;
  private stopped = false;

  constructor(emulator: Emulator, options: EngineOptions) {
    this.events = new EngineEvents(emulator.log);
    const logs = new LogWriter(emulator);
    const memory = this.memory;
    this.pool = new EnvironmentPool({
      emulator,
      logs,
      memory,
      process: options.environmentProcess,
      get runtimeApiBase() {
        if (!emulator.url) throw new ServiceException('The emulator is not listening yet: functions run only once it has a port.');
        return `${new URL(emulator.url).host}${RUNTIME_PREFIX.replace(/\/$/, '')}`;
      },
    });
    this.queue = new AsyncQueue(
      emulator,
      ({ requestId, request, attempt }) => this.execute(request.config, { requestId, payload: request.payload, invokedArn: request.invokedArn, clientContext: undefined, tailLog: false }, 'Event', attempt, request.source),
      (finished) => this.events.emit(finished),
    );
    emulator.addInternalRoute(RUNTIME_PREFIX, (request) => routeRuntimeRequest(request, (id) => this.pool.get(id)));
    // A grader's planned crashes (/_workshop/faults): found by the trace header each of a function's calls carries.
    const faults = new FaultPlan();
    emulator.addInternalRoute(FAULTS_ROUTE, faultsRoute(emulator, faults));
    watchForFaults(emulator, faults, (root) => this.pool.runningWithTrace(root));
  }

  async invoke(config: FunctionRuntimeConfig, payload: Buffer, options: SyncInvokeOptions): Promise<SyncInvokeResult> {
    const input: InvocationInput = {
      requestId: randomUUID(),
      payload,
      invokedArn: qualifiedArn(config),
      clientContext: decodeClientContext(options.clientContext),
      tailLog: options.tailLog,
    };
    const outcome = await this.execute(config, input, 'RequestResponse', 1, undefined);
    return {
      requestId: outcome.requestId,
      payload: outcome.payload,
      functionError: outcome.functionError,
      logResult: outcome.logResult,
      executedVersion: config.version,
    };
  }

  invokeAsync(request: AsyncInvokeRequest): string {
    return this.queue.enqueue(request);
  }

  retire(functionArn: string): void {
    this.pool.retire(functionArn);
  }

  concurrency(functionArn: string): number {
    return this.pool.busy(functionArn);
  }

  onInvocationFinished(listener: EngineListener): () => void {
    return this.events.on(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.stop();
    this.pool.stopAll();
    this.memory.stop();
  }

  private async execute(
    config: FunctionRuntimeConfig,
    input: InvocationInput,
    invocationType: 'RequestResponse' | 'Event',
    attempt: number,
    source: string | undefined,
  ): Promise<InvocationOutcome> {
    if (this.stopped) throw new ServiceException('The emulator is stopping: the function was not run.');
    runtimeFamily(config.runtime);
    for (let tries = 1; ; tries += 1) {
      let environment: ExecutionEnvironment;
      try {
        environment = this.pool.acquire(config);
      } catch (error) {
        this.report(config, input.requestId, invocationType, attempt, source, undefined, false);
        throw error;
      }
      const coldStart = !environment.started;
      let outcome: InvocationOutcome;
      try {
        outcome = await environment.run(input);
      } finally {
        this.pool.release(environment);
      }
      // A warm environment whose runtime exited after its last answer: Lambda starts a new one.
      if (outcome.environmentLost) {
        if (tries < 3 && !this.stopped) continue;
        throw new ServiceException('The function’s execution environments kept ending before they could take the invocation.');
      }
      this.report(config, outcome.requestId, invocationType, attempt, source, outcome, coldStart);
      return outcome;
    }
  }

  private report(
    config: FunctionRuntimeConfig,
    requestId: string,
    invocationType: 'RequestResponse' | 'Event',
    attempt: number,
    source: string | undefined,
    outcome: InvocationOutcome | undefined,
    coldStart: boolean,
  ): void {
    this.events.emit({
      kind: 'invocation',
      account: config.account,
      region: config.region,
      functionArn: config.functionArn,
      version: config.version,
      requestId,
      invocationType,
      source,
      attempt,
      outcome: !outcome ? 'throttled' : outcome.functionError ? 'function-error' : 'success',
      errorType: outcome?.errorType,
      durationMs: outcome?.durationMs ?? 0,
      coldStart,
    });
  }
}

/** Creates the execution engine of one emulator and registers its Runtime API route. */
export function createExecutionEngine(emulator: Emulator, options: EngineOptions = {}): LambdaExecutionEngine {
  return new Engine(emulator, options);
}
