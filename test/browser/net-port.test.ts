/**
 * The page's loopback network across threads in a real browser (src/browser/net/net-port.ts): a
 * Worker's fetch, as a Lambda environment's, reaches a node:http server of the page's thread,
 * fails as Node's fetch fails for a port nothing listens on and for another host (never reaching
 * the network), and an aborted fetch closes the server's response.
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
if (!browser.available) console.warn(`net port browser tests: ${browser.reason}`);
const fixture = (file: string) => fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url));

describe.skipIf(!browser.available && !browser.mustFail)("a Worker's fetch on the page's loopback network", () => {
  const folder = mkdtempSync(join(tmpdir(), 'net-port-'));
  let site: RunningStaticSite;
  let chromium: TestBrowser;
  let page: Page;
  const requests: string[] = [];
  const fetchFromWorker = (url: string, init: Record<string, unknown> = {}) =>
    page.evaluate(([to, options]) => (globalThis as unknown as { fetchFromWorker(url: string, init: unknown): Promise<any> }).fetchFromWorker(to, options), [url, init] as const);

  beforeAll(async () => {
    if (!browser.available) throw new Error(browser.reason);
    await bundleForPage({ entryPoints: { 'net-main': fixture('net-main.ts'), 'net-env': fixture('net-env.ts') }, outdir: folder });
    writeFileSync(join(folder, 'index.html'), '<!doctype html><meta charset="utf-8"><title>net port</title><link rel="icon" href="data:,"><script type="module" src="./net-main.js"></script>');
    [site, chromium] = await Promise.all([serveBuiltSite({ root: folder, port: 0 }), launchBrowser()]);
    ({ page } = await chromium.page());
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => console.warn('page error', error));
    await page.goto(`${site.url}/index.html`);
    await page.waitForFunction(() => 'fetchFromWorker' in globalThis);
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await site?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("reaches the page's node:http server on its made-up port", async () => {
    const port = await page.evaluate(() => (globalThis as unknown as { port: number }).port);
    const answer = await fetchFromWorker(`http://127.0.0.1:${port}/charges?a=1`, { method: 'POST', body: '{"orderId":"o-1"}' });
    expect(answer).toEqual({ status: 201, type: 'application/json', body: JSON.stringify({ method: 'POST', url: '/charges?a=1', body: '{"orderId":"o-1"}' }) });
  }, 20_000);

  it("fails for a port nothing listens on and for another host as Node's fetch does, without a request leaving the page", async () => {
    const port = await page.evaluate(() => (globalThis as unknown as { port: number }).port);
    const before = requests.length;
    expect(await fetchFromWorker(`http://127.0.0.1:${port + 1}/charges`)).toEqual({ error: { name: 'TypeError', message: 'fetch failed', cause: { message: `connect ECONNREFUSED 127.0.0.1:${port + 1}`, code: 'ECONNREFUSED', syscall: 'connect' } } });
    const other = await fetchFromWorker(`${site.url}/index.html`);
    expect(other.error).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
    const remote = await fetchFromWorker('https://payments.example.com/charges');
    expect(remote.error).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'ENOTFOUND', syscall: 'getaddrinfo' } });
    expect(requests.slice(before)).toEqual([]);
  }, 20_000);

  it('gives up on a slow answer with the timeout, and the server sees its response close', async () => {
    const port = await page.evaluate(() => (globalThis as unknown as { port: number }).port);
    expect(await fetchFromWorker(`http://127.0.0.1:${port}/slow`, { timeoutMs: 100 })).toMatchObject({ error: { name: 'TimeoutError' } });
    await page.waitForFunction(() => (globalThis as unknown as { closedUrls: string[] }).closedUrls.includes('/slow'), undefined, { timeout: 1000 });
  }, 20_000);
});
