/**
 * Whether this machine has the OS sandbox: bubblewrap and util-linux's prlimit (and setpriv when
 * the kit runs as root) found on the host, and one probe run of a complete sandbox that succeeds
 * (a container without user namespaces, or a bwrap too old for the flags, fails it). The probe
 * runs once per process. WORKSHOP_SANDBOX=none turns the sandbox off, as on a machine without
 * one (the tests of the fallback use it).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { bwrapArgs, type SandboxTools } from './bwrap.ts';
import { LAMBDA_LIMITS, LEARNER_UIDS } from './limits.ts';
import { noSandboxBecause, type SandboxReason } from './messages.ts';

/** The variable that turns the OS sandbox off: WORKSHOP_SANDBOX=none. */
export const SANDBOX_VARIABLE = 'WORKSHOP_SANDBOX';

/** What isolates learner code on this machine. */
export type SandboxStatus =
  | { kind: 'bwrap'; tools: SandboxTools }
  | { kind: 'none'; /** Why there is no OS sandbox, in a few words, in both languages. */ reason: SandboxReason };

const SEARCH = ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'];

/** The absolute path of `program` on the host's PATH (or the usual folders), if it is there. */
function which(program: string): string | undefined {
  const folders = [...(process.env.PATH ?? '').split(path.delimiter).filter((dir) => path.isAbsolute(dir)), ...SEARCH];
  for (const folder of folders) {
    const candidate = path.join(folder, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

let probed: SandboxStatus | undefined;

function probe(): SandboxStatus {
  if (process.platform !== 'linux') return { kind: 'none', reason: noSandboxBecause('notLinux', { platform: process.platform }) };
  const bwrap = which('bwrap');
  if (!bwrap) return { kind: 'none', reason: noSandboxBecause('missing', { program: 'bubblewrap (bwrap)' }) };
  const prlimit = which('prlimit');
  if (!prlimit) return { kind: 'none', reason: noSandboxBecause('missing', { program: 'prlimit (util-linux)' }) };
  const root = process.getuid?.() === 0;
  const setpriv = which('setpriv');
  if (root && !setpriv) return { kind: 'none', reason: noSandboxBecause('missingAsRoot', { program: 'setpriv (util-linux)' }) };
  const env = which('env');
  if (!env) return { kind: 'none', reason: noSandboxBecause('missing', { program: 'env (coreutils)' }) };
  const tools: SandboxTools = { bwrap, prlimit, env, setpriv };
  const truth = which('true') ?? '/bin/true';
  const args = bwrapArgs({
    command: truth, args: [], readOnly: [], writable: [], chdir: '/', tmpBytes: 1024 * 1024, limits: LAMBDA_LIMITS, uid: root ? LEARNER_UIDS.first : undefined,
  }, tools);
  const run = spawnSync(bwrap, args, { env: {}, encoding: 'utf8', timeout: 10_000 });
  if (run.status === 0) return { kind: 'bwrap', tools };
  const said = (run.stderr ?? '').trim().split('\n')[0] || run.error?.message || `exit ${run.status ?? run.signal}`;
  return { kind: 'none', reason: noSandboxBecause('probeFailed', { said }) };
}

/** The OS sandbox of this machine (probed once), unless WORKSHOP_SANDBOX turns it off. */
export function osSandbox(): SandboxStatus {
  if (process.env[SANDBOX_VARIABLE]?.trim().toLowerCase() === 'none') return { kind: 'none', reason: noSandboxBecause('turnedOff', { variable: SANDBOX_VARIABLE }) };
  probed ??= probe();
  return probed;
}
