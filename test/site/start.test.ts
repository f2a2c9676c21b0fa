import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { siteFingerprint } from '../../src/site/fingerprint.ts';
import { CLI_ENTRY } from '../support/cli.ts';
import { eventually } from '../support/eventually.ts';
import { browserAvailability, launchBrowser, waitForText } from './support/browser.ts';

const browser = browserAvailability();
// The learner's folder: where `npm start` runs, with their progress (one hint revealed).
const work = mkdtempSync(join(tmpdir(), 'start-site-'));
const siteDir = join(work, 'site-build');
mkdirSync(join(work, '.workshop'), { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, '.workshop', 'progress.json'), JSON.stringify({
  version: 1,
  labs: { '01-first-handler': { bestScore: 0, maxScore: 10, checksPassed: [], hintsRevealed: ['shape-of-answer'], lastRun: undefined, lastResult: undefined } },
}));

/** `workshop start` as a learner's shell runs it, with the site kept in a folder of the test's own. */
function start(): { child: ChildProcess; output: () => string; exited: Promise<number | null>; startedAt: number } {
  // None of the test runner's own variables (NODE_ENV=test changes how Astro builds), except the
  // DEV=1, MODE=test and others Vitest sets: a learner's shell may hold such names too, and the
  // build must still be a production one (with search).
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')));
  const startedAt = performance.now();
  const child = spawn(process.execPath, [CLI_ENTRY, 'start', '--port', '0', '--site-port', '0', '--state', join(work, 'state')], {
    cwd: work,
    env: { ...env, NO_COLOR: '1', WORKSHOP_SITE_DIR: siteDir },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited, startedAt };
}

describe('npm start (workshop start)', () => {
  let first: ReturnType<typeof start>;
  let site: string;
  let emulator: string;
  let firstMs: number;

  beforeAll(async () => {
    first = start();
    site = await eventually(() => /Lessons at (http:\/\/\S+)/.exec(first.output())?.[1], 180_000, 100).catch((error: Error) => {
      throw new Error(`${error.message}\n${first.output()}`);
    });
    firstMs = Math.round(performance.now() - first.startedAt);
    emulator = /listening on (http:\/\/\S+)/.exec(first.output())![1]!;
  }, 200_000);
  afterAll(() => {
    if (first?.child.exitCode === null) first.child.kill('SIGTERM');
  });

  it('builds the lesson site on the first start, saying so, and serves the build beside the emulator', async () => {
    const output = first.output();
    expect(output).toContain('Building the lesson site (first start only)...');
    expect(output).toContain('4/4 indexing the pages for search...');
    // The emulator answered before the build began; the site's address comes once it is built.
    expect(output.indexOf('listening on')).toBeLessThan(output.indexOf('Building the lesson site'));
    expect(output.indexOf('Lesson site built in')).toBeLessThan(output.indexOf('Lessons at'));
    expect((await fetch(`${emulator}/_localstack/health`)).status).toBe(200);
    const page = await fetch(`${site}/labs/01-first-handler/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Your first order handler');
    // A built page, not Astro's dev server: no dev toolbar, no Vite client, the kit's address written in.
    expect(html).not.toMatch(/dev-toolbar|@vite\/client/);
    expect(html).toContain(`<meta name="workshop-emulator" content="${emulator}">`);
    expect((await fetch(`${site}/pagefind/pagefind.js`)).status).toBe(200);
  });

  it.skipIf(!browser.available && !browser.mustFail)('has working search, no dev toolbar, and live parts that find the kit on their own', async () => {
    if (!browser.available) throw new Error(browser.reason);
    const chromium = await launchBrowser();
    try {
      const { page, errors } = await chromium.page();
      await page.goto(`${site}/labs/01-first-handler/`);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('astro-dev-toolbar').count()).toBe(0);
      await page.click('site-search button[data-open-modal]');
      expect(await page.locator('#starlight__search').textContent()).not.toContain('only available in production');
      await page.locator('#starlight__search input').fill('DynamoDB');
      const result = await waitForText(page, '#starlight__search .pagefind-ui__result-link', 'DynamoDB', 15_000);
      expect(result).not.toBe('');
      await page.keyboard.press('Escape');
      // The hint revealed in progress.json shows; the others stay hidden. No ?emulator= needed.
      expect(await waitForText(page, 'lab-checks .hint', 'Return an object with exactly three fields')).toContain('Hint 1');
      expect(await page.locator('lab-checks .hint').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await chromium.close();
    }
  });

  it('reuses the build on the next start', async () => {
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const sources = { kitRoot: KIT_ROOT, siteRoot: join(KIT_ROOT, 'site') };
    for (let attempt = 1; ; attempt += 1) {
      const record = readFileSync(join(siteDir, 'build.json'), 'utf8');
      const second = start();
      try {
        const url = await eventually(() => /Lessons at (http:\/\/\S+)/.exec(second.output())?.[1], 120_000, 50);
        const secondMs = Math.round(performance.now() - second.startedAt);
        // In a working tree others edit meanwhile, a changed source rightly means a rebuild: start again.
        if ((JSON.parse(record) as { fingerprint: string }).fingerprint !== siteFingerprint(sources) && attempt < 4) continue;
        console.log(`npm start: first start ${firstMs} ms (with the site's build), next start ${secondMs} ms (build reused)`);
        expect(second.output()).not.toMatch(/Building the lesson site|rebuilding/);
        // The build and its fingerprint are the first start's, untouched.
        expect(readFileSync(join(siteDir, 'build.json'), 'utf8')).toBe(record);
        expect((await fetch(`${url}/labs/01-first-handler/`)).status).toBe(200);
        // Reusing means no Astro at all: the kit's own start-up plus a fingerprint, far below a build.
        expect(secondMs).toBeLessThan(Math.max(10_000, firstMs / 2));
        return;
      } finally {
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      }
    }
  }, 300_000);
});

describe('npm start when the lesson site cannot be built', () => {
  it('keeps the emulator running and says what to do', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')));
    // A folder that cannot be made: /dev/null is a file.
    const child = spawn(process.execPath, [CLI_ENTRY, 'start', '--port', '0', '--site-port', '0', '--state', join(work, 'state-unbuilt')], {
      cwd: work,
      env: { ...env, NO_COLOR: '1', WORKSHOP_SITE_DIR: '/dev/null/site' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await eventually(() => output.includes('Press Ctrl-C to stop.'), 30_000, 50);
      expect(output).toMatch(/the lesson site could not start \(its build needs the folder \/dev\/null\/site.*WORKSHOP_SITE_DIR.*`npm start` again\); the emulator keeps running/);
      const emulator = /listening on (http:\/\/\S+)/.exec(output)![1]!;
      expect((await fetch(`${emulator}/_localstack/health`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
