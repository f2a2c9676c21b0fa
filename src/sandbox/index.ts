/**
 * The OS sandbox of learner code, shared by the emulator's Lambda environments and the kit's
 * learner process. On Linux with bubblewrap each process that runs learner code runs in a
 * sandbox of its own (see bwrap.ts); elsewhere Node's permission model is the only layer, child
 * processes are refused, and runtimes it cannot cover (Python, custom) are refused unless the
 * user opts in.
 */
import { bwrapArgs } from './bwrap.ts';
import { osSandbox } from './detect.ts';
import { LAMBDA_LIMITS, TMP_BYTES, learnerUid, type ProcessLimits } from './limits.ts';
import { ALLOW_UNSANDBOXED } from './messages.ts';

export { osSandbox, SANDBOX_VARIABLE, type SandboxStatus } from './detect.ts';
export { LAMBDA_LIMITS, LEARNER_UIDS, type ProcessLimits } from './limits.ts';
export { ALLOW_UNSANDBOXED, GRADING_HINT, INSTALL_BUBBLEWRAP, gradingRefused, runtimeRefused } from './messages.ts';
export { nodePermissionFlags, type NodePermissions } from './node-permissions.ts';
export { sandboxedExit, sandboxedPid } from './process-tree.ts';

/** A process to run for learner code. */
export interface LearnerCommandSpec {
  command: string;
  args: string[];
  /** What the code may read (folders or files, bound read-only at the same paths). */
  readOnly: string[];
  /** Folders the code may write (its own temporary folder), bound at the same paths. */
  writable?: string[];
  /** Folders of `readOnly` the kit made for this code alone (an unpacked package); host folders keep their modes. */
  owned?: string[];
  /** The working folder. */
  chdir: string;
  /** Whose code it is (an account, a submission): under a root kit, each owner gets a uid of its own. */
  owner: string;
  limits?: ProcessLimits;
  tmpBytes?: number;
}

/** The program to spawn, and whether it runs inside the OS sandbox. */
export interface LearnerCommand {
  command: string;
  args: string[];
  sandboxed: boolean;
}

/** The command that runs `spec` in the OS sandbox, or `spec` as it is where there is none. */
export function learnerCommand(spec: LearnerCommandSpec): LearnerCommand {
  const sandbox = osSandbox();
  if (sandbox.kind === 'none') return { command: spec.command, args: spec.args, sandboxed: false };
  const args = bwrapArgs({
    command: spec.command,
    args: spec.args,
    readOnly: spec.readOnly,
    writable: spec.writable ?? [],
    owned: spec.owned ?? [],
    chdir: spec.chdir,
    tmpBytes: spec.tmpBytes ?? TMP_BYTES,
    limits: spec.limits ?? LAMBDA_LIMITS,
    uid: learnerUid(spec.owner),
  }, sandbox.tools);
  return { command: sandbox.tools.bwrap, args, sandboxed: true };
}

/** True when the user opted in to running Python and custom runtimes without an OS sandbox. */
export function unsandboxedAllowed(): boolean {
  return /^(1|true|yes)$/i.test(process.env[ALLOW_UNSANDBOXED]?.trim() ?? '');
}
