/** Small helpers the benchmarks share: percentiles, timing and printing. */
import { readFileSync } from 'node:fs';

/** The p-th percentile (0-100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Milliseconds since `start` (from performance.now()), with microsecond precision. */
export function since(start: number): number {
  return performance.now() - start;
}

/** Prints one result line: a name, a value and its unit. */
export function report(name: string, value: number, unit: string, note = ''): void {
  const shown = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  console.log(`${name.padEnd(52)} ${shown.padStart(10)} ${unit}${note ? `  (${note})` : ''}`);
}

/**
 * CPU milliseconds used so far by this process's ended and reaped child processes (Linux's
 * /proc/self/stat; NaN elsewhere): how the benchmarks weigh work done in child processes.
 */
export function endedChildrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After the command name: field 13 is cutime and 14 cstime, in clock ticks (100 per second on Linux).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
}
