/**
 * The checks behind `workshop doctor`: each returns a verdict and, when something is wrong, the
 * fix in one sentence. Nothing here prints or exits; the command decides how to show them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { NEEDED, isSupported } from '../../bin/node-version.mjs';
import { osSandbox, type SandboxStatus } from '../sandbox/index.ts';
import { checkInvoke } from './doctor-invoke.ts';
import { doctorText as say } from './doctor-messages.ts';
import { probeEndpoint, type ProbeResult } from './probe.ts';

const run = promisify(execFile);

/** One line of the doctor's report, in the learner's language. */
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
    return { status: 'ok', subject: 'Node.js', detail: say('nodeOk', { version, need }) };
  }
  return {
    status: 'fail',
    subject: 'Node.js',
    detail: say('nodeOld', { version, need }),
    fix: say('installNode'),
  };
}

/** What answering `result` on the emulator's port means: both the port line and the LocalStack line. */
export function checkPort(port: number, result: ProbeResult, host = '127.0.0.1'): Finding[] {
  const subject = say('port', { port });
  switch (result.kind) {
    case 'free':
      return [
        { status: 'ok', subject, detail: say('portFree') },
        { status: 'ok', subject: 'LocalStack', detail: say('localStackNotRunning', { port }) },
      ];
    case 'emulator':
      return [
        { status: 'ok', subject, detail: say('emulatorServing', { version: result.version }) },
        { status: 'ok', subject: 'LocalStack', detail: say('localStackNotHere', { port }) },
      ];
    case 'localstack':
      return [
        {
          status: 'warn',
          subject,
          detail: say('localStackHasPort'),
          fix: say('useLocalStack'),
        },
        { status: 'ok', subject: 'LocalStack', detail: say('localStackAnswers', { port, edition: result.edition, version: result.version }) },
      ];
    case 'other':
      return [
        {
          status: 'fail',
          subject,
          detail: say('portTaken', { detail: result.detail }),
          fix: say('stopProgram', { next: port + 1, host }),
        },
        { status: 'ok', subject: 'LocalStack', detail: say('localStackNotAnswering', { port }) },
      ];
  }
}

/** Checks the OS sandbox learner code runs in: without it, functions cannot start processes and grading refuses. */
export function checkSandbox(status: SandboxStatus = osSandbox()): Finding {
  const subject = say('sandbox');
  if (status.kind === 'bwrap') return { status: 'ok', subject, detail: say('sandboxOk') };
  return {
    status: 'warn',
    subject,
    detail: say('sandboxNone', { reason: status.reason }),
    fix: say('installBubblewrap'),
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
      detail: say('dockerMissing'),
      fix: say('dockerOnlyForLocalStack'),
    };
  }
  try {
    const { stdout } = await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 8000 });
    return { status: 'ok', subject, detail: say('dockerRunning', { version: stdout.trim() }) };
  } catch {
    return {
      status: 'warn',
      subject,
      detail: say('dockerNoEngine'),
      fix: say('startDocker'),
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
