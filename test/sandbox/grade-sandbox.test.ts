/**
 * `workshop grade` and the OS sandbox: it refuses to run submissions without one (saying why and
 * how to install bubblewrap) unless trusted, and nothing a submission started outlives the run.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { runCli } from '../support/cli.ts';
import { eventually } from '../support/eventually.ts';
import { hasOsSandbox, processesWith, uniqueSeconds } from './support.ts';

const bwrap = hasOsSandbox('grade-sandbox.test.ts');
const root = mkdtempSync(join(tmpdir(), 'grade-sandbox-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const LAB1 = '01-first-handler';

/** A cohort of one learner with the solution of lab 01, its handler prefixed with `prefix`. */
function cohort(name: string, prefix = ''): string {
  const submissions = join(root, name);
  const dir = join(submissions, 'ada');
  cpSync(join(KIT_ROOT, 'solutions'), dir, { recursive: true });
  const handler = join(dir, LAB1, 'handler.ts');
  writeFileSync(handler, `${prefix}${readFileSync(handler, 'utf8')}`);
  return submissions;
}

/** True when the one learner of the gradebook in `out` earned every point. */
function fullMarks(out: string): boolean {
  const [learner] = (JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8')) as { learners: Array<{ score: number; max_score: number }> }).learners;
  return learner !== undefined && learner.max_score > 0 && learner.score === learner.max_score;
}

describe('workshop grade without an OS sandbox', () => {
  const env = { ...process.env, WORKSHOP_SANDBOX: 'none' };

  it('refuses, saying why and how to install bubblewrap', async () => {
    const run = await runCli(['grade', cohort('refused'), '--labs', '01', '--out', join(root, 'refused-out')], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('workshop grade runs every submission\'s code, and this machine has no OS sandbox');
    expect(run.stderr).toContain('WORKSHOP_SANDBOX=none turns it off');
    expect(run.stderr).toContain('apt-get install bubblewrap');
    expect(run.stderr).toContain('--trust-submissions');
  });

  it('grades with --trust-submissions, saying that the code is not sandboxed', async () => {
    const out = join(root, 'trusted-out');
    const run = await runCli(['grade', cohort('trusted'), '--labs', '01', '--out', out, '--trust-submissions'], { env, timeoutMs: 120_000 });
    expect(run.stderr).toContain('Grading without an OS sandbox');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Graded 1 submission(s)');
    expect(fullMarks(out)).toBe(true);
  }, 150_000);
});

describe.skipIf(!bwrap)('workshop grade in the OS sandbox', () => {
  it('leaves no process a submission started once it is done', async () => {
    const seconds = uniqueSeconds();
    // Every process that loads the handler (the function, the learner process) leaves a detached sleeper behind.
    const prefix = `import { spawn as escape } from 'node:child_process';\nescape('setsid', ['sh', '-c', 'trap "" TERM HUP INT; exec sleep ${seconds}'], { detached: true, stdio: 'ignore' }).unref();\n`;
    const out = join(root, 'sandboxed-out');
    let seen = 0;
    const watch = setInterval(() => {
      seen = Math.max(seen, processesWith(`sleep ${seconds}`).length);
    }, 50);
    const run = await runCli(['grade', cohort('sandboxed', prefix), '--labs', '01', '--out', out], { timeoutMs: 120_000 }).finally(() => clearInterval(watch));
    expect(run.code).toBe(0);
    expect(seen).toBeGreaterThan(0);
    // The sleepers do not disturb the grading: the solution still earns every point.
    expect(fullMarks(out)).toBe(true);
    await eventually(() => processesWith(`sleep ${seconds}`).length === 0, 5000);
  }, 150_000);
});
