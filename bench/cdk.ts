/**
 * CDK benchmark (run with `node bench/cdk.ts`; prints figures): the wall time of the real `cdk
 * bootstrap` and `cdk deploy --require-approval never` of a small app (function, table, queue,
 * EventBridge rule, HTTP API: test/support/cdk-app.ts) against the emulator, each a child process,
 * with the CLI's own synthesis and deployment times beside them. One run of each: a deploy takes
 * seconds, mostly the CLI loading aws-cdk-lib and synthesizing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../src/emulator/server.ts';
import { runCdk, writeCdkApp } from '../test/support/cdk-app.ts';
import { report, since } from './stats.ts';

const seconds = (output: string, label: string) => Number(new RegExp(`${label}: ([\\d.]+)s`).exec(output)?.[1] ?? Number.NaN) * 1000;

const running = await startEmulator({ port: 0, log: () => {} });
const folder = mkdtempSync(join(tmpdir(), 'cdk-bench-'));
try {
  writeCdkApp(folder);
  let start = performance.now();
  const bootstrap = await runCdk(folder, running.url, ['bootstrap', 'aws://000000000000/us-east-1']);
  if (bootstrap.code !== 0) throw new Error(`cdk bootstrap failed:\n${bootstrap.output}`);
  report('emulator: cdk bootstrap, wall time', since(start), 'ms', '12 resources of the bootstrap stack, CLI start-up and app synthesis included');
  start = performance.now();
  const deploy = await runCdk(folder, running.url, ['deploy', '--require-approval', 'never']);
  if (deploy.code !== 0) throw new Error(`cdk deploy failed:\n${deploy.output}`);
  report('emulator: cdk deploy, wall time', since(start), 'ms', '14 resources: asset upload, change set, execution, polling');
  report('  of which synthesis (the CLI says)', seconds(deploy.output, 'Synthesis time'), 'ms');
  report('  of which deployment (the CLI says)', seconds(deploy.output, 'Deployment time'), 'ms');
  console.log('peer: none in this run (LocalStack needs Docker; a side-by-side run is still to be added).');
} finally {
  rmSync(folder, { recursive: true, force: true });
  await running.stop();
}
