/**
 * Claims on learner uids shared by every kit process of the machine: the emulator, each grading
 * worker and each grader's learner process allocate uids on their own, and two of them handing
 * out the same uid would make two learners share RLIMIT_NPROC. A claim is a file naming the
 * claiming process in the kit's own folder; the claims of a process that is gone (ended, killed)
 * are taken over, so a crash never leaks uids for good.
 */
import { mkdirSync, readFileSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { kitFolder } from './identity-files.ts';

/** A lock older than this was left by a process that died holding it (claiming takes microseconds). */
const LOCK_STALE_MS = 10_000;
const claimed = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function held(file: string): boolean {
  if (claimed.has(file)) return true;
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  // Our own pid on a file we never wrote: a claim of an earlier process that had this pid.
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid);
}

function pause(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

/** Runs `action` while holding the machine-wide lock of the claims in `folder`. */
function locked<T>(folder: string, action: () => T): T {
  const lock = path.join(folder, 'uids.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else pause(2);
    }
  }
  try {
    return action();
  } finally {
    rmdirSync(lock);
  }
}

function releaseAll(): void {
  for (const file of claimed) rmSync(file, { force: true });
  claimed.clear();
}

/**
 * Claims the first uid of `first` .. `first + count - 1`, searching from `from` and wrapping
 * around, that no live kit process holds; undefined when every one is held. The claim lasts until
 * this process exits.
 */
export function claimUid(first: number, count: number, from: number): number | undefined {
  const folder = kitFolder();
  return locked(folder, () => {
    for (let step = 0; step < count; step++) {
      const uid = first + ((from - first + step) % count);
      const file = path.join(folder, `uid-${uid}`);
      if (held(file)) continue;
      writeFileSync(file, String(process.pid), { mode: 0o600 });
      if (claimed.size === 0) process.once('exit', releaseAll);
      claimed.add(file);
      return uid;
    }
    return undefined;
  });
}
