/**
 * report.html and results.json from cohorts built from object literals: labs handed in untouched
 * are no attempt and stay out of the most-failed counts, every reason is written in the page (not
 * only in a tooltip), each learner has a section, hints taken before passing are counted, both
 * languages; Gradescope's results carry each check's visibility and a Markdown checklist; a
 * submission's untouched labs and revealed hints are read from its files.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import type { Lab } from '../../src/core/labs.ts';
import { writePristineStarters } from '../../src/core/starters.ts';
import { learnerNotes } from '../../src/grade/learner-notes.ts';
import { reportHtml } from '../../src/grade/reports/html.ts';
import { gradescopeResults } from '../../src/grade/reports/platforms.ts';
import { FAILING, HINTED, LAB1, LAB2, LABS, REASON, cohort } from './support/cohort-fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const meta = { seed: 3, target: 'emulator', generatedAt: new Date('2026-11-30T12:00:00Z') };

/** The HTML between an element's opening tag with `id` and the end of its section or table row. */
function part(html: string, id: string, end: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `an element with id ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(end, start));
}

describe('report.html', () => {
  const html = reportHtml(cohort(), LABS, meta);

  it('counts a lab handed in as the untouched starters as no attempt, not as failures', () => {
    const mostFailed = part(html, 'most-failed', '</table>');
    const row = mostFailed.split('<tr>').find((line) => line.includes(`#hint-${LAB1.id}-${FAILING.id}`))!;
    // cy and di failed it; bo never touched lab 01 and is counted apart.
    expect(row).toContain('<td>2 of 3</td><td>1</td>');
    expect(mostFailed).toContain('untouched starter files counts as no attempt');
    expect(part(html, 'learner-bo', '</section>')).toContain('no attempt: the starter files, untouched');
  });

  it('writes every failure reason in the learner\'s section, with the hint it links to', () => {
    const cy = part(html, 'learner-cy', '</section>');
    const row = part(cy, `r-cy-${LAB1.id}-${FAILING.id}`, '</tr>');
    expect(row).toContain('<td>expected 1 JSON line, got 0 &lt;none&gt;</td>');
    expect(row).toContain(`href="#hint-${LAB1.id}-${FAILING.id}"`);
    expect(html).toContain(`id="hint-${LAB1.id}-${FAILING.id}"`);
    expect(part(html, 'learner-di', '</section>')).toContain('Grading stopped early: grading stopped after 90 s');
    // Each grid cell is a link to that row, named for screen readers, with a mark that prints.
    expect(html).toMatch(new RegExp(`<td class="c fail"><a href="#r-cy-${LAB1.id}-${FAILING.id}" aria-label="cy, 01 [^"]+: expected 1 JSON line[^"]*"[^>]*>✗</a></td>`));
    expect(html).toContain(`<a href="#learner-ada">ada</a>`);
  });

  it('counts the learners who took one of a check\'s hints before passing it', () => {
    const row = part(html, 'checks', '</table>').split('<tr>').find((line) => line.includes(`#hint-${LAB1.id}-${HINTED.id}`))!;
    expect(row).toContain('1 of 1 who took one');
    expect(html).toContain('read from the .workshop/progress.json of 2 of 4 submissions');
    expect(part(html, `r-ada-${LAB1.id}-${HINTED.id}`, '</tr>')).toContain('hint taken');
  });

  it('speaks Chinese with --lang zh-cn', () => {
    const zh = reportHtml(cohort(), LABS, { ...meta, lang: 'zh-cn' });
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('未尝试：初始文件原封未动');
    expect(part(zh, `r-cy-${LAB1.id}-${FAILING.id}`, '</tr>')).toContain(REASON['zh-cn'].replace('<none>', '&lt;none&gt;'));
    expect(zh).toContain('<td>3 人中 2 人</td>');
  });
});

describe('Gradescope results.json', () => {
  // An instructor hides lab 01's last check until the due date.
  const hiding: Lab[] = [{ ...LAB1, definition: { ...LAB1.definition, checks: LAB1.definition.checks.map((check) => (check.id === FAILING.id ? { ...check, visibility: 'after_due_date' as const } : check)) } }, LAB2];
  const results = gradescopeResults(cohort()[2]!, hiding, { seed: 3, target: 'emulator' }) as { tests: Array<{ name: string; visibility: string }>; output: string; output_format: string; execution_time: number; extra_data: { workshop: { kind: string; result: { learner: string } } } };

  it('gives each check its visibility, and never names a hidden check in the visible checklist', () => {
    const hidden = results.tests.find((test) => test.name.endsWith(FAILING.title.en))!;
    expect(hidden.visibility).toBe('after_due_date');
    expect(results.tests.filter((test) => test.visibility === 'visible')).toHaveLength(results.tests.length - 1);
    expect(results.output_format).toBe('md');
    expect(results.output).toContain(`- ✅ **${LAB1.definition.checks[0]!.title.en}**`);
    expect(results.output).not.toContain(FAILING.title.en);
    expect(results.output).toContain('1 more check(s) are shown after the due date.');
  });

  it('says how long grading took and carries the learner\'s record for --merge', () => {
    expect(results.execution_time).toBe(1);
    expect(results.extra_data.workshop).toMatchObject({ kind: 'workshop-learner-result', result: { learner: 'cy' } });
  });
});

describe('a submission\'s notes', () => {
  it('finds the labs that are the untouched starters and the hints of its progress file', () => {
    const dir = join(root, 'learner');
    writePristineStarters(join(dir, 'labs'), LABS);
    cpSync(join(KIT_ROOT, 'solutions', LAB2.id), join(dir, 'labs', LAB2.id), { recursive: true });
    mkdirSync(join(dir, '.workshop'));
    writeFileSync(join(dir, '.workshop', 'progress.json'), JSON.stringify({ version: 1, labs: { [LAB2.id]: { hintsRevealed: ['a-hint'] } } }));
    const notes = learnerNotes(dir, join(dir, 'labs'), LABS);
    expect(notes.untouchedLabs).toEqual([LAB1.id]);
    expect(notes.hintsRevealed).toEqual({ [LAB2.id]: ['a-hint'] });
    expect(notes.progressFound).toBe(true);
  });
});
