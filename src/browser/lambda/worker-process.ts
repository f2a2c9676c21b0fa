/**
 * The process side of a page execution environment: a dedicated Worker running the page runtime.
 * It gets the environment variables the Node engine gives a child process (launch.ts) and the
 * function's code from the in-memory file system; its output lines and its Runtime API and SDK
 * calls come back as messages, the calls answered by the emulator's `handle()`, and its fetch
 * calls by the page's loopback network (the emulator's origin, a grader's servers). Ending the
 * environment terminates the Worker, which stops even a handler stuck in `while (true) {}`, and
 * drops its requests still open, as a process's sockets close when it dies.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Emulator } from '../../emulator/emulator.ts';
import type { EnvironmentRuntime } from '../../emulator/services/lambda/execution/environment.ts';
import type { ProcessHandlers } from '../../emulator/services/lambda/execution/environment-process.ts';
import { LaunchError, launchFor, runtimeFamily, type LaunchTarget } from '../../emulator/services/lambda/execution/launch.ts';
import type { FunctionRuntimeConfig } from '../../emulator/services/lambda/execution/types.ts';
import { servePort } from '../emulator/wire.ts';
import { answerLocal, type NetRequest, type NetResponse } from '../net/local-network.ts';
import { serveNetwork } from '../net/net-port.ts';
import { answerFromEmulator } from '../net/emulator-origin.ts';
import type { ExitMessage, LineMessage, StartMessage } from './messages.ts';

/** Code files a page environment loads (the package's other files are not sent to the Worker). */
const CODE_FILE = /\.(m?js|cjs|json)$|^[^.]+$/;
/** Largest code a page environment takes: far above a bundled handler, far below what would stall the page. */
const CODE_LIMIT_BYTES = 20 * 1024 * 1024;

function codeFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  let total = 0;
  const walk = (folder: string) => {
    for (const name of readdirSync(folder) as string[]) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      if (!CODE_FILE.test(name)) continue;
      const text = readFileSync(path, 'utf8') as string;
      total += text.length;
      if (total > CODE_LIMIT_BYTES) throw new LaunchError('Runtime.Unknown', `The function's code is larger than the browser page runs (${CODE_LIMIT_BYTES / 1024 / 1024} MB): run it with \`npm start\` on your machine.`);
      files[relative(root, path)] = text;
    }
  };
  walk(root);
  return files;
}

/** One Worker, started at most once. */
export class WorkerProcess implements EnvironmentRuntime {
  readonly marksOutput = true;
  readonly pid = undefined;
  private readonly emulator: Emulator;
  private readonly url: string | URL | undefined;
  private worker: Worker | undefined;
  private network: { close(): void } | undefined;
  private handlers: ProcessHandlers | undefined;
  private ended = false;

  constructor(emulator: Emulator, url: string | URL | undefined) {
    this.emulator = emulator;
    this.url = url;
  }

  /** True once the Worker was created. */
  get spawned(): boolean {
    return this.worker !== undefined;
  }

  /** Starts the Worker; throws LaunchError (an init failure, as Lambda reports it) when the function cannot run in a page. */
  start(config: FunctionRuntimeConfig, target: Omit<LaunchTarget, 'tmpDir'>, handlers: ProcessHandlers): void {
    const family = runtimeFamily(config.runtime);
    if (family === 'python') throw new LaunchError('Runtime.Unknown', `The browser page runs Node.js functions only: run this ${config.runtime} function with \`npm start\` on your machine, or deploy it with a nodejs runtime.`);
    if (family !== 'node') throw new LaunchError('Runtime.Unknown', `The browser page cannot run a custom runtime (${config.runtime}): run this function with \`npm start\` on your machine.`);
    if (this.url === undefined || typeof Worker === 'undefined') throw new LaunchError('Runtime.Unknown', 'This page has no Lambda environment script (lambdaWorkerUrl), so functions cannot run here: run the lab with `npm start` on your machine.');
    const env = launchFor(config, { ...target, tmpDir: '/tmp' }).env;
    const files = codeFiles(config.codeDir);
    this.handlers = handlers;
    const worker = new Worker(this.url, { type: 'module', name: `lambda ${config.functionName}` });
    this.worker = worker;
    servePort(worker, (request) => this.emulator.handle(request));
    this.network = serveNetwork(worker, (request, closed) => this.fetched(request, closed));
    worker.addEventListener('message', (event: MessageEvent) => {
      const message = event.data as LineMessage | ExitMessage;
      if (message?.kind === 'line') handlers.line(message.text, !message.stderr);
      else if (message?.kind === 'exit') this.end({ code: message.code, signal: null });
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault?.();
      handlers.line(`Uncaught ${event.message ?? 'error'}`, false);
      this.end({ code: 1, signal: null, ...(this.started ? {} : { failure: `the environment script ${String(this.url)} could not be loaded (${event.message || 'see the browser console'})` }) });
    });
    worker.addEventListener('message', () => (this.started = true), { once: true });
    const start: StartMessage = { kind: 'start', env, files };
    worker.postMessage(start);
  }

  private started = false;

  /** A fetch of the function: the emulator answers for its own origin (AWS_ENDPOINT_URL), the page's network for the rest. */
  private fetched(request: NetRequest, closed: AbortSignal): Promise<NetResponse> {
    const own = this.emulator.url && new URL(request.url).origin === new URL(this.emulator.url).origin;
    return own ? answerFromEmulator((call) => this.emulator.handle(call), request) : answerLocal(request, closed);
  }

  /** Terminates the Worker (as a SIGKILL ends a child process). */
  kill(): void {
    this.end({ code: null, signal: 'SIGKILL' });
  }

  /** Nothing to remove: the environment's /tmp lives and dies with its Worker. */
  removeTmpDir(): void {}

  private end(status: { code: number | null; signal: NodeJS.Signals | null; failure?: string }): void {
    if (this.ended || !this.worker) return;
    this.ended = true;
    this.worker.terminate();
    this.network?.close();
    const handlers = this.handlers!;
    // Reported after the current task, as a child's exit event comes after kill() returns.
    setTimeout(() => handlers.exit(status), 0);
  }
}
