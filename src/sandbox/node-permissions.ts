/**
 * Node's permission model for learner code. Inside the OS sandbox it stays as an extra layer (the
 * code reads only its folders through fs even where the sandbox shows more, like /usr) and child
 * processes are allowed, as on Lambda: they inherit the sandbox. Without the OS sandbox it is
 * the only layer, so child processes are refused, with a message that says how to get the sandbox.
 */
import { fileURLToPath } from 'node:url';

/** The preload that explains a refused child process. */
const NO_SPAWN = fileURLToPath(new URL('./no-spawn.mjs', import.meta.url));

/** What learner code may touch through Node's APIs. */
export interface NodePermissions {
  read: string[];
  write: string[];
  /** True inside the OS sandbox. */
  childProcesses: boolean;
}

/** The node flags of `permissions`. */
export function nodePermissionFlags(permissions: NodePermissions): string[] {
  const read = permissions.childProcesses ? permissions.read : [...permissions.read, NO_SPAWN];
  return [
    '--permission',
    ...[...new Set(read)].map((folder) => `--allow-fs-read=${folder}`),
    ...[...new Set(permissions.write)].map((folder) => `--allow-fs-write=${folder}`),
    ...(permissions.childProcesses ? ['--allow-child-process'] : ['--import', NO_SPAWN]),
    '--allow-worker',
    // --allow-child-process and --allow-worker make Node warn on every start; the warning is about the kit, not the learner's code.
    '--disable-warning=SecurityWarning',
  ];
}
