/**
 * `workshop grade --gradescope-package`: the zip has setup.sh and run_autograder (executable) at
 * its root beside the kit, and nothing grading does not need. Unzipped into an /autograder-like
 * folder as Gradescope does (source/, run_autograder copied beside it, a learner's labs in
 * submission/), run_autograder writes results.json with each check's visibility from lab.json,
 * the checklist as Markdown and the run's time.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { runCli } from '../support/cli.ts';

const LAB1 = '01-first-handler';
const HIDDEN = 'logs-structured-line';
const root = mkdtempSync(join(tmpdir(), 'gradescope-package-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Unix permissions of each entry, read from the zip's central directory. */
function unixModes(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const modes = new Map<string, number>();
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    modes.set(name, view.getUint32(at + 38, true) >>> 16);
  }
  return modes;
}

describe('workshop grade --gradescope-package', () => {
  const zipFile = join(root, 'autograder.zip');
  const autograder = join(root, 'autograder');

  it('builds the zip with the scripts at its root beside the kit', async () => {
    const run = await runCli(['grade', '--gradescope-package', zipFile]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Configure Autograder');
    const zip = new Uint8Array(readFileSync(zipFile));
    const files = Object.keys(unzipSync(zip));
    expect(files).toEqual(expect.arrayContaining(['setup.sh', 'run_autograder', 'package.json', 'package-lock.json', 'bin/workshop.mjs', `labs/${LAB1}/lab.json`, `test/labs/${LAB1}.test.ts`, 'src/grade/cohort.ts']));
    expect(files.filter((file) => /^(solutions|site|node_modules|test\/labs\/mutants)\//.test(file))).toEqual([]);
    expect(unixModes(zip).get('run_autograder')! & 0o111).toBe(0o111);
  });

  it('runs run_autograder over a submission and writes results.json', async () => {
    // As Gradescope lays it out: the zip in source/, run_autograder copied beside it; setup.sh's `npm ci` stands as a link.
    for (const [name, content] of Object.entries(unzipSync(new Uint8Array(readFileSync(zipFile))))) {
      mkdirSync(dirname(join(autograder, 'source', name)), { recursive: true });
      writeFileSync(join(autograder, 'source', name), content);
    }
    copyFileSync(join(autograder, 'source', 'run_autograder'), join(autograder, 'run_autograder'));
    symlinkSync(join(KIT_ROOT, 'node_modules'), join(autograder, 'source', 'node_modules'), 'dir');
    // The instructor hides one check until the due date, in the lab.json of the zip.
    const labJson = join(autograder, 'source', 'labs', LAB1, 'lab.json');
    const lab = JSON.parse(readFileSync(labJson, 'utf8'));
    lab.checks.find((check: { id: string }) => check.id === HIDDEN).visibility = 'after_due_date';
    writeFileSync(labJson, JSON.stringify(lab, null, 2));
    cpSync(join(KIT_ROOT, 'solutions', LAB1), join(autograder, 'submission', LAB1), { recursive: true });
    writeFileSync(join(autograder, 'submission_metadata.json'), JSON.stringify({ users: [{ email: 'ada@example.org', name: 'Ada' }] }));

    const run = await new Promise<{ code: number; stderr: string }>((done) => {
      execFile('bash', [join(autograder, 'run_autograder')], { cwd: autograder, timeout: 240_000, env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, AUTOGRADER_ROOT: autograder, WORKSHOP_LANG: 'en', HOME: root } }, (error, _stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stderr }));
    });
    expect(run.stderr.replace(/^Grading without an OS sandbox.*\n?/m, '')).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(readFileSync(join(autograder, 'results', 'results.json'), 'utf8'));
    const lab1 = results.tests.filter((test: { name: string }) => test.name.startsWith(`${LAB1}:`));
    expect(lab1.every((test: { status: string }) => test.status === 'passed')).toBe(true);
    expect(results.score).toBe(10);
    expect(lab1.map((test: { visibility: string }) => test.visibility)).toEqual(['visible', 'visible', 'visible', 'after_due_date']);
    expect(results.output_format).toBe('md');
    expect(results.output).toContain('- ✅ **Accepts a valid order and returns its total** (3/3)');
    expect(results.output).not.toContain('Logs one JSON line');
    expect(results.execution_time).toBeGreaterThanOrEqual(1);
    expect(results.extra_data.workshop.result.learner).toBe('ada_example.org');
  }, 300_000);
});
