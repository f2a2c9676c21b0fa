/**
 * Lab 07 checked in a browser page by the lab worker the lab pages load: its grader's payment
 * provider is a node:http server, which in the page listens on the page's loopback network, and
 * the learner's function reaches it with fetch from its Lambda environment Worker. The solution
 * gets full points; the starter fails with the words `workshop check` prints for the same seed.
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

const LAB = '07-payments-retries';
const SEED = 11;
// Request ids, the run's resource prefix and made-up ports are the things two runs never share.
const anyId = (text: string | undefined) => text?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<request id>').replace(/\bws[0-9a-f]{6}-/g, '<run>-').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');

const browser = browserAvailability();
if (!browser.available) console.warn(`lab 07 page browser tests: ${browser.reason}`);

describe.skipIf(!browser.available && !browser.mustFail)('lab 07 in a browser page', () => {
  const folder = mkdtempSync(join(tmpdir(), 'lab07-page-'));
  let site: LabRunnerPage;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    if (!browser.available) throw new Error(browser.reason);
    [site, chromium] = await Promise.all([serveLabRunner(), launchBrowser()]);
    ({ page } = await chromium.page());
    await page.goto(site.url);
  }, 90_000);
  afterAll(async () => {
    await chromium?.close();
    await site?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const check = async (labDir: string): Promise<LabResult> => {
    const files = Object.fromEntries(findLab(LAB).definition.files.map((file) => [file, readFileSync(join(labDir, file), 'utf8')]));
    const answer = await askLabWorker(page, { kind: 'check', labId: LAB, files, lang: 'en', seed: SEED });
    if (answer.kind !== 'result') throw new Error(`the lab worker answered ${JSON.stringify(answer)}`);
    return answer.result;
  };

  it("gives lab 07's solution full points: the function charged the grader's in-page provider", async () => {
    const result = await check(join(KIT_ROOT, 'solutions', LAB));
    expect(result.checks.filter((item) => !item.passed).map((item) => `${item.id}: ${item.message}`)).toEqual([]);
    expect(result.score).toBe(result.maxScore);
  }, 120_000);

  it("fails lab 07's starter with workshop check's words for the same seed", async () => {
    const dir = writePristineStarters(join(folder, 'starter'), [findLab(LAB)]);
    const [result, cli] = await Promise.all([check(join(dir, LAB)), runCli(['check', '07', '--json', '--seed', String(SEED), '--dir', dir], { timeoutMs: 120_000 })]);
    const expected = (JSON.parse(cli.stdout) as { tests: Array<{ name: string; status: string; message?: string }> }).tests;
    expect(result.checks.map((item) => ({ name: item.id, status: item.passed ? 'pass' : 'fail', message: anyId(item.message) })))
      .toEqual(expected.map((item) => ({ name: item.name, status: item.status, message: anyId(item.message) })));
    expect(result.score).toBe(0);
  }, 150_000);
});
