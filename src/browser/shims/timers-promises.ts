/** `node:timers/promises` in a page. */
import { setImmediate as immediate, setTimeout as later } from './timers.ts';

/** Resolves with `value` after `ms`. */
export function setTimeout<T = void>(ms?: number, value?: T, options?: { signal?: AbortSignal }): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = later(() => resolve(value as T), ms);
    options?.signal?.addEventListener('abort', () => {
      timer.close();
      reject(options.signal!.reason);
    });
  });
}

/** Resolves with `value` after the current task. */
export function setImmediate<T = void>(value?: T): Promise<T> {
  return new Promise((resolve) => immediate(() => resolve(value as T)));
}

/** Scheduler API subset: `scheduler.wait(ms)`. */
export const scheduler = { wait: (ms: number) => setTimeout(ms), yield: () => setImmediate() };
export default { setTimeout, setImmediate, scheduler };
