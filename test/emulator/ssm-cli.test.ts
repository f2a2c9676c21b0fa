/**
 * Parameter Store through the AWS CLI (botocore's JSON 1.1 parsing, exit codes and error codes).
 * Skipped, with a warning that says why, when the CLI is not installed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('ssm-cli');

describe.skipIf(!hasAws)('Parameter Store through the AWS CLI', () => {
  const emulator = useEmulator();

  async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('aws', ['--endpoint-url', emulator.running.url, 'ssm', ...args, '--output', 'json'], { timeout: 30_000, env: clientEnv() });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  it('puts, reads with decryption, lists by path and reports AWS errors', async () => {
    const put = await aws('put-parameter', '--name', '/cli/token', '--value', 'abc123', '--type', 'SecureString');
    expect(put.code, put.stderr).toBe(0);
    expect(JSON.parse(put.stdout)).toEqual({ Version: 1, Tier: 'Standard' });
    const read = await aws('get-parameter', '--name', '/cli/token', '--with-decryption');
    expect(JSON.parse(read.stdout).Parameter).toMatchObject({ Name: '/cli/token', Type: 'SecureString', Value: 'abc123', Version: 1 });
    const listed = await aws('get-parameters-by-path', '--path', '/cli');
    expect(JSON.parse(listed.stdout).Parameters.map((parameter: { Name: string }) => parameter.Name)).toEqual(['/cli/token']);
    const again = await aws('put-parameter', '--name', '/cli/token', '--value', 'x', '--type', 'String');
    // CLI v1 exits 255 and v2 exits 254 for a service error.
    expect([254, 255], again.stderr).toContain(again.code);
    expect(again.stderr).toContain('An error occurred (ParameterAlreadyExists) when calling the PutParameter operation: The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
    const missing = await aws('get-parameter', '--name', '/cli/none');
    expect(missing.stderr).toContain('An error occurred (ParameterNotFound) when calling the GetParameter operation: Parameter /cli/none not found.');
  });
});
