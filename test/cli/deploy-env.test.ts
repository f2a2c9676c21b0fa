/**
 * `workshop deploy` runs the learner's setup code with the target's own variables only: on a local
 * target, the host's AWS credentials and settings never reach it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { runCli } from '../support/cli.ts';

const KIT = join(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'deploy-env-'));

describe('workshop deploy on the emulator target', () => {
  let running: RunningEmulator;
  beforeAll(async () => {
    running = await startEmulator({ port: 0, log: () => {} });
  });
  afterAll(async () => {
    await running?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives the learner’s setup code none of the host’s AWS variables', async () => {
    const labs = join(root, 'labs');
    cpSync(join(KIT, 'solutions'), labs, { recursive: true });
    // The learner's createOrdersTable shows what it was given, in the error deploy prints.
    const file = join(labs, '03-orders-table', 'orders-table.ts');
    const shown = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'WORKSHOP_HOST_ONLY']
      .map((name) => `${name}=\${process.env.${name}}`).join(' ');
    writeFileSync(file, readFileSync(file, 'utf8').replace(
      /export async function createOrdersTable\(([^)]*)\): Promise<void> \{/,
      (line) => `${line}\n  throw new Error(\`saw ${shown}\`);`,
    ));
    const result = await runCli(['deploy', '03', '--dir', labs], {
      env: {
        ...process.env, AWS_ENDPOINT_URL: running.url, WORKSHOP_TARGET: 'emulator', WORKSHOP_HOST_ONLY: 'host-workshop-xyz',
        AWS_ACCESS_KEY_ID: 'AKIAHOSTKEYXYZ', AWS_SECRET_ACCESS_KEY: 'host-secret-xyz', AWS_SESSION_TOKEN: 'host-token-xyz', AWS_PROFILE: 'host-profile-xyz', AWS_CONFIG_FILE: '/host/config-xyz',
      },
      cwd: root,
      timeoutMs: 120_000,
    });
    const output = result.stdout + result.stderr;
    expect(result.code).toBe(1);
    expect(output).toContain('createOrdersTable in 03-orders-table/orders-table.ts threw Error: saw AWS_ACCESS_KEY_ID=');
    expect(output).not.toMatch(/xyz/i);
    expect(output).toContain('AWS_SECRET_ACCESS_KEY=test AWS_SESSION_TOKEN=undefined AWS_PROFILE=undefined');
  }, 120_000);
});
