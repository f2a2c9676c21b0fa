/**
 * Long polling without busy-waiting: a ReceiveMessage that found nothing sleeps until a message
 * may be ready (a send, a visibility change, a dead-letter move) or its own timer fires. Kept
 * outside service state, one registry per emulator; stopping releases every sleeper.
 */

/** Sleepers keyed by queue (`account/region/name`). */
export class Waiters {
  private readonly sleepers = new Map<string, Set<() => void>>();
  private stopped = false;

  /** The key of a queue. */
  static key(account: string, region: string, name: string): string {
    return `${account}/${region}/${name}`;
  }

  /** True once the emulator is stopping: long polls return at once. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resolves after `ms` milliseconds, or earlier when the queue is notified or the registry stops. */
  wait(key: string, ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      let set = this.sleepers.get(key);
      if (!set) {
        set = new Set();
        this.sleepers.set(key, set);
      }
      const wake = (): void => {
        clearTimeout(timer);
        set.delete(wake);
        if (set.size === 0 && this.sleepers.get(key) === set) this.sleepers.delete(key);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, ms));
      timer.unref();
      set.add(wake);
    });
  }

  /** Wakes every sleeper of a queue so it looks again. */
  notify(key: string): void {
    for (const wake of [...(this.sleepers.get(key) ?? [])]) wake();
  }

  /** Lets long polls run again after a restart. */
  start(): void {
    this.stopped = false;
  }

  /** Releases every sleeper; later waits return at once. */
  stop(): void {
    this.stopped = true;
    for (const key of [...this.sleepers.keys()]) this.notify(key);
  }
}
