/**
 * What one Lambda service instance owns besides its state: the code folders, the execution
 * engine, the SQS and DynamoDB stream pollers of event source mappings, and the route that serves deployment packages
 * for GetFunction's `Code.Location`.
 */
import { join } from 'node:path';
import type { Emulator } from '../../emulator.ts';
import type { EmulatorResponse } from '../../types.ts';
import type { Scope } from './arns.ts';
import { CodeFolders, describeCode, readPackage, type CodeInfo } from './code.ts';
import { ServiceException } from './errors.ts';
import { SqsPoller } from './event-source/poller.ts';
import { StreamPoller } from './event-source/stream-poller.ts';
import { createExecutionEngine, type LambdaExecutionEngine } from './execution/engine.ts';
import type { EngineEvent } from './execution/events.ts';
import type { ExecutionEngine } from './execution/types.ts';
import type { LambdaContext, LambdaState } from './model.ts';

/** Builds the execution engine of one emulator. */
export type EngineFactory = (emulator: Emulator) => LambdaExecutionEngine;

/** The emulator's own prefix for downloading deployment packages. */
const CODE_ROUTE = '/_workshop/lambda/code/';

/** The per-instance parts of the Lambda service. */
export class LambdaRuntime {
  readonly folders: CodeFolders;
  private emulator: Emulator | undefined;
  private loaded: ExecutionEngine | undefined;
  private loadError: string | undefined;
  private poller: SqsPoller | undefined;
  private streamPoller: StreamPoller | undefined;
  private readonly createEngine: EngineFactory;

  constructor(createEngine: EngineFactory = createExecutionEngine) {
    this.createEngine = createEngine;
    this.folders = new CodeFolders(() => {
      const stateDir = this.emulator && stateDirOf(this.emulator);
      return stateDir ? join(stateDir, 'lambda-code') : undefined;
    });
  }

  /** Remembers the emulator, serves packages, and loads the execution engine if it is there. */
  async start(emulator: Emulator, serviceName: string): Promise<void> {
    this.emulator = emulator;
    emulator.addInternalRoute(CODE_ROUTE, (request) => this.servePackage(request.path, serviceName));
    try {
      const engine = this.createEngine(emulator);
      engine.onInvocationFinished((event) => recordInTrace(emulator, event));
      this.loaded = engine;
    } catch (error) {
      this.loadError = (error as Error)?.message ?? String(error);
      emulator.log(`lambda: the execution engine could not start (${this.loadError}); Invoke answers ServiceException until it can`);
    }
    this.poller = new SqsPoller(emulator, serviceName);
    this.poller.start();
    this.streamPoller = new StreamPoller(emulator, serviceName);
    this.streamPoller.start();
  }

  /** Stops the engine and removes a temporary code root. */
  async stop(): Promise<void> {
    this.poller?.stop();
    this.streamPoller?.stop();
    const engine = this.loaded;
    this.loaded = undefined;
    try {
      await engine?.stop();
    } finally {
      this.folders.dispose();
    }
  }

  /** Remembers the emulator when operations run before start() (in-process use). */
  attach(emulator: Emulator): void {
    this.emulator ??= emulator;
  }

  /** The engine, or ServiceException when there is none. */
  engine(): ExecutionEngine {
    if (this.loaded) return this.loaded;
    const why = this.loadError ?? 'the emulator has not started its Lambda service';
    throw new ServiceException(`The Lambda runtime is unavailable in this emulator: ${why}.`);
  }

  /** Stops warm environments of a function whose code or configuration changed, or that was deleted. */
  retire(functionArn: string): void {
    try {
      this.loaded?.retire(functionArn);
    } catch (error) {
      this.emulator?.log(`lambda: retiring ${functionArn} failed: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  /** Where GetFunction tells clients to download a package. */
  codeLocation(scope: Scope, code: CodeInfo): string {
    const origin = this.emulator?.url || 'http://127.0.0.1:4566';
    return `${origin}${CODE_ROUTE}${scope.account}/${scope.region}/${code.hash}.zip`;
  }

  /** Checks a package, keeps its bytes in state and unpacks it. */
  storePackage(context: LambdaContext, zip: Buffer): CodeInfo {
    this.attach(context.emulator);
    const entries = readPackage(zip);
    const code = describeCode(zip);
    this.folders.ensure(context.account, code, zip, entries);
    context.state.code.set(code.hash, zip);
    return code;
  }

  /** The unpacked folder of a version's package, unpacked again if it went missing. */
  codeDir(context: LambdaContext, code: CodeInfo): string {
    this.attach(context.emulator);
    return this.folders.ensure(context.account, code, context.state.code.get(code.hash));
  }

  /** Drops packages no version uses any more; their folders go once no account or region uses them. */
  collectPackages(context: LambdaContext, serviceName: string): void {
    const used = new Set<string>();
    for (const fn of context.state.functions.values()) {
      used.add(fn.latest.codeHash);
      for (const version of fn.versions.values()) used.add(version.codeHash);
    }
    for (const hash of [...context.state.code.keys()]) {
      if (used.has(hash)) continue;
      context.state.code.delete(hash);
      const elsewhere = context.emulator.store
        .scopesOf<LambdaState>(serviceName)
        .some((scope) => scope.account === context.account && scope.state.code?.has(hash));
      if (!elsewhere) this.folders.remove(context.account, hash);
    }
  }

  private servePackage(path: string, serviceName: string): EmulatorResponse {
    const [account, region, file] = path.slice(CODE_ROUTE.length).split('/');
    const hash = file?.replace(/\.zip$/, '');
    const scope = account && region ? this.emulator?.store.findScope<LambdaState>(serviceName, account, region) : undefined;
    const zip = hash ? scope?.code?.get(hash) : undefined;
    if (!zip) return { status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'No such deployment package.' }) };
    return { status: 200, headers: { 'content-type': 'application/zip', 'content-length': String(zip.length) }, body: zip };
  }
}

/** Writes what the engine reports into the event-flow trace. */
function recordInTrace(emulator: Emulator, event: EngineEvent): void {
  const scope = { account: event.account, region: event.region, target: event.functionArn, requestId: event.requestId };
  if (event.kind === 'invocation') {
    const how = `${event.invocationType === 'Event' ? 'asynchronous' : 'synchronous'} invocation of version ${event.version}, attempt ${event.attempt}${event.coldStart ? ', cold start' : ''}, ${event.durationMs.toFixed(1)} ms`;
    emulator.trace.record({ ...scope, kind: 'invocation', outcome: event.outcome, attempt: event.attempt, detail: event.errorType ? `${how}: ${event.errorType}` : how });
    return;
  }
  if (!event.destination) return;
  const sent = event.delivered ? `was sent to ${event.destination}` : `could not be sent to ${event.destination}: ${event.deliveryError ?? 'unknown error'}`;
  emulator.trace.record({ ...scope, kind: 'destination', outcome: event.condition === 'Success' ? 'success' : 'dead-lettered', detail: `${event.condition} after ${event.approximateInvokeCount} attempt(s); the record ${sent}` });
}

/** The emulator's state folder, if it keeps state on disk. */
function stateDirOf(emulator: Emulator): string | undefined {
  return emulator.store.stateDir || undefined;
}
