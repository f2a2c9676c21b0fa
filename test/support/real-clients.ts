/**
 * The AWS CLI and boto3 as extra real clients in tests: their environment (fixed test credentials,
 * none of the host's AWS settings) and whether each is installed, with a visible reason when not.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The environment of a real client: fixed test credentials, and no config of the host's leaking in. */
export function clientEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...extra,
  };
}

async function works(file: string, args: string[]): Promise<boolean> {
  try {
    await run(file, args, { timeout: 20_000, env: clientEnv() });
    return true;
  } catch {
    return false;
  }
}

/** Which real clients this machine has; `label` names the test file in the warnings. */
export async function realClients(label: string): Promise<{ hasAws: boolean; hasBoto3: boolean }> {
  const [hasAws, hasBoto3] = await Promise.all([works('aws', ['--version']), works('python3', ['-c', 'import boto3'])]);
  if (!hasAws) console.warn(`${label}: skipping the AWS CLI checks: \`aws --version\` did not run (install the AWS CLI to run them)`);
  if (!hasBoto3) console.warn(`${label}: skipping the boto3 checks: \`python3 -c "import boto3"\` failed (pip install boto3 to run them)`);
  return { hasAws, hasBoto3 };
}
