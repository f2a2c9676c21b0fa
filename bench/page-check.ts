/**
 * Checking a lab in the page (run with `node bench/page-check.ts [lab numbers...]`, lab 01 when
 * none is named; prints figures, asserts nothing): in Debian's Chromium, from sending the
 * solution to the lab worker to its full result, cold (a fresh worker, nothing cached but the
 * served files) and warm (the same worker, five runs), as the lab page's Check button does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../src/browser/dev-check-page.ts';
import { askLabWorker, serveLabRunner } from '../src/browser/lab-runner-page.ts';
import { findLab } from '../src/core/labs.ts';
import { percentile, report } from './stats.ts';

const WARM_RUNS = 5;
const numbers = process.argv.slice(2);
const labs = (numbers.length > 0 ? numbers : ['01']).map((number) => findLab(number));
const site = await serveLabRunner();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  console.log(`Check in the page: the solution, ${WARM_RUNS} warm runs after one cold, Chromium ${browser.version()}`);
  for (const lab of labs) {
    const files = Object.fromEntries(lab.definition.files.map((file) => [file, readFileSync(join(lab.solutionDir, file), 'utf8')]));
    const page = await browser.newPage();
    await page.goto(site.url);
    const once = async (): Promise<number> => {
      const started = performance.now();
      const answer = await askLabWorker(page, { kind: 'check', labId: lab.id, files, lang: 'en' });
      const ms = performance.now() - started;
      if (answer.kind !== 'result' || answer.result.score !== answer.result.maxScore) throw new Error(`lab ${lab.number}'s solution did not pass in the page: ${JSON.stringify(answer).slice(0, 400)}`);
      return ms;
    };
    report(`lab ${lab.number}: cold check (new worker, nothing loaded yet)`, await once(), 'ms', 'budget 3000 ms');
    const warm: number[] = [];
    for (let run = 0; run < WARM_RUNS; run++) warm.push(await once());
    report(`lab ${lab.number}: warm check, p50 of ${WARM_RUNS}`, percentile(warm, 50), 'ms', `budget 1000 ms; fastest ${Math.min(...warm).toFixed(0)} ms`);
    await page.close();
  }
} finally {
  await browser.close();
  await site.stop();
}
