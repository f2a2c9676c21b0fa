/**
 * `workshop deploy NN` through the real CLI, against a throw-away copy of the solutions: each lab's
 * deploy creates what its function needs (lab 03's table, lab 04's bus and rule, through the
 * learner's own setup functions) and prints an invoke command that, run as printed, succeeds.
 */
import { DescribeRuleCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { runCli } from '../support/cli.ts';
import { englishLeaks } from '../support/english-leaks.ts';
import { clientsAt } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const KIT = join(import.meta.dirname, '..', '..');
const { hasAws } = await realClients('cli/deploy');
const hasCurl = await run('curl', ['--version']).then(() => true, () => false);
if (!hasCurl) console.warn('cli/deploy: skipping the lab 05 curl run: `curl --version` did not run (install curl to run it)');

const folders: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** The command after "Invoke:" for each function the deploy printed. */
function invokeLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line.trim().startsWith('Invoke: ')).map((line) => line.trim().slice('Invoke: '.length));
}

describe('workshop deploy leaves a function that answers the printed invoke', () => {
  let running: RunningEmulator;
  let env: NodeJS.ProcessEnv;
  let labs: string;
  beforeAll(async () => {
    running = await startEmulator({ port: 0, log: () => {} });
    env = { ...process.env, AWS_ENDPOINT_URL: running.url, WORKSHOP_TARGET: 'emulator' };
    // A learner's copy that has solved every lab, outside the kit.
    labs = join(tempDir('deploy-learner-'), 'labs');
    cpSync(join(KIT, 'solutions'), labs, { recursive: true });
  });
  const others: RunningEmulator[] = [];
  /** An emulator of its own, for a test that must not see the tables the others made. */
  async function fresh(): Promise<RunningEmulator> {
    const other = await startEmulator({ port: 0, log: () => {} });
    others.push(other);
    return other;
  }
  afterAll(async () => {
    for (const other of others) await other.stop();
    await running?.stop();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the printed command as a learner would (the AWS CLI in a shell), or through the SDK without the CLI. */
  async function invokeAsPrinted(command: string): Promise<unknown> {
    if (hasAws) {
      const cwd = tempDir('deploy-invoke-');
      // The command brings its own credentials and region: the host's AWS settings must not matter.
      const { stdout } = await run('bash', ['-c', command], { cwd, timeout: 60_000, env: { ...clientEnv(), AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_DEFAULT_REGION: '' } });
      expect(stdout, 'the invoke\'s answer').not.toContain('FunctionError');
      expect(stdout).toContain('"StatusCode": 200');
      return JSON.parse(readFileSync(join(cwd, 'response.json'), 'utf8'));
    }
    const name = /--function-name (\S+)/.exec(command)?.[1];
    const payload = /printf '%s' '(.*)' > event\.json/.exec(command)?.[1]?.replaceAll(`'\\''`, "'");
    expect(name && payload, `a function name and a payload in: ${command}`).toBeTruthy();
    const clients = clientsAt(running.url);
    try {
      const answer = await clients.lambda.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(payload) }));
      expect(answer.FunctionError, 'the invocation\'s FunctionError').toBeUndefined();
      return JSON.parse(new TextDecoder().decode(answer.Payload));
    } finally {
      clients.destroy();
    }
  }

  async function deploy(lab: string): Promise<string> {
    const result = await runCli(['deploy', lab, '--dir', labs], { env, cwd: tempDir('deploy-cwd-'), timeoutMs: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = invokeLines(result.stdout);
    expect(lines).toHaveLength(1);
    return lines[0]!;
  }

  it('lab 01: the order handler accepts the example order', async () => {
    const command = await deploy('01');
    expect(command).toContain(`aws lambda invoke --endpoint-url ${running.url} --function-name shop-handle-order`);
    expect(await invokeAsPrinted(command)).toEqual({ status: 'accepted', orderId: 'ord-1001', totalCents: 2700 });
  }, 120_000);

  it('lab 03: creates the orders table through createOrdersTable, and stores the example order', async () => {
    const command = await deploy('03');
    expect(await invokeAsPrinted(command)).toEqual({ stored: true, orderId: 'ord-1001' });
    // A second deploy re-runs the setup on the existing table; the repeat is a duplicate, not an error.
    expect(await invokeAsPrinted(await deploy('03'))).toEqual({ stored: false, orderId: 'ord-1001', reason: 'duplicate' });
  }, 180_000);

  it('lab 03 as a starter: says the table is missing and what to do, instead of deploying a function that cannot work', async () => {
    const starters = join(tempDir('deploy-starter-'), 'labs');
    cpSync(join(KIT, 'labs'), starters, { recursive: true });
    const result = await runCli(['deploy', '03', '--dir', starters], { env: { ...env, AWS_ENDPOINT_URL: (await fresh()).url }, cwd: tempDir('deploy-cwd-'), timeoutMs: 120_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the function stores orders in table shop-orders, which does not exist: createOrdersTable (orders-table.ts) did not create it');
    expect(result.stderr).toContain('npx workshop check');
    expect(result.stdout).not.toContain('Invoke:');
  }, 120_000);

  it('in Chinese: a handler that does not compile or does not export its function says so in Chinese, compiler words kept', async () => {
    const broken = join(tempDir('deploy-broken-'), 'labs');
    cpSync(join(KIT, 'solutions'), broken, { recursive: true });
    const handler = join(broken, '01-first-handler', 'handler.ts');
    const chinese = { ...env, WORKSHOP_LANG: 'zh-cn' };
    writeFileSync(handler, 'export async function handleOrder() {\n  return { status: \n}\n');
    const compile = await runCli(['deploy', '01', '--dir', broken], { env: chinese, cwd: tempDir('deploy-cwd-'), timeoutMs: 120_000 });
    expect(compile.code).toBe(1);
    expect(compile.stderr).toMatch(/handler\.ts 无法编译：.*handler\.ts:3:\d+: `.+`/);
    expect(compile.stderr).toContain('改好那一行，保存，然后再次运行命令');
    expect(englishLeaks(compile.stderr)).toEqual([]);
    writeFileSync(handler, 'export async function handle() { return 1; }\n');
    const renamed = await runCli(['deploy', '01', '--dir', broken], { env: chinese, cwd: tempDir('deploy-cwd-'), timeoutMs: 120_000 });
    expect(renamed.code).toBe(1);
    expect(renamed.stderr).toContain('handler.ts 必须导出 handleOrder，也就是 Lambda 运行的函数（它导出的名字：handle）');
    expect(englishLeaks(renamed.stderr)).toEqual([]);
  }, 120_000);

  it.runIf(hasCurl)('lab 05: puts the orders function behind an HTTP API and prints a curl command that places the example order', async () => {
    const result = await runCli(['deploy', '05', '--dir', labs], { env, cwd: tempDir('deploy-cwd-'), timeoutMs: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const line = result.stdout.split('\n').find((text) => text.trim().startsWith('Try it: '));
    expect(line, result.stdout).toBeDefined();
    const command = line!.trim().slice('Try it: '.length);
    expect(command).toMatch(new RegExp(`^curl -i -X POST '${running.url}/_aws/execute-api/[a-z0-9]+/orders' `));
    const { stdout } = await run('bash', ['-c', command], { timeout: 60_000 });
    expect(stdout).toMatch(/^HTTP\/1\.1 201 /);
    expect(stdout.toLowerCase()).toContain('location: /orders/ord-1003');
    expect(JSON.parse(stdout.slice(stdout.indexOf('{')))).toEqual({ status: 'accepted', orderId: 'ord-1003', totalCents: 3000 });
    // The same key and body again: the first answer, not a conflict.
    expect((await run('bash', ['-c', command], { timeout: 60_000 })).stdout).toMatch(/^HTTP\/1\.1 201 /);
    // reset deletes the API by its name, with the function.
    const reset = await runCli(['reset', '05'], { env, cwd: tempDir('deploy-cwd-'), timeoutMs: 60_000 });
    expect(reset.stdout).toContain('HTTP API shop');
    const clients = clientsAt(running.url);
    try {
      expect((await clients.apigateway.send(new GetApisCommand({}))).Items?.filter((api) => api.Name === 'shop')).toEqual([]);
    } finally {
      clients.destroy();
    }
  }, 120_000);

  it('lab 04: wires the shop bus to the function through setupOrderEvents, and stores the example event', async () => {
    const command = await deploy('04');
    expect(await invokeAsPrinted(command)).toEqual({ stored: true, orderId: 'ord-1002' });
    const clients = clientsAt(running.url);
    try {
      const rule = await clients.eventbridge.send(new DescribeRuleCommand({ Name: 'order-created', EventBusName: 'shop' }));
      expect(JSON.parse(rule.EventPattern ?? '{}')).toEqual({ source: ['shop.orders'], 'detail-type': ['Order Placed'] });
      const targets = await clients.eventbridge.send(new ListTargetsByRuleCommand({ Rule: 'order-created', EventBusName: 'shop' }));
      expect(targets.Targets?.map((target) => target.Arn)).toEqual(['arn:aws:lambda:us-east-1:000000000000:function:shop-store-order-event']);
    } finally {
      clients.destroy();
    }
  }, 120_000);
});
