/**
 * Start-up benchmark (run with `node bench/startup.ts`; prints figures, asserts nothing): from
 * spawning `workshop emulator` as a process to its first healthy answer, and the idle memory of
 * that process, side by side with `python3 -m moto.server` started the same way in the same run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../test/support/ports.ts';
import { percentile, report, since } from './stats.ts';

const KIT = join(import.meta.dirname, '..');
const ROUNDS = 7;

async function untilAnswers(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the process ended before answering (exit ${child.exitCode})`);
    const ok = await fetch(url).then((answer) => answer.status < 500, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** Milliseconds from spawn to a healthy answer, and the resident memory a second later. */
async function startOnce(command: string, args: (port: number) => string[], path: string): Promise<{ ms: number; mb: number }> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(command, args(port), { cwd: KIT, stdio: 'ignore' });
  try {
    await untilAnswers(`http://127.0.0.1:${port}${path}`, child);
    const ms = since(start);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return { ms, mb: residentMb(child.pid!) };
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function measure(label: string, command: string, args: (port: number) => string[], path: string): Promise<number | undefined> {
  const runs: Array<{ ms: number; mb: number }> = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(await startOnce(command, args, path));
  const p50 = percentile(runs.map((run) => run.ms), 50);
  report(`${label}: process start to healthy, p50 of ${ROUNDS}`, p50, 'ms');
  report(`${label}: idle resident memory, p50`, percentile(runs.map((run) => run.mb), 50), 'MB');
  return p50;
}

const kit = await measure('workshop emulator', process.execPath, (port) => ['bin/workshop.mjs', 'emulator', '--port', String(port)], '/_localstack/health');
const hasMoto = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
if (!hasMoto) {
  console.log('moto server: skipped (python3 -m moto.server is not installed; pip install "moto[server]" to compare)');
} else {
  const moto = await measure('moto server', 'python3', (port) => ['-m', 'moto.server', '-p', String(port)], '/moto-api/');
  if (kit !== undefined && moto !== undefined) report('start-up ratio, moto / workshop emulator', moto / kit, 'x');
}
