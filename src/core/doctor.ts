/**
 * The checks behind `workshop doctor`: each returns a verdict and, when something is wrong, the
 * fix in one sentence. Nothing here prints or exits; the command decides how to show them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { NEEDED, isSupported } from '../../bin/node-version.mjs';
import { INSTALL_BUBBLEWRAP, osSandbox, type SandboxStatus } from '../sandbox/index.ts';
import { checkInvoke } from './doctor-invoke.ts';
import { probeEndpoint, type ProbeResult } from './probe.ts';

const run = promisify(execFile);

/** One line of the doctor's report. */
export interface Finding {
  status: 'ok' | 'warn' | 'fail';
  /** What was checked, in a few words. */
  subject: string;
  /** What was found. */
  detail: string;
  /** What to do about it, when status is not ok. */
  fix?: string;
}

/** Checks the running Node.js version. */
export function checkNode(version = process.versions.node): Finding {
  // Only a recent Node.js gets this far (bin/workshop.mjs stops older ones); this line reports it.
  const need = NEEDED.join('.');
  if (isSupported(version)) {
    return { status: 'ok', subject: 'Node.js', detail: `${version} (needs ${need} or newer)` };
  }
  return {
    status: 'fail',
    subject: 'Node.js',
    detail: `${version} is too old: the kit runs TypeScript directly, which needs ${need} or newer`,
    fix: 'install Node.js 24 LTS (https://nodejs.org, or `nvm install 24` with nvm)',
  };
}

/** What answering `result` on the emulator's port means: both the port line and the LocalStack line. */
export function checkPort(port: number, result: ProbeResult, host = '127.0.0.1'): Finding[] {
  const subject = `port ${port}`;
  switch (result.kind) {
    case 'free':
      return [
        { status: 'ok', subject, detail: 'free: the emulator can start here' },
        { status: 'ok', subject: 'LocalStack', detail: `not running on ${port} (needed only for --target localstack)` },
      ];
    case 'emulator':
      return [
        { status: 'ok', subject, detail: `the workshop emulator ${result.version} is serving here` },
        { status: 'ok', subject: 'LocalStack', detail: `not running on ${port} (the emulator has the port)` },
      ];
    case 'localstack':
      return [
        {
          status: 'warn',
          subject,
          detail: 'LocalStack has the port, so the emulator cannot start here',
          fix: 'use --target localstack, or stop LocalStack (`docker compose down`) to use the emulator',
        },
        { status: 'ok', subject: 'LocalStack', detail: `answers on ${port} (${result.edition} ${result.version})` },
      ];
    case 'other':
      return [
        {
          status: 'fail',
          subject,
          detail: `taken by another program (${result.detail})`,
          fix: `stop that program, or run the emulator elsewhere with \`workshop emulator --port ${port + 1}\` and AWS_ENDPOINT_URL=http://${host}:${port + 1}`,
        },
        { status: 'ok', subject: 'LocalStack', detail: `not answering on ${port}` },
      ];
  }
}

/** Checks the OS sandbox learner code runs in: without it, functions cannot start processes and grading refuses. */
export function checkSandbox(status: SandboxStatus = osSandbox()): Finding {
  const subject = 'OS sandbox';
  if (status.kind === 'bwrap') return { status: 'ok', subject, detail: 'bubblewrap: functions and graded code run in a sandbox of their own' };
  return {
    status: 'warn',
    subject,
    detail: `none (${status.reason}): functions cannot start processes, Python functions are refused, and \`workshop grade\` needs --trust-submissions`,
    fix: INSTALL_BUBBLEWRAP,
  };
}

/** Checks for the Docker client and engine, which only the localstack target needs. */
export async function checkDocker(): Promise<Finding> {
  const subject = 'Docker';
  try {
    await run('docker', ['--version'], { timeout: 5000 });
  } catch {
    return {
      status: 'warn',
      subject,
      detail: 'not installed: fine for the default emulator target',
      fix: 'install Docker only if you want --target localstack',
    };
  }
  try {
    const { stdout } = await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 8000 });
    return { status: 'ok', subject, detail: `engine ${stdout.trim()} is running (for --target localstack)` };
  } catch {
    return {
      status: 'warn',
      subject,
      detail: 'the client is installed but no engine answers: fine for the default emulator target',
      fix: 'start Docker (or its desktop app) only if you want --target localstack',
    };
  }
}

/** Runs every check for `port`, in report order. */
export async function runDoctor(port: number, host = '127.0.0.1'): Promise<Finding[]> {
  const endpoint = `http://${host}:${port}`;
  const [found, docker] = await Promise.all([probeEndpoint(endpoint), checkDocker()]);
  const invoke = await checkInvoke(endpoint, found);
  return [checkNode(), ...checkPort(port, found, host), invoke, checkSandbox(), docker];
}
