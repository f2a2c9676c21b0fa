/**
 * The browser test page of the page emulator: bundled with bundleForPage into a temporary folder
 * (the test page, its lab worker and the Lambda environment script), served from
 * disk by the kit's static server, and driven in Chromium one worker step at a time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { bundleForPage } from '../../src/browser/bundle.ts';
import { serveBuiltSite, type RunningStaticSite } from '../../src/site/static-server.ts';

const fixture = (file: string) => fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url));

/** The built test page, served. */
export interface TestPage {
  site: RunningStaticSite;
  folder: string;
  url: string;
  stop(): Promise<void>;
}

/** The entry points of the test page: name -> file. */
export const TEST_ENTRIES = {
  'page-main': fixture('page-main.ts'),
  'page-worker': fixture('page-worker.ts'),
  'lambda-environment': fileURLToPath(new URL('../../src/browser/lambda/environment-worker.ts', import.meta.url)),
};

/** Bundles and serves the test page. */
export async function buildTestPage(): Promise<TestPage> {
  const folder = mkdtempSync(join(tmpdir(), 'page-emulator-'));
  await bundleForPage({ entryPoints: TEST_ENTRIES, outdir: folder, splitting: true });
  writeFileSync(join(folder, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>page emulator</title><link rel="icon" href="data:,"></head><body><script type="module" src="./page-main.js"></script></body></html>');
  const site = await serveBuiltSite({ root: folder, port: 0 });
  return {
    site,
    folder,
    url: `${site.url}/index.html`,
    async stop() {
      await site.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Runs one step of the lab worker (fixtures/page-worker.ts) and returns its result. */
export function step<T = any>(page: Page, name: string, args?: unknown): Promise<T> {
  return page.evaluate(([stepName, stepArgs]) => (globalThis as unknown as { step(name: string, args: unknown): Promise<T> }).step(stepName, stepArgs), [name, args] as const) as Promise<T>;
}
