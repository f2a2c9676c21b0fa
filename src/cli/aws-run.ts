/**
 * Runs the AWS CLI against the kit's current target, as LocalStack's `awslocal` does: the target's
 * endpoint (unless the arguments name one), region and, for local targets, the test credentials,
 * with stdin, stdout, stderr and the exit code passed through.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { delimiter, join } from 'node:path';
import { PROJECT_STATE_DIR, ensureTarget, type EmulatorLease } from '../core/ensure-target.ts';
import { EXIT, WorkshopError } from '../core/errors.ts';
import { resolveTarget, type Target } from '../core/target.ts';
import { localstackMessage } from './localstack-messages.ts';

/** The `aws` executable on `path`, or undefined when there is none. */
export function findAwsCli(path: string | undefined, platform: NodeJS.Platform = process.platform): string | undefined {
  const names = platform === 'win32' ? ['aws.exe', 'aws.cmd', 'aws.bat'] : ['aws'];
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK);
        return candidate;
      } catch {
        // Not here: the next folder of PATH may have it.
      }
    }
  }
  return undefined;
}

/** A leading `--target NAME` (or `--target=NAME`) is the kit's; everything after it is the AWS CLI's. */
export function splitTargetFlag(args: string[]): { flag: string | undefined; rest: string[] } {
  const [first, second, ...others] = args;
  if (first === '--target' && second !== undefined) return { flag: second, rest: others };
  if (first?.startsWith('--target=')) return { flag: first.slice('--target='.length), rest: args.slice(1) };
  return { flag: undefined, rest: args };
}

/** The environment and arguments the AWS CLI gets for `target`. */
export function awsInvocation(target: Target, args: string[], env: NodeJS.ProcessEnv): { args: string[]; env: NodeJS.ProcessEnv } {
  const childEnv: NodeJS.ProcessEnv = { ...env, AWS_DEFAULT_REGION: target.region, AWS_REGION: target.region };
  if (!target.credentials) return { args, env: childEnv };
  // Local targets answer test credentials; a profile or session token meant for AWS must not win over them.
  childEnv.AWS_ACCESS_KEY_ID = target.credentials.accessKeyId;
  childEnv.AWS_SECRET_ACCESS_KEY = target.credentials.secretAccessKey;
  delete childEnv.AWS_SESSION_TOKEN;
  delete childEnv.AWS_PROFILE;
  const named = args.some((arg) => arg === '--endpoint-url' || arg.startsWith('--endpoint-url='));
  return { args: named || !target.endpoint ? args : ['--endpoint-url', target.endpoint, ...args], env: childEnv };
}

/** Runs `aws` with `args` against the current target and resolves with its exit code. */
export async function runAwsCli(rawArgs: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { flag, rest } = splitTargetFlag(rawArgs);
  const cli = findAwsCli(env.PATH ?? env.Path);
  if (!cli) throw new WorkshopError('NO_AWS_CLI', localstackMessage('awsMissing'), { hint: localstackMessage('awsInstall'), exitCode: EXIT.failed });
  if (rest.length === 0) throw new WorkshopError('NO_AWS_ARGS', localstackMessage('awsNoArgs'), { hint: localstackMessage('awsExample'), exitCode: EXIT.usage });
  const target = resolveTarget({ flag, env });
  // Like the kit's other commands: with no emulator running, one runs for this call, keeping state where `npm start` keeps it.
  const lease: EmulatorLease = target.name === 'emulator' ? await ensureTarget(target, PROJECT_STATE_DIR) : { startedHere: false, stop: async () => {} };
  try {
    const invocation = awsInvocation(target, rest, env);
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(cli, invocation.args, { env: invocation.env, stdio: 'inherit', shell: process.platform === 'win32' && !cli.endsWith('.exe') });
      // Ctrl-C reaches the AWS CLI too (same terminal): this process waits for it to end.
      const ignore = () => {};
      process.on('SIGINT', ignore);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        process.off('SIGINT', ignore);
        resolve(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : EXIT.failed));
      });
    });
  } finally {
    await lease.stop();
  }
}
