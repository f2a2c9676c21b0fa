/**
 * Ctrl-C while the first start still builds the lesson site stops everything cleanly: Astro's
 * build ends, and the emulator saves its state and exits 0, as it does once the site is up.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY } from '../support/cli.ts';
import { eventually } from '../support/eventually.ts';
import { savedValues } from '../support/state-db.ts';

const work = mkdtempSync(join(tmpdir(), 'start-interrupt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Ctrl-C during the first site build', () => {
  it('stops the build and the emulator, keeping what the emulator was told', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')));
    const child = spawn(process.execPath, [CLI_ENTRY, 'start', '--port', '0', '--site-port', '0', '--state', join(work, 'state')], {
      cwd: work,
      env: { ...env, NO_COLOR: '1', WORKSHOP_SITE_DIR: join(work, 'site-build') },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = await eventually(() => /listening on (http:\/\/\S+)/.exec(output)?.[1], 30_000, 50);
      await eventually(() => output.includes('Building the lesson site'), 30_000, 50);
      const created = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00' },
        body: new URLSearchParams({ Action: 'CreateRole', RoleName: 'made-while-building', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }),
      });
      expect(created.status).toBe(200);
      child.kill('SIGINT');
      expect(await exited, output).toBe(0);
      expect(output).toContain('Stopping the emulator');
      expect(savedValues(join(work, 'state'), 'iam').join()).toContain('made-while-building');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
