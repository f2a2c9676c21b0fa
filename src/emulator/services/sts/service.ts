/**
 * STS: who am I. The account comes from the access key id, as the router reads it.
 * AssumeRole's lengths, patterns and range (RoleArn 20-2048, RoleSessionName `[\w+=,.@-]*` of 2-64,
 * DurationSeconds 900-43200) are checked from the model before it runs (validation/); what the
 * model cannot say, that RoleArn is an ARN at all, is checked here in AWS's words.
 * AssumeRole reads the role's trust policy (assume-role.ts) and returns a session whose `ASIA`
 * key signs as `arn:aws:sts::<account>:assumed-role/<role>/<session>`; GetCallerIdentity answers
 * for a session as for the account's root.
 * LIMITATIONS: GetCallerIdentity and AssumeRole only; session expiry, session policies, tags and
 * external ids are not checked; sessions do not survive a restart of the emulator.
 */
import type { ServiceDefinition } from '../../types.ts';
import { AwsError } from '../../errors.ts';
import { principalOf } from '../../policy/principal.ts';
import { issueSession } from '../../policy/sessions.ts';
import { identifyCaller } from '../../router.ts';
import { admitAssumeRole } from './assume-role.ts';

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
    GetCallerIdentity(_input, { account, request }) {
      const caller = principalOf(identifyCaller(request).accessKeyId, account);
      if (caller.session) return { UserId: caller.session.userId, Account: caller.account, Arn: caller.arn };
      return { UserId: `AIDA${account}EXAMPLE`, Account: account, Arn: `arn:aws:iam::${account}:root` };
    },
    AssumeRole(input: { RoleArn?: string; RoleSessionName?: string; DurationSeconds?: string }, { account, request, emulator }) {
      const roleArn = required(input.RoleArn, 'roleArn');
      const sessionName = required(input.RoleSessionName, 'roleSessionName');
      if (!isArnShaped(roleArn)) throw new StsValidationError(`${roleArn} is invalid`);
      const duration = Number(input.DurationSeconds ?? 3600);
      const caller = principalOf(identifyCaller(request).accessKeyId, account);
      const role = admitAssumeRole(emulator, caller, roleArn);
      const roleAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(role.arn)?.[1] ?? account;
      const session = issueSession(roleAccount, role.arn, sessionName, { durationSeconds: duration, ...(role.roleId ? { roleId: role.roleId } : {}) });
      return {
        Credentials: {
          AccessKeyId: session.accessKeyId,
          SecretAccessKey: session.secretAccessKey,
          SessionToken: session.sessionToken,
          Expiration: session.expiration,
        },
        AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.arn },
      };
    },
  },
};
