/**
 * How an execution environment's process is started: which program, which flags, and exactly which
 * environment variables. The child gets Lambda's documented variables plus the function's own and
 * nothing else from the host: no host credentials, no NODE_OPTIONS, no secrets of the machine.
 * On Linux with bubblewrap the process runs in the OS sandbox (src/sandbox), which shows it only
 * its code, the runtime and its own temporary folder; elsewhere Node's permission model is its
 * only sandbox, and Python and custom runtimes, which that model cannot cover, are refused unless
 * the user opts in.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { learnerCommand, nodePermissionFlags, osSandbox, runtimeRefused, unsandboxedAllowed } from '../../../../sandbox/index.ts';
import { AwsError } from '../../../errors.ts';
import type { FunctionRuntimeConfig } from './types.ts';

/** The folder of the bootstrap programs: LAMBDA_RUNTIME_DIR of every environment. */
export const RUNTIME_DIR = fileURLToPath(new URL('./bootstrap/', import.meta.url));
/** The kit's own node_modules: where handlers find the AWS SDK, as Lambda's Node runtimes preinstall it. */
const KIT_MODULES = fileURLToPath(new URL('../../../../../node_modules', import.meta.url));
/** The same folder with symbolic links resolved: the permission model checks the real paths modules load from. */
const KIT_MODULES_REAL = realFolder(KIT_MODULES);

/** What to run for one environment. */
export interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** True when the program writes the output sync markers (the kit's own bootstraps do). */
  marksOutput: boolean;
  /** True when the command is bwrap, the OS sandbox around the runtime. */
  sandboxed: boolean;
}

/** Where the process finds the emulator. */
export interface LaunchTarget {
  /** `host:port/_lambda-runtime/<envId>`, the value of AWS_LAMBDA_RUNTIME_API. */
  runtimeApi: string;
  /** The emulator's origin, the value of AWS_ENDPOINT_URL. */
  endpoint: string;
  logStreamName: string;
  /** The environment's own writable folder, its TMPDIR (Lambda's /tmp). */
  tmpDir: string;
}

/** A function whose environment cannot start, reported as Lambda reports it (an init failure). */
export class LaunchError extends Error {
  readonly errorType: string;
  constructor(errorType: string, message: string) {
    super(message);
    this.errorType = errorType;
  }
}

/** Variables Lambda sets itself: a function may not set them (CreateFunction refuses) and never replaces them. */
export const RESERVED_VARIABLES = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

/** The runtime families the engine can run. */
export type RuntimeFamily = 'node' | 'python' | 'provided';

/** Which family a runtime id belongs to; throws InvalidRuntimeException (as Invoke does) for others. */
export function runtimeFamily(runtime: string): RuntimeFamily {
  if (/^nodejs\d/.test(runtime)) return 'node';
  if (/^python3/.test(runtime)) return 'python';
  if (runtime.startsWith('provided')) return 'provided';
  throw new AwsError('InvalidRuntimeException', `The emulator cannot run the ${runtime} runtime. Use a nodejs, python3 or provided (custom) runtime.`, { status: 502 });
}

interface PythonInstall {
  executable: string;
  userSite: string | undefined;
  /** Where the interpreter and its standard library live (a pyenv install, a virtual environment). */
  prefixes: string[];
}

let python: PythonInstall | null | undefined;

/** The machine's python3, resolved once (a pyenv shim needs the host environment to find it). */
function findPython(): PythonInstall | undefined {
  if (python === undefined) {
    const script = 'import sys, site; print(sys.executable); print(site.getusersitepackages()); print(sys.base_prefix); print(sys.prefix)';
    const probe = spawnSync('python3', ['-c', script], { encoding: 'utf8', timeout: 10_000 });
    const [executable, userSite, ...prefixes] = probe.status === 0 ? probe.stdout.trim().split('\n') : [];
    python = executable ? { executable, userSite: userSite && existsSync(userSite) ? userSite : undefined, prefixes } : null;
  }
  return python ?? undefined;
}

/** The V8 heap flags AWS's Node.js bootstrap derives from the function's memory size. */
function heapFlags(memorySizeMb: number): string[] {
  const newSpace = Math.floor(memorySizeMb / 10);
  return [`--max-semi-space-size=${Math.max(1, Math.floor(newSpace / 2))}`, `--max-old-space-size=${memorySizeMb - newSpace}`];
}

function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

/**
 * Node's permission model for a function: like Lambda's read-only /var/task, the code can read
 * its own folder, the runtime and the preinstalled SDK, and write only its own temporary folder.
 * It cannot read or change other functions' code (other learners' in a graded cohort) or the
 * kit's solutions and graders. Child processes need the OS sandbox, which they inherit.
 */
function sandboxFlags(codeDir: string, tmpDir: string, childProcesses: boolean): string[] {
  return nodePermissionFlags({ read: [codeDir, RUNTIME_DIR, KIT_MODULES, KIT_MODULES_REAL, tmpDir], write: [tmpDir], childProcesses });
}

/** The program, flags and environment of a new execution environment of `config`. */
export function launchFor(config: FunctionRuntimeConfig, target: LaunchTarget): Launch {
  const lambdaEnv: Record<string, string> = {
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: config.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: config.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: target.logStreamName,
    AWS_LAMBDA_RUNTIME_API: target.runtimeApi,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: config.region,
    AWS_DEFAULT_REGION: config.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    LAMBDA_TASK_ROOT: config.codeDir,
    LAMBDA_RUNTIME_DIR: RUNTIME_DIR.replace(/\/$/, ''),
    _HANDLER: config.handler,
    // The execution role's session, as Lambda gives it: the function's calls are made as the role.
    // Without one (an engine run on its own), the account id as key keeps its calls in its own account.
    AWS_ACCESS_KEY_ID: config.credentials?.accessKeyId ?? config.account,
    AWS_SECRET_ACCESS_KEY: config.credentials?.secretAccessKey ?? config.secretAccessKey,
    AWS_SESSION_TOKEN: config.credentials?.sessionToken ?? 'test',
  };
  const sandbox = osSandbox();
  const defaults: Record<string, string> = {
    TMPDIR: target.tmpDir,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    PATH: [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(path.delimiter),
    AWS_ENDPOINT_URL: target.endpoint,
  };
  const family = runtimeFamily(config.runtime);
  if (!existsSync(config.codeDir)) throw new LaunchError('Runtime.InvalidEntrypoint', `The function's code folder ${config.codeDir} is missing: deploy its code again.`);
  if (family !== 'node' && sandbox.kind === 'none' && !unsandboxedAllowed()) throw new LaunchError('Runtime.Unknown', runtimeRefused(config.runtime, sandbox.reason.texts.en));
  let command: string;
  let args: string[];
  const readable = [config.codeDir, RUNTIME_DIR, KIT_MODULES, path.dirname(process.execPath)];
  if (family === 'node') {
    defaults.NODE_PATH = [KIT_MODULES, RUNTIME_DIR.replace(/\/$/, ''), config.codeDir].join(path.delimiter);
    command = process.execPath;
    // AWS's bootstrap also passes --expose-gc; it is left out because it costs V8's startup snapshot (~35 ms per cold start).
    args = ['--max-http-header-size=81920', ...heapFlags(config.memorySizeMb), ...sandboxFlags(config.codeDir, target.tmpDir, sandbox.kind === 'bwrap'), path.join(RUNTIME_DIR, 'node-bootstrap.mjs')];
  } else if (family === 'python') {
    const install = findPython();
    if (!install) throw new LaunchError('Runtime.InvalidEntrypoint', `python3 was not found on this machine: install Python 3 to run ${config.runtime} functions, or use a nodejs runtime.`);
    defaults.PYTHONPATH = [RUNTIME_DIR.replace(/\/$/, ''), ...(install.userSite ? [install.userSite] : [])].join(path.delimiter);
    command = install.executable;
    args = ['-u', path.join(RUNTIME_DIR, 'python_bootstrap.py')];
    readable.push(path.dirname(install.executable), ...install.prefixes, ...(install.userSite ? [install.userSite] : []));
  } else {
    command = path.join(config.codeDir, 'bootstrap');
    args = [];
    if (!existsSync(command)) throw new LaunchError('Runtime.InvalidEntrypoint', `Couldn't find valid bootstrap(s): [${command}]`);
  }
  const own = Object.fromEntries(Object.entries(config.environment).filter(([name]) => !RESERVED_VARIABLES.has(name)));
  const run = learnerCommand({ command, args, readOnly: readable, writable: [target.tmpDir], owned: [config.codeDir], chdir: config.codeDir, owner: config.account });
  return { command: run.command, args: run.args, env: { ...defaults, ...own, ...lambdaEnv }, marksOutput: family !== 'provided', sandboxed: run.sandboxed };
}
