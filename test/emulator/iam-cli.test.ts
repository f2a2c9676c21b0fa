/**
 * Managed policies through the AWS CLI (botocore's query protocol parsing, exit codes and error
 * codes). Skipped, with a warning that says why, when the CLI is not installed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('iam-cli');
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders' }] });

describe.skipIf(!hasAws)('IAM managed policies through the AWS CLI', () => {
  const emulator = useEmulator();

  async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('aws', ['--endpoint-url', emulator.running.url, 'iam', ...args, '--output', 'json'], { timeout: 30_000, env: clientEnv() });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  it('creates, attaches and reads back a policy, and reports AWS errors', async () => {
    const created = await aws('create-policy', '--policy-name', 'cli-orders', '--policy-document', POLICY);
    expect(created.code, created.stderr).toBe(0);
    const arn = JSON.parse(created.stdout).Policy.Arn;
    expect(arn).toBe('arn:aws:iam::000000000000:policy/cli-orders');
    const [role, version, malformed] = await Promise.all([
      aws('create-role', '--role-name', 'cli-role', '--assume-role-policy-document', TRUST),
      aws('get-policy-version', '--policy-arn', arn, '--version-id', 'v1'),
      aws('create-policy', '--policy-name', 'cli-bad', '--policy-document', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'GetItem', Resource: '*' }] })),
    ]);
    expect(role.code, role.stderr).toBe(0);
    // The CLI decodes the URL-encoded document into JSON, as it does against AWS.
    expect(JSON.parse(version.stdout).PolicyVersion.Document).toEqual(JSON.parse(POLICY));
    // CLI v1 exits 255 and v2 exits 254 for a service error.
    expect([254, 255], malformed.stderr).toContain(malformed.code);
    expect(malformed.stderr).toContain('(MalformedPolicyDocument) when calling the CreatePolicy operation: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');

    expect((await aws('attach-role-policy', '--role-name', 'cli-role', '--policy-arn', arn)).code).toBe(0);
    const [attached, missing] = await Promise.all([
      aws('list-attached-role-policies', '--role-name', 'cli-role'),
      aws('attach-role-policy', '--role-name', 'cli-role', '--policy-arn', 'arn:aws:iam::000000000000:policy/none'),
    ]);
    expect(JSON.parse(attached.stdout).AttachedPolicies).toEqual([{ PolicyName: 'cli-orders', PolicyArn: arn }]);
    expect(missing.stderr).toContain('(NoSuchEntity) when calling the AttachRolePolicy operation: Policy arn:aws:iam::000000000000:policy/none does not exist or is not attachable.');
  }, 60_000);
});
