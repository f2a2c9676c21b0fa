/**
 * The page's bundler (shims/esbuild.ts over src/browser/bundler/) under deploy.ts's own
 * bundleHandler gives what esbuild gives on a machine: the same zip layout, handlers that answer
 * the same events, and the same messages for a file that does not compile, an import that cannot
 * be found and a missing export. The page build swaps `esbuild` for the shim with a plugin
 * (bundle.ts); here the module registry does the same swap for a second copy of deploy.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleHandler as machineBundleHandler } from '../../src/core/deploy.ts';
import { KIT_ROOT } from '../../src/core/kit.ts';

type BundleHandler = typeof machineBundleHandler;
// Inside the kit, so a bundle that imports the SDK finds it in node_modules when it runs.
const dir = mkdtempSync(join(KIT_ROOT, 'node_modules', '.bundle-handler-'));
let pageBundleHandler: BundleHandler;
let pageBundleLearnerModule: (file: string, root: string) => Promise<string>;

beforeAll(async () => {
  vi.resetModules();
  vi.doMock('esbuild', () => import('../../src/browser/shims/esbuild.ts'));
  ({ bundleHandler: pageBundleHandler } = await import('../../src/core/deploy.ts'));
  ({ bundleLearnerModule: pageBundleLearnerModule } = await import('../../src/browser/learner/bundle-module.ts'));
  vi.doUnmock('esbuild');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let written = 0;
/** Writes `files` (paths may have folders) into a fresh lab folder and returns the path of the first. */
function lab(files: Record<string, string>): string {
  const folder = join(dir, `lab-${++written}`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, file)), { recursive: true });
    writeFileSync(join(folder, file), text);
  }
  return join(folder, Object.keys(files)[0]!);
}

/** Unzips a package, runs its index.mjs and calls its handler with each event. */
async function run(zip: Uint8Array, events: unknown[]): Promise<{ files: string[]; answers: unknown[] }> {
  const unzipped = unzipSync(zip);
  const file = join(dir, `run-${++written}.mjs`);
  writeFileSync(file, strFromU8(unzipped['index.mjs']!));
  const { handler } = (await import(pathToFileURL(file).href)) as { handler: (event: unknown) => Promise<unknown> };
  const answers = [];
  for (const event of events) answers.push(await handler(event));
  return { files: Object.keys(unzipped), answers };
}

/** Bundles `file` both ways and returns both outcomes (the error's code and message, or the run). */
async function both(file: string, exportName: string, events: unknown[] = [{}]) {
  const outcome = (bundle: BundleHandler) =>
    bundle(file, exportName).then((zip) => run(zip, events), (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }));
  return { machine: await outcome(machineBundleHandler), page: await outcome(pageBundleHandler) };
}

describe("the page's bundler under deploy's bundleHandler", () => {
  it('writes the same zip layout, and the handler answers as the machine-built one does', async () => {
    const file = lab({ 'handler.ts': 'export async function handleOrder(event: { n: number }): Promise<number> { return event.n + 1; }\n' });
    const { machine, page } = await both(file, 'handleOrder', [{ n: 1 }, { n: 41 }]);
    expect(machine).toEqual({ files: ['index.mjs'], answers: [2, 42] });
    expect(page).toEqual(machine);
  });

  it('follows relative imports across files: ./x, ./x.ts, ./x.js meaning x.ts, a folder index and re-exports', async () => {
    const file = lab({
      'handler.ts': "import { priced } from './pricing';\nimport { tax } from './tax.js';\nimport { round } from './util';\nexport { label } from './label.ts';\nexport const handleOrder = async (event: { n: number }) => round(tax(priced(event.n)));\n",
      'pricing.ts': "import { UNIT } from './util/index.ts';\nexport const priced = (n: number) => n * UNIT;\n",
      'tax.ts': 'export const tax = (amount: number) => amount * 1.2;\n',
      'label.ts': "export const label = 'order';\n",
      'util/index.ts': 'export const UNIT = 2.5;\nexport const round = (value: number) => Math.round(value * 100) / 100;\n',
    });
    const { machine, page } = await both(file, 'handleOrder', [{ n: 3 }]);
    expect(machine).toEqual({ files: ['index.mjs'], answers: [9] });
    expect(page).toEqual(machine);
  });

  it('imports JSON as its value, default and named', async () => {
    const file = lab({
      'handler.ts': "import rates from './rates.json';\nimport { currency } from './rates.json';\nexport const handler = async () => ({ vat: rates.vat, currency });\n",
      'rates.json': '{ "vat": 0.2, "currency": "EUR" }\n',
    });
    const { machine, page } = await both(file, 'handler');
    expect(machine).toEqual({ files: ['index.mjs'], answers: [{ vat: 0.2, currency: 'EUR' }] });
    expect(page).toEqual(machine);
  });

  it('drops type-only imports (the type file is never loaded) and runs enums', async () => {
    const file = lab({
      'handler.ts': "import type { Order } from './types.ts';\nimport { type Status as S, Status } from './status.ts';\nexport const handler = async (event: Order): Promise<S> => (event.paid ? Status.Paid : Status.Placed);\n",
      // A file that throws when it runs: a type-only import must not bring it into the bundle.
      'types.ts': "export interface Order { paid: boolean }\nthrow new Error('types.ts ran');\n",
      'status.ts': "export enum Status { Placed = 'PLACED', Paid = 'PAID' }\nexport enum Level { Low, High }\nexport const high = Level.High;\n",
    });
    const { machine, page } = await both(file, 'handler', [{ paid: true }, { paid: false }]);
    expect(machine).toEqual({ files: ['index.mjs'], answers: ['PAID', 'PLACED'] });
    expect(page).toEqual(machine);
  });

  it('keeps the AWS SDK and Node built-ins external, as imports of the bundle', async () => {
    const file = lab({
      'handler.ts': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { createHash } from 'node:crypto';\nimport os from 'os';\nexport const handler = async () => [typeof DynamoDBClient, createHash('sha1').update('a').digest('hex').slice(0, 6), typeof os.cpus];\n",
    });
    const { machine, page } = await both(file, 'handler');
    expect(machine).toEqual({ files: ['index.mjs'], answers: [['function', '86f7e4', 'function']] });
    expect(page).toEqual(machine);
    const text = strFromU8(unzipSync(await pageBundleHandler(file, 'handler'))['index.mjs']!);
    expect(text).toMatch(/^import \* as \w+ from "@aws-sdk\/client-dynamodb";$/m);
    expect(text).not.toContain('DynamoDBClient =');
  });

  it('reports a file that does not compile with the same file:line message', async () => {
    const file = lab({ 'handler.ts': "import { x } from './x.ts';\nexport async function handleOrder() {\n  return { status: \n}\n", 'x.ts': 'export const x = 1;\n' });
    const { machine, page } = await both(file, 'handleOrder');
    expect(machine).toMatchObject({ code: 'BUNDLE_FAILED', message: expect.stringMatching(/handler\.ts does not compile: .*handler\.ts:4:0: /) });
    expect(page).toEqual(machine);
  });

  it('reports a syntax error in an imported file at that file and line', async () => {
    const file = lab({ 'handler.ts': "export { handler } from './broken.ts';\n", 'broken.ts': 'export const handler = async () => {\n  const total = ;\n};\n' });
    const { machine, page } = await both(file, 'handler');
    expect(machine).toMatchObject({ code: 'BUNDLE_FAILED', message: expect.stringMatching(/broken\.ts:2:16: /) });
    expect(page).toEqual(machine);
  });

  it('gives the same messages for an import it cannot find, a package the lab cannot use and a missing export', async () => {
    const missing = await both(lab({ 'handler.ts': "import { x } from './nowhere.ts';\nexport const handler = async () => x;\n" }), 'handler');
    expect(missing.machine).toMatchObject({ code: 'BUNDLE_FAILED', message: expect.stringContaining('handler.ts:1:18: Could not resolve "./nowhere.ts"') });
    expect(missing.page).toEqual(missing.machine);
    const foreign = await both(lab({ 'handler.ts': "import { z } from 'zod';\nexport const handler = async () => typeof z;\n" }), 'handler');
    expect(foreign.machine).toMatchObject({ code: 'BUNDLE_FAILED', message: expect.stringContaining('import "zod" is not available to a function') });
    expect(foreign.page).toEqual(foreign.machine);
    const renamed = await both(lab({ 'handler.ts': 'export class ValidationError extends Error {}\nexport interface handleOrder { id: string }\nexport async function handle() { return 1; }\n' }), 'handleOrder');
    expect(renamed.machine).toEqual({ code: 'HANDLER_NOT_EXPORTED', message: 'handler.ts must export handleOrder, the function Lambda runs (it exports ValidationError, handle)' });
    expect(renamed.page).toEqual(renamed.machine);
  });

  it("bundles a learner module for the learner worker with every export reachable through the namespace export", async () => {
    const file = lab({ 'setup.ts': "import { NAME } from './names.ts';\nexport enum Kind { A = 'a' }\nexport const queueName = () => NAME;\nexport default 7;\n", 'names.ts': "export const NAME = 'orders';\n" });
    const out = join(dir, `learner-${++written}.mjs`);
    writeFileSync(out, await pageBundleLearnerModule(file, dirname(file)));
    const learner = ((await import(pathToFileURL(out).href)) as { module: () => Record<string, any> }).module();
    expect([learner.queueName(), learner.Kind.A, learner.default]).toEqual(['orders', 'a', 7]);
  });
});
