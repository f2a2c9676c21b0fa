/**
 * Who a signed call is made as: a role session (its key was issued by STS, for a function or by
 * AssumeRole) or the account's root (the long-term test keys a learner signs with), and the
 * identity-based policies that bear on it, read from IAM's state of the session's account.
 */
import type { Emulator } from '../emulator.ts';
import { roleNamed, rolePolicyDocuments } from '../services/iam/permissions.ts';
import type { IamState } from '../services/iam/model.ts';
import { sessionOf, type RoleSession } from './sessions.ts';

/** The caller of one request, as policies name it. */
export interface Principal {
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>` or `arn:aws:iam::<account>:root`. */
  arn: string;
  account: string;
  /** The role session, for calls made with role credentials. */
  session?: RoleSession;
}

/** The principal an access key id stands for in `account`. */
export function principalOf(accessKeyId: string | undefined, account: string): Principal {
  const session = sessionOf(accessKeyId);
  if (session) return { arn: session.arn, account: session.account, session };
  return { arn: `arn:aws:iam::${account}:root`, account };
}

/** The identity-based policies of a role in `account`; empty when the role does not exist (any more). */
export function identityPolicies(emulator: Emulator, account: string, roleName: string): string[] {
  const state = emulator.store.findScope<IamState>('iam', account, '');
  const role = roleNamed(state, roleName);
  return role && state ? rolePolicyDocuments(state, role) : [];
}

/** The trust policy of a role in `account`, or undefined when there is no such role. */
export function trustPolicy(emulator: Emulator, account: string, roleName: string): { arn: string; document: string; roleId: string } | undefined {
  const role = roleNamed(emulator.store.findScope<IamState>('iam', account, ''), roleName);
  return role ? { arn: role.Arn, document: role.AssumeRolePolicyDocument, roleId: role.RoleId } : undefined;
}

/** The condition keys every request of a principal has: aws:PrincipalArn, aws:PrincipalAccount, aws:userid. */
export function principalKeys(principal: Principal): Record<string, string> {
  const session = principal.session;
  return {
    'aws:principalarn': session ? session.roleArn : principal.arn,
    'aws:principalaccount': principal.account,
    'aws:principaltype': session ? 'AssumedRole' : 'Account',
    'aws:userid': session ? session.userId : principal.account,
  };
}
