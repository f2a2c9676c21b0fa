/** Managed policies as IAM's API shows them: in GetPolicy, CreatePolicy, ListPolicies and the version calls. */
import { AWS_MANAGED_POLICIES } from './aws-managed.ts';
import { attachmentCount, lookupPolicy, type PolicyRecord, type PolicyVersion } from './policies.ts';
import type { IamState } from './model.ts';

/** Which members a view carries: GetPolicy has the description and tags, lists and CreatePolicy do not. */
export interface ViewOptions {
  description?: boolean;
  tags?: 'always' | 'when-set' | 'never';
}

/** One policy as a Policy structure. */
export function policyView(state: IamState, policy: PolicyRecord, options: ViewOptions = {}): Record<string, unknown> {
  const tags = options.tags ?? 'never';
  return {
    PolicyName: policy.PolicyName,
    PolicyId: policy.PolicyId,
    Arn: policy.Arn,
    Path: policy.Path,
    DefaultVersionId: policy.DefaultVersionId,
    AttachmentCount: attachmentCount(state, policy.Arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    ...(options.description && policy.Description ? { Description: policy.Description } : {}),
    CreateDate: policy.CreateDate,
    UpdateDate: policy.UpdateDate,
    ...(tags === 'always' || (tags === 'when-set' && policy.Tags.length > 0) ? { Tags: policy.Tags } : {}),
  };
}

/** A version as GetPolicyVersion shows it (the document URL-encoded, as IAM returns it) or a list shows it (no document). */
export function versionView(policy: PolicyRecord, version: PolicyVersion, withDocument: boolean): Record<string, unknown> {
  return {
    ...(withDocument ? { Document: encodeURIComponent(version.Document) } : {}),
    VersionId: version.VersionId,
    IsDefaultVersion: version.VersionId === policy.DefaultVersionId,
    CreateDate: version.CreateDate,
  };
}

/** The versions of a policy, newest first, as ListPolicyVersions orders them. */
export function versionsNewestFirst(policy: PolicyRecord): PolicyVersion[] {
  const number = (id: string) => Number(id.slice(1)) || 0;
  return Object.values(policy.versions).sort((a, b) => number(b.VersionId) - number(a.VersionId));
}

/** The policies ListPolicies returns before paging: the account's own first, then AWS's, each by name. */
export function listedPolicies(state: IamState, input: Record<string, unknown>): PolicyRecord[] {
  const scope = typeof input.Scope === 'string' ? input.Scope : 'All';
  const prefix = typeof input.PathPrefix === 'string' ? input.PathPrefix : '/';
  const onlyAttached = String(input.OnlyAttached) === 'true';
  // No policy here serves as a permissions boundary, so that filter leaves nothing.
  if (input.PolicyUsageFilter === 'PermissionsBoundary') return [];
  const byName = (a: PolicyRecord, b: PolicyRecord) => a.PolicyName.localeCompare(b.PolicyName);
  const own = scope === 'AWS' ? [] : Object.keys(state.policies).map((arn) => lookupPolicy(state, arn)!).sort(byName);
  const aws = scope === 'Local' ? [] : [...AWS_MANAGED_POLICIES.keys()].map((arn) => lookupPolicy(state, arn)!).sort(byName);
  return [...own, ...aws].filter((policy) => policy.Path.startsWith(prefix) && (!onlyAttached || attachmentCount(state, policy.Arn) > 0));
}

/** The roles that hold a policy, as ListEntitiesForPolicy lists them (this emulator has no users or groups). */
export function entitiesForPolicy(state: IamState, arn: string, input: Record<string, unknown>): Record<string, unknown> {
  const filter = typeof input.EntityFilter === 'string' ? input.EntityFilter : undefined;
  const prefix = typeof input.PathPrefix === 'string' ? input.PathPrefix : '/';
  const roles = filter === undefined || filter === 'Role'
    ? Object.values(state.roles).filter((role) => role.attached.includes(arn) && role.Path.startsWith(prefix))
    : [];
  return {
    PolicyGroups: [],
    PolicyUsers: [],
    PolicyRoles: roles.sort((a, b) => a.RoleName.localeCompare(b.RoleName)).map((role) => ({ RoleName: role.RoleName, RoleId: role.RoleId })),
    IsTruncated: false,
  };
}
