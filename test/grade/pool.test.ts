/**
 * The grading pool's own rules, apart from any grader's verdict: submissions graded in batches
 * each get exactly one result, in submission order, and a submission that runs past its time
 * budget is stopped alone: the rest of its batch is graded again by a fresh worker.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { findLab } from '../../src/core/labs.ts';
import { writePristineStarters } from '../../src/core/starters.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { accountFor, gradeAll, type PoolEvent } from '../../src/grade/pool.ts';
import type { Submission } from '../../src/grade/submissions.ts';

const LAB1 = '01-first-handler';
const root = mkdtempSync(join(tmpdir(), 'pool-'));
let emulator: RunningEmulator;

function submission(learner: string, base: 'starter' | 'solutions'): Submission {
  const workDir = join(root, learner);
  // The kit's starter, not labs/ as it is: a learner who solved lab 01 still gets a green npm test.
  if (base === 'starter') writePristineStarters(workDir, [findLab(LAB1)]);
  else cpSync(join(KIT_ROOT, base, LAB1), join(workDir, LAB1), { recursive: true });
  return { learner, source: workDir, workDir, problem: undefined };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, log: () => {} });
});
afterAll(async () => {
  await emulator.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('the grading pool', () => {
  it('grades a batch in one worker, one result per submission, in submission order', async () => {
    const cohort = [submission('a-solution', 'solutions'), submission('b-starter', 'starter'), submission('c-solution', 'solutions'), { learner: 'd-broken', source: 'd.zip', workDir: root, problem: 'the zip is damaged' }];
    const events: PoolEvent[] = [];
    // One job and four submissions: the three that need grading go to the worker as one batch.
    const results = await gradeAll(cohort, { labIds: [LAB1], jobs: 1, targetName: 'emulator', endpoint: emulator.url, seed: 3, labTimeoutMs: 60_000 }, (event) => events.push(event));
    expect(results.map((result) => result.learner)).toEqual(['a-solution', 'b-starter', 'c-solution', 'd-broken']);
    expect(results.map((result) => result.labs[0]!.score)).toEqual([10, expect.any(Number), 10, 0]);
    expect(results[1]!.labs[0]!.score).toBeLessThan(10);
    expect(results[3]!.problem).toBe('the zip is damaged');
    expect(events.filter((event) => event.kind === 'started')).toHaveLength(4);
    expect(events.filter((event) => event.kind === 'finished')).toHaveLength(4);
  }, 120_000);

  it('stops a submission at its time budget and grades the rest of its batch again', async () => {
    const cohort = ['e', 'f', 'g'].map((name) => submission(`${name}-solution`, 'solutions'));
    const finished: string[] = [];
    // A budget shorter than any grading: each submission in turn is stopped, none twice, none lost.
    const results = await gradeAll(cohort, { labIds: [LAB1], jobs: 1, targetName: 'emulator', endpoint: emulator.url, seed: 3, labTimeoutMs: 300 }, (event) => {
      if (event.kind === 'finished') finished.push(event.result.learner);
    });
    expect(finished).toEqual(['e-solution', 'f-solution', 'g-solution']);
    for (const result of results) {
      expect(result.problem).toMatch(/time budget/);
      expect(result.labs[0]!.score).toBe(0);
    }
  }, 120_000);

  it('gives learners accounts that the public seed does not reveal: new ones every run', async () => {
    const accountsNow = () => new Set(emulator.emulator.store.scopesOf('lambda').map((scope) => scope.account));
    const before = accountsNow();
    const options = { labIds: [LAB1], jobs: 1, targetName: 'emulator' as const, endpoint: emulator.url, seed: 3, labTimeoutMs: 60_000 };
    const first = await gradeAll([submission('h-solution', 'solutions')], options);
    const afterFirst = [...accountsNow()].filter((account) => !before.has(account));
    await gradeAll([submission('h-solution', 'solutions')], options);
    const afterSecond = [...accountsNow()].filter((account) => !before.has(account) && !afterFirst.includes(account));
    expect(first[0]!.labs[0]!.score).toBe(10);
    expect(afterFirst).toHaveLength(1);
    expect(afterSecond).toHaveLength(1);
    expect(accountFor('h-solution', 'secret-a')).toBe(accountFor('h-solution', 'secret-a'));
    expect(accountFor('h-solution', 'secret-a')).not.toBe(accountFor('h-solution', 'secret-b'));
  }, 120_000);
});
