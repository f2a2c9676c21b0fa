/**
 * A run names the target that really answered: `--target localstack` is refused while the kit's
 * own emulator answers in LocalStack's place, and `--target aws` without credentials stops once,
 * before any check, with the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { runCli } from '../support/cli.ts';

/** The environment without any of the host's AWS settings, and with no instance metadata lookups. */
function bareEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('WORKSHOP_')));
  return { ...env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true', ...extra };
}

describe('the chosen target is the one that answers', () => {
  let running: RunningEmulator;
  beforeAll(async () => {
    running = await startEmulator({ port: 0, log: () => {} });
  });
  afterAll(() => running.stop());

  it('refuses --target localstack when the kit\'s emulator answers there, before any check', async () => {
    const run = await runCli(['check', '01', '--target', 'localstack'], { env: bareEnv({ AWS_ENDPOINT_URL: running.url }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the kit\'s own emulator answers at');
    expect(run.stderr).toContain('docker compose up -d');
    expect(run.stdout).not.toContain('Lab 01');
  });

  it('refuses --target localstack when nothing answers, saying how to start it', async () => {
    const closed = await startEmulator({ port: 0, log: () => {} });
    const url = closed.url;
    await closed.stop();
    const run = await runCli(['check', '01'], { env: bareEnv({ AWS_ENDPOINT_URL: url }) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the localstack target was chosen (AWS_ENDPOINT_URL) but nothing answers at ${url}`);
  });

  it('stops --target aws without credentials once, with the fix, before any check', async () => {
    const run = await runCli(['check', '--target', 'aws'], { env: bareEnv({}) });
    expect(run.code).toBe(1);
    expect(run.stderr.match(/no AWS credentials were found/g)).toHaveLength(1);
    expect(run.stderr).toContain('aws configure');
    expect(run.stdout).not.toContain('Lab 0');
  });
});
