import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY } from '../support/cli.ts';
import { savedValues } from '../support/state-db.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Starts a long-running CLI command and resolves with its URL once it prints one. */
function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 15_000);
    child.stdout.on('data', () => {
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, output: () => output };
}

describe('workshop start and workshop emulator', () => {
  it('start runs a real emulator, prints what to try next, keeps state, and stops cleanly on SIGTERM', async () => {
    const state = mkdtempSync(join(tmpdir(), 'start-state-'));
    dirs.push(state);
    const run = startCli(['start', '--port', '0', '--state', state, '--no-site']);
    const url = await run.url;
    const health = await fetch(`${url}/_localstack/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { services: Record<string, string> }).services.iam).toBe('running');
    expect(run.output()).toContain('sts get-caller-identity');
    expect(run.output()).toContain('Press Ctrl-C to stop.');
    const created = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request' },
      body: new URLSearchParams({ Action: 'CreateRole', RoleName: 'kept', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }),
    });
    expect(created.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(savedValues(state, 'iam').join()).toContain('"RoleName":"kept"');
  });

  it('emulator explains a port that is already taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const run = startCli(['emulator', '--port', String(port)]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`port ${port} is already in use`);
    expect(run.output()).toContain('workshop doctor');
    blocker.close();
  });

  it('emulator answers the pages named by --allow-origin and WORKSHOP_ALLOW_ORIGINS, and no others', async () => {
    const run = startCli(['emulator', '--port', '0', '--allow-origin', 'https://course.example'], { WORKSHOP_ALLOW_ORIGINS: 'https://env.example' });
    try {
      const url = await run.url;
      for (const origin of ['https://course.example', 'https://env.example', 'http://127.0.0.1:4321']) {
        expect((await fetch(`${url}/_workshop/trace`, { headers: { origin } })).status, origin).toBe(200);
      }
      expect((await fetch(`${url}/_workshop/trace`, { headers: { origin: 'https://elsewhere.example' } })).status).toBe(403);
    } finally {
      run.child.kill('SIGTERM');
    }
  });
});
