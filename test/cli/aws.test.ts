/**
 * `workshop aws` and `awslocal`: the real AWS CLI run as a child of the real CLI against a test
 * emulator, with the target's endpoint, region and test credentials; stdin, stdout and the exit
 * code passed through; and, without `aws` on PATH, how to install it in the learner's language.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { CLI_ENTRY, runCli, type CliRun } from '../support/cli.ts';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const AWSLOCAL = fileURLToPath(new URL('../../bin/awslocal.mjs', import.meta.url));
const { hasAws } = await realClients('aws command');

/** Runs `entry args` with `env` as the whole environment, writing `input` to its stdin. */
function run(entry: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry, ...args], { env: { ...env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('workshop aws and awslocal', () => {
  const emulator = useEmulator();
  // The learner's shell: no AWS credentials of their own, the kit's target pointed at the test emulator.
  const env = () => {
    const base = clientEnv({ WORKSHOP_TARGET: 'emulator', AWS_ENDPOINT_URL: emulator.running.url, WORKSHOP_LANG: 'en' });
    delete base.AWS_ACCESS_KEY_ID;
    delete base.AWS_SECRET_ACCESS_KEY;
    delete base.AWS_DEFAULT_REGION;
    return base;
  };

  describe.skipIf(!hasAws)('with the AWS CLI installed', () => {
    it('workshop aws sts get-caller-identity answers from the emulator with the test account', async () => {
      const result = await runCli(['aws', 'sts', 'get-caller-identity'], { env: env(), timeoutMs: 60_000 });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ Account: '000000000000' });
    });

    it('awslocal sqs list-queues lists a queue made through the SDK', async () => {
      await emulator.clients.sqs.send(new CreateQueueCommand({ QueueName: 'awslocal-orders' }));
      const result = await run(AWSLOCAL, ['sqs', 'list-queues'], env());
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).QueueUrls).toContain(`${emulator.running.url}/000000000000/awslocal-orders`);
    });

    it('passes stdin in and the AWS CLI\'s own exit code out', async () => {
      await emulator.clients.s3.send(new CreateBucketCommand({ Bucket: 'from-stdin' }));
      const copied = await run(CLI_ENTRY, ['aws', 's3', 'cp', '-', 's3://from-stdin/note.txt'], env(), 'typed into stdin');
      expect(copied.code).toBe(0);
      const object = await emulator.clients.s3.send(new GetObjectCommand({ Bucket: 'from-stdin', Key: 'note.txt' }));
      expect(await object.Body!.transformToString()).toBe('typed into stdin');
      const missing = await run(CLI_ENTRY, ['aws', 'sqs', 'get-queue-url', '--queue-name', 'no-such-queue'], env());
      // The AWS CLI exits 254 (v2) or 255 (v1) for an error the service answered.
      expect(missing.code).toBeGreaterThanOrEqual(254);
      expect(missing.stderr).toContain('NonExistentQueue');
    });
  });

  it('passes --help after an AWS CLI argument to the AWS CLI, and answers a lone --help itself', async () => {
    // Without `aws` on PATH, reaching the AWS CLI shows as the message on installing it.
    const passed = await run(CLI_ENTRY, ['aws', 's3', 'ls', '--help'], { ...env(), PATH: '' });
    expect(passed.code).toBe(1);
    expect(passed.stderr).toContain('the AWS CLI (`aws`) is not installed');
    const own = await run(CLI_ENTRY, ['aws', '--help'], { ...env(), PATH: '' });
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('workshop aws');
  });

  it('says how to install the AWS CLI when `aws` is not on PATH, in English and in Chinese', async () => {
    const english = await run(CLI_ENTRY, ['aws', 'sts', 'get-caller-identity'], { ...env(), PATH: '' });
    expect(english.code).toBe(1);
    expect(english.stderr).toContain('the AWS CLI (`aws`) is not installed');
    expect(english.stderr).toContain('pip install awscli');
    const chinese = await run(AWSLOCAL, ['s3', 'ls'], { ...env(), PATH: '', WORKSHOP_LANG: 'zh-cn' });
    expect(chinese.code).toBe(1);
    expect(chinese.stderr).toContain('没有安装 AWS CLI');
    expect(chinese.stderr).toContain('pip install awscli');
  });
});
