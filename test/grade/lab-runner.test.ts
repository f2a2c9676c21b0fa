/**
 * The lab runner's batches: several runs of the same grader in one Vitest run, each with its own
 * settings and result, and a run whose worker was lost to an earlier run of its batch is run again.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabRunner, type RunLabsOptions } from '../../src/core/check-runner.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';
import type { Lab } from '../../src/core/labs.ts';
import { resolveTarget } from '../../src/core/target.ts';

const root = mkdtempSync(join(tmpdir(), 'lab-runner-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lab = {
  id: '99-lost-worker',
  number: '99',
  definition: { title: 'Lost worker', checks: [{ id: 'survives', title: 'Survives', points: 10 }] },
  graderFile: join(KIT_ROOT, 'test', 'fixtures', 'graders', '99-lost-worker.test.ts'),
} as unknown as Lab;

/** A lab folder holding the given marker files. */
function folder(name: string, ...markers: string[]): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const marker of markers) writeFileSync(join(dir, marker), '');
  return dir;
}

function run(labDir: string): RunLabsOptions {
  // No call reaches this endpoint: the fixture grader only reads its folder.
  return { labs: [{ lab, labDir }], target: resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } }), seed: 5 };
}

describe('LabRunner batches', () => {
  it('runs the same grader once per run, each against its own folder', async () => {
    const runner = new LabRunner(true);
    try {
      const heard: Array<[number, number]> = [];
      const results = await runner.runMany([run(folder('a', 'READY')), run(folder('b')), run(folder('c', 'READY'))], (index, result) => heard.push([index, result.score]));
      expect(results.map(([result]) => result!.score)).toEqual([10, 0, 10]);
      expect(results[1]![0]!.checks[0]!.message).toMatch(/READY/);
      expect(heard).toEqual([[0, 10], [1, 0], [2, 10]]);
    } finally {
      await runner.close();
    }
  }, 60_000);

  it('runs again, in a worker of their own, the runs after one that killed the worker', async () => {
    const runner = new LabRunner(true);
    try {
      const results = await runner.runMany([run(folder('d', 'READY')), run(folder('e', 'CRASH')), run(folder('f', 'READY')), run(folder('g', 'READY'))]);
      expect(results.map(([result]) => result!.score)).toEqual([10, 0, 10, 10]);
      expect(results[1]![0]!.checks[0]!.passed).toBe(false);
    } finally {
      await runner.close();
    }
  }, 60_000);
});
