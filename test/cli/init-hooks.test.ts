/**
 * LocalStack's init hooks through the kit's own start path (`workshop emulator`, run as a child
 * process in a learner's folder): the scripts in `.workshop/init/ready.d/` run once the emulator
 * is ready, in name order, pointed at it with test credentials, their output in the emulator's
 * log, their states in `/_localstack/init`; a `.py` script without python3 is marked ERROR.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY } from '../support/cli.ts';
import { eventually } from '../support/eventually.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A learner's folder with these READY scripts. */
function kitFolder(scripts: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'init-hooks-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.workshop', 'init', 'ready.d'), { recursive: true });
  for (const [name, text] of Object.entries(scripts)) writeFileSync(join(dir, '.workshop', 'init', 'ready.d', name), text);
  return dir;
}

function startEmulatorIn(cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [CLI_ENTRY, 'emulator', '--port', '0'], { cwd, env: { ...env, NO_COLOR: '1', WORKSHOP_LANG: 'en' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = eventually(async () => {
    const found = /listening on (http:\/\/\S+)/.exec(output);
    if (!found) throw new Error(`no URL yet:\n${output}`);
    return found[1]!;
  }, 20_000);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, output: () => output };
}

async function initOf(url: string): Promise<{ completed: Record<string, boolean>; scripts: Array<{ stage: string; name: string; state: string }> }> {
  return (await fetch(`${url}/_localstack/init`)).json() as never;
}

const SEED_PY = `
import os, urllib.request
body = b"Action=CreateQueue&QueueName=seeded-by-python"
request = urllib.request.Request(os.environ["AWS_ENDPOINT_URL"], data=body, headers={
    "content-type": "application/x-www-form-urlencoded",
    "authorization": "AWS4-HMAC-SHA256 Credential=" + os.environ["AWS_ACCESS_KEY_ID"] + "/20260101/" + os.environ["AWS_REGION"] + "/sqs/aws4_request",
})
urllib.request.urlopen(request).read()
print("python seeded a queue")
`;

describe('init hooks of workshop emulator', () => {
  it('runs ready.d scripts in name order once the emulator is ready, and shows their states', async () => {
    const dir = kitFolder({
      '10-env.sh': 'echo "$AWS_ENDPOINT_URL $AWS_REGION $AWS_DEFAULT_REGION $AWS_ACCESS_KEY_ID $AWS_SECRET_ACCESS_KEY" > env.txt\necho 10 >> order.txt\necho "hello from the shell"\n',
      '20-fails.sh': 'echo 20 >> order.txt\necho "something went wrong" >&2\nexit 3\n',
      '30-seed.py': `${SEED_PY}\nopen("order.txt", "a").write("30\\n")\n`,
      'notes.txt': 'not a script',
    });
    const run = startEmulatorIn(dir, { ...process.env, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIAREALKEY', AWS_SECRET_ACCESS_KEY: 'real' });
    try {
      const url = await run.url;
      const done = await eventually(async () => {
        const init = await initOf(url);
        if (!init.completed.READY) throw new Error('READY not completed yet');
        return init;
      }, 20_000);
      expect(done.scripts).toEqual([
        { stage: 'READY', name: '10-env.sh', state: 'SUCCESSFUL' },
        { stage: 'READY', name: '20-fails.sh', state: 'ERROR' },
        { stage: 'READY', name: '30-seed.py', state: 'SUCCESSFUL' },
      ]);
      expect(readFileSync(join(dir, 'order.txt'), 'utf8')).toBe('10\n20\n30\n');
      expect(readFileSync(join(dir, 'env.txt'), 'utf8').trim()).toBe(`${url} eu-west-1 eu-west-1 test test`);
      expect(run.output()).toContain('init 10-env.sh: hello from the shell');
      expect(run.output()).toContain('init 20-fails.sh: something went wrong');
      // The script ran in the learner's region (AWS_REGION), where its queue now is.
      const sqs = new SQSClient({ endpoint: url, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
      sqs.destroy();
      expect(QueueUrls.some((queue) => queue.endsWith('/seeded-by-python'))).toBe(true);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });

  it('marks a Python script ERROR, with the reason in the log, when python3 is not installed', async () => {
    const dir = kitFolder({ '01-seed.py': SEED_PY, '02-after.sh': 'echo "still runs"\n' });
    // A PATH with bash alone: no python3 to be found.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync('/bin/bash', join(bin, 'bash'));
    const run = startEmulatorIn(dir, { ...process.env, PATH: bin });
    try {
      const url = await run.url;
      const done = await eventually(async () => {
        const init = await initOf(url);
        if (!init.completed.READY) throw new Error('READY not completed yet');
        return init;
      }, 20_000);
      expect(done.scripts.map((script) => script.state)).toEqual(['ERROR', 'SUCCESSFUL']);
      expect(run.output()).toContain('init 01-seed.py: not run: python3 is not installed');
      expect(run.output()).toContain('init 02-after.sh: still runs');
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });
});
