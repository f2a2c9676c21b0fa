/**
 * Lab 01 checked in a browser page by the lab worker the lab pages load (src/browser/lab-worker.ts,
 * bundled as the site's build bundles it): the kit's own grader, the page's emulator and Lambda,
 * no network. The solution gets full points; the starter fails with the words `workshop check`
 * prints for the same seed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabResult } from '../../src/core/check-results.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { bundleLabRunner } from '../../src/browser/lab-bundle.ts';
import { serveBuiltSite, type RunningStaticSite } from '../../src/site/static-server.ts';
import { runCli } from '../support/cli.ts';
import { browserAvailability, launchBrowser, type TestBrowser } from '../site/support/browser.ts';

const LAB = '01-first-handler';
const SEED = 7;
// Request ids are the one thing two runs never share.
const anyId = (text: string | undefined) => text?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<request id>');

const browser = browserAvailability();
if (!browser.available) console.warn(`lab worker browser tests: ${browser.reason}`);

const PAGE = `<!doctype html><meta charset="utf-8"><title>lab worker</title><link rel="icon" href="data:,">
<script>
  const worker = new Worker('/_lab/lab-worker.js', { type: 'module' });
  const waiting = new Map();
  let next = 1;
  worker.onmessage = ({ data }) => { if (data.id !== undefined) waiting.get(data.id)?.(data); };
  window.ask = (request) => new Promise((resolve) => { const id = next++; waiting.set(id, resolve); worker.postMessage({ ...request, id }); });
</script>`;

describe.skipIf(!browser.available && !browser.mustFail)('the lab worker in a browser page', () => {
  const folder = mkdtempSync(join(tmpdir(), 'lab-worker-'));
  let site: RunningStaticSite;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    if (!browser.available) throw new Error(browser.reason);
    await bundleLabRunner(join(folder, 'site', '_lab'));
    writeFileSync(join(folder, 'site', 'index.html'), PAGE);
    [site, chromium] = await Promise.all([serveBuiltSite({ root: join(folder, 'site'), port: 0 }), launchBrowser()]);
    ({ page } = await chromium.page());
    await page.goto(`${site.url}/index.html`);
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await site?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const check = async (source: 'solutions' | 'labs'): Promise<LabResult> => {
    const files = { 'handler.ts': readFileSync(join(KIT_ROOT, source, LAB, 'handler.ts'), 'utf8') };
    const answer = await page.evaluate(([labId, sent, seed]) => (globalThis as unknown as { ask(request: unknown): Promise<any> }).ask({ kind: 'check', labId, files: sent, lang: 'en', seed }), [LAB, files, SEED] as const);
    expect(answer.kind, answer.message).toBe('result');
    return answer.result as LabResult;
  };

  it("gives lab 01's solution full points", async () => {
    const result = await check('solutions');
    expect(result.checks.filter((item) => !item.passed).map((item) => `${item.id}: ${item.message}`)).toEqual([]);
    expect(result.score).toBe(result.maxScore);
  }, 60_000);

  it("fails lab 01's starter with workshop check's words for the same seed", async () => {
    const dir = join(folder, 'starter');
    cpSync(join(KIT_ROOT, 'labs', LAB), join(dir, LAB), { recursive: true });
    const [result, cli] = await Promise.all([check('labs'), runCli(['check', '01', '--json', '--seed', String(SEED), '--dir', dir], { timeoutMs: 60_000 })]);
    const expected = (JSON.parse(cli.stdout) as { tests: Array<{ name: string; status: string; message?: string }> }).tests;
    expect(result.checks.map((item) => ({ name: item.id, status: item.passed ? 'pass' : 'fail', message: anyId(item.message) })))
      .toEqual(expected.map((item) => ({ name: item.name, status: item.status, message: anyId(item.message) })));
    expect(result.score).toBe(0);
  }, 60_000);
});
