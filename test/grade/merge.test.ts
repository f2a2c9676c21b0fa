/**
 * `workshop grade --merge DIR...`: learners graded on different machines (a `workshop grade` run,
 * Gradescope results.json files, Classroom artifacts) join into one gradebook; a learner graded
 * twice counts once, with the latest grading; folders with no results say what to give.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { learnerRecord } from '../../src/grade/learner-record.ts';
import { gradescopeResults } from '../../src/grade/reports/platforms.ts';
import { writeReports } from '../../src/grade/write-reports.ts';
import { runCli } from '../support/cli.ts';
import { LAB1, LABS, allFailed, cohort } from './support/cohort-fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'merge-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const meta = { seed: 3, target: 'emulator' };

describe('workshop grade --merge', () => {
  it('joins results from many machines into one gradebook, the latest grading of each learner counting', async () => {
    const [ada, bo, cy, di] = cohort() as [ReturnType<typeof cohort>[number], ReturnType<typeof cohort>[number], ReturnType<typeof cohort>[number], ReturnType<typeof cohort>[number]];
    writeReports(join(root, 'run-a'), [ada, bo], LABS, meta);
    mkdirSync(join(root, 'gradescope-export', 'submission_1'), { recursive: true });
    writeFileSync(join(root, 'gradescope-export', 'submission_1', 'results.json'), JSON.stringify(gradescopeResults(cy, LABS, meta)));
    mkdirSync(join(root, 'artifacts', 'workshop-result'), { recursive: true });
    writeFileSync(join(root, 'artifacts', 'workshop-result', 'di.json'), JSON.stringify(learnerRecord(di, meta)));
    // An older grading of ada, before she finished lab 01.
    writeFileSync(join(root, 'artifacts', 'ada-old.json'), JSON.stringify(learnerRecord({ ...ada, labs: [allFailed(LAB1), ...ada.labs.slice(1)] }, { ...meta, gradedAt: new Date('2020-01-01T00:00:00Z') })));

    const out = join(root, 'merged');
    const run = await runCli(['grade', '--merge', join(root, 'run-a'), join(root, 'gradescope-export'), join(root, 'artifacts'), '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Merged 4 learners');
    const csv = readFileSync(join(out, 'grades.csv'), 'utf8').trim().split('\n');
    expect(csv.map((line) => line.split(',')[0])).toEqual(['learner', 'ada', 'bo', 'cy', 'di']);
    expect(csv[1]).toBe(`ada,10,10,20,20,`);
    const grades = JSON.parse(readFileSync(join(out, 'grades.json'), 'utf8'));
    expect(grades.learners).toHaveLength(4);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const learner of ['ada', 'bo', 'cy', 'di']) expect(html).toContain(`id="learner-${learner}"`);
    // What the machines knew travels with the records: bo's untouched lab 01 and ada's hint.
    expect(html).toContain('no attempt: the starter files, untouched');
    expect(html).toContain('1 of 1 who took one');
  });

  it('says what to give when the folders hold no results', async () => {
    mkdirSync(join(root, 'empty'));
    const run = await runCli(['grade', '--merge', join(root, 'empty')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no learner results found');
    expect(run.stderr).toContain('learners/<learner>.json');
  });
});
