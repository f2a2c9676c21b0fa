/**
 * `process` in a page: an environment object, nextTick on the microtask queue, the clock, and
 * harmless answers for what only a Node.js process has (memory, signals, exit).
 */
import { unavailableMessage } from './unavailable.ts';

type Listener = (...args: unknown[]) => void;
const started = performance.now();
const listeners = new Map<string, Listener[]>();

function hrtime(previous?: [number, number]): [number, number] {
  const now = performance.now();
  let seconds = Math.floor(now / 1000);
  let nanos = Math.floor((now % 1000) * 1e6);
  if (previous) {
    seconds -= previous[0];
    nanos -= previous[1];
    if (nanos < 0) {
      seconds -= 1;
      nanos += 1e9;
    }
  }
  return [seconds, nanos];
}
hrtime.bigint = (): bigint => BigInt(Math.floor(performance.now() * 1e6));

function write(to: 'log' | 'error') {
  return { write: (chunk: unknown) => (console[to](String(chunk).replace(/\n$/, '')), true), isTTY: false };
}

/** The page's `process`. */
export const process = {
  env: {} as Record<string, string | undefined>,
  argv: ['/browser/node'] as string[],
  execArgv: [] as string[],
  execPath: '/browser/node',
  platform: 'browser',
  arch: 'wasm',
  pid: 1,
  ppid: 0,
  title: 'browser',
  version: '',
  versions: {} as Record<string, string>,
  release: { name: 'browser' },
  exitCode: undefined as number | undefined,
  stdout: write('log'),
  stderr: write('error'),
  browser: true,
  nextTick(callback: (...args: unknown[]) => void, ...args: unknown[]): void {
    queueMicrotask(() => callback(...args));
  },
  cwd: () => '/',
  chdir(): void {
    throw new Error(unavailableMessage('process.chdir'));
  },
  umask: () => 0o22,
  uptime: () => (performance.now() - started) / 1000,
  hrtime,
  memoryUsage(): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number } {
    const heap = (performance as { memory?: { usedJSHeapSize: number; totalJSHeapSize: number } }).memory;
    return { rss: heap?.totalJSHeapSize ?? 0, heapTotal: heap?.totalJSHeapSize ?? 0, heapUsed: heap?.usedJSHeapSize ?? 0, external: 0, arrayBuffers: 0 };
  },
  cpuUsage: () => ({ user: 0, system: 0 }),
  emitWarning(warning: unknown): void {
    console.warn(String(warning));
  },
  exit(code?: number): never {
    throw new Error(`process.exit(${code ?? ''}) was called: a page cannot exit`);
  },
  kill(): never {
    throw new Error(unavailableMessage('process.kill'));
  },
  on(event: string, listener: Listener) {
    listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    return process;
  },
  once(event: string, listener: Listener) {
    return process.on(event, listener);
  },
  off(event: string, listener: Listener) {
    listeners.set(event, (listeners.get(event) ?? []).filter((item) => item !== listener));
    return process;
  },
  removeListener(event: string, listener: Listener) {
    return process.off(event, listener);
  },
  emit(event: string, ...args: unknown[]): boolean {
    const list = listeners.get(event) ?? [];
    for (const listener of list) listener(...args);
    return list.length > 0;
  },
  listenerCount: (event: string) => listeners.get(event)?.length ?? 0,
  binding(): never {
    throw new Error(unavailableMessage('process.binding'));
  },
};

export default process;
