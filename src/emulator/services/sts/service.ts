/**
 * STS: who am I. The account comes from the access key id, as the router reads it.
 * AssumeRole's lengths, patterns and range (RoleArn 20-2048, RoleSessionName `[\w+=,.@-]*` of 2-64,
 * DurationSeconds 900-43200) are checked from the model before it runs (validation/); what the
 * model cannot say, that RoleArn is an ARN at all, is checked here in AWS's words.
 * LIMITATIONS: GetCallerIdentity and AssumeRole only; AssumeRole returns credentials that sign as
 * the same account and are not checked, and it neither reads the role's trust policy nor requires
 * the role to exist.
 */
import { randomBytes } from 'node:crypto';
import type { ServiceDefinition } from '../../types.ts';
import { AwsError } from '../../errors.ts';

/** STS's answer to input it refuses. */
export class StsValidationError extends AwsError {
  constructor(message: string) {
    super('ValidationError', message, { status: 400 });
  }
}

/**
 * True for text shaped like an ARN: `arn:partition:service:region:account:resource`, where the
 * region and account may be empty but the partition, service and resource may not (AWS answers
 * `arn::b:::x`, `arn:a::::x`, `arn:a:::x` and `arn:a:a::aaaaaaaaaa:` with "<arn> is invalid").
 */
export function isArnShaped(text: string): boolean {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  return parts[1] !== '' && parts[2] !== '' && parts.slice(5).join(':') !== '';
}

function required(value: string | undefined, member: string): string {
  // The model layer answers wire requests first; this guards in-process callers with the same words.
  if (value === undefined || value === '') throw new StsValidationError(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  return value;
}

/** The STS service definition. */
export const stsService: ServiceDefinition<Record<string, never>> = {
  name: 'sts',
  signingNames: ['sts'],
  protocol: 'query',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  createState: () => ({}),
  global: true,
  operations: {
    GetCallerIdentity(_input, { account }) {
      return { UserId: `AIDA${account}EXAMPLE`, Account: account, Arn: `arn:aws:iam::${account}:root` };
    },
    AssumeRole(input: { RoleArn?: string; RoleSessionName?: string; DurationSeconds?: string }, { account }) {
      const roleArn = required(input.RoleArn, 'roleArn');
      const sessionName = required(input.RoleSessionName, 'roleSessionName');
      if (!isArnShaped(roleArn)) throw new StsValidationError(`${roleArn} is invalid`);
      const duration = Number(input.DurationSeconds ?? 3600);
      const roleName = roleArn.split('/').pop();
      return {
        Credentials: {
          // A 12-digit key keeps the caller in its own account on the emulator.
          AccessKeyId: account,
          SecretAccessKey: randomBytes(20).toString('base64'),
          SessionToken: randomBytes(32).toString('base64'),
          Expiration: new Date(Date.now() + duration * 1000),
        },
        AssumedRoleUser: {
          AssumedRoleId: `AROA${randomBytes(8).toString('hex').toUpperCase()}:${sessionName}`,
          Arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
        },
      };
    },
  },
};
