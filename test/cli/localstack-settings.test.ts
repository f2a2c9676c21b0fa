/**
 * LocalStack's settings the kit honours: `LOCALSTACK_HOST` names the localstack target's endpoint
 * (when AWS_ENDPOINT_URL does not), and `PERSISTENCE=1` makes `workshop emulator` keep its state
 * where `npm start` keeps it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveTarget } from '../../src/core/target.ts';
import { CLI_ENTRY, runCli } from '../support/cli.ts';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';
import { savedValues } from '../support/state-db.ts';

const { hasAws } = await realClients('LocalStack settings');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('LOCALSTACK_HOST', () => {
  it('names the localstack target\'s endpoint, port 4566 unless given; AWS_ENDPOINT_URL still wins', () => {
    expect(resolveTarget({ flag: 'localstack', env: { LOCALSTACK_HOST: 'localstack.internal:4510' } }).endpoint).toBe('http://localstack.internal:4510');
    expect(resolveTarget({ flag: 'localstack', env: { LOCALSTACK_HOST: 'localhost.localstack.cloud' } }).endpoint).toBe('http://localhost.localstack.cloud:4566');
    expect(resolveTarget({ flag: 'localstack', env: { LOCALSTACK_HOST: 'box:4510', AWS_ENDPOINT_URL: 'http://127.0.0.1:4999' } }).endpoint).toBe('http://127.0.0.1:4999');
    // The kit's own emulator is not LocalStack: the setting does not move it.
    expect(resolveTarget({ flag: 'emulator', env: { LOCALSTACK_HOST: 'box:4510' } }).endpoint).toBe('http://127.0.0.1:4566');
  });

  describe.skipIf(!hasAws)('with the AWS CLI', () => {
    const emulator = useEmulator();
    it('sends `workshop aws --target localstack` to the host it names', async () => {
      const host = emulator.running.url.replace('http://', '');
      const result = await runCli(['aws', '--target', 'localstack', 'sts', 'get-caller-identity'], { env: clientEnv({ LOCALSTACK_HOST: host }), timeoutMs: 60_000 });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ Account: '000000000000' });
    });
  });
});

describe('PERSISTENCE=1', () => {
  it('makes `workshop emulator` keep state in .workshop/emulator-state, as `npm start` does', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'persistence-'));
    dirs.push(cwd);
    const child = spawn(process.execPath, [CLI_ENTRY, 'emulator', '--port', '0'], { cwd, env: { ...process.env, PERSISTENCE: '1', NO_COLOR: '1', WORKSHOP_LANG: 'en' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await eventually(() => /listening on (http:\/\/\S+)/.exec(output)?.[1], 20_000);
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const created = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request' },
      body: new URLSearchParams({ Action: 'CreateRole', RoleName: 'persisted', AssumeRolePolicyDocument: trust }),
    });
    expect(created.status).toBe(200);
    expect(output).toContain(`State is kept in ${join(cwd, '.workshop', 'emulator-state')}`);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(savedValues(join(cwd, '.workshop', 'emulator-state'), 'iam').join()).toContain('"RoleName":"persisted"');
  });
});
