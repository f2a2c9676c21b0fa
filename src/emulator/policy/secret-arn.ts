/**
 * A secret named in a call by its name (not its ARN) is authorized, on AWS, as the secret's real
 * ARN, random suffix included: a policy that names that ARN allows the call either way. The ARN is
 * read with Secrets Manager's own DescribeSecret; an unknown name keeps the `name-??????` form.
 */
import type { Emulator } from '../emulator.ts';
import type { Needed } from './actions.ts';

const BY_NAME = /^(arn:[^:]+:secretsmanager:[^:]*:\d{12}:secret:)(.+)-\?{6}$/;

/** `need` with its secret's real ARN in place of `name-??????`, when the secret exists. */
export async function withSecretArn(emulator: Emulator, scope: { account: string; region: string }, need: Needed): Promise<Needed> {
  const named = BY_NAME.exec(need.resource);
  if (!named || !emulator.services.has('secretsmanager')) return need;
  try {
    const described = await emulator.call('secretsmanager', 'DescribeSecret', { SecretId: named[2] }, scope);
    return typeof described?.ARN === 'string' ? { ...need, resource: described.ARN } : need;
  } catch {
    return need;
  }
}
