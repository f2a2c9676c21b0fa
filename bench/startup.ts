/**
 * Start-up benchmark (run with `node bench/startup.ts`; prints figures, asserts nothing): from
 * spawning `workshop emulator` as a process to its first healthy answer, then to its first answered
 * AWS call (SQS ListQueues, which waits until the services have loaded), and the idle memory of that
 * process, side by side with `python3 -m moto.server` started the same way in the same run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { freePort } from '../test/support/ports.ts';
import { percentile, report, since } from './stats.ts';

const KIT = join(import.meta.dirname, '..');
const ROUNDS = 7;
const SIGNED_AS_TEST = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00';

/** The status of one request over node:http (fetch would load undici into the timed window); 0 when refused. */
function status(port: number, path: string, aws: boolean): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = aws ? { 'x-amz-target': 'AmazonSQS.ListQueues', 'content-type': 'application/x-amz-json-1.0', authorization: SIGNED_AS_TEST } : {};
    const outgoing = request({ host: '127.0.0.1', port, path, method: aws ? 'POST' : 'GET', headers, agent: false }, (answer) => {
      answer.resume();
      answer.on('end', () => resolve(answer.statusCode ?? 0));
    });
    outgoing.on('error', () => resolve(0));
    outgoing.end(aws ? '{}' : undefined);
  });
}

async function until(port: number, path: string, aws: boolean, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the process ended before answering (exit ${child.exitCode})`);
    const code = await status(port, path, aws);
    if (code > 0 && code < 500) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function residentMb(pid: number): number {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? Number.NaN) / 1024;
}

interface Run { healthy: number; firstCall: number; mb: number }

/** Milliseconds from spawn to a healthy answer and to a first AWS answer, and the resident memory a second later. */
async function startOnce(command: string, args: (port: number) => string[], healthPath: string): Promise<Run> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(command, args(port), { cwd: KIT, stdio: 'ignore' });
  try {
    await until(port, healthPath, false, child);
    const healthy = since(start);
    await until(port, '/', true, child);
    const firstCall = since(start);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return { healthy, firstCall, mb: residentMb(child.pid!) };
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function measure(label: string, command: string, args: (port: number) => string[], healthPath: string): Promise<Run> {
  const runs: Run[] = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(await startOnce(command, args, healthPath));
  const p50 = (pick: (run: Run) => number) => percentile(runs.map(pick), 50);
  report(`${label}: process start to healthy, p50 of ${ROUNDS}`, p50((run) => run.healthy), 'ms');
  report(`${label}: process start to first SQS answer, p50`, p50((run) => run.firstCall), 'ms');
  report(`${label}: idle resident memory, p50`, p50((run) => run.mb), 'MB');
  return { healthy: p50((run) => run.healthy), firstCall: p50((run) => run.firstCall), mb: p50((run) => run.mb) };
}

const kit = await measure('workshop emulator', process.execPath, (port) => ['bin/workshop.mjs', 'emulator', '--port', String(port)], '/_localstack/health');
const hasMoto = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
if (!hasMoto) {
  console.log('moto server: skipped (python3 -m moto.server is not installed; pip install "moto[server]" to compare)');
} else {
  const moto = await measure('moto server', 'python3', (port) => ['-m', 'moto.server', '-p', String(port)], '/moto-api/');
  report('start-up ratio to healthy, moto / workshop emulator', moto.healthy / kit.healthy, 'x');
  report('start-up ratio to first SQS answer, moto / workshop', moto.firstCall / kit.firstCall, 'x');
}
