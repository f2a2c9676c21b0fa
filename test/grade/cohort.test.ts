/**
 * Grades a cohort built from object literals: honest solutions, starters, every mutant, and
 * submissions that misbehave (an infinite loop, a syntax error, 50 MB of output, deleting its own
 * files, hunting for credentials, a malicious test file, a tampered package.json, missing labs, a
 * zip). Each learner scores what it earns, and nobody's score depends on anyone else's. The
 * honest learners hand in every lab; a mutant or a misbehaving learner hands in the lab it breaks
 * and one neighbour, which must still earn full points (every mutant against every lab is what
 * `workshop dev check` proves, lab by lab). `npm test` grades one mutant of each lab and hands in
 * the first and newest labs for the second honest learner, the zip and the tampered package;
 * `npm run test:full` grades every mutant and every lab of each.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { listLabs } from '../../src/core/labs.ts';
import { applyMutant, listMutants } from '../../src/core/mutants.ts';
import { starterContent, writePristineStarters } from '../../src/core/starters.ts';
import { gradeCohort, type CohortRun } from '../../src/grade/cohort.ts';
import type { LearnerResult } from '../../src/grade/pool.ts';

const labs = listLabs();
const root = mkdtempSync(join(tmpdir(), 'cohort-'));
const submissions = join(root, 'submissions');
const out = join(root, 'out');
const HOST_SECRET = 'host-secret-9f8e7d6c5b4a';
const LAB1 = '01-first-handler';
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A learner: the solutions, then files laid over them (`null` deletes a lab). */
function learner(name: string, overrides: Record<string, string | null> = {}, base: 'solutions' | 'starters' = 'solutions'): void {
  const dir = join(submissions, name);
  // The kit's starters, not labs/ as it is: a learner who solved the labs still gets a green npm test.
  if (base === 'starters') writePristineStarters(dir, labs);
  else cpSync(join(KIT_ROOT, base), dir, { recursive: true });
  for (const [path, content] of Object.entries(overrides)) {
    if (content === null) rmSync(join(dir, path), { recursive: true, force: true });
    else {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  }
}

/** The lab graded beside `labId` in a learner that breaks `labId`. */
const neighbourOf = (labId: string): string => (labId === LAB1 ? labs[1]!.id : LAB1);
/** Overrides that take out every lab but `kept`. */
const onlyLabs = (...kept: string[]): Record<string, null> => Object.fromEntries(labs.filter((item) => !kept.includes(item.id)).map((item) => [item.id, null]));
const solution = (file: string) => readFileSync(join(KIT_ROOT, 'solutions', LAB1, file), 'utf8');
// In `npm test` one mutant of each lab stands for the rest, and learners who only repeat what
// 'solution' proves hand in two labs; `npm run test:full` grades every mutant (and its
// `workshop dev check` proves each against its own lab) and every lab of each.
const FULL = process.env.WORKSHOP_TEST_FULL === '1';
const MUTANTS_PER_LAB = FULL ? Infinity : 1;
const sliceLabs = FULL ? labs : [labs[0]!, labs.at(-1)!];
/** The labs a repeating learner hands in (every lab in `npm run test:full`). */
const repeated = (): Record<string, null> => onlyLabs(...sliceLabs.map((item) => item.id));
const mutants = labs.flatMap((lab) => listMutants(lab).slice(0, MUTANTS_PER_LAB).map((mutant) => ({ lab, mutant })));

describe('workshop grade over a cohort', () => {
  let run: CohortRun;
  const byName = (name: string): LearnerResult => run.results.find((result) => result.learner === name)!;
  const lab = (name: string, labId: string) => byName(name).labs.find((result) => result.labId === labId)!;
  const full = (name: string, labId: string) => expect(lab(name, labId).score, `${name} on ${labId}`).toBe(lab(name, labId).maxScore);

  beforeAll(async () => {
    learner('solution');
    learner('solution-again', repeated());
    learner('starter', {}, 'starters');
    for (const { lab: mutated, mutant } of mutants) {
      const name = `mutant-${mutated.number}-${mutant.name}`;
      learner(name, onlyLabs(mutated.id, neighbourOf(mutated.id)));
      applyMutant(mutant, join(submissions, name, mutated.id));
    }
    const besideLab1 = onlyLabs(LAB1, neighbourOf(LAB1));
    learner('infinite-loop', { ...besideLab1, [`${LAB1}/handler.ts`]: 'export async function handleOrder() { for (;;) {} }\n' });
    learner('syntax-error', { ...besideLab1, [`${LAB1}/handler.ts`]: 'export async function handleOrder(event {\n' });
    // 50 MB of output in 1 KB lines at start-up (one 50 MB string would rightly exhaust 128 MB of memory).
    learner('noisy', { ...besideLab1, [`${LAB1}/handler.ts`]: `const line = 'x'.repeat(1023);\nfor (let i = 0; i < 50 * 1024; i++) console.log(line);\n${solution('handler.ts')}` });
    learner('self-destructive', {
      ...besideLab1,
      [`${LAB1}/handler.ts`]: `import { rmSync } from 'node:fs';\ntry { rmSync(process.env.LAMBDA_TASK_ROOT ?? '.', { recursive: true, force: true }); } catch {}\n${solution('handler.ts')}`,
    });
    learner('credential-hunter', {
      ...besideLab1,
      // Its error message carries the whole environment into the grader's message and the reports.
      [`${LAB1}/handler.ts`]: "export async function handleOrder() { throw new Error(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([key]) => /KEY|SECRET|TOKEN/.test(key))))); }\n",
    });
    learner('malicious-tests', {
      ...besideLab1,
      [`${LAB1}/handler.ts`]: starterContent(labs.find((item) => item.id === LAB1)!, 'handler.ts').toString('utf8'),
      [`test/labs/${LAB1}.test.ts`]: "import { it } from 'vitest';\nfor (const id of ['accepts-valid-order', 'applies-discount-and-tax', 'rejects-invalid-orders', 'logs-structured-line']) it(id, () => {});\n",
      [`${LAB1}/lab.json`]: JSON.stringify({ id: LAB1, checks: [] }),
    });
    learner('tampered-package', { ...repeated(), 'package.json': JSON.stringify({ type: 'commonjs', scripts: { test: 'exit 0' } }), [`${LAB1}/package.json`]: '{"type":"commonjs"}' });
    learner('only-lab-01', Object.fromEntries(labs.filter((item) => item.id !== LAB1).map((item) => [item.id, null])));
    const zipped = Object.fromEntries(readdirSync(join(KIT_ROOT, 'solutions'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && sliceLabs.some((item) => join(entry.parentPath, entry.name).startsWith(join(KIT_ROOT, 'solutions', item.id))))
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [`labs/${path.slice(join(KIT_ROOT, 'solutions').length + 1)}`, strToU8(readFileSync(path, 'utf8'))];
      }));
    writeFileSync(join(submissions, 'zipped.zip'), zipSync(zipped));

    process.env.AWS_SECRET_ACCESS_KEY = HOST_SECRET;
    process.env.HOST_ONLY_TOKEN = HOST_SECRET;
    try {
      run = await gradeCohort({ submissionsDir: submissions, outDir: out, jobs: 4, seed: 7, labTimeoutMs: 60_000 });
    } finally {
      delete process.env.AWS_SECRET_ACCESS_KEY;
      delete process.env.HOST_ONLY_TOKEN;
    }
  }, 600_000);

  it('grades at least 12 submissions, one row each', () => {
    expect(run.results.length).toBeGreaterThanOrEqual(12);
    const csv = readFileSync(join(out, 'grades.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(['learner', ...labs.map((item) => item.id), 'total', 'max', 'problem'].join(','));
    expect(csv).toHaveLength(run.results.length + 1);
  });

  it('gives the honest solutions full points, whoever they were graded next to', () => {
    for (const item of labs) full('solution', item.id);
    for (const name of ['solution-again', 'zipped', 'tampered-package']) for (const item of sliceLabs) full(name, item.id);
  });

  it('gives the starters less than full points on every lab', () => {
    for (const item of labs) expect(lab('starter', item.id).score).toBeLessThan(lab('starter', item.id).maxScore);
  });

  it('fails each mutant on the check it targets, and not the lab beside it', () => {
    for (const { lab: mutated, mutant } of mutants) {
      const name = `mutant-${mutated.number}-${mutant.name}`;
      expect(lab(name, mutated.id).checks.find((check) => check.id === mutant.fails)?.passed, name).toBe(false);
      full(name, neighbourOf(mutated.id));
    }
  });

  it('scores misbehaving submissions for what they earn, without stopping the run', () => {
    expect(lab('infinite-loop', LAB1).score).toBe(0);
    expect(lab('infinite-loop', LAB1).checks[0]!.message).toMatch(/timed out|did not finish/i);
    expect(lab('syntax-error', LAB1).score).toBe(0);
    expect(lab('syntax-error', LAB1).checks[0]!.message).toContain('does not compile');
    full('noisy', LAB1);
    full('self-destructive', LAB1);
    for (const name of ['infinite-loop', 'syntax-error', 'noisy', 'self-destructive']) full(name, neighbourOf(LAB1));
  });

  it('ignores a submission\'s own graders and lab.json', () => {
    expect(lab('malicious-tests', LAB1).score).toBe(0);
    expect(lab('malicious-tests', LAB1).checks).toHaveLength(labs[0]!.definition.checks.length);
  });

  it('never lets learner code see the host\'s credentials', () => {
    const reports = readFileSync(join(out, 'grades.json'), 'utf8') + readdirSync(join(out, 'junit')).map((file) => readFileSync(join(out, 'junit', file), 'utf8')).join('');
    expect(lab('credential-hunter', LAB1).checks[0]!.message).toContain('AWS_ACCESS_KEY_ID');
    expect(reports).not.toContain(HOST_SECRET);
  });

  it('grades missing labs as zero with the reason', () => {
    full('only-lab-01', LAB1);
    for (const item of labs) {
      if (item.id === LAB1) continue;
      expect(lab('only-lab-01', item.id).score).toBe(0);
      expect(lab('only-lab-01', item.id).checks[0]!.message).toBe(`the submission has no folder ${item.id}`);
    }
  });

  it('writes JUnit, Gradescope, GitHub Classroom and HTML reports', () => {
    const junit = readFileSync(join(out, 'junit', 'starter.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="01-first-handler" tests="4" failures="4"/);
    const gradescope = JSON.parse(readFileSync(join(out, 'gradescope', 'solution', 'results.json'), 'utf8'));
    expect(gradescope.score).toBe(gradescope.max_score);
    expect(gradescope.tests[0]).toMatchObject({ status: 'passed', visibility: 'visible' });
    const classroom = JSON.parse(readFileSync(join(out, 'classroom', 'starter.json'), 'utf8'));
    expect(classroom).toMatchObject({ version: 1, status: 'fail' });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Most-failed checks');
    expect(html).toContain(`href="#hint-${LAB1}-accepts-valid-order"`);
    expect(html).toContain(`id="hint-${LAB1}-accepts-valid-order"`);
  });
});
