import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { runCli } from '../support/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'autograder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('workshop grade --gradescope', () => {
  it('grades /autograder/submission and writes results/results.json in Gradescope\'s format', async () => {
    mkdirSync(join(root, 'submission'), { recursive: true });
    cpSync(join(KIT_ROOT, 'solutions', '01-first-handler'), join(root, 'submission', '01-first-handler'), { recursive: true });
    const run = await runCli(['grade', '--gradescope', '--gradescope-root', root, '--labs', '01'], { timeoutMs: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8'));
    expect(results).toMatchObject({ score: 10, max_score: 10, visibility: 'visible' });
    expect(results.tests.map((test: { name: string }) => test.name)).toContain('01-first-handler: Accepts a valid order and returns its total');
  });

  it('refuses to grade against a real AWS account', async () => {
    const run = await runCli(['grade', join(root, 'submission'), '--target', 'aws']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot grade a cohort');
  });
});
