/**
 * Lambda functions in the OS sandbox, through the emulator and the real SDK: what a function's
 * shell commands can reach (nothing of the host, no other function), that nothing it started
 * outlives the emulator, and the fallback where no OS sandbox exists.
 */
import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from '@aws-sdk/client-lambda';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../src/core/kit.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';
import { hasPython } from '../support/lambda-engine.ts';
import { startEmulator } from '../../src/emulator/server.ts';
import { hasOsSandbox, processesWith, uniqueSeconds } from '../sandbox/support.ts';

const bwrap = hasOsSandbox('lambda-sandbox.test.ts');
const python = hasPython();
if (!python) console.warn('lambda-sandbox.test.ts: python3 is not on PATH, so the Python sandbox tests are skipped');
const dir = mkdtempSync(join(tmpdir(), 'lambda-sandbox-'));
const secret = join(dir, 'secret.txt');
writeFileSync(secret, 'instructor only');
chmodSync(secret, 0o600);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const decode = (result: InvokeCommandOutput) => JSON.parse(Buffer.from(result.Payload ?? []).toString() || 'null');

/** A function that tries, through shell commands, what a learner's code must not do. */
const SNOOP = `
const { execSync } = require('child_process');
const sh = (command) => {
  try { return execSync(command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim(); }
  catch (error) { return 'failed: ' + String(error.stderr || error.message).trim().split('\\n')[0]; }
};
exports.handler = async () => ({
  bashrc: sh('cat /root/.bashrc'),
  secret: sh('cat ' + process.env.SECRET_FILE),
  init: sh('cat /proc/1/environ'),
  emulator: sh('cat /proc/' + process.env.HOST_PID + '/environ'),
  processes: Number(sh("ls /proc | grep -cE '^[0-9]+$'")),
  planted: sh('touch ' + process.env.KIT_LABS + '/planted.test.ts && echo written'),
  victim: sh('cat ' + process.env.VICTIM_DIR + '/index.js'),
  shell: sh('sh -c "echo hello from sh"'),
});`;

describe.skipIf(!bwrap)('Lambda functions in the OS sandbox', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });

  it('keep a function’s shell commands away from the host, the kit and other functions; honest code still works', async () => {
    process.env.WORKSHOP_HOST_SECRET = 'must-not-leak';
    try {
      const { lambda } = emulator.clients;
      await createFunction(lambda, 'victim', { files: { 'index.js': 'exports.handler = async () => process.env.LAMBDA_TASK_ROOT;' } });
      const victimDir = decode(await lambda.send(new InvokeCommand({ FunctionName: 'victim' })));
      expect(existsSync(join(victimDir, 'index.js'))).toBe(true);
      await createFunction(lambda, 'snoop', {
        Timeout: 10,
        Environment: { Variables: { SECRET_FILE: secret, HOST_PID: String(process.pid), KIT_LABS: join(KIT_ROOT, 'test', 'labs'), VICTIM_DIR: victimDir } },
        files: { 'index.js': SNOOP },
      });
      const seen = decode(await lambda.send(new InvokeCommand({ FunctionName: 'snoop' })));
      expect(seen.bashrc).toMatch(/^failed: .*No such file/);
      expect(seen.secret).toMatch(/^failed: .*No such file/);
      expect(seen.emulator).toMatch(/^failed: .*No such file/);
      expect(seen.victim).toMatch(/^failed: .*No such file/);
      expect(seen.planted).toMatch(/^failed: .*(Read-only|No such file)/);
      expect(existsSync(join(KIT_ROOT, 'test', 'labs', 'planted.test.ts'))).toBe(false);
      // As root the sandbox's init is another uid's; otherwise it holds the function's own variables only.
      if (process.getuid?.() === 0) expect(seen.init).toMatch(/^failed: .*Permission denied/);
      expect(seen.init).not.toContain('must-not-leak');
      // bwrap's init, the runtime, the shell and its commands: no host process.
      expect(seen.processes).toBeLessThan(10);
      expect(seen.shell).toBe('hello from sh');
      await createFunction(lambda, 'honest', { files: { 'index.mjs': 'export const handler = async (event) => ({ doubled: event.n * 2 });' } });
      expect(decode(await lambda.send(new InvokeCommand({ FunctionName: 'honest', Payload: Buffer.from('{"n":21}') })))).toEqual({ doubled: 42 });
    } finally {
      delete process.env.WORKSHOP_HOST_SECRET;
    }
  });

  it.skipIf(!python)('runs Python functions in the sandbox too', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'py-sandboxed', {
      Runtime: 'python3.12',
      Handler: 'app.handler',
      Environment: { Variables: { SECRET_FILE: secret } },
      files: {
        'app.py': [
          'import os, subprocess',
          'def handler(event, context):',
          '    try:',
          '        secret = open(os.environ["SECRET_FILE"]).read()',
          '    except OSError as error:',
          '        secret = type(error).__name__',
          '    shell = subprocess.run(["sh", "-c", "echo from sh"], capture_output=True, text=True).stdout.strip()',
          '    return {"doubled": event["n"] * 2, "secret": secret, "shell": shell, "processes": len([p for p in os.listdir("/proc") if p.isdigit()])}',
        ].join('\n'),
      },
    });
    const seen = decode(await lambda.send(new InvokeCommand({ FunctionName: 'py-sandboxed', Payload: Buffer.from('{"n":21}') })));
    expect(seen).toMatchObject({ doubled: 42, secret: 'FileNotFoundError', shell: 'from sh' });
    expect(seen.processes).toBeLessThan(6);
  });
});

describe.skipIf(!bwrap)('stopping the emulator', () => {
  let temp: string;
  const previous = process.env.TMPDIR;
  beforeAll(() => {
    // The emulator's own temporary folders go here, so that leftovers can be counted.
    temp = mkdtempSync(join(dir, 'tmp-'));
    process.env.TMPDIR = temp;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  });

  it('leaves no process a function started, detached or not, and no lambda-tmp folder', async () => {
    const running = await startEmulator({ port: 0, log: () => {}, settings: { lambdaStateDelayMs: 0 } });
    const clients = clientsAt(running.url);
    const seconds = uniqueSeconds();
    try {
      const lambda: LambdaClient = clients.lambda;
      await createFunction(lambda, 'escaper', {
        files: {
          'index.js': `const { spawn } = require('child_process');
exports.handler = async () => {
  spawn('setsid', ['sh', '-c', 'trap "" TERM HUP INT; exec sleep ${seconds}'], { detached: true, stdio: 'ignore' }).unref();
  spawn('sh', ['-c', 'while :; do sleep ${seconds} & sleep 0.05; done'], { detached: true, stdio: 'ignore' }).unref();
  return 'started';
};`,
        },
      });
      expect(decode(await lambda.send(new InvokeCommand({ FunctionName: 'escaper' })))).toBe('started');
      await eventually(() => processesWith(`sleep ${seconds}`).length >= 2, 5000);
      expect(readdirSync(temp).filter((name) => name.startsWith('lambda-tmp-'))).toHaveLength(1);
    } finally {
      clients.destroy();
      await running.stop();
    }
    // At once: a process that exits right after stopping its emulator (a script, a CLI) must leave no folder.
    expect(readdirSync(temp).filter((name) => name.startsWith('lambda-tmp-'))).toEqual([]);
    await eventually(() => processesWith(`sleep ${seconds}`).length === 0, 5000);
  });
});

describe('Lambda functions without an OS sandbox (WORKSHOP_SANDBOX=none)', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });
  beforeAll(() => {
    process.env.WORKSHOP_SANDBOX = 'none';
  });
  afterAll(() => {
    delete process.env.WORKSHOP_SANDBOX;
    delete process.env.WORKSHOP_ALLOW_UNSANDBOXED;
  });

  it('run Node.js code, but refuse a child process with a message that says how to get the sandbox', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'spawner', {
      files: { 'index.mjs': `import { execSync } from 'node:child_process';\nexport const handler = async (event) => event.spawn ? execSync('echo hi').toString() : 'plain';` },
    });
    expect(decode(await lambda.send(new InvokeCommand({ FunctionName: 'spawner', Payload: Buffer.from('{}') })))).toBe('plain');
    const refused = await lambda.send(new InvokeCommand({ FunctionName: 'spawner', Payload: Buffer.from('{"spawn":true}') }));
    expect(refused.FunctionError).toBe('Unhandled');
    expect(decode(refused).errorMessage).toMatch(/^child_process\.execSync cannot start a process here: .*needs Linux with bubblewrap.*apt-get install bubblewrap/);
  });

  it.skipIf(!python)('refuse Python functions with a Runtime error that says why, unless the user opts in', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'py-unsandboxed', {
      Runtime: 'python3.12',
      Handler: 'app.handler',
      files: { 'app.py': 'def handler(event, context):\n    return {"doubled": event["n"] * 2}\n' },
    });
    const refused = await lambda.send(new InvokeCommand({ FunctionName: 'py-unsandboxed', Payload: Buffer.from('{"n":21}') }));
    expect(refused.FunctionError).toBe('Unhandled');
    expect(decode(refused)).toEqual({ errorType: 'Runtime.Unknown', errorMessage: expect.stringMatching(/^python3\.12 functions run only inside the OS sandbox.*apt-get install bubblewrap.*WORKSHOP_ALLOW_UNSANDBOXED=1/) });
    process.env.WORKSHOP_ALLOW_UNSANDBOXED = '1';
    expect(decode(await lambda.send(new InvokeCommand({ FunctionName: 'py-unsandboxed', Payload: Buffer.from('{"n":21}') })))).toEqual({ doubled: 42 });
  });
});
