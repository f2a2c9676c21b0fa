/**
 * The lab runner on a bare page, for driving the lab worker from Node through a real browser:
 * the lab runner built into a temporary folder with a page that starts the worker, served from
 * disk, and `askLabWorker` sending one request and reading its answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { serveBuiltSite } from '../site/static-server.ts';
import { bundleLabRunner } from './lab-bundle.ts';
import type { RunnerAnswer, RunnerAsk } from './lab-protocol.ts';

const PAGE = `<!doctype html><meta charset="utf-8"><title>lab worker</title><link rel="icon" href="data:,">
<script>
  const worker = new Worker('/_lab/lab-worker.js', { type: 'module' });
  const waiting = new Map();
  let next = 1;
  worker.onmessage = ({ data }) => { if (data.id !== undefined) waiting.get(data.id)?.(data); };
  window.ask = (request) => new Promise((resolve) => { const id = next++; waiting.set(id, resolve); worker.postMessage({ ...request, id }); });
</script>`;

/** A served lab runner page. */
export interface LabRunnerPage {
  url: string;
  stop(): Promise<void>;
}

/** Builds the lab runner with its page into a temporary folder and serves it on 127.0.0.1. */
export async function serveLabRunner(): Promise<LabRunnerPage> {
  const folder = mkdtempSync(join(tmpdir(), 'lab-runner-'));
  await bundleLabRunner(join(folder, '_lab'));
  writeFileSync(join(folder, 'index.html'), PAGE);
  const site = await serveBuiltSite({ root: folder, port: 0 });
  return {
    url: `${site.url}/index.html`,
    async stop() {
      await site.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Sends one request to the lab worker of a page opened at {@link LabRunnerPage.url} and resolves with its answer. */
export function askLabWorker(page: Page, request: RunnerAsk): Promise<RunnerAnswer> {
  return page.evaluate((sent) => (globalThis as unknown as { ask(request: unknown): Promise<RunnerAnswer> }).ask(sent), request);
}
