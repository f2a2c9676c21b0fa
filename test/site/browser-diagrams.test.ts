/**
 * The lesson diagrams in a real browser: every lesson, in both languages, in the dark and the light
 * theme, at a 390 px phone and a 1280 px desktop. Each diagram is screenshot into
 * test-output/screenshots/diagrams/, and measured: no text overlaps another, leaves its box or the
 * picture, or is drawn smaller than 10 px on the phone; the picture is an image with a title and a
 * description; its colours follow the theme. The cost calculator's chart is held to the same
 * measure on the phone. `npm test` measures both themes on the phone and the dark theme on the
 * desktop, without screenshots; `npm run test:full` measures and screenshots all four.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OUTPUT } from './global-setup.ts';
import { browserAvailability, launchBrowser, type TestBrowser } from './support/browser.ts';
import { htmlPages } from './support/links.ts';
import { measureDiagrams, measureTexts } from './support/diagram-geometry.ts';
import { serveBuiltSite, type RunningStaticSite } from '../../src/site/static-server.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);

const FULL = process.env.WORKSHOP_TEST_FULL === '1';
const WIDTHS = [390, 1280] as const;
const THEMES = ['dark', 'light'] as const;
/** The theme and width pairs measured: the light desktop adds nothing the others miss but a screenshot. */
const VIEWS = THEMES.flatMap((theme) => WIDTHS.map((width) => ({ theme, width }))).filter((view) => FULL || view.theme === 'dark' || view.width === 390);
/** Smallest text a phone reader is asked to read, in CSS pixels. */
const PHONE_MIN_PX = 10;
const SHOTS = join(OUTPUT, 'screenshots', 'diagrams');

describe.skipIf(!browser.available && !browser.mustFail)('the lesson diagrams in a real browser', () => {
  const dist = inject('siteDist');
  const lessons = htmlPages(dist)
    .filter((page) => /^lessons\/\d\d-[^/]+\/index\.html$/.test(page))
    .map((page) => `/${page.replace(/index\.html$/, '')}`);
  let site: RunningStaticSite;
  let chromium: TestBrowser;

  beforeAll(async () => {
    if (!browser.available) throw new Error(browser.reason);
    site = await serveBuiltSite({ root: dist, port: 0 });
    chromium = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await chromium?.close();
    await site?.stop();
  });

  /** Opens `path` at `width` in `theme`, as Starlight's theme select would have stored it. */
  async function open(path: string, width: number, theme: string): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await chromium.page();
    await page.setViewportSize({ width, height: 900 });
    await page.addInitScript(`localStorage.setItem('starlight-theme', ${JSON.stringify(theme)})`);
    const answer = await page.goto(`${site.url}${path}`);
    expect(answer?.status()).toBe(200);
    expect(await page.getAttribute('html', 'data-theme')).toBe(theme);
    return { page, errors };
  }

  it('finds the twelve lessons in the build', () => {
    expect(lessons).toHaveLength(12);
  });

  for (let index = 1; index <= 12; index++) {
    const number = String(index).padStart(2, '0');
    it(`draws lesson ${number}'s diagrams readably in both languages, both themes, on a phone and a desktop`, async () => {
      const path = lessons.find((lesson) => lesson.startsWith(`/lessons/${number}-`));
      expect(path, `lesson ${number} is missing from the build`).toBeDefined();
      for (const prefix of ['', '/zh-cn']) {
        const fills: Record<string, string> = {};
        for (const { theme, width } of VIEWS) {
          const { page, errors } = await open(`${prefix}${path}`, width, theme);
          const reports = await measureDiagrams(page);
          expect(reports.length, `${prefix}${path} has no diagram`).toBeGreaterThan(0);
          for (const report of reports) {
            const where = `${prefix}${path} ${report.id} at ${width} px, ${theme}`;
            expect(report.role, where).toBe('img');
            expect(report.titles.length, where).toBe(2);
            for (const title of report.titles) expect(title.trim(), where).not.toBe('');
            expect(report.problems, where).toEqual([]);
            if (width === 390) expect(report.smallestPx, where).toBeGreaterThanOrEqual(PHONE_MIN_PX);
            for (const link of report.links) expect(link, where).toMatch(prefix === '' ? /^\/labs\/#/ : /^\/zh-cn\/labs\/#/);
            fills[`${theme}:${report.id}`] = report.textFill;
            expect(report.textFill, `${where}: text in the page's background colour`).not.toBe(report.pageBackground);
            const name = `${prefix.replace('/', '') || 'en'}-${number}-${report.id}-${width}-${theme}`;
            if (FULL) await page.locator(`figure[data-diagram="${report.id}"]`).screenshot({ path: join(SHOTS, `${name}.png`) });
          }
          expect(errors).toEqual([]);
          await page.close();
        }
        // The colours come from Starlight's theme variables, so the two themes draw differently.
        for (const key of Object.keys(fills).filter((key) => key.startsWith('dark:'))) {
          expect(fills[key], `${prefix}${path} ${key} has the same text colour in both themes`).not.toBe(fills[key.replace('dark:', 'light:')]);
        }
      }
    });
  }

  it("keeps the cost calculator's chart labels at a readable size on a phone", async () => {
    const path = lessons.find((lesson) => lesson.startsWith('/lessons/10-'))!;
    for (const prefix of ['', '/zh-cn']) {
      for (const width of WIDTHS) {
        const { page, errors } = await open(`${prefix}${path}`, width, 'dark');
        await page.waitForFunction("document.querySelector('cost-calculator svg polyline.lambda') !== null");
        const chart = await measureTexts(page, 'cost-calculator svg');
        const where = `${prefix}${path} cost chart at ${width} px`;
        expect(chart.texts, where).toBeGreaterThan(4);
        expect(chart.problems, where).toEqual([]);
        expect(chart.smallestPx, where).toBeGreaterThanOrEqual(PHONE_MIN_PX);
        await page.locator('cost-calculator svg').screenshot({ path: join(SHOTS, `${prefix.replace('/', '') || 'en'}-cost-chart-${width}.png`) });
        expect(errors).toEqual([]);
        await page.close();
      }
    }
  });
});
