/**
 * `workshop deploy 11` through the real CLI, against an emulator of its own and a throw-away copy
 * of the solution: the template is packaged and deployed as one stack, its outputs and a curl
 * command are printed and the command places an order; a second deploy without a change says so;
 * a broken resource is named with CloudFormation's reason; `workshop reset 11` deletes the stack
 * and its package bucket.
 */
import { DescribeStacksCommand, CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { runCli } from '../support/cli.ts';
import { englishLeaks } from '../support/english-leaks.ts';
import { clientsAt } from '../support/emulator.ts';

const run = promisify(execFile);
const KIT = join(import.meta.dirname, '..', '..');
const hasCurl = await run('curl', ['--version']).then(() => true, () => false);
if (!hasCurl) console.warn('cli/deploy-stack: the printed curl command is sent with fetch: `curl --version` did not run');

const STACK = 'workshop-11-shop';
const BUCKET = 'workshop-11-shop-packages-000000000000';

describe('workshop deploy 11 deploys the template as one stack', () => {
  let running: RunningEmulator;
  let env: NodeJS.ProcessEnv;
  let root: string;
  let labs: string;
  beforeAll(async () => {
    running = await startEmulator({ port: 0, log: () => {} });
    env = { ...process.env, AWS_ENDPOINT_URL: running.url, WORKSHOP_TARGET: 'emulator', WORKSHOP_LANG: 'en' };
    root = mkdtempSync(join(tmpdir(), 'deploy-stack-'));
    labs = join(root, 'labs');
    cpSync(join(KIT, 'solutions', '11-shop-template'), join(labs, '11-shop-template'), { recursive: true });
  });
  afterAll(async () => {
    await running?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...env, ...extra }, cwd: root, timeoutMs: 60_000 });

  /** Sends the printed curl command as a learner would (or, without curl, the same request with fetch). */
  async function sendAsPrinted(command: string): Promise<{ status: number; body: string }> {
    if (hasCurl) {
      const { stdout } = await run('bash', ['-c', `${command} -s`], { timeout: 30_000 });
      return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(stdout)?.[1]), body: stdout.slice(stdout.indexOf('{')) };
    }
    const url = /curl -i -X POST '([^']+)'/.exec(command)![1]!;
    const data = /--data '(.*)'$/.exec(command)![1]!;
    const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: data });
    return { status: answer.status, body: await answer.text() };
  }

  it('creates the stack, prints its outputs and a curl command that places an order; a second deploy has nothing to change', async () => {
    const first = await cli(['deploy', '11', '--dir', labs]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`for stack ${STACK} ... `);
    expect(first.stdout).toContain('stack created.');
    expect(first.stdout).toContain(`Outputs of ${STACK}:`);
    const table = /TableName: (\S+)/.exec(first.stdout)?.[1];
    expect(first.stdout).toMatch(new RegExp(`ApiUrl: ${running.url}/_aws/execute-api/[a-z0-9]+`));
    const command = first.stdout.split('\n').find((line) => line.trim().startsWith('Try it: '))?.trim().slice('Try it: '.length);
    expect(command, first.stdout).toMatch(/^curl -i -X POST '.+\/orders' /);
    const answer = await sendAsPrinted(command!);
    expect(answer.status, answer.body).toBe(201);
    const orderId = JSON.parse(answer.body).orderId as string;
    const clients = clientsAt(running.url);
    try {
      const item = await clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: { orderId: { S: orderId } } }));
      expect(item.Item?.customerId?.S).toBe('cust-42');
    } finally {
      clients.destroy();
    }

    const second = await cli(['deploy', '11', '--dir', labs]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`no changes: stack ${STACK} is up to date.`);
    expect(second.stdout).toContain(`TableName: ${table}`);
  }, 60_000);

  it('names the resource that failed and CloudFormation\'s reason, in both languages; the stack is rolled back', async () => {
    const broken = join(root, 'broken');
    cpSync(labs, broken, { recursive: true });
    const template = join(broken, '11-shop-template', 'template.yaml');
    writeFileSync(template, readFileSync(template, 'utf8').replace('VisibilityTimeout: 60', 'VisibilityTimeout: 99999'));
    const failed = await cli(['deploy', '11', '--dir', broken]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`stack ${STACK} ended in UPDATE_ROLLBACK_COMPLETE: PackingQueue (AWS::SQS::Queue): `);
    expect(failed.stderr).toContain('VisibilityTimeout');
    expect(failed.stderr).toContain(`describe-stack-events --stack-name ${STACK}`);
    const chinese = await cli(['deploy', '11', '--dir', broken], { WORKSHOP_LANG: 'zh-cn' });
    expect(chinese.code).toBe(1);
    expect(chinese.stderr).toContain(`堆栈 ${STACK} 最终处于 UPDATE_ROLLBACK_COMPLETE：PackingQueue (AWS::SQS::Queue): Resource handler returned message: "Invalid value for the parameter VisibilityTimeout."`);
    expect(chinese.stderr).toContain('在 template.yaml 中修正这个资源');
    expect(englishLeaks(chinese.stderr.replace(/Resource handler returned message: "[^"]*"/, ''))).toEqual([]);
  }, 60_000);

  it('workshop reset 11 deletes the stack and its package bucket', async () => {
    const reset = await cli(['reset', '11']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain(`Deleted: stack ${STACK}, package bucket ${BUCKET}`);
    const cfn = new CloudFormationClient(sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: running.url } })));
    const clients = clientsAt(running.url);
    try {
      await expect(cfn.send(new DescribeStacksCommand({ StackName: STACK }))).rejects.toThrow(`Stack with id ${STACK} does not exist`);
      await expect(clients.s3.send(new HeadBucketCommand({ Bucket: BUCKET }))).rejects.toMatchObject({ name: 'NotFound' });
    } finally {
      cfn.destroy();
      clients.destroy();
    }
  }, 60_000);
});
