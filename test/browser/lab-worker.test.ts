/**
 * Lab 01 checked in a browser page by the lab worker the lab pages load (src/browser/lab-worker.ts,
 * bundled as the site's build bundles it): the kit's own grader, the page's emulator and Lambda,
 * no network. The solution gets full points; the starter fails with the words `workshop check`
 * prints for the same seed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabResult } from '../../src/core/check-results.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { findLab } from '../../src/core/labs.ts';
import { writePristineStarters } from '../../src/core/starters.ts';
import { askLabWorker, serveLabRunner, type LabRunnerPage } from '../../src/browser/lab-runner-page.ts';
import { runCli } from '../support/cli.ts';
import { browserAvailability, launchBrowser, type TestBrowser } from '../site/support/browser.ts';

const LAB = '01-first-handler';
const SEED = 7;
// Request ids are the one thing two runs never share.
const anyId = (text: string | undefined) => text?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<request id>');

const browser = browserAvailability();
if (!browser.available) console.warn(`lab worker browser tests: ${browser.reason}`);

describe.skipIf(!browser.available && !browser.mustFail)('the lab worker in a browser page', () => {
  const folder = mkdtempSync(join(tmpdir(), 'lab-worker-'));
  let site: LabRunnerPage;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    if (!browser.available) throw new Error(browser.reason);
    [site, chromium] = await Promise.all([serveLabRunner(), launchBrowser()]);
    ({ page } = await chromium.page());
    await page.goto(site.url);
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await site?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const check = async (labDir: string): Promise<LabResult> => {
    const files = { 'handler.ts': readFileSync(join(labDir, 'handler.ts'), 'utf8') };
    const answer = await askLabWorker(page, { kind: 'check', labId: LAB, files, lang: 'en', seed: SEED });
    if (answer.kind !== 'result') throw new Error(`the lab worker answered ${JSON.stringify(answer)}`);
    return answer.result;
  };

  it("gives lab 01's solution full points", async () => {
    const result = await check(join(KIT_ROOT, 'solutions', LAB));
    expect(result.checks.filter((item) => !item.passed).map((item) => `${item.id}: ${item.message}`)).toEqual([]);
    expect(result.score).toBe(result.maxScore);
  }, 60_000);

  it("fails lab 01's starter with workshop check's words for the same seed", async () => {
    // The kit's starter, not labs/ as it is: a learner who solved lab 01 still gets a green npm test.
    const dir = writePristineStarters(join(folder, 'starter'), [findLab(LAB)]);
    const [result, cli] = await Promise.all([check(join(dir, LAB)), runCli(['check', '01', '--json', '--seed', String(SEED), '--dir', dir], { timeoutMs: 60_000 })]);
    const expected = (JSON.parse(cli.stdout) as { tests: Array<{ name: string; status: string; message?: string }> }).tests;
    expect(result.checks.map((item) => ({ name: item.id, status: item.passed ? 'pass' : 'fail', message: anyId(item.message) })))
      .toEqual(expected.map((item) => ({ name: item.name, status: item.status, message: anyId(item.message) })));
    expect(result.score).toBe(0);
  }, 60_000);
});
