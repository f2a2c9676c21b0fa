/**
 * A role's permissions policies: managed ones attached by ARN (ten at most, each one that exists
 * and is attachable) and inline ones stored with the role (10,240 characters in all).
 */
import { IamValidationError, LimitExceeded, NoSuchEntity } from './errors.ts';
import { lookupPolicy } from './policies.ts';
import { checkIdentityPolicy, policySize, ROLE_INLINE_POLICY_SIZE } from './policy-document.ts';
import type { IamState, Role } from './model.ts';

/** The quota on managed policies attached to one role. */
export const POLICIES_PER_ROLE = 10;

function checkArn(arn: string): void {
  if (!arn.startsWith('arn:')) throw new IamValidationError(`ARN ${arn} is not valid.`);
}

/** Attaches a managed policy that exists (AWS's or this account's); attaching it twice changes nothing. */
export function attachRolePolicy(state: IamState, role: Role, arn: string): void {
  checkArn(arn);
  if (!lookupPolicy(state, arn)) throw new NoSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  if (role.attached.includes(arn)) return;
  if (role.attached.length >= POLICIES_PER_ROLE) throw new LimitExceeded(`Cannot exceed quota for PoliciesPerRole: ${POLICIES_PER_ROLE}`);
  role.attached.push(arn);
}

/** Detaches a managed policy the role has. */
export function detachRolePolicy(role: Role, arn: string): void {
  checkArn(arn);
  if (!role.attached.includes(arn)) throw new NoSuchEntity(`Policy ${arn} was not found.`);
  role.attached = role.attached.filter((item) => item !== arn);
}

/** The role's attached policies as ListAttachedRolePolicies names them, optionally under a path. */
export function attachedPolicies(state: IamState, role: Role, pathPrefix: string): Array<{ PolicyName: string; PolicyArn: string }> {
  return role.attached.flatMap((arn) => {
    const policy = lookupPolicy(state, arn);
    const name = policy?.PolicyName ?? arn.split('/').pop()!;
    if (policy && !policy.Path.startsWith(pathPrefix)) return [];
    return [{ PolicyName: name, PolicyArn: arn }];
  });
}

/** Adds or replaces an inline policy, within the role's total inline size. */
export function putRolePolicy(role: Role, name: string, document: string): void {
  checkIdentityPolicy(document, 'inline');
  const others = Object.entries(role.inline).filter(([other]) => other !== name);
  const total = others.reduce((sum, [, text]) => sum + policySize(text), policySize(document));
  if (total > ROLE_INLINE_POLICY_SIZE) throw new LimitExceeded(`Maximum policy size of ${ROLE_INLINE_POLICY_SIZE} bytes exceeded for role ${role.RoleName}`);
  role.inline[name] = document;
}
