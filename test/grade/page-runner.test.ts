/**
 * The page's grader runner (src/browser/grader/) gives what `workshop check` gives: the same lab
 * graded with the same seed, once by the CLI (Vitest) and once by the page's runner (run here in
 * Node, with `vitest` resolved to its stand-in), passes and fails the same checks with the same words.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import type { LabResult } from '../../src/core/check-results.ts';
import { runCli } from '../support/cli.ts';

const LAB = '01-first-handler';
// Request ids are the one thing two runs never share.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const anyId = (text: string | undefined) => text?.replace(UUID, '<request id>');
const SEED = 7;
const root = mkdtempSync(join(tmpdir(), 'page-runner-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const hook = fileURLToPath(new URL('../support/vitest-as-shim.mjs', import.meta.url));
const child = fileURLToPath(new URL('../support/page-runner-child.ts', import.meta.url));

function pageRunner(labDir: string): Promise<LabResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', hook, child, LAB, labDir, String(SEED)], { timeout: 60_000, maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as LabResult);
    });
  });
}

async function cliResult(dir: string): Promise<Array<{ name: string; status: string; points: number; message?: string }>> {
  const run = await runCli(['check', '01', '--json', '--seed', String(SEED), '--dir', dir], { timeoutMs: 60_000 });
  return (JSON.parse(run.stdout) as { tests: Array<{ name: string; status: string; points: number; message?: string }> }).tests;
}

describe('the page\'s grader runner', () => {
  for (const [kind, source] of [['solution', 'solutions'], ['starter', 'labs']] as const) {
    it(`grades lab 01's ${kind} as workshop check does`, async () => {
      const dir = join(root, kind);
      cpSync(join(KIT_ROOT, source, LAB), join(dir, LAB), { recursive: true });
      const [page, cli] = await Promise.all([pageRunner(join(dir, LAB)), cliResult(dir)]);
      const shown = page.checks.map((check) => ({ name: check.id, status: check.passed ? 'pass' : 'fail', points: check.points, ...(check.passed ? {} : { message: anyId(check.message) }) }));
      expect(shown).toEqual(cli.map(({ name, status, points, message }) => ({ name, status, points, ...(message === undefined ? {} : { message: anyId(message) }) })));
      expect(page.score).toBe(kind === 'solution' ? page.maxScore : 0);
    }, 90_000);
  }
});
