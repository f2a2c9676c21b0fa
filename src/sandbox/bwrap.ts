/**
 * The bubblewrap command line of one sandbox: an empty root with read-only binds of exactly what
 * the code needs (at the same paths as on the host, so paths in errors and variables stay true),
 * the system's programs and libraries, a private sized /tmp, its own /proc and /dev, its own pid,
 * IPC, UTS and cgroup namespaces, no capabilities, and the network of the host (functions call
 * the emulator on 127.0.0.1). Environment variables travel through spawn's env, never through
 * --setenv: a command line is readable by every user of the machine, a process's environment is not.
 */
import { chmodSync, chownSync, existsSync, lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { identityFiles } from './identity-files.ts';
import { prlimitArgs, setprivArgs, type ProcessLimits } from './limits.ts';

/** What one sandboxed process may see and do. */
export interface SandboxSpec {
  command: string;
  args: string[];
  /** Host paths the code may read, bound read-only at the same paths (their modes untouched); missing ones are skipped. */
  readOnly: string[];
  /** Host folders the code may write (its own temporary folder), bound at the same paths. */
  writable: string[];
  /** Read-only folders the kit made for this code alone (an unpacked package): the only ones whose mode may be opened to the sandbox's uid. */
  owned?: string[];
  /** The working folder. */
  chdir: string;
  /** Size of the private /tmp. */
  tmpBytes: number;
  limits: ProcessLimits;
  /** The unprivileged uid to become inside (when the kit runs as root). */
  uid: number | undefined;
}

/** The helper programs a sandbox uses, found on the host. */
export interface SandboxTools {
  bwrap: string;
  prlimit: string;
  /** env(1), to drop the PWD that bwrap sets: the code gets exactly the environment it was given. */
  env: string;
  setpriv: string | undefined;
}

/** Top-level folders of programs and libraries; on merged-/usr systems all but /usr are symbolic links. */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/** What TLS, name resolution and the dynamic linker read from /etc; nothing else of it (the users it lists come from identity-files.ts). */
const SYSTEM_ETC = ['/etc/ssl', '/etc/ca-certificates', '/etc/pki', '/etc/resolv.conf', '/etc/hosts', '/etc/nsswitch.conf', '/etc/host.conf', '/etc/gai.conf', '/etc/ld.so.cache', '/etc/alternatives'];

function inside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent === '/' ? '/' : `${parent}/`);
}

function ancestors(target: string): string[] {
  const found: string[] = [];
  for (let dir = path.dirname(target); dir !== '/'; dir = path.dirname(dir)) found.unshift(dir);
  return found;
}

function real(target: string): string | undefined {
  try {
    return realpathSync(target);
  } catch {
    return undefined;
  }
}

/** Mount arguments, keeping track of what exists inside so that each folder is made once, world-readable (bwrap makes 0700 ones). */
class Mounts {
  readonly args: string[] = [];
  /** Destinations whose content comes from the host, and symbolic links into them. */
  private readonly bound: string[] = [];
  private readonly made = new Set<string>(['/']);

  covered(target: string): boolean {
    return this.bound.some((root) => inside(target, root));
  }

  private parents(target: string): void {
    for (const dir of ancestors(target)) {
      if (this.made.has(dir) || this.covered(dir)) continue;
      this.args.push('--perms', '0755', '--dir', dir);
      this.made.add(dir);
    }
  }

  bind(source: string, destination = source, writable = false): void {
    if (this.covered(destination)) return;
    this.parents(destination);
    this.args.push(writable ? '--bind' : '--ro-bind', source, destination);
    this.bound.push(destination);
  }

  symlink(target: string, link: string): void {
    this.parents(link);
    this.args.push('--symlink', target, link);
    this.bound.push(link);
  }

  tmpfs(destination: string, bytes: number): void {
    this.parents(destination);
    this.args.push('--perms', '1777', '--size', String(bytes), '--tmpfs', destination);
    this.made.add(destination);
  }
}

interface SystemMount {
  kind: 'bind' | 'symlink';
  source: string;
  destination: string;
}

let system: SystemMount[] | undefined;

/** The host's system folders and /etc files, read once. */
function systemMounts(): SystemMount[] {
  system ??= [...SYSTEM_DIRS, ...SYSTEM_ETC].flatMap((entry): SystemMount[] => {
    try {
      const info = lstatSync(entry);
      if (info.isSymbolicLink() && SYSTEM_DIRS.includes(entry)) return [{ kind: 'symlink', source: readlinkSync(entry), destination: entry }];
      return [{ kind: 'bind', source: entry, destination: entry }];
    } catch {
      return [];
    }
  });
  return system;
}

/**
 * Lets the sandbox's uid into a folder the kit made for it (mkdtemp makes 0700 ones): o+rx, while
 * the folders above it keep protecting it from the machine's users. Never used on host folders.
 */
function openToLearner(folder: string): void {
  const info = statSync(folder);
  if (info.isDirectory() && (info.mode & 0o005) !== 0o005) chmodSync(folder, info.mode | 0o005);
}

/** The full argument list of bwrap for `spec` (the command included). */
export function bwrapArgs(spec: SandboxSpec, tools: SandboxTools): string[] {
  // Never fall back to running learner code as root.
  if (spec.uid !== undefined && !tools.setpriv) throw new Error('setpriv (util-linux) is needed to run learner code as an unprivileged uid');
  const mounts = new Mounts();
  for (const entry of systemMounts()) {
    if (entry.kind === 'symlink') mounts.symlink(entry.source, entry.destination);
    else mounts.bind(entry.source, entry.destination);
  }
  const ids = identityFiles(spec.uid ?? process.getuid?.() ?? 0, spec.uid ?? process.getgid?.() ?? 0);
  mounts.bind(ids.passwd, '/etc/passwd');
  mounts.bind(ids.group, '/etc/group');
  mounts.tmpfs('/tmp', spec.tmpBytes);
  for (const folder of spec.writable) {
    // The code's own folder, made by the kit for it alone: it becomes the owner, as a function owns its /tmp.
    if (spec.uid !== undefined) chownSync(folder, spec.uid, spec.uid);
    mounts.bind(folder, folder, true);
  }
  const wanted = new Set<string>();
  for (const entry of spec.readOnly) {
    const resolved = path.resolve(entry);
    if (!existsSync(resolved)) continue;
    wanted.add(resolved);
    const target = real(resolved);
    if (target && target !== resolved) wanted.add(target);
  }
  // Parents first: a folder inside one already bound needs no bind of its own. Host folders keep
  // their modes (the code reads them through their own "other" bits): the folders above them are
  // bwrap's 0755 ones, so a 0700 folder on the way (/root, a mkdtemp folder) does not keep it out.
  const owned = new Set((spec.owned ?? []).map((folder) => path.resolve(folder)));
  for (const entry of [...wanted].sort((a, b) => a.length - b.length)) {
    if (mounts.covered(entry)) continue;
    if (spec.uid !== undefined && owned.has(entry)) openToLearner(entry);
    mounts.bind(entry);
  }
  const namespaces = ['--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try', '--hostname', 'localhost'];
  // As root, the code becomes an unprivileged uid of its own (setpriv, below); a user namespace would
  // map it back onto root. Otherwise the user namespace is the one bwrap needs, closed to nesting.
  const identity = spec.uid === undefined ? ['--unshare-user', '--disable-userns', '--cap-drop', 'ALL'] : [];
  return [
    ...mounts.args, '--proc', '/proc', '--dev', '/dev',
    ...namespaces, ...identity, '--die-with-parent', '--new-session', '--chdir', spec.chdir,
    '--', ...prlimitArgs(tools.prlimit, spec.limits), tools.env, '-u', 'PWD', '--',
    ...(spec.uid !== undefined ? setprivArgs(tools.setpriv!, spec.uid) : []),
    spec.command, ...spec.args,
  ];
}
