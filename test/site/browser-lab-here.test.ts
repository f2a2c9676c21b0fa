/**
 * "Do this lab here" in a real browser, before any check runs: the button loads nothing heavy
 * until pressed; the editor holds the starter with its TODO lines marked; edits survive a reload
 * and Reset brings the starter back; Download gives the files; a progress file goes in and out
 * in the CLI's format; the panel passes axe-core's WCAG A/AA rules. Plus what the build holds:
 * the note on labs the page cannot run, the home pages' line, and no solution anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { findLab, listLabs } from '../../src/core/labs.ts';
import { progressFromJson } from '../../src/core/progress-data.ts';
import { fullHintSequence } from '../../src/core/hints.ts';
import { starterContent } from '../../src/core/starters.ts';
import { PAGE_LABS, runsInPage } from '../../src/browser/page-labs.ts';
import { labHereStrings } from '../../site/src/components/strings-lab-here.ts';
import { browserAvailability } from './support/browser.ts';
import { pageJs } from './support/page-js.ts';
import { appendToEditor, editorText, freshPage, openLabPanel, useLabHereSite } from './fixtures/lab-here-support.ts';
import { SAMPLE_PROGRESS } from './fixtures/progress-sample.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** A starter file as the kit ships it (what the site builds in, whatever labs/ holds now). */
const starter = (lab: string, file: string) => starterContent(findLab(lab.slice(0, 2)), file).toString('utf8');
const LAB01 = '01-first-handler';
// A lab of two files, opened on lab 01's page (see openLabPanel) while its own page has no button.
const LAB03 = '03-orders-table';

const PROGRESS = {
  ...SAMPLE_PROGRESS,
  labs: { ...SAMPLE_PROGRESS.labs, '02-deploy-with-sdk': { bestScore: 2, maxScore: 10, checksPassed: [], hintsRevealed: [], lastRun: '2026-11-24T10:00:00.000Z' } },
};

/** The text of every file under `dir` whose name matches `names`. */
function builtTexts(dir: string, names = /\.(js|html|css|json)$/): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && names.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

/** The bytes of a download `click` starts. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [started] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: started.suggestedFilename(), bytes: readFileSync(await started.path()) };
}

describe("the panel's strings", () => {
  const en = labHereStrings('en');
  const zh = labHereStrings('zh-cn');
  const text = (value: unknown) => (typeof value === 'string' ? value : Object.values(value as Record<string, string>).join('\n'));
  const placeholders = (value: unknown) => [...new Set(text(value).match(/\{\w+\}/g) ?? [])].sort();

  it('have every key in both languages, with the same placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
  });

  it('use Chinese punctuation in Chinese prose', () => {
    const prose = (value: string) => value.replace(/`[^`]*`/g, '').replace(/\{\w+\}/g, '').replace(/"[^"]*"/g, '');
    const ascii = Object.entries(zh).filter(([, value]) => /[():;,!?](?=\s|$)|[()]/.test(prose(text(value))));
    expect(ascii.map(([key]) => key)).toEqual([]);
  });
});

describe.skipIf(!browser.available && !browser.mustFail)('"Do this lab here" before a check', () => {
  const dist = inject('siteDist');
  const live = useLabHereSite();

  it('loads only the button\'s script until it is pressed, then the editor by dynamic import', async () => {
    const { page, errors } = await live.chromium.page();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${live.site.url}/labs/${LAB01}/`);
    await page.waitForLoadState('networkidle');
    const before = [...scripts];
    const upFront = pageJs(dist, join('labs', LAB01, 'index.html'));
    const bytes = (paths: string[]) => paths.reduce((sum, path) => sum + readFileSync(join(dist, path)).length, 0);
    // Starlight's search loads its UI when the browser is idle, on every page alike; it is counted apart.
    const search = before.filter((path) => path.includes('/ui-core.'));
    const own = before.filter((path) => !search.includes(path));
    console.log(`lab 01 page JS before the press: ${upFront.raw} B raw, ${upFront.gzip} B gzip (the page's scripts and their static imports); requested: ${bytes(own)} B in ${own.length} scripts, plus Starlight's search UI ${bytes(search)} B`);
    expect(upFront.raw).toBeLessThan(30_000);
    expect(bytes(own)).toBeLessThan(30_000);
    expect(before.filter((path) => path.includes('/panel.'))).toEqual([]);
    expect(await page.locator('lab-here .cm-editor').count()).toBe(0);

    await openLabPanel(page);
    const after = scripts.slice(before.length);
    console.log(`scripts requested: ${before.length} before the press, ${after.length} more after it`);
    expect(after.some((path) => path.includes('/panel.'))).toBe(true);
    // The starters (site/src/generated/lab-starters.json) come with the panel, not with the page.
    expect(before.some((path) => path.includes('/lab-starters.'))).toBe(false);
    expect(after.some((path) => path.includes('/lab-starters.'))).toBe(true);
    // The worker starts with the panel, so its emulator and esbuild are ready by the first Check.
    await expect.poll(() => live.workerRequests.length, { timeout: 10_000 }).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the starter with line numbers and its TODO lines marked, and undoes an edit', async () => {
    const { page, errors } = await freshPage(live, `${live.site.url}/labs/${LAB01}/`);
    await openLabPanel(page);
    const text = starter(LAB01, 'handler.ts');
    expect(await editorText(page)).toBe(text);
    const todo = text.split('\n').filter((line) => /\bTODO\b/.test(line));
    expect(todo.length).toBeGreaterThan(0);
    expect(await page.locator('lab-here .lab-here-status').textContent()).toContain(`${todo.length} lines marked TODO`);
    const marked = await page.locator('lab-here .cm-todo-line').allTextContents();
    expect(marked.length).toBeGreaterThan(0);
    for (const line of marked) expect(todo).toContain(line);
    expect(await page.locator('lab-here .cm-todo-marker').count()).toBe(marked.length);
    expect(await page.locator('lab-here .cm-todo-marker').first().getAttribute('title')).toBe('TODO: this line needs your change');
    expect(await page.locator('lab-here .cm-lineNumbers').textContent()).toMatch(/1.*2.*3/s);

    await appendToEditor(page, 'const edited = true;');
    expect(await editorText(page)).toBe(`${text}\nconst edited = true;`);
    await page.keyboard.press('Control+z');
    expect(await editorText(page)).toBe(text);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps edits of every file over a reload, and Reset brings the starter back after a confirm', async () => {
    const { page, errors } = await freshPage(live, `${live.site.url}/labs/${LAB01}/`);
    await openLabPanel(page, LAB03);
    expect(await page.locator('lab-here [role=tab]').allTextContents()).toEqual(findLab('03').definition.files);
    await page.locator('lab-here [role=tab][data-file="store-order.ts"]').click();
    expect(await page.locator('lab-here [role=tab][data-file="store-order.ts"]').getAttribute('aria-selected')).toBe('true');
    await appendToEditor(page, '// kept over a reload');

    await page.reload();
    await openLabPanel(page, LAB03);
    expect(await editorText(page)).toBe(starter(LAB03, 'orders-table.ts'));
    await page.locator('lab-here [role=tab][data-file="store-order.ts"]').click();
    expect(await editorText(page)).toBe(`${starter(LAB03, 'store-order.ts')}\n// kept over a reload`);

    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.locator('lab-here .lab-here-reset').click();
    expect(await editorText(page)).toContain('// kept over a reload');
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('starter files');
      void dialog.accept();
    });
    await page.locator('lab-here .lab-here-reset').click();
    expect(await editorText(page)).toBe(starter(LAB03, 'store-order.ts'));
    expect(await page.locator('lab-here .lab-here-message').textContent()).toBe('The starter files are back.');

    await page.reload();
    await openLabPanel(page, LAB03);
    await page.locator('lab-here [role=tab][data-file="store-order.ts"]').click();
    expect(await editorText(page)).toBe(starter(LAB03, 'store-order.ts'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads the lab\'s files as a zip that unzips into labs/<id>/', async () => {
    const { page, errors } = await freshPage(live, `${live.site.url}/labs/${LAB01}/`);
    await openLabPanel(page, LAB03);
    await appendToEditor(page, '// my change');
    const zip = await download(page, () => page.locator('lab-here .lab-here-download').click());
    expect(zip.name).toBe(`${LAB03}.zip`);
    const files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(zip.bytes))).map(([name, bytes]) => [name, strFromU8(bytes)]));
    expect(files).toEqual({
      [`labs/${LAB03}/orders-table.ts`]: `${starter(LAB03, 'orders-table.ts')}\n// my change`,
      [`labs/${LAB03}/store-order.ts`]: starter(LAB03, 'store-order.ts'),
    });
    expect(await page.locator('lab-here .lab-here-message').textContent()).toContain(`labs/${LAB03}/`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('imports a progress file, shows it, exports it back in the CLI\'s format, and refuses what is not one', async () => {
    const { page, errors } = await freshPage(live, `${live.site.url}/labs/${LAB01}/`);
    await openLabPanel(page);
    const input = page.locator('lab-here input[type=file]');
    await input.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(PROGRESS)) });
    expect(await page.locator('lab-here .lab-here-message').textContent()).toBe('Progress read from progress.json.');
    expect(await page.locator('lab-here .lab-here-progress .points').textContent()).toBe('Best: 7 of 10 points (70%)');
    expect(await page.locator('lab-here .lab-here-progress .meta').textContent()).toContain('Hints revealed: 1');
    // Only the failing check's two hints count; the one shown was for a check since passed.
    expect(await page.locator('lab-here .lab-here-hint').textContent()).toBe('Show a hint (1 of 2)');

    const exported = await download(page, () => page.locator('lab-here .lab-here-export').click());
    expect(exported.name).toBe('progress.json');
    const order = (id: string) => (id === LAB01 ? fullHintSequence(findLab('01').definition).map((step) => step.id) : []);
    expect(JSON.parse(exported.bytes.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(progressFromJson(PROGRESS, order))));

    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not json {') });
    expect(await page.locator('lab-here .lab-here-message.error').textContent()).toBe('notes.txt is not a progress file (not valid JSON); choose the .workshop/progress.json of your copy of the kit.');
    await input.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"version":2}') });
    expect(await page.locator('lab-here .lab-here-message.error').textContent()).toContain('(unknown format)');
    // A refused file leaves the progress as it was.
    expect(await page.locator('lab-here .lab-here-progress .points').textContent()).toBe('Best: 7 of 10 points (70%)');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names every button and the editor, and passes axe-core\'s WCAG A and AA rules', async () => {
    const { page, errors } = await freshPage(live, `${live.site.url}/labs/${LAB01}/`);
    expect((await page.locator('lab-here .lab-here-open').textContent())?.trim()).toBe('Do this lab here');
    await openLabPanel(page);
    for (const name of await page.locator('lab-here button').evaluateAll((nodes) => nodes.map((node) => ((node as unknown as { innerText: string }).innerText || (node as unknown as { ariaLabel: string | null }).ariaLabel || '').trim()))) {
      expect(name).not.toBe('');
    }
    expect(await page.locator('lab-here .cm-content').getAttribute('aria-label')).toBe('Editor for handler.ts');
    expect(await page.locator('lab-here [role=tablist]').getAttribute('aria-label')).toBe('Files of the lab');
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate<string[]>(
      "axe.run('lab-here', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((result) => result.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + n.target.join(' '))))",
    );
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('points labs the page cannot check to the kit, in both languages, and gives the others the button', () => {
    expect(PAGE_LABS).toContain(LAB01);
    const labs = listLabs();
    expect(labs.some((lab) => !runsInPage(lab.id))).toBe(true);
    for (const prefix of ['', 'zh-cn']) {
      for (const lab of labs) {
        const html = readFileSync(join(dist, prefix, 'labs', lab.id, 'index.html'), 'utf8');
        if (runsInPage(lab.id)) {
          expect(html, `${prefix} ${lab.id}`).toContain(`<lab-here class="lab-here not-content" data-lab="${lab.id}"`);
        } else {
          expect(html, `${prefix} ${lab.id}`).not.toContain('<lab-here ');
          const note = /<p class="lab-here-cli[^"]*">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
          expect(note, `${prefix} ${lab.id}`).toContain(`<code>npx workshop check ${lab.number}</code>`);
          expect(note, `${prefix} ${lab.id}`).toContain(`<a href="${prefix ? '/zh-cn' : ''}/setup/">`);
        }
      }
    }
    expect(readFileSync(join(dist, 'zh-cn', 'labs', LAB01, 'index.html'), 'utf8')).toContain('在本页完成这个实验');
  });

  it('says on both home pages that the first labs need no install, with a link to lab 01', () => {
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(home).toContain('No install: do the first labs in this page.');
    expect(home).toContain(`href="/labs/${LAB01}/"`);
    const zh = readFileSync(join(dist, 'zh-cn', 'index.html'), 'utf8');
    expect(zh).toContain('无需安装');
    expect(zh).toContain(`href="/zh-cn/labs/${LAB01}/"`);
  });

  it('builds the starters into the site, and nothing from solutions/', () => {
    const built = builtTexts(join(dist, '_astro')).join('\n');
    // What the site may hold: every lab's files (a later lab's starter may hold an earlier lab's
    // answer) and the pages' own text. A solution line found in none of them can only come from solutions/.
    const allowed = [...builtTexts(join(KIT_ROOT, 'labs'), /\.(ts|yaml|md|json)$/), ...builtTexts(join(KIT_ROOT, 'site', 'src'), /\.(mdx?|ts|astro)$/)].join('\n');
    // Lines a JS string literal holds as they are (no double quote, backslash or template character to escape).
    const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter((line) => line.length > 30 && !/["\\`$]/.test(line));
    for (const lab of ['01-first-handler', '03-orders-table', '07-payments-retries']) {
      for (const file of findLab(lab.slice(0, 2)).definition.files) {
        // The same search finds the starter's TODO lines, so not finding a solution line means it is not there.
        const todo = lines(starter(lab, file)).filter((line) => line.includes('TODO'));
        expect(todo.length, `${lab}/${file}`).toBeGreaterThan(0);
        for (const line of todo) expect(built.includes(line), `${lab}/${file}: ${line}`).toBe(true);
        const solvedOnly = lines(readFileSync(join(KIT_ROOT, 'solutions', lab, file), 'utf8')).filter((line) => !allowed.includes(line));
        expect(solvedOnly.length, `${lab}/${file}`).toBeGreaterThan(0);
        for (const line of solvedOnly) expect(built.includes(line), `${lab}/${file}: ${line}`).toBe(false);
      }
    }
  });
});
