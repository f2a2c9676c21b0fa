/**
 * AssumeRole as AWS decides it: the role must exist and its trust policy must allow the caller
 * (a statement naming the caller's own ARN or role, or its account, in which case a role
 * session's identity policies must allow sts:AssumeRole too); an explicit Deny wins. The answer is
 * a new session whose `ASIA` key signs as the role.
 */
import { AwsError } from '../../errors.ts';
import type { Emulator } from '../../emulator.ts';
import { evaluate } from '../../policy/evaluate.ts';
import { modeFor } from '../../policy/mode.ts';
import { identityPolicies, principalKeys, trustPolicy, type Principal } from '../../policy/principal.ts';
import { refusalMessage } from '../../policy/refusals.ts';
import { statementApplies, statementsOf } from '../../policy/statements.ts';
import { accountOfArn, roleNameOf } from '../../policy/sessions.ts';

/** STS's AccessDenied. */
export class StsAccessDenied extends AwsError {
  constructor(message: string) {
    super('AccessDenied', message, { status: 403 });
  }
}

/** The role ARN and id to issue a session of, or AccessDenied (enforce) as AWS answers an untrusted caller. */
export function admitAssumeRole(emulator: Emulator, caller: Principal, roleArn: string): { arn: string; roleId?: string } {
  const account = accountOfArn(roleArn) ?? caller.account;
  const role = trustPolicy(emulator, account, roleNameOf(roleArn));
  const mode = modeFor(emulator.settings.iam, caller);
  if (mode === 'off') return { arn: role?.arn ?? roleArn, ...(role ? { roleId: role.roleId } : {}) };
  const lookup = principalKeys(caller) as Record<string, string | undefined>;
  const request = { principal: caller.arn, action: 'sts:AssumeRole', resource: role?.arn ?? roleArn, keys: (key: string) => lookup[key] };
  let allowed = false;
  let decision: 'ExplicitDeny' | 'ImplicitDeny' = 'ImplicitDeny';
  if (role) {
    if (caller.session) {
      const evaluation = evaluate({ request, identityPolicies: identityPolicies(emulator, caller.account, caller.session.roleName), resourcePolicy: role.document, crossAccount: account !== caller.account });
      allowed = evaluation.decision === 'Allow';
      if (evaluation.decision === 'ExplicitDeny') decision = 'ExplicitDeny';
    } else {
      // An account's root is trusted where the trust policy names it or its account.
      const applying = statementsOf(role.document).filter((statement) => statementApplies(statement, request, true));
      if (applying.some((statement) => statement.Effect === 'Deny')) decision = 'ExplicitDeny';
      else allowed = applying.some((statement) => statement.Effect === 'Allow');
    }
  }
  if (!allowed) {
    const message = refusalMessage({ principal: caller.arn, action: 'sts:AssumeRole', resource: roleArn, evaluation: { decision, by: 'resource' } });
    emulator.trace.record({
      account: caller.account, region: '', kind: 'access-denied', target: roleArn, outcome: mode === 'enforce' ? 'refused' : 'delivered', reason: decision,
      detail: mode === 'enforce' ? message : `${message} (reported only)`, iam: { action: 'sts:AssumeRole', resource: roleArn, principal: caller.arn, mode: mode === 'enforce' ? 'enforce' : 'report' },
    });
    if (mode === 'enforce') throw new StsAccessDenied(message);
    emulator.log(`iam (report): ${message}`);
  }
  return { arn: role?.arn ?? roleArn, ...(role ? { roleId: role.roleId } : {}) };
}
