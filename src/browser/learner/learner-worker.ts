/**
 * The learner worker (the entry of learner-worker.js, a dedicated Worker per lab folder): the
 * page's learner-child.ts. It loads a learner's bundled module with the Lambda environment's
 * loader, rebuilds the SDK clients the grader passed as markers, calls the export and answers
 * plain data, or the error's name and message. Its SDK calls reach the lab worker's emulator over
 * the start message's port. The lab worker terminates it when a call runs out of time.
 */
import { format } from 'node:util';
import { portRequestHandler } from '../emulator/request-handler.ts';
import { loadPageHandler } from '../lambda/handler-loader.ts';
import { NAMESPACE_EXPORT } from './bundle-module.ts';
import { LearnerSdk } from './learner-sdk.ts';
import type { AnswerMessage, CallMessage, FromLearner, StartMessage } from './messages.ts';
import { plain, revive } from '../../core/grader/learner-calls.ts';

type Namespace = Record<string, unknown>;

const self = globalThis as unknown as { postMessage(message: FromLearner): void; addEventListener(type: string, listener: (event: any) => void): void };

let sdk: LearnerSdk | undefined;
const modules = new Map<string, Promise<Namespace>>();

function post(message: FromLearner): void {
  self.postMessage(message);
}

// The learner's output is kept by the lab worker for the message of a call that crashed, as the child's stdout and stderr are.
for (const method of ['log', 'info', 'debug', 'warn', 'error', 'trace'] as const) {
  console[method] = (message?: unknown, ...params: unknown[]) => post({ kind: 'output', text: format(message, ...params) });
}

/** A bundle (bundle-module.ts) as its learner module's namespace, its SDK imports given the worker's packages. */
async function load(file: string, code: string): Promise<Namespace> {
  const packages = await sdk!.packagesFor(code);
  const namespace = await loadPageHandler({ files: { 'index.mjs': code }, packages }, `index.${NAMESPACE_EXPORT}`, undefined);
  return namespace() as Namespace;
}

async function call(message: CallMessage): Promise<void> {
  let answer: AnswerMessage;
  try {
    let module = modules.get(message.file);
    if (!module) {
      if (message.code === undefined) throw new Error(`${message.file} was not sent to the learner worker`);
      module = load(message.file, message.code);
      modules.set(message.file, module);
    }
    const fn = (await module)[message.exportName];
    if (typeof fn !== 'function') throw Object.assign(new Error(`${message.exportName} is not exported by ${message.file.split('/').pop()}`), { name: 'NotExported' });
    answer = { kind: 'answer', id: message.id, ok: true, value: plain(await fn(...((await revive(message.args, (name) => sdk!.client(name))) as unknown[]))) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    answer = { kind: 'answer', id: message.id, ok: false, error: { name: failure.name, message: failure.message } };
  }
  try {
    post(answer);
  } catch {
    // A value structured clone cannot copy (a symbol, say) is refused as Node's serializer refuses it.
    post({ kind: 'answer', id: message.id, ok: false, error: { name: 'DataCloneError', message: `${message.exportName} returned a value that cannot be sent back to the grader` } });
  }
}

// An error nothing caught ends a Node process with code 1 after printing it; the lab worker then ends this worker.
function crash(error: unknown): void {
  post({ kind: 'output', text: error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : `Uncaught ${format(error)}` });
  post({ kind: 'crash', code: 1 });
}
self.addEventListener('error', (event: ErrorEvent) => {
  event.preventDefault();
  crash(event.error ?? event.message);
});
self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  crash(event.reason);
});

self.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as StartMessage | CallMessage | undefined;
  if (message?.kind === 'start') {
    Object.assign(process.env, message.env);
    sdk = new LearnerSdk(message.env, portRequestHandler(message.port));
  } else if (message?.kind === 'call') void call(message);
});
