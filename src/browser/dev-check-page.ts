/**
 * The browser pass of `workshop dev check`: the same proof (starter fails, solution gets full
 * points, each mutant fails its check) for each lab the page runs, graded in a real Chromium by
 * the lab worker the lab pages load, from the built lab runner served from disk.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proofFolders, proofRow, proofSeed, type DevCheckRow } from '../core/dev-check.ts';
import { coreMessage } from '../core/core-messages.ts';
import { inLanguage } from '../core/i18n/texts.ts';
import type { Lab } from '../core/labs.ts';
import { askLabWorker, serveLabRunner } from './lab-runner-page.ts';
import { runsInPage } from './page-labs.ts';

/** Debian's Chromium, the browser the kit's tests and this pass use. */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser pass cannot run here, or undefined when it can. */
export async function browserPassUnavailable(): Promise<string | undefined> {
  if (!existsSync(CHROMIUM)) return inLanguage(coreMessage('devNoBrowser', { path: CHROMIUM }));
  try {
    await import('playwright-core');
    return undefined;
  } catch {
    return inLanguage(coreMessage('devNoPlaywright'));
  }
}

/** Runs the browser pass for the labs of `labs` that the page runs; `onRow` hears each row. */
export async function devCheckInPage(labs: Lab[], onRow: (row: DevCheckRow) => void = () => {}): Promise<DevCheckRow[]> {
  const pageLabs = labs.filter((lab) => runsInPage(lab.id));
  const rows: DevCheckRow[] = [];
  if (pageLabs.length === 0) return rows;
  const { chromium } = await import('playwright-core');
  const work = mkdtempSync(join(tmpdir(), 'dev-check-page-'));
  const site = await serveLabRunner();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    for (const lab of pageLabs) {
      const { mutants, labDirs } = proofFolders(lab, work);
      for (const [run, labDir] of labDirs.entries()) {
        const files = Object.fromEntries(lab.definition.files.map((file) => [file, readFileSync(join(labDir, file), 'utf8')]));
        const started = performance.now();
        const answer = await askLabWorker(page, { kind: 'check', labId: lab.id, files, lang: 'en', seed: proofSeed(lab) });
        if (answer.kind !== 'result') throw new Error(`the lab worker could not check ${lab.id}: ${answer.kind === 'error' ? answer.message : answer.kind}`);
        const row = proofRow(lab, mutants, run, answer.result);
        // How long the page took to grade it: what a learner waits for a check there.
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const shown = { ...row, variant: inLanguage(coreMessage('devInPage', { variant: row.variant })), detail: `${row.detail} (${seconds} s)` };
        rows.push(shown);
        onRow(shown);
      }
    }
  } finally {
    await browser.close();
    await site.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
