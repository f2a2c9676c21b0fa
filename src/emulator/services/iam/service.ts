/**
 * IAM: roles with their trust policies, inline policies, customer managed policies with versions,
 * and the AWS managed policies the labs attach, as AWS answers for each.
 * The policies are enforced on calls made with a role's credentials (src/emulator/policy/,
 * permissions.ts reads a role's documents for it).
 * LIMITATIONS: roles and policies only (no users, groups, instance profiles or permissions
 * boundaries); only the AWS managed policies in aws-managed.ts exist (ReadOnlyAccess with the
 * read actions of the emulated services only).
 */
import type { ServiceDefinition } from '../../types.ts';
import { MissingParameter } from '../../errors.ts';
import { NoSuchEntity } from './errors.ts';
import { checkRoleName, createRole, deleteRole, findRole, roleView, type IamState } from './model.ts';
import { createPolicy, createPolicyVersion, deletePolicy, deletePolicyVersion, findPolicy, findVersion, lookupPolicy, setDefaultPolicyVersion } from './policies.ts';
import { entitiesForPolicy, listedPolicies, policyView, versionsNewestFirst, versionView } from './policy-views.ts';
import { attachedPolicies, attachRolePolicy, detachRolePolicy, putRolePolicy } from './role-policies.ts';
import { dict } from '../../dict.ts';

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new MissingParameter(name);
  return value;
}

function page<T>(items: T[], marker: unknown, maxItems: unknown): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const start = Number(marker ?? 0) || 0;
  const size = Math.min(Math.max(Number(maxItems ?? 100) || 100, 1), 1000);
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? String(start + size) : undefined;
  return { items: slice, IsTruncated: next !== undefined, ...(next ? { Marker: next } : {}) };
}

const pathPrefix = (input: Record<string, unknown>) => (typeof input.PathPrefix === 'string' ? input.PathPrefix : '/');

/** The IAM service definition. */
export const iamService: ServiceDefinition<IamState> = {
  name: 'iam',
  signingNames: ['iam'],
  protocol: 'query',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  global: true,
  createState: () => ({ roles: dict(), policies: dict() }),
  operations: {
    CreateRole: (input, { state, account }) => ({ Role: roleView(createRole(state, account, input)) }),
    GetRole: (input, { state }) => ({ Role: roleView(findRole(state, checkRoleName(input.RoleName))) }),
    DeleteRole(input, { state }) {
      deleteRole(state, input.RoleName);
      return null;
    },
    ListRoles(input, { state }) {
      const roles = Object.values(state.roles)
        .filter((role) => role.Path.startsWith(pathPrefix(input)))
        .sort((a, b) => a.RoleName.localeCompare(b.RoleName));
      const { items, ...rest } = page(roles, input.Marker, input.MaxItems);
      return { Roles: items.map(roleView), ...rest };
    },
    AttachRolePolicy(input, { state }) {
      attachRolePolicy(state, findRole(state, checkRoleName(input.RoleName)), requireString(input.PolicyArn, 'PolicyArn'));
      return null;
    },
    DetachRolePolicy(input, { state }) {
      detachRolePolicy(findRole(state, checkRoleName(input.RoleName)), requireString(input.PolicyArn, 'PolicyArn'));
      return null;
    },
    ListAttachedRolePolicies(input, { state }) {
      const role = findRole(state, checkRoleName(input.RoleName));
      const { items, ...rest } = page(attachedPolicies(state, role, pathPrefix(input)), input.Marker, input.MaxItems);
      return { AttachedPolicies: items, ...rest };
    },
    PutRolePolicy(input, { state }) {
      const role = findRole(state, checkRoleName(input.RoleName));
      putRolePolicy(role, requireString(input.PolicyName, 'PolicyName'), requireString(input.PolicyDocument, 'PolicyDocument'));
      return null;
    },
    GetRolePolicy(input, { state }) {
      const role = findRole(state, checkRoleName(input.RoleName));
      const name = requireString(input.PolicyName, 'PolicyName');
      const document = role.inline[name];
      if (document === undefined) throw new NoSuchEntity(`The role policy with name ${name} cannot be found.`);
      return { RoleName: role.RoleName, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
    },
    DeleteRolePolicy(input, { state }) {
      const role = findRole(state, checkRoleName(input.RoleName));
      const name = requireString(input.PolicyName, 'PolicyName');
      if (role.inline[name] === undefined) throw new NoSuchEntity(`The role policy with name ${name} cannot be found.`);
      delete role.inline[name];
      return null;
    },
    ListRolePolicies(input, { state }) {
      const role = findRole(state, checkRoleName(input.RoleName));
      const { items, ...rest } = page(Object.keys(role.inline).sort(), input.Marker, input.MaxItems);
      return { PolicyNames: items, ...rest };
    },
    CreatePolicy(input, { state, account }) {
      requireString(input.PolicyName, 'PolicyName');
      requireString(input.PolicyDocument, 'PolicyDocument');
      const policy = createPolicy(state, account, input);
      return { Policy: policyView(state, lookupPolicy(state, policy.Arn)!, { tags: 'when-set' }) };
    },
    GetPolicy: (input, { state }) => ({ Policy: policyView(state, findPolicy(state, requireString(input.PolicyArn, 'PolicyArn')), { description: true, tags: 'always' }) }),
    DeletePolicy(input, { state }) {
      deletePolicy(state, requireString(input.PolicyArn, 'PolicyArn'));
      return null;
    },
    ListPolicies(input, { state }) {
      const { items, ...rest } = page(listedPolicies(state, input), input.Marker, input.MaxItems);
      return { Policies: items.map((policy) => policyView(state, policy)), ...rest };
    },
    GetPolicyVersion(input, { state }) {
      const { policy, version } = findVersion(state, requireString(input.PolicyArn, 'PolicyArn'), requireString(input.VersionId, 'VersionId'));
      return { PolicyVersion: versionView(policy, version, true) };
    },
    CreatePolicyVersion(input, { state }) {
      const arn = requireString(input.PolicyArn, 'PolicyArn');
      const version = createPolicyVersion(state, arn, requireString(input.PolicyDocument, 'PolicyDocument'), String(input.SetAsDefault) === 'true');
      return { PolicyVersion: versionView(findPolicy(state, arn), version, false) };
    },
    ListPolicyVersions(input, { state }) {
      const policy = findPolicy(state, requireString(input.PolicyArn, 'PolicyArn'));
      const { items, ...rest } = page(versionsNewestFirst(policy), input.Marker, input.MaxItems);
      return { Versions: items.map((version) => versionView(policy, version, false)), ...rest };
    },
    DeletePolicyVersion(input, { state }) {
      deletePolicyVersion(state, requireString(input.PolicyArn, 'PolicyArn'), requireString(input.VersionId, 'VersionId'));
      return null;
    },
    SetDefaultPolicyVersion(input, { state }) {
      setDefaultPolicyVersion(state, requireString(input.PolicyArn, 'PolicyArn'), requireString(input.VersionId, 'VersionId'));
      return null;
    },
    ListEntitiesForPolicy(input, { state }) {
      const arn = requireString(input.PolicyArn, 'PolicyArn');
      if (!lookupPolicy(state, arn)) throw new NoSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
      return entitiesForPolicy(state, arn, input);
    },
  },
};
