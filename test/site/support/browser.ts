/**
 * Debian's Chromium driven by playwright-core, for the site's browser tests. No browser is ever
 * downloaded: the tests use /usr/bin/chromium (`apt-get install chromium`), skip with a visible
 * reason where it is missing, and fail in CI (CI=true), where .ci/run installs it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags that keep a test browser quiet: no sandbox (root in CI), no GPU, no calls home. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

/** Whether browser tests can run here, and if not, why (and whether that is a failure). */
export function browserAvailability(): { available: boolean; reason: string; mustFail: boolean } {
  if (existsSync(CHROMIUM)) return { available: true, reason: '', mustFail: false };
  const mustFail = process.env.CI === 'true';
  const install = 'install it with `apt-get install -y chromium` (.ci/run does)';
  return {
    available: false,
    reason: mustFail ? `${CHROMIUM} is missing and CI=true, so the site's browser tests fail; ${install}` : `${CHROMIUM} is missing, so the site's browser tests are skipped; ${install}`,
    mustFail,
  };
}

/** A browser with a fresh profile, and a way to close it and delete the profile. */
export interface TestBrowser {
  context: BrowserContext;
  /** A new page that records uncaught script errors in `errors`. */
  page(): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh `--user-data-dir`. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'workshop-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  return {
    context,
    async page() {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      return { page, errors };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under test-output/screenshots/. */
export async function screenshot(page: Page, outputDir: string, name: string): Promise<void> {
  const dir = join(outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  // A viewport as tall as the page, rather than `fullPage`, keeps Starlight's fixed header at the top.
  await page.evaluate('window.scrollTo(0, 0)');
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 10_000) });
  await page.screenshot({ path: join(dir, `${name}.png`) });
  await page.setViewportSize(size);
}

/** Waits until the first element matching `selector` contains `text`, and returns its text. */
export async function waitForText(page: Page, selector: string, text: string, timeout = 10_000): Promise<string> {
  // Written as a string: the project's TypeScript has no DOM types, and this runs in the page.
  const check = `[...document.querySelectorAll(${JSON.stringify(selector)})].some((node) => node.textContent.includes(${JSON.stringify(text)}))`;
  await page.waitForFunction(check, undefined, { timeout });
  return (await page.locator(selector).filter({ hasText: text }).first().textContent()) ?? '';
}
