/**
 * The host's view of a sandboxed process. The process a kit spawns is bwrap; inside its pid
 * namespace bwrap's init (pid 1) starts the command (pid 2), so the command's host pid is the
 * first child of the first child. Exit statuses come back through bwrap, which reports a command
 * killed by a signal as the exit code 128 + the signal's number, as a shell does.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';

function firstChild(pid: number): number | undefined {
  try {
    const listed = readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim().split(' ')[0];
    return listed ? Number(listed) : undefined;
  } catch {
    // Kernels without CONFIG_PROC_CHILDREN: the oldest process whose parent is `pid`.
    let found: number | undefined;
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parent === pid && (found === undefined || Number(name) < found)) found = Number(name);
      } catch {
        // Gone meanwhile.
      }
    }
    return found;
  }
}

/** The host pid of the command inside the sandbox whose bwrap is `bwrapPid`; undefined until it is started. */
export function sandboxedPid(bwrapPid: number): number | undefined {
  const init = firstChild(bwrapPid);
  return init === undefined ? undefined : firstChild(init);
}

const SIGNALS = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]));

/** How the command inside ended, from how bwrap ended: exit code 128 + n becomes signal n. */
export function sandboxedExit(code: number | null, signal: NodeJS.Signals | null): { code: number | null; signal: NodeJS.Signals | null } {
  if (code === null || code <= 128) return { code, signal };
  const name = SIGNALS.get(code - 128);
  return name ? { code: null, signal: name } : { code, signal };
}
