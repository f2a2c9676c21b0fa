/**
 * A cohort with hostile submissions, graded beside honest ones on lab 01: a copier that imports the
 * kit's solution, a grader editor, a writer into other submissions, one that signs as another
 * account, an environment reader, one that leaves a detached process behind, and a zip bomb. Every
 * honest learner keeps full marks, no hostile one earns a point it did not earn, the kit's files
 * are untouched, no host secret reaches a report, and nothing outlives the run.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { gradeCohort, type CohortRun } from '../../src/grade/cohort.ts';
import { hasOsSandbox, processesWith, uniqueSeconds } from '../sandbox/support.ts';

const LAB1 = '01-first-handler';
const bwrap = hasOsSandbox('hostile-cohort.test.ts');
const root = mkdtempSync(join(tmpdir(), 'hostile-'));
const submissions = join(root, 'submissions');
const HOST_SECRET = 'host-only-7d1e0c9b5a';
const SLEEP = uniqueSeconds();
const solution = readFileSync(join(KIT_ROOT, 'solutions', LAB1, 'handler.ts'), 'utf8');
const guarded = ['src/core/grader/index.ts', `test/labs/${LAB1}.test.ts`, `solutions/${LAB1}/handler.ts`];
const fingerprint = () => guarded.map((path) => createHash('sha256').update(readFileSync(join(KIT_ROOT, path))).digest('hex'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A learner whose lab 01 handler is `handler`. */
function learner(name: string, handler: string): void {
  const dir = join(submissions, name, LAB1);
  mkdirSync(dir, { recursive: true });
  cpSync(join(KIT_ROOT, 'labs', LAB1, 'lab.json'), join(dir, 'lab.json'));
  writeFileSync(join(dir, 'handler.ts'), handler);
}

/** Code that runs when the handler module loads, before the honest solution. */
const withPrelude = (prelude: string) => `${prelude}\n${solution}`;

describe.skipIf(!bwrap)('grading a hostile cohort', () => {
  let run: CohortRun;
  let before: string[];
  const score = (name: string) => run.results.find((result) => result.learner === name)!.labs[0]!;

  beforeAll(async () => {
    for (const name of ['honest-a', 'honest-b', 'honest-c']) learner(name, solution);
    learner('copier', `export { handleOrder } from '${join(KIT_ROOT, 'solutions', LAB1, 'handler.ts')}';\n`);
    learner('grader-editor', withPrelude(`import { writeFileSync as w } from 'node:fs';\nfor (const f of ${JSON.stringify(guarded.map((path) => join(KIT_ROOT, path)))}) { try { w(f, 'export {};'); } catch {} }`));
    learner('writer-into-others', withPrelude(`import { readdirSync as r, writeFileSync as w } from 'node:fs';\ntry { for (const d of r('/tmp')) if (d.startsWith('workshop-grade-')) for (const l of r('/tmp/' + d + '/work')) try { w('/tmp/' + d + '/work/' + l + '/${LAB1}/handler.ts', 'export {};'); } catch {} } catch {}`));
    learner('cross-account', `import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';\nexport async function handleOrder() {\n  const seen = [];\n  for (const accessKeyId of ['000000000000', '800000000001']) {\n    try { seen.push(JSON.stringify((await new LambdaClient({ credentials: { accessKeyId, secretAccessKey: 'test' } }).send(new ListFunctionsCommand({}))).Functions)); } catch (error) { seen.push(error.name); }\n  }\n  throw new Error('seen: ' + seen.join(' | '));\n}\n`);
    learner('environment-reader', `import { readFileSync as r } from 'node:fs';\nexport async function handleOrder() {\n  const found = [];\n  for (const file of ['/proc/1/environ', '/proc/' + process.ppid + '/environ', '/proc/self/environ']) { try { found.push(r(file, 'utf8')); } catch (error) { found.push(error.code); } }\n  throw new Error(found.join(' | '));\n}\n`);
    learner('detacher', withPrelude(`import { spawn } from 'node:child_process';\ntry { spawn('sleep', ['${SLEEP}'], { detached: true, stdio: 'ignore' }).unref(); } catch {}`));
    writeFileSync(join(submissions, 'zip-bomb.zip'), zipSync({ [`${LAB1}/handler.ts`]: new TextEncoder().encode(solution), 'padding.bin': new Uint8Array(270 * 1024 * 1024) }, { level: 6 }));
    before = fingerprint();
    process.env.HOST_ONLY_TOKEN = HOST_SECRET;
    try {
      run = await gradeCohort({ submissionsDir: submissions, outDir: join(root, 'out'), labRefs: ['01'], jobs: 3, seed: 11, labTimeoutMs: 60_000 });
    } finally {
      delete process.env.HOST_ONLY_TOKEN;
    }
  }, 300_000);

  it('keeps every honest learner at full marks', () => {
    for (const name of ['honest-a', 'honest-b', 'honest-c']) expect(score(name).score, name).toBe(score(name).maxScore);
  });

  it('gives the copier nothing: the kit\'s solution cannot be imported', () => {
    expect(score('copier').score).toBe(0);
    expect(score('copier').checks[0]!.message).toMatch(/names an absolute path: a function's package holds only its lab folder/);
  });

  it('leaves the kit\'s graders and solutions untouched', () => {
    expect(fingerprint()).toEqual(before);
  });

  it('lets no submission sign as another account or read the host\'s environment', () => {
    const seen = score('cross-account').checks[0]!.message;
    expect(seen).toMatch(/InvalidSignatureException|UnrecognizedClientException/);
    expect(seen).not.toMatch(/handle-order/);
    const reports = readFileSync(join(root, 'out', 'grades.json'), 'utf8');
    expect(score('environment-reader').checks[0]!.message).not.toContain(HOST_SECRET);
    expect(reports).not.toContain(HOST_SECRET);
  });

  it('stops a zip bomb at its limit, and leaves no process behind', () => {
    const bomb = run.results.find((result) => result.learner === 'zip-bomb')!;
    expect(bomb.problem).toMatch(/unpacks to more than 250 MB/);
    expect(bomb.labs[0]!.score).toBe(0);
    expect(processesWith(`sleep ${SLEEP}`)).toEqual([]);
  });
});
