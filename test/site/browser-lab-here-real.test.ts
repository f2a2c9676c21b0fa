/**
 * Lab 01 done in its lesson page, end to end, with the real lab worker the site's build ships
 * (/_lab/): the built site served from disk, no network. The starter fails; the solution, pasted
 * into the editor, gets full points; a reload keeps the files; a handler that never returns times
 * out as on Lambda while the page stays responsive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { serveBuiltSite, type RunningStaticSite } from '../../src/site/static-server.ts';
import { browserAvailability, launchBrowser, type TestBrowser } from './support/browser.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);
const SOLUTION = readFileSync(join(KIT_ROOT, 'solutions', '01-first-handler', 'handler.ts'), 'utf8');
const STUCK = "export async function handleOrder(): Promise<never> {\n  for (;;) {}\n}\n";

/** Replaces the file in the editor as a paste would. */
async function paste(page: Page, text: string): Promise<void> {
  await page.locator('lab-here .cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

/** Presses Check and waits for the run to end; answers the score line. */
async function check(page: Page, timeout = 60_000): Promise<string> {
  await page.locator('lab-here .lab-here-check').click();
  await page.locator('lab-here .lab-here-check:not([disabled])').waitFor({ timeout });
  return page.locator('lab-here .lab-here-checklist .score-line').innerText();
}

describe.skipIf(!browser.available && !browser.mustFail)('lab 01 in its page, with the real lab worker', () => {
  let site: RunningStaticSite;
  let chromium: TestBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    if (!browser.available) throw new Error(browser.reason);
    [site, chromium] = await Promise.all([serveBuiltSite({ root: inject('siteDist'), port: 0 }), launchBrowser()]);
    ({ page, errors } = await chromium.page());
    await page.goto(`${site.url}/labs/01-first-handler/`);
    await page.locator('lab-here .lab-here-open').click();
    await page.locator('lab-here .cm-editor').waitFor({ timeout: 15_000 });
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await site?.stop();
  });

  it('fails the starter, each check with its reason', async () => {
    expect(await check(page)).toMatch(/^Score 0\/10/);
    const failed = page.locator('lab-here .lab-here-checklist .checks li.failed');
    expect(await failed.count()).toBe(4);
    expect(await failed.first().locator('.check-message').innerText()).toMatch(/totalCents for order ord-1000 .*expected 3000/);
  }, 90_000);

  it('gives the solution, pasted into the editor, full points; a reload keeps it', async () => {
    await paste(page, SOLUTION);
    expect(await check(page)).toMatch(/^Score 10\/10/);
    expect(await page.locator('lab-here .lab-here-checklist .checks li.passed').count()).toBe(4);
    await page.reload();
    await page.locator('lab-here .lab-here-open').click();
    await page.locator('lab-here .cm-editor').waitFor({ timeout: 15_000 });
    expect(await page.locator('lab-here .cm-content').innerText()).toContain('class ValidationError');
    expect(await check(page)).toMatch(/^Score 10\/10/);
  }, 120_000);

  it('times out a handler that never returns, as Lambda does, while the page keeps running', async () => {
    await paste(page, STUCK);
    await page.evaluate('window.ticks = 0; window.ticker = setInterval(() => window.ticks++, 100)');
    const score = await check(page, 120_000);
    expect(score).toMatch(/^Score 0\/10/);
    expect(await page.locator('lab-here .lab-here-checklist').innerText()).toMatch(/Task timed out after \d+\.\d\d seconds/);
    // Ten ticks a second while the checks ran: the page's own thread was never held up.
    expect(await page.evaluate<number>('window.ticks')).toBeGreaterThan(20);
    expect(errors).toEqual([]);
  }, 150_000);
});
