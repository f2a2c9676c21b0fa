/** Helpers of the sandbox tests: whether bubblewrap works here, and the host's view of processes. */
import { readFileSync, readdirSync } from 'node:fs';
import { osSandbox } from '../../src/sandbox/index.ts';

/** True when this machine runs learner code in bubblewrap (the tests of the OS sandbox need it). */
export function hasOsSandbox(file: string): boolean {
  const status = osSandbox();
  if (status.kind === 'bwrap') return true;
  console.warn(`${file}: the OS sandbox tests are skipped because ${status.reason}; install bubblewrap (apt-get install bubblewrap) to run them`);
  return false;
}

/** Host pids of processes whose command line contains `marker`. */
export function processesWith(marker: string): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((name) => {
    try {
      return readFileSync(`/proc/${name}/cmdline`, 'latin1').replaceAll('\0', ' ').includes(marker);
    } catch {
      return false;
    }
  }).map(Number);
}

/** A number no other test's `sleep` uses, to find its process on the host. */
export function uniqueSeconds(): string {
  return `${4000 + Math.floor(Math.random() * 1000)}.${process.pid}${Date.now() % 1000}`;
}
