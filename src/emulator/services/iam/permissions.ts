/**
 * What a role may do, as the policy evaluator reads it: the documents of its inline policies and
 * of the default versions of the managed policies attached to it (the account's own and AWS's).
 */
import { lookupPolicy } from './policies.ts';
import type { IamState, Role } from './model.ts';

/** The role named `name` in this account's IAM state, or undefined. */
export function roleNamed(state: IamState | undefined, name: string): Role | undefined {
  return state && Object.hasOwn(state.roles, name) ? state.roles[name] : undefined;
}

/** The identity-based policy documents of a role, inline ones first. */
export function rolePolicyDocuments(state: IamState, role: Role): string[] {
  const documents = Object.values(role.inline);
  for (const arn of role.attached) {
    const policy = lookupPolicy(state, arn);
    const version = policy?.versions[policy.DefaultVersionId];
    if (version) documents.push(version.Document);
  }
  return documents;
}
