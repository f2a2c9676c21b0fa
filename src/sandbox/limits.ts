/**
 * Resource limits of a sandboxed process, set with util-linux's prlimit inside the sandbox (soft
 * and hard alike, so the code cannot raise them), and the unprivileged uid learner code runs as
 * when the kit itself runs as root.
 */
import { claimUid } from './uid-claims.ts';

/** Limits of one sandboxed process and what it starts. */
export interface ProcessLimits {
  /** RLIMIT_NPROC: processes and threads of the sandbox's uid. */
  processes: number;
  /** RLIMIT_NOFILE: open file descriptors per process. */
  openFiles: number;
  /** RLIMIT_FSIZE: the largest file the code may write. */
  fileSizeBytes: number;
}

/** Lambda's own limits: 1,024 processes and open files, and 512 MB, the default size of /tmp. */
export const LAMBDA_LIMITS: ProcessLimits = { processes: 1024, openFiles: 1024, fileSizeBytes: 512 * 1024 * 1024 };

/** The size of a sandbox's private /tmp: Lambda's default ephemeral storage. */
export const TMP_BYTES = 512 * 1024 * 1024;

/** The uids learner code runs as under a root kit: one per account or submission, none a real user's. */
export const LEARNER_UIDS = { first: 61000, count: 4000 } as const;

/**
 * The prlimit command line that applies `limits` and then runs the rest. Address space is not
 * limited: V8 reserves gigabytes it never touches (Node fails to start under 2 GB), so memory is
 * bounded by the V8 heap flags and the emulator's resident-size watch instead.
 */
export function prlimitArgs(prlimit: string, limits: ProcessLimits): string[] {
  return [prlimit, `--nproc=${limits.processes}`, `--nofile=${limits.openFiles}`, `--fsize=${limits.fileSizeBytes}`, '--core=0', '--'];
}

const assigned = new Map<string, number>();
let next: number = LEARNER_UIDS.first;

/**
 * The uid (and gid) for `owner` (an account id, a submission) when the kit runs as root; undefined
 * otherwise. Uids are handed out one by one, never shared by two owners of any kit process on
 * the machine (see uid-claims.ts), and the same owner keeps its uid while this process lives.
 */
export function learnerUid(owner: string): number | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let uid = assigned.get(owner);
  if (uid === undefined) {
    uid = claimUid(LEARNER_UIDS.first, LEARNER_UIDS.count, next);
    if (uid === undefined) {
      throw new Error(`all ${LEARNER_UIDS.count} learner uids (${LEARNER_UIDS.first}-${LEARNER_UIDS.first + LEARNER_UIDS.count - 1}) are in use by running kit processes: let some of them finish (or grade the cohort in parts) and run again`);
    }
    assigned.set(owner, uid);
    next = uid + 1;
  }
  return uid;
}

/**
 * The setpriv command line that becomes `uid` for good: no supplementary groups, no capabilities
 * (not even in the bounding set), no new privileges from set-uid programs.
 */
export function setprivArgs(setpriv: string, uid: number): string[] {
  return [setpriv, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '--'];
}
