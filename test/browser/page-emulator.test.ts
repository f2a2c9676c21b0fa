/**
 * The emulator and Lambda inside a browser page, through the real SDK clients in the lab worker:
 * SQS, DynamoDB, Lambda functions bundled in the page from TypeScript and run in Worker
 * environments (logs, errors, timeouts), the page's own SDK calls over a MessagePort, and state
 * that survives a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailability, launchBrowser, type TestBrowser } from '../site/support/browser.ts';
import { buildTestPage, step, type TestPage } from './support.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`page emulator browser tests: ${browser.reason}`);

const GREETER = `import { randomUUID } from 'node:crypto';
import { greeting } from './words.ts';

interface Order { name: string }

export const handler = async (event: Order, context: { functionName: string; awsRequestId: string; getRemainingTimeInMillis(): number }) => {
  console.log('greeting', event.name);
  console.warn('second line');
  return {
    text: greeting(event.name),
    id: randomUUID().length,
    functionName: context.functionName,
    requestId: context.awsRequestId,
    left: context.getRemainingTimeInMillis(),
    stage: process.env.STAGE,
    bytes: Buffer.from(event.name).toString('base64'),
  };
};
`;
const WORDS = "export const greeting = (name: string): string => `Hello, ${name}!`;\n";

describe.skipIf(!browser.available && !browser.mustFail)('the emulator in a browser page', () => {
  let testPage: TestPage;
  let chromium: TestBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    if (!browser.available) throw new Error(browser.reason);
    [testPage, chromium] = await Promise.all([buildTestPage(), launchBrowser()]);
    ({ page, errors } = await chromium.page());
    await page.goto(testPage.url);
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await testPage?.stop();
  });

  it('answers SQS calls: a queue created, a message sent and received', async () => {
    const { queueUrl, bodies } = await step(page, 'queue', { name: 'orders', body: 'order 1 placed' });
    expect(queueUrl).toBe('http://127.0.0.1:4566/000000000000/orders');
    expect(bodies).toEqual(['order 1 placed']);
    // The page's own thread reaches the worker's emulator over a MessagePort.
    expect(await page.evaluate(() => (globalThis as unknown as { listQueuesFromPage(): Promise<string[]> }).listQueuesFromPage())).toContain(queueUrl);
  });

  it('keeps a DynamoDB table and item', async () => {
    const { item } = await step(page, 'table', { name: 'Orders', id: 'o-1', total: 42 });
    expect(item).toEqual({ id: { S: 'o-1' }, total: { N: '42' } });
  });

  it('says in its health answer which services a page leaves out', async () => {
    const health = await step(page, 'health');
    expect(health.services).toMatchObject({ sqs: 'running', lambda: 'running', dynamodb: 'running', stepfunctions: 'running', cloudformation: 'disabled' });
    expect(health.page.notAvailable.cloudformation).toContain('npm start');
  });

  it('runs a TypeScript handler bundled in the page: payload, context, environment and the log tail', async () => {
    const deployed = await step(page, 'deploy', { name: 'greeter', files: { 'handler.ts': GREETER, 'words.ts': WORDS }, file: 'handler.ts', environment: { STAGE: 'page' } });
    expect(deployed.zipBytes).toBeGreaterThan(100);
    const cold = await step(page, 'invoke', { name: 'greeter', payload: { name: 'Ada' } });
    expect(cold.functionError).toBeNull();
    const result = JSON.parse(cold.payload);
    expect(result).toMatchObject({ text: 'Hello, Ada!', id: 36, functionName: 'greeter', stage: 'page', bytes: 'QWRh' });
    expect(result.left).toBeGreaterThan(0);
    expect(result.left).toBeLessThanOrEqual(3000);
    const lines = cold.log.split('\n');
    expect(lines[0]).toBe(`START RequestId: ${result.requestId} Version: $LATEST`);
    expect(lines[1]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${result.requestId}\\tINFO\\tgreeting Ada$`));
    expect(lines[2]).toMatch(/\tWARN\tsecond line$/);
    expect(lines[3]).toBe(`END RequestId: ${result.requestId}`);
    expect(lines[4]).toMatch(new RegExp(`^REPORT RequestId: ${result.requestId}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: [\\d.]+ ms\\t$`));
    // The second call reuses the warm environment: no Init Duration.
    const warm = await step(page, 'invoke', { name: 'greeter', payload: { name: 'Bo' } });
    expect(JSON.parse(warm.payload).text).toBe('Hello, Bo!');
    expect(warm.log).toMatch(/REPORT RequestId: [^\t]+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t\n$/);
  });

  it('reports a handler that throws with Lambda\'s errorType and errorMessage', async () => {
    await step(page, 'deploy', { name: 'thrower', files: { 'fail.ts': "export async function handler() {\n  throw new RangeError('the order total is missing');\n}\n" }, file: 'fail.ts' });
    const answer = await step(page, 'invoke', { name: 'thrower', payload: {} });
    expect(answer.functionError).toBe('Unhandled');
    expect(JSON.parse(answer.payload)).toMatchObject({ errorType: 'RangeError', errorMessage: 'the order total is missing' });
    expect(answer.log).toMatch(/\tERROR\tInvoke Error \t\{"errorType":"RangeError","errorMessage":"the order total is missing"/);
  });

  it('refuses an import of a Node.js built-in the page does not have, as an init error', async () => {
    await step(page, 'deploy', { name: 'spawner', files: { 'spawn.ts': "import { spawnSync } from 'node:child_process';\nexport const handler = async () => spawnSync('ls').status;\n" }, file: 'spawn.ts' });
    const answer = await step(page, 'invoke', { name: 'spawner', payload: {} });
    expect(answer.functionError).toBe('Unhandled');
    expect(JSON.parse(answer.payload).errorMessage).toContain('Cannot load node:child_process in the browser page');
    expect(answer.log).toMatch(/INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error/);
  });

  it('refuses a Python function when it is created: the page runs Node.js only, Python runs with the kit on a machine', async () => {
    const refused = await step(page, 'deployError', { name: 'snake', python: 'def handler(event, context):\n    return 1\n' });
    expect(refused.name).toBe('InvalidParameterValueException');
    expect(refused.error).toContain('The runtime python3.12 cannot run in the browser page, which runs Node.js functions only');
    expect(refused.error).toContain('Use a nodejs runtime here, or run the lab with the kit on your machine (`npm start`), where Python functions run.');
    // Installing Python would not help in a page.
    expect(refused.error).not.toContain('Install Python');
  });

  it('ends a handler stuck in a loop at its timeout while the page keeps running, and the next call gets a new environment', async () => {
    const code = "let calls = 0;\nexport const handler = async (event: { spin: boolean }) => {\n  calls += 1;\n  if (event.spin) while (true) {}\n  return { calls };\n};\n";
    await step(page, 'deploy', { name: 'spinner', files: { 'spin.ts': code }, file: 'spin.ts', timeout: 1 });
    await step(page, 'invoke', { name: 'spinner', payload: { spin: false } });
    const ticks = () => page.evaluate(() => (globalThis as unknown as { ticks: number }).ticks);
    const before = await ticks();
    const answer = await step(page, 'invoke', { name: 'spinner', payload: { spin: true } });
    const after = await ticks();
    expect(answer.functionError).toBe('Unhandled');
    const payload = JSON.parse(answer.payload);
    expect(payload.errorType).toBe('Sandbox.Timedout');
    expect(payload.errorMessage).toMatch(/^RequestId: [0-9a-f-]+ Error: Task timed out after 1\.00 seconds$/);
    expect(answer.log).toMatch(/Task timed out after 1\.00 seconds\n/);
    expect(answer.log).toMatch(/\tStatus: timeout\t\n$/);
    // A 50 ms timer of the page fired all along the second the function spun.
    expect(after - before).toBeGreaterThanOrEqual(10);
    const next = await step(page, 'invoke', { name: 'spinner', payload: { spin: false } });
    // A new environment: its module state starts again, and it is a cold start.
    expect(JSON.parse(next.payload)).toEqual({ calls: 1 });
    expect(next.log).toContain('Init Duration');
  });

  it('bundles with deploy\'s confinement and messages', async () => {
    const leaving = await step(page, 'bundleError', { files: { 'h.ts': "import secret from '../solution.ts';\nexport const handler = secret;\n", '../solution.ts': 'export default 1;\n' }, file: 'h.ts' });
    expect(leaving.code).toBe('BUNDLE_FAILED');
    expect(leaving.error).toContain('import "../solution.ts" leaves the lab folder');
    const missing = await step(page, 'bundleError', { files: { 'h.ts': 'export const other = 1;\n' }, file: 'h.ts' });
    expect(missing).toMatchObject({ code: 'HANDLER_NOT_EXPORTED' });
    expect(missing.error).toContain('h.ts');
  });

  it('keeps its state across a reload (IndexedDB)', async () => {
    await step(page, 'flush');
    await page.reload();
    expect(await step(page, 'queueUrl', { name: 'orders' })).toEqual({ queueUrl: 'http://127.0.0.1:4566/000000000000/orders' });
    expect((await step(page, 'item', { name: 'Orders', id: 'o-1' })).item).toEqual({ id: { S: 'o-1' }, total: { N: '42' } });
    const again = await step(page, 'invoke', { name: 'greeter', payload: { name: 'Cy' } });
    expect(JSON.parse(again.payload).text).toBe('Hello, Cy!');
    expect(errors).toEqual([]);
  });
});
