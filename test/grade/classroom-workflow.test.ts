/**
 * The GitHub Classroom workflow (.github/workflows/classroom.yml), run here: a template repository
 * with the kit as its first commit, a learner's commit on top that solves lab 01 and rewrites
 * lab 02's grader to pass, a full clone as actions/checkout makes, then the workflow's own `run`
 * steps in order. The grading step's outputs, handed to the reporter as the workflow's `env:`
 * says, decode as classroom-resources/autograding-grading-reporter does (base64 JSON with
 * `max_score`, `status` and `tests[].score`), one runner per lab, and the learner's grader counts
 * for nothing.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { listLabs } from '../../src/core/labs.ts';
import { writePristineStarters } from '../../src/core/starters.ts';
import { classroomRunner } from '../../src/grade/classroom.ts';
import { kitFiles } from '../../src/grade/gradescope-package.ts';

const WORKFLOW = join(KIT_ROOT, '.github', 'workflows', 'classroom.yml');
const LAB1 = '01-first-handler';
const LAB2 = '02-deploy-with-sdk';
const root = mkdtempSync(join(tmpdir(), 'classroom-'));
const removedLabs = process.env.WORKSHOP_TEST_FULL === '1' ? [] : listLabs().map((lab) => lab.id).filter((id) => id !== LAB1 && id !== LAB2);
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Step { name?: string; id?: string; uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string | number | boolean> }
const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as { name: string; on: string[]; permissions: Record<string, string>; jobs: Record<string, { name: string; env?: Record<string, string>; steps: Step[] }> };
const job = Object.values(workflow.jobs)[0]!;
const reporter = job.steps.find((step) => step.uses?.startsWith('classroom-resources/autograding-grading-reporter@'))!;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'kit', GIT_AUTHOR_EMAIL: 'kit@example.org', GIT_COMMITTER_NAME: 'kit', GIT_COMMITTER_EMAIL: 'kit@example.org' } });

/** A repository made from the template: the kit as its first commit, the learner's work after it. */
function learnerRepository(dir: string): void {
  for (const [name, content] of Object.entries(kitFiles(KIT_ROOT))) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  writePristineStarters(join(dir, 'labs'));
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  cpSync(WORKFLOW, join(dir, '.github', 'workflows', 'classroom.yml'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Initial commit');
  cpSync(join(KIT_ROOT, 'solutions', LAB1), join(dir, 'labs', LAB1), { recursive: true });
  const ids = listLabs().find((lab) => lab.id === LAB2)!.definition.checks.map((check) => check.id);
  writeFileSync(join(dir, 'test', 'labs', `${LAB2}.test.ts`), `import { it } from 'vitest';\nfor (const id of ${JSON.stringify(ids)}) it(id, () => {});\n`);
  // In `npm test` the learner has also deleted the labs after 02, which grade as zero at once; in
  // `npm run test:full` every other lab is a starter, graded in full.
  for (const id of removedLabs) rmSync(join(dir, 'labs', id), { recursive: true, force: true });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'My work');
}

/** The reporter's reading of one runner's results: base64 JSON from `<RUNNER>_RESULTS`. */
function reporterReads(env: Record<string, string>, runner: string): { version: number; status: string; max_score: number; tests: Array<{ name: string; status: string; score: number; max_score: number; message: string | null }> } {
  const encoded = env[`${runner.trim().toUpperCase()}_RESULTS`];
  expect(encoded, `${runner}'s results`).toBeTruthy();
  return JSON.parse(Buffer.from(encoded!, 'base64').toString('utf8'));
}

describe('the GitHub Classroom workflow', () => {
  const workspace = join(root, 'workspace');
  const outputFile = join(root, 'github-output');
  const reporterEnv: Record<string, string> = {};

  beforeAll(() => {
    const template = join(root, 'learner-repository');
    mkdirSync(template, { recursive: true });
    learnerRepository(template);
    mkdirSync(workspace, { recursive: true });
    // actions/checkout with `path: submission` and `fetch-depth: 0`: the whole history.
    const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with).toMatchObject({ path: 'submission', 'fetch-depth': 0, 'persist-credentials': false });
    git(workspace, 'clone', '-q', template, 'submission');
    writeFileSync(outputFile, '');
    const env = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: root, WORKSHOP_LANG: 'en', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: join(root, 'summary.md'), GITHUB_REPOSITORY: 'shop-class/serverless-lab-ada', ...job.env };
    for (const step of job.steps) {
      if (!step.run) continue;
      // The install step needs the network (apt-get, npm ci): the kit's own node_modules stand for what `npm ci` installs.
      if (step.run.includes('npm ci')) {
        symlinkSync(join(KIT_ROOT, 'node_modules'), join(workspace, 'kit', 'node_modules'), 'dir');
        continue;
      }
      execFileSync('bash', ['-e', '-c', step.run], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 500_000 });
    }
    const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    for (const [name, value] of Object.entries(reporter.env ?? {})) {
      reporterEnv[name] = value.replace(/\$\{\{\s*steps\.grade\.outputs\.(\w+)\s*\}\}/g, (_, key: string) => outputs[key] ?? '');
    }
  }, 600_000);

  it('is the Autograding Tests check GitHub Classroom reads, with the permissions the reporter needs', () => {
    expect(workflow.name).toBe('Autograding Tests');
    expect(job.name).toBe('Autograding Tests');
    expect(workflow.permissions).toMatchObject({ checks: 'write', actions: 'read', contents: 'read' });
    expect(workflow.on).toContain('push');
    expect(job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(24);
  });

  it('hands the reporter one runner per lab of the kit', () => {
    expect(String(reporter.with?.runners).split(',')).toEqual(listLabs().map((lab) => classroomRunner(lab.id)));
  });

  it('grades with the kit\'s graders from the first commit, whatever the learner\'s test/ says', () => {
    const lab1 = reporterReads(reporterEnv, 'lab01');
    expect(lab1).toMatchObject({ version: 1, status: 'pass', max_score: 10 });
    expect(lab1.tests.reduce((sum, test) => sum + test.score, 0)).toBe(10);
    const lab2 = reporterReads(reporterEnv, 'lab02');
    expect(lab2.status).toBe('fail');
    expect(lab2.tests.reduce((sum, test) => sum + test.score, 0)).toBeLessThan(lab2.max_score);
    expect(lab2.tests.find((test) => test.status === 'fail')?.message).toBeTruthy();
  });

  it('gives every runner the shape the reporter adds up', () => {
    for (const runner of String(reporter.with?.runners).split(',')) {
      const results = reporterReads(reporterEnv, runner);
      expect(['pass', 'fail', 'error']).toContain(results.status);
      expect(results.max_score).toBeGreaterThan(0);
      expect(results.max_score).toBe(results.tests.reduce((sum, test) => sum + test.max_score, 0));
      for (const test of results.tests) {
        expect(typeof test.name).toBe('string');
        expect(['pass', 'fail', 'error']).toContain(test.status);
        expect(test.score).toBeLessThanOrEqual(test.max_score);
      }
    }
  });

  it('keeps the learner\'s record for --merge and writes the checklist to the job summary', () => {
    const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))!;
    const record = JSON.parse(readFileSync(join(workspace, String(upload.with?.path), 'serverless-lab-ada.json'), 'utf8'));
    expect(record).toMatchObject({ kind: 'workshop-learner-result', result: { learner: 'serverless-lab-ada' } });
    // Lab 01 was solved; every other lab left is still the starter files, whatever happened to its grader.
    expect(record.result.untouchedLabs).toEqual(listLabs().map((lab) => lab.id).filter((id) => id !== LAB1 && !removedLabs.includes(id)));
    expect(readFileSync(join(root, 'summary.md'), 'utf8')).toContain('- ✅ **Accepts a valid order and returns its total** (3/3)');
  });
});
