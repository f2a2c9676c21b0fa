/**
 * The lab worker's fetch to the emulator (src/browser/grader/page-fetch.ts) in a real browser: a
 * grader's CORS preflight reaches the emulator with the Origin and Access-Control-Request-*
 * headers it set, which a browser's own Request would drop.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForPage } from '../../src/browser/bundle.ts';
import { serveBuiltSite, type RunningStaticSite } from '../../src/site/static-server.ts';
import { browserAvailability, launchBrowser, type TestBrowser } from '../site/support/browser.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`page fetch browser tests: ${browser.reason}`);

describe.skipIf(!browser.available && !browser.mustFail)("the lab worker's fetch to the emulator", () => {
  const folder = mkdtempSync(join(tmpdir(), 'page-fetch-'));
  let site: RunningStaticSite;
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    if (!browser.available) throw new Error(browser.reason);
    await bundleForPage({ entryPoints: { 'page-fetch-main': fileURLToPath(new URL('./fixtures/page-fetch-main.ts', import.meta.url)) }, outdir: folder });
    writeFileSync(join(folder, 'index.html'), '<!doctype html><meta charset="utf-8"><title>page fetch</title><link rel="icon" href="data:,"><script type="module" src="./page-fetch-main.js"></script>');
    [site, chromium] = await Promise.all([serveBuiltSite({ root: folder, port: 0 }), launchBrowser()]);
    ({ page } = await chromium.page());
    await page.goto(`${site.url}/index.html`);
    await page.waitForFunction(() => 'preflight' in globalThis);
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await site?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('passes on the Origin and Access-Control-Request-* headers of a CORS preflight', async () => {
    const answer = await page.evaluate((origin) => (globalThis as unknown as { preflight(origin: string): Promise<any> }).preflight(origin), 'https://shop.example');
    expect(answer.sent.method).toBe('OPTIONS');
    expect(answer.sent.headers).toMatchObject({ host: '127.0.0.1:4566', origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
    expect(answer.allowOrigin).toBe('https://shop.example');
  }, 20_000);
});
