import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY } from '../support/cli.ts';
import { eventually } from '../support/eventually.ts';

const state = mkdtempSync(join(tmpdir(), 'start-site-'));
afterAll(() => rmSync(state, { recursive: true, force: true }));

describe('npm start (workshop start)', () => {
  it('serves the emulator and the lesson site, and prints both addresses', async () => {
    // A learner's shell: none of the test runner's own variables (NODE_ENV=test changes how Astro serves).
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_ENV' && !key.startsWith('VITEST')));
    const child = spawn(process.execPath, [CLI_ENTRY, 'start', '--port', '0', '--site-port', '0', '--state', state], { env: { ...env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const site = await eventually(() => /Lessons at (http:\/\/\S+)/.exec(output)?.[1], 60_000, 100);
      const emulator = /listening on (http:\/\/\S+)/.exec(output)![1]!;
      expect((await fetch(`${emulator}/_localstack/health`)).status).toBe(200);
      const page = await fetch(`${site}/labs/01-first-handler/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Your first order handler');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
