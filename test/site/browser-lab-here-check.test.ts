/**
 * "Do this lab here" running checks, against the FIXTURE worker (fixtures/lab-here-worker.ts;
 * the real worker's end-to-end test is the lead's): the checklist is the CLI's own, line for
 * line, in both languages; the stuck line and the hints are counted as `workshop hint` counts
 * them and kept in the progress; the trace is drawn; Stop ends a run that never answers and the
 * page stays usable; a worker's error and a crashed worker are said in plain words.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatChecklist } from '../../src/cli/checklist.ts';
import { cliMessage } from '../../src/cli/messages.ts';
import { hintState } from '../../src/core/hints.ts';
import type { LabResult } from '../../src/core/check-results.ts';
import { findLab } from '../../src/core/labs.ts';
import { progressFromJson, type ProgressFile } from '../../src/core/progress-data.ts';
import { labHereStrings } from '../../site/src/components/strings-lab-here.ts';
import { PROGRESS_KEY } from '../../site/src/components/lab-here/storage.ts';
import { browserAvailability } from './support/browser.ts';
import { fixtureResult } from './fixtures/lab-here-result.ts';
import { appendToEditor, freshPage, openLabPanel, useLabHereSite } from './fixtures/lab-here-support.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);
const LAB = findLab('01');
const PASS_TWO = '// pass:accepts-valid-order pass:logs-structured-line';
const PASS_ALL = `// ${LAB.definition.checks.map((check) => `pass:${check.id}`).join(' ')}`;

/** The checklist as the panel shows it, one line per line of the CLI's, spaces collapsed. */
async function panelChecklist(page: Page): Promise<string[]> {
  const box = page.locator('lab-here .lab-here-checklist');
  const lines = [await box.locator('.checklist-head').innerText()];
  for (const row of await box.locator('.checks li').all()) {
    const part = async (selector: string) => (await row.locator(selector).count()) > 0 ? (await row.locator(selector).innerText()) : undefined;
    lines.push(`${await part('.mark')} ${await part('.check-title')} ${await part('.check-points')}`);
    const message = await part('.check-message');
    if (message !== undefined) lines.push(message);
  }
  lines.push(await box.locator('.score-line').innerText());
  return lines.map((line) => line.replace(/\s+/g, ' ').trim());
}

/** The CLI's checklist of `result`, spaces collapsed, colour left out. */
function cliChecklist(result: LabResult, lang: 'en' | 'zh-cn'): string[] {
  return formatChecklist(result, labHereStrings(lang).targetName, lang)
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim());
}

async function storedProgress(page: Page): Promise<ProgressFile> {
  const text = await page.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(PROGRESS_KEY)})`);
  return progressFromJson(JSON.parse(text ?? 'null'), () => []) ?? { version: 1, labs: {} };
}

/** Presses Check and waits until the run has ended (the button is back). */
async function check(page: Page): Promise<void> {
  await page.locator('lab-here .lab-here-check').click();
  await page.locator('lab-here .lab-here-check:not([disabled])').waitFor({ timeout: 15_000 });
}

describe.skipIf(!browser.available && !browser.mustFail)('"Do this lab here" running checks (fixture worker)', () => {
  const live = useLabHereSite();

  it('shows the CLI\'s checklist, the stuck line, counted hints, progress and the trace, in English', async () => {
    const { page, errors } = await freshPage(live, `${live.site.url}/labs/${LAB.id}/`);
    await openLabPanel(page);
    await appendToEditor(page, PASS_TWO);
    await check(page);
    const result = fixtureResult(LAB.definition, PASS_TWO) as LabResult;
    expect(await panelChecklist(page)).toEqual(cliChecklist(result, 'en'));
    expect(await page.locator('lab-here .checks li.failed .mark').first().getAttribute('aria-label')).toBe('failed');

    const first = LAB.definition.checks.find((item) => !PASS_TWO.includes(item.id))!;
    expect(await page.locator('lab-here .stuck-line').innerText()).toBe(`${cliMessage('stuck', { title: first.title.en }).texts.en} Show a hint below reveals one.`);

    // The run is recorded as `workshop check` records it, and the next hint is hints.ts's.
    let progress = await storedProgress(page);
    const entry = progress.labs[LAB.id]!;
    expect(entry).toMatchObject({ bestScore: result.score, maxScore: result.maxScore, hintsRevealed: [] });
    const state = hintState(LAB.definition, entry);
    const hint = page.locator('lab-here .lab-here-hint');
    expect(await hint.innerText()).toBe(`Show a hint (1 of ${state.relevant.length})`);
    await hint.click();
    expect(await page.locator('lab-here .hint').innerText()).toBe(`${cliMessage('hintHead', { shown: 1, total: state.relevant.length, number: '01', title: state.next!.checkTitle.en }).texts.en} ${state.next!.text.en}`);
    expect(await hint.innerText()).toBe(`Show a hint (2 of ${state.relevant.length})`);
    progress = await storedProgress(page);
    expect(progress.labs[LAB.id]!.hintsRevealed).toEqual([state.next!.id]);
    expect(await page.locator('lab-here .lab-here-progress .points').innerText()).toBe(`Best: ${result.score} of ${result.maxScore} points (${Math.round((100 * result.score) / result.maxScore)}%)`);
    expect(await page.locator('lab-here .lab-here-progress .meta').innerText()).toContain('Hints revealed: 1');

    // What the check did, drawn by the event-flow view from the runner's trace.
    const event = page.locator('lab-here .lab-here-trace event-flow .flow-event[data-event-id="fixture-event-1"]');
    await event.waitFor();
    expect(await event.locator('.rule.matched').getAttribute('data-rule')).toBe('fixture-rule');

    // A reload keeps the hint revealed; every check passing leaves nothing to hint.
    await page.reload();
    await openLabPanel(page);
    expect(await page.locator('lab-here .hint').count()).toBe(1);
    await appendToEditor(page, PASS_ALL);
    await check(page);
    expect(await page.locator('lab-here .score-line').innerText()).toBe('Score 10/10: 4 of 4 checks passed in 1.2 s');
    expect(await page.locator('lab-here .stuck-line').count()).toBe(0);
    expect(await page.locator('lab-here .hint-status').innerText()).toBe('Every check passed: nothing is left to hint.');
    expect(await page.locator('lab-here .lab-here-progress .points').innerText()).toBe('Best: 10 of 10 points (100%)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the checklist and the hints in Chinese on the Chinese page', async () => {
    const { page, errors } = await freshPage(live, `${live.site.url}/zh-cn/labs/${LAB.id}/`);
    expect(await page.locator('lab-here .lab-here-open').innerText()).toBe('在本页完成这个实验');
    await openLabPanel(page);
    expect(await page.locator('lab-here .cm-content').getAttribute('aria-label')).toBe('handler.ts 的编辑器');
    await appendToEditor(page, PASS_TWO);
    await check(page);
    const result = fixtureResult(LAB.definition, PASS_TWO) as LabResult;
    const lines = await panelChecklist(page);
    expect(lines).toEqual(cliChecklist(result, 'zh-cn'));
    expect(lines[0]).toBe('实验 01：你的第一个订单处理函数（目标环境 本页中的模拟器，种子 42）');
    expect(lines.at(-1)).toBe('得分 4/10：4 项检查通过了 2 项，用时 1.2 秒');
    const first = LAB.definition.checks.find((item) => !PASS_TWO.includes(item.id))!;
    expect(await page.locator('lab-here .stuck-line').innerText()).toBe(`卡在“${first.title['zh-cn']}”了吗？点击下面的“显示提示”可以看到一条提示。`);
    expect(await page.locator('lab-here .lab-here-hint').innerText()).toBe('显示提示（第 1 条，共 4 条）');
    await page.locator('lab-here .lab-here-hint').click();
    expect(await page.locator('lab-here .hint').innerText()).toContain(`实验 01 的第 1 条提示（共 4 条），检查项“${first.title['zh-cn']}”：`);
    expect(await page.locator('lab-here .lab-here-progress .points').innerText()).toBe('最佳：4 / 10 分（40%）');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Stop ends a run that never answers, and the page stays usable; the next Check starts a fresh worker', async () => {
    const { page, errors } = await freshPage(live, `${live.site.url}/labs/${LAB.id}/`);
    const opened = live.workerRequests.length;
    await openLabPanel(page);
    await appendToEditor(page, '// fixture:hang');
    // The panel started its worker as it opened.
    await expect.poll(() => live.workerRequests.length, { timeout: 10_000 }).toBe(opened + 1);
    const workers = live.workerRequests.length;
    await page.locator('lab-here .lab-here-check').click();
    const stop = page.locator('lab-here .lab-here-stop');
    await stop.waitFor({ state: 'visible' });
    expect(await page.locator('lab-here .lab-here-check').isDisabled()).toBe(true);
    expect(await page.locator('lab-here .lab-here-panel').getAttribute('aria-busy')).toBe('true');
    await page.locator('lab-here .lab-here-busy', { hasText: 'fixture: running for ever…' }).waitFor();
    // The worker spins; the page does not.
    expect(await page.evaluate<number>('1 + 1')).toBe(2);
    await stop.click();
    expect(await page.locator('lab-here .lab-here-message').innerText()).toBe('The check was stopped. Press Check to run it again.');
    expect(await stop.isHidden()).toBe(true);
    expect(await page.locator('lab-here .lab-here-panel').getAttribute('aria-busy')).toBe('false');

    await page.locator('lab-here .cm-content').click();
    await page.keyboard.press('Control+z');
    await appendToEditor(page, PASS_TWO);
    await check(page);
    expect(await page.locator('lab-here .score-line').innerText()).toContain('Score 4/10');
    // Stopped, the worker ended; the next Check started a fresh one.
    expect(live.workerRequests.length).toBe(workers + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says in plain words when the worker answers with an error, and when it crashes', async () => {
    const { page, errors } = await freshPage(live, `${live.site.url}/labs/${LAB.id}/`);
    await openLabPanel(page);
    await appendToEditor(page, '// fixture:error');
    await check(page);
    expect(await page.locator('lab-here .lab-here-message.error').innerText()).toBe('The check could not finish: fixture: handler.ts:3:1: Unexpected "}" Fix what it names and press Check again.');
    expect(await page.locator('lab-here .cm-editor').count()).toBe(1);

    // The fixture looks for a crash before an error: the marker added wins.
    await appendToEditor(page, '// fixture:crash');
    await check(page);
    const message = await page.locator('lab-here .lab-here-message.error').innerText();
    expect(message).toMatch(/^The checks could not run in this page \(.*fixture: the worker crashed.*\)\. Reload the page and press Check again/);
    expect(message).toContain('npx workshop check 01');
    expect(await page.locator('lab-here .lab-here-check').isDisabled()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
