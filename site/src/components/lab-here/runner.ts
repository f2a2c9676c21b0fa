/**
 * The lab panel's side of the lab worker (`/_lab/lab-worker.js`, built with the site): a check
 * or a reset goes out with a request id and gets one answer; progress lines arrive meanwhile.
 * Stopping terminates the worker, and the next request starts a fresh one.
 */
import type { RunnerAnswer, RunnerAsk, RunnerRequest } from '../../../../src/browser/lab-protocol.ts';

export type { RunnerAnswer, RunnerAsk, RunnerRequest };

/** A line the worker sends while it works. */
export type RunnerProgress = Extract<RunnerAnswer, { kind: 'progress' }>;

/** Why a request ended without an answer: stopped by the learner, or the worker failed. */
export class RunnerStopped extends Error {
  constructor(readonly reason: 'stopped' | 'failed', message: string) {
    super(message);
    this.name = 'RunnerStopped';
  }
}

/** A connection to the lab worker. */
export interface Runner {
  /** Sends a request; resolves with its answer, rejects with {@link RunnerStopped} when the worker is stopped or fails. */
  ask(request: RunnerAsk): Promise<RunnerAnswer>;
  /** Starts the worker now, so its emulator and esbuild are ready by the first request. */
  warm(): void;
  /** Ends the worker now (a long or stuck run); requests in flight reject. */
  stop(): void;
}

/** Where the site's build puts the bundled lab worker. */
export const LAB_WORKER_PATH = '/_lab/lab-worker.js';

/** Starts the lab worker lazily (on the first request) and speaks its protocol; `onProgress` hears its progress lines. */
export function connectRunner(onProgress: (text: string) => void = () => {}): Runner {
  let worker: Worker | undefined;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (answer: RunnerAnswer) => void; reject: (error: Error) => void }>();

  const failAll = (error: RunnerStopped) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  const end = (error: RunnerStopped) => {
    worker?.terminate();
    worker = undefined;
    failAll(error);
  };

  const start = (): Worker => {
    const started = new Worker(new URL(LAB_WORKER_PATH, location.origin), { type: 'module' });
    started.addEventListener('message', (event: MessageEvent<RunnerAnswer | RunnerProgress>) => {
      const data = event.data;
      if (!data || typeof data !== 'object') return;
      if (data.kind === 'progress') return onProgress(String(data.text));
      const pending = waiting.get(data.id);
      if (!pending) return;
      waiting.delete(data.id);
      pending.resolve(data);
    });
    // A worker that cannot load (missing file, syntax error) or throws outside a request reports
    // here only; every request in flight would otherwise wait for ever.
    started.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      end(new RunnerStopped('failed', event.message || ''));
    });
    started.addEventListener('messageerror', () => end(new RunnerStopped('failed', 'messageerror')));
    return started;
  };

  return {
    warm() {
      worker ??= start();
    },
    ask(request) {
      worker ??= start();
      const id = nextId++;
      const answer = new Promise<RunnerAnswer>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.postMessage({ ...request, id } as RunnerRequest);
      return answer;
    },
    stop() {
      end(new RunnerStopped('stopped', ''));
    },
  };
}
