/**
 * LocalStack's init hooks for the READY stage: once the emulator serves requests, the learner's
 * scripts in `.workshop/init/ready.d/` (and `/etc/localstack/init/ready.d/` where it exists) run
 * one at a time in name order, `.sh` with bash and `.py` with python3, pointed at the emulator
 * with test credentials; their output goes to the emulator's log and their states to
 * `/_localstack/init`. Nothing runs, and nothing is read, when no such folder exists.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, extname, join } from 'node:path';
import type { Emulator } from './emulator.ts';
import { DEFAULT_REGION } from './router.ts';

/** LocalStack's lifecycle stages, in order. */
export const INIT_STAGES = ['BOOT', 'START', 'READY', 'SHUTDOWN'] as const;

/** One of {@link INIT_STAGES}. */
export type InitStage = (typeof INIT_STAGES)[number];

/** A script's state, with LocalStack's names. */
export type ScriptState = 'UNKNOWN' | 'RUNNING' | 'SUCCESSFUL' | 'ERROR';

/** One init script. */
export interface InitScript {
  stage: InitStage;
  name: string;
  path: string;
  state: ScriptState;
}

/** The init hooks of one emulator: which stages are done and each script's state. */
export interface InitStatus {
  completed: Record<InitStage, boolean>;
  scripts: InitScript[];
}

const statuses = new WeakMap<Emulator, InitStatus>();

/** The init status of an emulator; one started without hooks has nothing to run and is READY. */
export function initStatusOf(emulator: Emulator): InitStatus {
  let status = statuses.get(emulator);
  if (!status) {
    status = { completed: { BOOT: true, START: true, READY: true, SHUTDOWN: false }, scripts: [] };
    statuses.set(emulator, status);
  }
  return status;
}

/** The READY-stage folders of the kit folder `kitDir`, as LocalStack's container has its own. */
export function readyFolders(kitDir: string): string[] {
  return [join(kitDir, '.workshop', 'init', 'ready.d'), '/etc/localstack/init/ready.d'];
}

function scriptsIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => ['.sh', '.py'].includes(extname(name)) && statSync(join(folder, name)).isFile())
    .sort()
    .map((name) => join(folder, name));
}

function onPath(command: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

/** Where a script's lines go: the emulator's log, each line named by its script. */
function logLines(emulator: Emulator, name: string): (chunk: Buffer) => void {
  let partial = '';
  return (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) emulator.log(`init ${name}: ${line}`);
  };
}

function runScript(emulator: Emulator, script: InitScript, interpreter: string, env: NodeJS.ProcessEnv, cwd: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(interpreter, [script.path], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', logLines(emulator, script.name));
    child.stderr.on('data', logLines(emulator, script.name));
    child.on('error', (error) => {
      emulator.log(`init ${script.name}: could not start ${interpreter} (${error.message})`);
      resolve(false);
    });
    child.on('close', (code) => resolve(code === 0));
  });
}

/** Options of {@link runReadyHooks}. */
export interface InitHookOptions {
  /** The folders to read, in order; default {@link readyFolders} of `cwd`. */
  folders?: string[];
  /** The folder scripts run in; default the working directory. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the READY scripts of an emulator that listens (its `url` is set), one after another; a
 * failed script is marked ERROR and the next still runs, as on LocalStack. Resolves when all ended.
 */
export async function runReadyHooks(emulator: Emulator, options: InitHookOptions = {}): Promise<InitStatus> {
  const status = initStatusOf(emulator);
  const cwd = options.cwd ?? process.cwd();
  const paths = (options.folders ?? readyFolders(cwd)).flatMap(scriptsIn);
  if (paths.length === 0) return status;
  const baseEnv = options.env ?? process.env;
  const region = baseEnv.AWS_REGION || baseEnv.AWS_DEFAULT_REGION || DEFAULT_REGION;
  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    AWS_ENDPOINT_URL: emulator.url,
    AWS_DEFAULT_REGION: region,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
  delete env.AWS_SESSION_TOKEN;
  delete env.AWS_PROFILE;
  status.completed.READY = false;
  const scripts = paths.map((path): InitScript => ({ stage: 'READY', name: path.slice(path.lastIndexOf('/') + 1), path, state: 'UNKNOWN' }));
  status.scripts.push(...scripts);
  for (const script of scripts) {
    const interpreter = script.name.endsWith('.py') ? onPath('python3', env.PATH) : onPath('bash', env.PATH) ?? (existsSync('/bin/bash') ? '/bin/bash' : undefined);
    if (!interpreter) {
      script.state = 'ERROR';
      emulator.log(`init ${script.name}: not run: ${script.name.endsWith('.py') ? 'python3' : 'bash'} is not installed (or not on PATH); install it, or write the script for the other one`);
      continue;
    }
    script.state = 'RUNNING';
    emulator.log(`init ${script.name}: running`);
    const succeeded = await runScript(emulator, script, interpreter, env, cwd);
    script.state = succeeded ? 'SUCCESSFUL' : 'ERROR';
    emulator.log(`init ${script.name}: ${succeeded ? 'done' : 'failed (it exited with an error; the scripts after it still run)'}`);
  }
  status.completed.READY = true;
  return status;
}
