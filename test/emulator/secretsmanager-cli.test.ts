/**
 * Secrets Manager through the AWS CLI (botocore's JSON 1.1 parsing, exit codes and error codes).
 * Skipped, with a warning that says why, when the CLI is not installed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('secretsmanager-cli');

describe.skipIf(!hasAws)('Secrets Manager through the AWS CLI', () => {
  const emulator = useEmulator();

  async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('aws', ['--endpoint-url', emulator.running.url, 'secretsmanager', ...args, '--output', 'json'], { timeout: 30_000, env: clientEnv() });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  it('creates, reads, deletes with a recovery window and reports AWS errors', async () => {
    const created = await aws('create-secret', '--name', 'cli/db', '--secret-string', '{"user":"shop"}');
    expect(created.code, created.stderr).toBe(0);
    const { ARN, Name, VersionId } = JSON.parse(created.stdout);
    expect(ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:cli\/db-[A-Za-z0-9]{6}$/);
    expect(Name).toBe('cli/db');
    const read = await aws('get-secret-value', '--secret-id', 'cli/db');
    expect(JSON.parse(read.stdout)).toMatchObject({ ARN, SecretString: '{"user":"shop"}', VersionId, VersionStages: ['AWSCURRENT'] });
    const deleted = await aws('delete-secret', '--secret-id', 'cli/db', '--recovery-window-in-days', '7');
    expect(deleted.code, deleted.stderr).toBe(0);
    const refused = await aws('get-secret-value', '--secret-id', 'cli/db');
    // CLI v1 exits 255 and v2 exits 254 for a service error.
    expect([254, 255], refused.stderr).toContain(refused.code);
    expect(refused.stderr).toContain("An error occurred (InvalidRequestException) when calling the GetSecretValue operation: You can't perform this operation on the secret because it was marked for deletion.");
    const missing = await aws('describe-secret', '--secret-id', 'cli/none');
    expect(missing.stderr).toContain("An error occurred (ResourceNotFoundException) when calling the DescribeSecret operation: Secrets Manager can't find the specified secret.");
  });
});
