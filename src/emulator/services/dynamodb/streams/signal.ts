/**
 * Wake-ups for stream readers: a reader waiting for new records of a stream is woken when a
 * record is captured, so a Lambda poller sleeps until there is work instead of polling fast. Keyed
 * by stream ARN for the whole process: a wake-up for a same-named stream of another emulator only
 * costs one empty read.
 */
const waiters = new Map<string, Set<() => void>>();

/** Wakes every reader waiting on `streamArn`. */
export function notifyStream(streamArn: string): void {
  const set = waiters.get(streamArn);
  if (!set) return;
  waiters.delete(streamArn);
  for (const wake of set) wake();
}

/** Resolves when a record is captured on `streamArn`, or after `timeoutMs`, whichever comes first. */
export function waitForStream(streamArn: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    let set = waiters.get(streamArn);
    if (!set) waiters.set(streamArn, (set = new Set()));
    const wake = () => {
      clearTimeout(timer);
      set!.delete(wake);
      if (set!.size === 0 && waiters.get(streamArn) === set) waiters.delete(streamArn);
      resolve();
    };
    const timer = setTimeout(wake, Math.max(1, timeoutMs));
    timer.unref?.();
    set.add(wake);
  });
}
