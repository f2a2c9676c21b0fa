/**
 * Memory of execution environments, read from /proc on Linux: the resident size that Lambda's
 * MemorySize limits (an environment above it is ended, as Lambda's sandbox is) and the peak that
 * REPORT lines show as Max Memory Used. Where /proc is missing, V8's heap flags are the only limit.
 */
import { readFileSync } from 'node:fs';

/** Resident and peak resident size of a process, in MB. */
export interface MemoryUse {
  rssMb: number;
  peakMb: number;
}

function field(status: string, name: string): number {
  const start = status.indexOf(name);
  if (start < 0) return 0;
  return Number.parseInt(status.slice(start + name.length), 10) / 1024 || 0;
}

/** Reads a process's memory use; undefined when it is gone or /proc is not there. */
export function readMemory(pid: number | undefined): MemoryUse | undefined {
  if (!pid || process.platform !== 'linux') return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    return { rssMb: field(status, 'VmRSS:'), peakMb: field(status, 'VmHWM:') };
  } catch {
    return undefined;
  }
}

/** Something the watch polls: its process id and what to do when it is over its limit. */
export interface Watched {
  readonly pid: number | undefined;
  readonly memoryLimitMb: number;
  /** Called with the latest reading; the watched object decides what to do. */
  sampled(use: MemoryUse): void;
}

/** How often running environments are measured. */
const POLL_MS = 20;

/** Polls the memory of environments that are running code, with one timer for all of them. */
export class MemoryWatch {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | undefined;

  /** Starts measuring `item` (an environment that is starting or running an invocation). */
  add(item: Watched): void {
    if (process.platform !== 'linux') return;
    this.watched.add(item);
    if (!this.timer) {
      this.timer = setInterval(() => this.poll(), POLL_MS);
      this.timer.unref();
    }
  }

  /** Stops measuring `item`. */
  delete(item: Watched): void {
    this.watched.delete(item);
    if (this.watched.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private poll(): void {
    for (const item of this.watched) {
      const use = readMemory(item.pid);
      if (use) item.sampled(use);
    }
  }

  /** Stops the timer. */
  stop(): void {
    this.watched.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
