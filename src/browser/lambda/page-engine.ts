/**
 * Lambda's execution engine in a page: the Node engine itself (warm pool, timeouts, START/END/
 * REPORT lines, async retries, destinations), with each environment's process being a dedicated
 * Worker that runs the page runtime (environment-worker.ts) instead of a child process.
 *
 * LIMITATIONS: Node.js functions only (Python and custom runtimes are refused with a message);
 * MemorySize is not enforced and REPORT's Max Memory Used reads 1 MB (a page cannot measure a
 * Worker's memory); the handler's SDK is the packages of sdk-modules.ts; Node built-ins beyond
 * builtin-modules.ts refuse at import.
 */
import type { Emulator } from '../../emulator/emulator.ts';
import { createExecutionEngine, type LambdaExecutionEngine } from '../../emulator/services/lambda/execution/engine.ts';
import type { EngineFactory } from '../../emulator/services/lambda/runtime.ts';
import { WorkerProcess } from './worker-process.ts';

/** The engine factory of the page's Lambda service: environments are Workers started from `workerUrl`. */
export function pageExecutionEngine(workerUrl: string | URL | undefined): EngineFactory {
  return (emulator: Emulator): LambdaExecutionEngine => createExecutionEngine(emulator, { environmentProcess: () => new WorkerProcess(emulator, workerUrl) });
}
