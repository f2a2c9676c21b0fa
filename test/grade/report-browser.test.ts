/**
 * report.html in a real browser (Debian's Chromium through playwright-core, never downloaded), in
 * both languages: reasons readable on screen, by keyboard and in print; grid headers not clipped;
 * a narrow touch screen scrolls the grid, not the page; and no accessibility violation axe-core
 * finds (WCAG 2 A and AA rules). Screenshots go to test-output/grade-report/screenshots.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import type { Language } from '../../src/core/i18n/language.ts';
import { reportHtml } from '../../src/grade/reports/html.ts';
import { browserAvailability, launchBrowser, screenshot, type TestBrowser } from '../site/support/browser.ts';
import { FAILING, LAB1, LABS, REASON, cohort } from './support/cohort-fixture.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`report browser tests: ${browser.reason}`);
const OUTPUT = join(KIT_ROOT, 'test-output', 'grade-report');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Writes the fixture cohort's report in `lang` and returns its URL. */
function reportFile(lang: Language): string {
  mkdirSync(OUTPUT, { recursive: true });
  const file = join(OUTPUT, `report.${lang}.html`);
  writeFileSync(file, reportHtml(cohort(), LABS, { seed: 3, target: 'emulator', generatedAt: new Date('2026-11-30T12:00:00Z'), lang }));
  return pathToFileURL(file).href;
}

/** axe-core's violations of WCAG 2 A and AA on the page, as "rule: target" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate<Array<{ id: string; nodes: Array<{ target: string[] }> }>>(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((result) => result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target })) })))",
  );
  return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

describe.skipIf(!browser.available && !browser.mustFail)('report.html in Chromium', () => {
  let chromium: TestBrowser;
  beforeAll(async () => {
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  for (const lang of ['en', 'zh-cn'] as const) {
    it(`shows every reason on screen, by keyboard and in print, with headers whole (${lang})`, async () => {
      const { page, errors } = await chromium.page();
      await page.goto(reportFile(lang));
      await screenshot(page, OUTPUT, `report-${lang}`);
      const row = page.locator(`#r-cy-${LAB1.id}-${FAILING.id}`);
      await expect.poll(() => row.innerText()).toContain(REASON[lang]);

      // Keyboard: Tab reaches the grid's cell for cy's failed check, Enter follows it to the reason.
      const cell = page.locator(`a[href="#r-cy-${LAB1.id}-${FAILING.id}"]`);
      let focused = false;
      for (let step = 0; step < 200 && !focused; step++) {
        await page.keyboard.press('Tab');
        focused = (await page.evaluate<string | null>("document.activeElement?.getAttribute('href') ?? null")) === `#r-cy-${LAB1.id}-${FAILING.id}`;
      }
      expect(focused, 'the cell is reachable with Tab').toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate<string>('location.hash')).toBe(`#r-cy-${LAB1.id}-${FAILING.id}`);
      expect(await row.isVisible()).toBe(true);

      // Every rotated header shows its whole text inside its cell.
      const clipped = await page.evaluate<string[]>(`[...document.querySelectorAll('th.rot')].filter((th) => {
        const cell = th.getBoundingClientRect(), text = th.querySelector('a').getBoundingClientRect();
        return text.top < cell.top - 0.5 || text.bottom > cell.bottom + 0.5 || text.left < cell.left - 0.5 || text.right > cell.right + 0.5 || th.scrollHeight > th.clientHeight + 1;
      }).map((th) => th.textContent)`);
      expect(clipped).toEqual([]);

      await page.emulateMedia({ media: 'print' });
      expect(await row.isVisible()).toBe(true);
      expect(await row.innerText()).toContain(REASON[lang]);
      expect(await cell.innerText()).toBe('✗');
      await screenshot(page, OUTPUT, `report-${lang}-print`);
      await page.emulateMedia({ media: 'screen' });

      // A phone: the grid scrolls in its own box, the page does not widen.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(1);
      await page.screenshot({ path: join(OUTPUT, 'screenshots', `report-${lang}-phone.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`has no accessibility violation axe-core finds (${lang})`, async () => {
      const { page } = await chromium.page();
      await page.goto(reportFile(lang));
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
