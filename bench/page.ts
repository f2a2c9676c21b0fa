/**
 * The emulator in a browser page (run with `node bench/page.ts`; prints figures, asserts nothing):
 * the gzip size of the lab worker's parts as bundleForPage builds them (the emulator, the SDK
 * clients graders use, the page's bundler (deploy.ts's bundleHandler over sucrase and the page's
 * linker) and the Lambda environment script), then in the real Chromium the cold start of the lab worker up to
 * its first answered SQS call, and a Lambda function's cold and warm invokes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { bundleForPage } from '../src/browser/bundle.ts';
import { KIT_ROOT } from '../src/core/kit.ts';
import { CHROMIUM } from '../test/site/support/browser.ts';
import { buildTestPage, step } from '../test/browser/support.ts';
import { percentile, report, since } from './stats.ts';

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));
/** The SDK clients the kit's graders use (src/core/clients.ts and the lab tests). */
const GRADER_CLIENTS = ['client-apigatewayv2', 'client-cloudwatch-logs', 'client-dynamodb', 'client-eventbridge', 'client-iam', 'client-lambda', 'client-s3', 'client-sfn', 'client-sns', 'client-sqs', 'client-sts', 'lib-dynamodb'];
const WARM_INVOKES = 30;
const RELOADS = 5;

const gzipKb = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

async function sizes(): Promise<void> {
  // Inside the kit, so the entries written here resolve the SDK packages from its node_modules.
  const folder = mkdtempSync(join(KIT_ROOT, 'node_modules', '.page-bench-'));
  try {
    const sdk = join(folder, 'sdk-entry.ts');
    writeFileSync(sdk, GRADER_CLIENTS.map((name, index) => `export * as c${index} from '@aws-sdk/${name}';`).join('\n'));
    const bundler = join(folder, 'bundler-entry.ts');
    writeFileSync(bundler, `export { bundleHandler } from ${JSON.stringify(src('core/deploy.ts'))};`);
    const whole = join(folder, 'worker-entry.ts');
    writeFileSync(whole, `export * from ${JSON.stringify(src('browser/emulator/index.ts'))};\nexport * from './sdk-entry.ts';\nexport * from './bundler-entry.ts';`);
    const started = performance.now();
    await bundleForPage({
      entryPoints: { emulator: src('browser/emulator/index.ts'), sdk, bundler, 'lab-worker-parts': whole, 'lambda-environment': src('browser/lambda/environment-worker.ts') },
      outdir: folder,
    });
    console.log(`bundled in ${since(started).toFixed(0)} ms (minified, gzip -9 sizes)`);
    const budget = 1.5 * 1024;
    const total = gzipKb(join(folder, 'lab-worker-parts.js'));
    report('lab worker: emulator + SDK clients + bundler JS', total, 'KB gz', `budget ${budget} KB with the grader runner; ${((total / budget) * 100).toFixed(0)}% used`);
    report('  emulator (14 services, page Lambda engine)', gzipKb(join(folder, 'emulator.js')), 'KB gz');
    report(`  SDK clients (${GRADER_CLIENTS.length} packages)`, gzipKb(join(folder, 'sdk.js')), 'KB gz');
    report('  bundler (bundleHandler, sucrase, linker)', gzipKb(join(folder, 'bundler.js')), 'KB gz');
    report('lambda-environment.js, whole (runtime + 9 SDK packages)', gzipKb(join(folder, 'lambda-environment.js')), 'KB gz');
    const split = join(folder, 'split');
    await bundleForPage({ entryPoints: { 'lambda-environment': src('browser/lambda/environment-worker.ts') }, outdir: split, splitting: true });
    report('  split: what a cold start loads before the handler', gzipKb(join(split, 'lambda-environment.js')), 'KB gz', 'SDK chunks are fetched when the handler imports them');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The files a split bundle's entry loads before it runs (its static imports, transitively). */
function staticClosure(outputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }> }>, entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const item of outputs[entry]!.imports) if (item.kind === 'import-statement' && !item.external) staticClosure(outputs, item.path, seen);
  return seen;
}

/** The site's own lab runner bundle (lab-bundle.ts: lab worker with the grader runner, graders, environment), split as the site ships it. */
async function labRunnerSizes(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'page-bench-runner-'));
  try {
    const { bundleLabRunner } = await import('../src/browser/lab-bundle.ts');
    const { metafile } = await bundleLabRunner(folder);
    const outputs = metafile.outputs;
    const named = (suffix: string) => Object.keys(outputs).find((file) => file.endsWith(suffix))!;
    const kb = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + gzipKb(join(process.cwd(), file)), 0);
    const worker = staticClosure(outputs, named('/lab-worker.js'));
    report('site lab runner: what the lab worker loads to start', kb(worker), 'KB gz', `${worker.size} files; the budget is 1536 KB`);
    report('site lab runner: every script (all graders, all chunks)', kb(Object.keys(outputs).filter((file) => file.endsWith('.js'))), 'KB gz');
    report('site lab runner: a Lambda environment loads to start', kb(staticClosure(outputs, named('/lambda-environment.js'))), 'KB gz');
  } catch (error) {
    console.log(`site lab runner not measured: ${(error as Error).message}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function inChromium(): Promise<void> {
  const testPage = await buildTestPage();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(testPage.url);
    const first = (await step(page, 'cold')).coldMs as number;
    const again: number[] = [];
    for (let round = 0; round < RELOADS; round++) {
      await page.reload();
      again.push((await step(page, 'cold')).coldMs as number);
    }
    report('lab worker start -> first SQS answer, first load', first, 'ms');
    report('lab worker start -> first SQS answer, reloaded', percentile(again, 50), 'ms p50', `${RELOADS} reloads: code cached, state read from IndexedDB`);
    const handler = "export const handler = async (event: { n: number }) => ({ doubled: event.n * 2 });\n";
    let began = performance.now();
    await step(page, 'deploy', { name: `bench-${Date.now()}`, files: { 'h.ts': handler }, file: 'h.ts' }).then(() => undefined);
    report('deploy: bundle in the page (sucrase + linker) + create + Active', since(began), 'ms', 'first deploy');
    const name = `bench-${Date.now()}`;
    began = performance.now();
    await step(page, 'deploy', { name, files: { 'h.ts': handler }, file: 'h.ts' });
    report('deploy again', since(began), 'ms');
    const cold = await step(page, 'invoke', { name, payload: { n: 1 } });
    report('Lambda invoke, cold (new environment Worker)', cold.ms, 'ms', `Init Duration ${/Init Duration: ([\d.]+)/.exec(cold.log)?.[1]} ms`);
    const warm: number[] = [];
    for (let round = 0; round < WARM_INVOKES; round++) warm.push((await step(page, 'invoke', { name, payload: { n: round } })).ms);
    report('Lambda invoke, warm', percentile(warm, 50), 'ms p50', `p99 ${percentile(warm, 99).toFixed(1)} ms over ${WARM_INVOKES}`);
    const withSdk = `bench-sdk-${Date.now()}`;
    const sdkHandler = "import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nconst client = DynamoDBDocumentClient.from(new DynamoDBClient({}));\nexport const handler = async () => (await client.send(new ListTablesCommand({}))).TableNames;\n";
    await step(page, 'deploy', { name: withSdk, files: { 'h.ts': sdkHandler }, file: 'h.ts' });
    const sdkCold = await step(page, 'invoke', { name: withSdk, payload: {} });
    report('Lambda invoke, cold, handler importing DynamoDB (+ one call)', sdkCold.ms, 'ms', `Init Duration ${/Init Duration: ([\d.]+)/.exec(sdkCold.log)?.[1]} ms`);
    const sdkWarm: number[] = [];
    for (let round = 0; round < WARM_INVOKES; round++) sdkWarm.push((await step(page, 'invoke', { name: withSdk, payload: {} })).ms);
    report('Lambda invoke, warm, handler making one DynamoDB call', percentile(sdkWarm, 50), 'ms p50');
  } finally {
    await browser.close();
    await testPage.stop();
  }
}

console.log(`Page emulator benchmark on Node.js ${process.version}, Chromium at ${CHROMIUM}`);
await sizes();
await labRunnerSizes();
await inChromium();
