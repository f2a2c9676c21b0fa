/**
 * The README's main path, as a learner walks it, in a throw-away copy of the kit: `npm start`
 * (which keeps state in the relative folder .workshop/emulator-state) in one terminal, then
 * `workshop check --dir solutions` in another, against that running emulator: every lab's solution
 * must pass. Then the same with `workshop emulator --state <relative folder>`, on lab 05 (functions
 * behind an HTTP API) in `npm test` and on every lab in `npm run test:full`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { listLabIds } from '../../src/core/labs.ts';
import { runCli } from '../support/cli.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';

const SKIPPED = new Set(['node_modules', '.git', '.workshop', 'site', 'test-output', 'grades', 'coverage']);
const copies: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) stop(child);
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the kit as a learner's clone has it, sharing this kit's installed node_modules. */
function kitCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kit-copy-'));
  copies.push(dir);
  for (const entry of readdirSync(KIT_ROOT)) {
    if (!SKIPPED.has(entry)) cpSync(join(KIT_ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(KIT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Starts a long-running command in its own process group, so stopping it stops npm's children too. */
function launch(command: string, args: string[], cwd: string): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd, detached: true, env: { ...process.env, NO_COLOR: '1' } });
  children.push(child);
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { child, output: () => text };
}

function stop(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** Checks the solution of `lab` (every lab when none is given) against the emulator on `port`. */
async function checkSolutions(cwd: string, port: number, lab?: string): Promise<void> {
  const env = { ...process.env, WORKSHOP_TARGET: 'emulator', AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` };
  const run = await runCli(['check', ...(lab ? [lab] : []), '--dir', 'solutions', '--seed', '5'], { env, cwd, timeoutMs: 240_000 });
  const ids = listLabIds(cwd).filter((id) => !lab || id.startsWith(lab));
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(run.stdout, `lab ${id} against the running emulator:\n${run.stdout}\n${run.stderr}`).toMatch(new RegExp(`Lab ${id.slice(0, 2)}:[\\s\\S]*?Score (\\d+)/\\1`));
  expect(run.code, run.stdout).toBe(0);
}

describe('the main path: a running emulator with a relative state folder', () => {
  it('`npm start -- --no-site` then `workshop check` passes every lab\'s solution', async () => {
    const dir = kitCopy();
    const port = await freePort();
    const started = launch('npm', ['start', '--', '--no-site', '--port', String(port)], dir);
    await eventually(() => started.output().includes('Press Ctrl-C to stop.'), 30_000);
    expect(started.output()).toContain(`State is kept in ${join(dir, '.workshop', 'emulator-state')}`);
    await checkSolutions(dir, port);
    // The functions' code lives in the kit's state folder, not in a path resolved again elsewhere.
    expect(existsSync(join(dir, '.workshop', 'emulator-state', 'lambda-code'))).toBe(true);
    stop(started.child);
  }, 300_000);

  it('`workshop emulator --state <relative folder>` then `workshop check` passes the solutions', async () => {
    const dir = kitCopy();
    const port = await freePort();
    const started = launch(process.execPath, [join(dir, 'bin', 'workshop.mjs'), 'emulator', '--port', String(port), '--state', '.workshop/my-state'], dir);
    await eventually(() => started.output().includes('Press Ctrl-C to stop.'), 30_000);
    await checkSolutions(dir, port, process.env.WORKSHOP_TEST_FULL === '1' ? undefined : '05');
    expect(existsSync(join(dir, '.workshop', 'my-state', 'lambda-code'))).toBe(true);
    stop(started.child);
  }, 300_000);
});
