/**
 * The learner worker in a browser page (src/browser/learner/): the page's LearnerProcess keeps the
 * grader sandbox's contract. A call returns plain data, an SDK client passed as an argument and
 * one the module builds itself both reach the page's emulator in the run's account, an error
 * keeps its name and message, and a call past its time limit fails with the Node version's words,
 * the calls in flight with it, while the next call gets a fresh worker.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForPage } from '../../src/browser/bundle.ts';
import { contextMessage } from '../../src/core/grader/context-messages.ts';
import { serveBuiltSite, type RunningStaticSite } from '../../src/site/static-server.ts';
import { browserAvailability, launchBrowser, type TestBrowser } from '../site/support/browser.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`learner worker browser tests: ${browser.reason}`);

const MODULE = `import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { shout } from './words.ts';

// Built from the environment, as a learner's module builds its clients.
const own = new SQSClient({});
let calls = 0;

export const echo = async (input: { name: string; bytes: Uint8Array }) => ({ text: shout(input.name), size: input.bytes.length, region: process.env.AWS_REGION, when: new Date(0), skipped: () => 1 });
export async function createQueue(sqs: SQSClient, name: string): Promise<string | undefined> {
  return (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl;
}
export async function ownQueues(): Promise<string[]> {
  return (await own.send(new ListQueuesCommand({}))).QueueUrls ?? [];
}
export async function refuse(): Promise<never> {
  const error = new Error('order 42 is over the limit');
  error.name = 'OrderRejected';
  throw error;
}
export const count = async () => ++calls;
export const hang = () => new Promise(() => {});
export const slow = () => new Promise((resolve) => setTimeout(() => resolve('late'), 4000));
`;
const FILES = {
  'module.ts': MODULE,
  'words.ts': 'export const shout = (name: string): string => `${name.toUpperCase()}!`;\n',
  'escape.ts': "export { KIT } from '../../../kit/secret.ts';\n",
  '/kit/secret.ts': 'export const KIT = () => "the kit\'s own file";\n',
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>learner worker</title><link rel="icon" href="data:,">
<script>
  const worker = new Worker('./learner-host.js', { type: 'module' });
  const waiting = new Map();
  let next = 0;
  const ready = new Promise((resolve) => worker.addEventListener('message', ({ data }) => {
    if (data.ready) return resolve();
    const entry = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.error) entry.reject(new Error(data.error)); else entry.resolve(data.result);
  }));
  window.step = async (step, args) => { await ready; return new Promise((resolve, reject) => { const id = ++next; waiting.set(id, { resolve, reject }); worker.postMessage({ id, step, args }); }); };
</script>`;

describe.skipIf(!browser.available && !browser.mustFail)('the learner worker in a browser page', () => {
  const folder = mkdtempSync(join(tmpdir(), 'learner-worker-'));
  let site: RunningStaticSite;
  let chromium: TestBrowser;
  let page: Page;
  const step = (name: string, args?: unknown): Promise<any> =>
    page.evaluate(([stepName, stepArgs]) => (globalThis as unknown as { step(name: string, args: unknown): Promise<unknown> }).step(stepName, stepArgs), [name, args] as const);

  beforeAll(async () => {
    if (!browser.available) throw new Error(browser.reason);
    const entries = {
      'learner-host': fileURLToPath(new URL('./fixtures/learner-host.ts', import.meta.url)),
      'learner-worker': fileURLToPath(new URL('../../src/browser/learner/learner-worker.ts', import.meta.url)),
    };
    // Minified, as the site serves it: class names are not what the source calls them.
    await bundleForPage({ entryPoints: entries, outdir: folder, splitting: true });
    writeFileSync(join(folder, 'index.html'), PAGE);
    [site, chromium] = await Promise.all([serveBuiltSite({ root: folder, port: 0 }), launchBrowser()]);
    ({ page } = await chromium.page());
    await page.goto(`${site.url}/index.html`);
    await step('files', { files: FILES });
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await site?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers a call with plain data: values, bytes, dates, the run region; functions left out', async () => {
    const answer = await step('call', { file: 'module.ts', exportName: 'echo', args: [{ name: 'ada', bytes: [1, 2, 3] }] });
    expect(answer).toEqual({ ok: true, value: { text: 'ADA!', size: 3, region: 'eu-west-1', when: new Date(0) } });
  }, 20_000);

  it("uses an SDK client passed as an argument, and one the module builds, in the run's account", async () => {
    const created = await step('call', { file: 'module.ts', exportName: 'createQueue', args: ['$sqs', 'learner-orders'] });
    expect(created.ok, created.message).toBe(true);
    expect(created.value).toMatch(/123456789012\/learner-orders$/);
    expect(await step('queues')).toContain(created.value);
    expect(await step('call', { file: 'module.ts', exportName: 'ownQueues' })).toEqual({ ok: true, value: [created.value] });
  }, 20_000);

  it("keeps a thrown error's name and message, and says which export is missing as Node does", async () => {
    expect(await step('call', { file: 'module.ts', exportName: 'refuse' })).toEqual({ ok: false, name: 'OrderRejected', message: 'order 42 is over the limit' });
    expect(await step('call', { file: 'module.ts', exportName: 'absent' })).toEqual({ ok: false, name: 'NotExported', message: 'absent is not exported by module.ts' });
  }, 20_000);

  it('refuses a module that imports from outside its lab folder', async () => {
    const answer = await step('call', { file: 'escape.ts', exportName: 'KIT' });
    expect(answer.ok).toBe(false);
    expect(answer.message).toMatch(/leaves the lab folder/);
  }, 20_000);

  it('stops a call past its time limit with the Node words, fails the call in flight, and the next call gets a fresh worker', async () => {
    expect(await step('call', { file: 'module.ts', exportName: 'count' })).toEqual({ ok: true, value: 1 });
    expect(await step('call', { file: 'module.ts', exportName: 'count' })).toEqual({ ok: true, value: 2 });
    const [hung, inFlight] = await step('together', {
      calls: [
        { file: 'module.ts', exportName: 'hang', limits: { timeoutMs: 1000, memoryMb: 64 } },
        { file: 'module.ts', exportName: 'slow', limits: { timeoutMs: 10_000, memoryMb: 64 } },
      ],
    });
    expect(hung).toEqual({ ok: false, name: 'LearnerStopped', message: contextMessage('timedOut', { exportName: 'hang', seconds: 1 }).texts.en });
    expect(inFlight).toEqual({ ok: false, name: 'LearnerStopped', message: contextMessage('stoppedBySignal', { exportName: 'slow', signal: 'SIGKILL', memory: '', tail: '' }).texts.en });
    // A fresh worker: the module loads again, its state with it, as in a new process.
    expect(await step('call', { file: 'module.ts', exportName: 'count' })).toEqual({ ok: true, value: 1 });
  }, 20_000);

  it('exports the names src/core/grader/sandbox.ts exports, which the lab bundle puts it in place of', async () => {
    const [node, pageVersion] = await Promise.all([import('../../src/core/grader/sandbox.ts'), import('../../src/browser/learner/page-sandbox.ts')]);
    expect(Object.keys(pageVersion).filter((name) => name !== 'serveLearners').sort()).toEqual(Object.keys(node).sort());
    expect(pageVersion.DEFAULT_LIMITS).toEqual(node.DEFAULT_LIMITS);
  });
});
