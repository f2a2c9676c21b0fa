/**
 * Node's timer objects in a page: setTimeout and setInterval return an object with `unref`, `ref`,
 * `hasRef`, `refresh` and a numeric value (so clearTimeout takes either), and setImmediate runs on
 * a message channel (faster than setTimeout 0, which browsers clamp after nesting).
 */

/** A Node-style timer handle. */
export class Timeout {
  readonly id: number;
  private readonly restart: () => number;
  private current: number;

  constructor(id: number, restart: () => number) {
    this.id = id;
    this.current = id;
    this.restart = restart;
  }

  unref(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  hasRef(): boolean {
    return true;
  }

  refresh(): this {
    nativeClearTimeout(this.current);
    this.current = this.restart();
    return this;
  }

  close(): this {
    nativeClearTimeout(this.current);
    return this;
  }

  [Symbol.toPrimitive](): number {
    return this.current;
  }
}

const nativeSetTimeout = globalThis.setTimeout.bind(globalThis);
const nativeSetInterval = globalThis.setInterval.bind(globalThis);
const nativeClearTimeout = globalThis.clearTimeout.bind(globalThis);
const nativeClearInterval = globalThis.clearInterval.bind(globalThis);

function handleOf(timer: unknown): number | undefined {
  if (timer instanceof Timeout) return Number(timer);
  return typeof timer === 'number' ? timer : undefined;
}

/** setTimeout returning a {@link Timeout}. */
export function setTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): Timeout {
  const start = () => nativeSetTimeout(callback, ms, ...args) as unknown as number;
  return new Timeout(start(), start);
}

/** setInterval returning a {@link Timeout}. */
export function setInterval(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): Timeout {
  const start = () => nativeSetInterval(callback, ms, ...args) as unknown as number;
  return new Timeout(start(), start);
}

/** clearTimeout for a {@link Timeout} or a number. */
export function clearTimeout(timer: unknown): void {
  nativeClearTimeout(handleOf(timer));
}

/** clearInterval for a {@link Timeout} or a number. */
export function clearInterval(timer: unknown): void {
  nativeClearInterval(handleOf(timer));
}

interface Immediate {
  callback: (...args: unknown[]) => void;
  args: unknown[];
  cleared: boolean;
  unref(): Immediate;
  ref(): Immediate;
  hasRef(): boolean;
}

const immediates: Immediate[] = [];
let channel: InstanceType<typeof MessageChannel> | undefined;

function runImmediates(): void {
  for (const item of immediates.splice(0)) if (!item.cleared) item.callback(...item.args);
}

/** Runs `callback` after the current task, before timers. */
export function setImmediate(callback: (...args: unknown[]) => void, ...args: unknown[]): Immediate {
  const item: Immediate = { callback, args, cleared: false, unref: () => item, ref: () => item, hasRef: () => true };
  immediates.push(item);
  if (immediates.length === 1) {
    if (typeof MessageChannel === 'function') {
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.addEventListener('message', runImmediates);
        channel.port1.start();
      }
      channel.port2.postMessage(0);
    } else nativeSetTimeout(runImmediates, 0);
  }
  return item;
}

/** Cancels a {@link setImmediate}. */
export function clearImmediate(item: Immediate | undefined): void {
  if (item) item.cleared = true;
}

/** Replaces the global timers with these (once). */
export function installTimers(): void {
  const scope = globalThis as Record<string, unknown>;
  if (scope.__nodeTimers) return;
  scope.__nodeTimers = true;
  Object.assign(scope, { setTimeout, setInterval, clearTimeout, clearInterval, setImmediate: scope.setImmediate ?? setImmediate, clearImmediate: scope.clearImmediate ?? clearImmediate });
}

export default { setTimeout, setInterval, clearTimeout, clearInterval, setImmediate, clearImmediate };
