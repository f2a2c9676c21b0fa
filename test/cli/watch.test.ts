import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLab } from '../../src/core/labs.ts';
import { freePort } from '../support/ports.ts';
import { applyMutant, listMutants } from '../../src/core/mutants.ts';
import { CLI_ENTRY } from '../support/cli.ts';
import { eventually } from '../support/eventually.ts';

const lab01 = findLab('01');
const CLEAR = '\u001b[2J';
/** Any escape sequence that empties a terminal: the erase-display one, or a full reset. */
const ANY_CLEAR = /\u001b\[2J|\u001bc/;
const RUN_MS = 60_000;
const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A learner's lab 01 with one mistake (a mutant of the solution), so its checks fail. */
function learnerWithMistake(): { labs: string; cwd: string; handler: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'learner-watch-'));
  folders.push(cwd);
  const dir = join(cwd, 'labs', lab01.id);
  cpSync(lab01.solutionDir, dir, { recursive: true });
  cpSync(join(lab01.starterDir, 'lab.json'), join(dir, 'lab.json'));
  applyMutant(listMutants(lab01)[0]!, dir);
  return { labs: join(cwd, 'labs'), cwd, handler: join(dir, 'handler.ts') };
}

/** `workshop watch 01` in a child process; `fakeTty` makes its stdout claim to be a terminal. */
async function startWatch(labs: string, cwd: string, fakeTty = false): Promise<{ child: ChildProcess; output: () => string }> {
  const env = { ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}`, WORKSHOP_TARGET: 'emulator', NO_COLOR: '1', FORCE_COLOR: '0' };
  const preload = fakeTty ? ['--import', 'data:text/javascript,process.stdout.isTTY=true'] : [];
  const child = spawn(process.execPath, [...preload, CLI_ENTRY, 'watch', '01', '--dir', labs], { env, cwd });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Stops the watcher with Ctrl-C's sibling and waits (bounded) for it to exit. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

const seedsIn = (output: string): number[] => [...output.matchAll(/\(target emulator, seed (\d+)\)/g)].map((match) => Number(match[1]));
const scoreLines = (output: string): number => output.split('\n').filter((line) => /^\s+Score \d+\/\d+:/.test(line)).length;
/** Waits until `count` runs have printed their checklist. */
const runsDone = (output: () => string, count: number) => eventually(() => scoreLines(output()) >= count, RUN_MS, 50);
/** Waits (briefly: it follows the checklist at once) for the line that says it watches on, after `from`. */
const watchingAfter = (output: () => string, from: number) => eventually(() => /\nWatching .*save a file to check again \(Ctrl-C to stop\)/.test(output().slice(from)), 5_000, 50).then(() => true, () => false);

describe('workshop watch', () => {
  it('checks every save with the first run\'s seed until every check passes, and keeps saying it watches', async () => {
    const { labs, cwd, handler } = learnerWithMistake();
    const { child, output } = await startWatch(labs, cwd);
    try {
      await runsDone(output, 1);
      expect(await watchingAfter(output, 0), 'a "Watching ..." line after the first run').toBe(true);
      const [seed] = seedsIn(output());
      expect(output()).toMatch(/✖/);
      appendFileSync(handler, '\n// trying again\n');
      await runsDone(output, 2);
      appendFileSync(handler, '// and again\n');
      await runsDone(output, 3);
      expect(seedsIn(output())).toEqual([seed, seed, seed]);
      expect(output()).toContain('Stuck on "');

      cpSync(join(lab01.solutionDir, 'handler.ts'), handler);
      await runsDone(output, 4);
      const passed = output().lastIndexOf('Every check passes');
      expect(passed).toBeGreaterThan(-1);
      expect(seedsIn(output())[3]).toBe(seed);
      expect(await watchingAfter(output, passed), 'a "Watching ..." line after "Every check passes"').toBe(true);

      appendFileSync(handler, '\n// done\n');
      await runsDone(output, 5);
      expect(seedsIn(output())[4]).not.toBe(seed);
      expect(output()).not.toMatch(ANY_CLEAR);
    } finally {
      await stop(child);
    }
    // Each run counts as a check in the learner's progress, as `workshop check` does.
    expect(existsSync(join(cwd, '.workshop', 'progress.json'))).toBe(true);
  }, 6 * RUN_MS);

  it('clears a terminal between runs, not before the first', async () => {
    const { labs, cwd, handler } = learnerWithMistake();
    const { child, output } = await startWatch(labs, cwd, true);
    try {
      await runsDone(output, 1);
      expect(output()).not.toMatch(ANY_CLEAR);
      appendFileSync(handler, '\n// trying again\n');
      await runsDone(output, 2);
      await watchingAfter(output, output().lastIndexOf('Lab 01: '));
      const second = output().lastIndexOf('Lab 01: ');
      expect(output().split(CLEAR)).toHaveLength(2);
      expect(output().indexOf(CLEAR)).toBeLessThan(second);
      expect(output().indexOf(CLEAR)).toBeGreaterThan(output().indexOf('Watching '));
    } finally {
      await stop(child);
    }
  }, 3 * RUN_MS);
});
