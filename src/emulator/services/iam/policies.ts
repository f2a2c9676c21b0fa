/**
 * Managed policies: the customer's own (CreatePolicy and its versions, up to five) and AWS's (read
 * only, shared by every account). A policy's attachment count is read from the roles that hold it,
 * so it can never drift from them.
 */
import { randomBytes } from 'node:crypto';
import { AccessDenied, DeleteConflict, EntityAlreadyExists, InvalidInput, LimitExceeded, NoSuchEntity } from './errors.ts';
import { AWS_MANAGED_POLICIES, isAwsManagedArn, stablePolicyId } from './aws-managed.ts';
import { checkIdentityPolicy } from './policy-document.ts';
import { checkPath, type IamState, type Tag } from './model.ts';
import { dict } from '../../dict.ts';

/** One version of a customer managed policy. */
export interface PolicyVersion {
  VersionId: string;
  Document: string;
  CreateDate: Date;
}

/** A customer managed policy as IAM keeps it. */
export interface ManagedPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  CreateDate: Date;
  UpdateDate: Date;
  Tags: Tag[];
  DefaultVersionId: string;
  versions: Record<string, PolicyVersion>;
  nextVersion: number;
}

/** Any managed policy, customer or AWS, as the read operations show it. */
export interface PolicyRecord {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  CreateDate: Date;
  UpdateDate: Date;
  Tags: Tag[];
  DefaultVersionId: string;
  versions: Record<string, PolicyVersion>;
  awsManaged: boolean;
}

const MAX_VERSIONS = 5;

/** The customer managed policy or AWS managed policy at `arn`, or undefined. */
export function lookupPolicy(state: IamState, arn: string): PolicyRecord | undefined {
  const own = state.policies[arn];
  if (own) return { ...own, awsManaged: false };
  const aws = AWS_MANAGED_POLICIES.get(arn);
  if (!aws) return undefined;
  const version = { VersionId: aws.DefaultVersionId, Document: aws.Document, CreateDate: aws.UpdateDate };
  return { ...aws, Arn: arn, PolicyId: stablePolicyId(arn), Tags: [], versions: { [aws.DefaultVersionId]: version }, awsManaged: true };
}

/** The policy at `arn`, or NoSuchEntity as GetPolicy answers. */
export function findPolicy(state: IamState, arn: string): PolicyRecord {
  const policy = lookupPolicy(state, arn);
  if (!policy) throw new NoSuchEntity(`Policy ${arn} was not found.`);
  return policy;
}

/** The policy version, or NoSuchEntity in the words IAM uses for a policy or version it does not have. */
export function findVersion(state: IamState, arn: string, versionId: string): { policy: PolicyRecord; version: PolicyVersion } {
  const policy = lookupPolicy(state, arn);
  const version = policy?.versions[versionId];
  if (!policy || !version) throw new NoSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
  return { policy, version };
}

/** How many roles of this account have the policy attached. */
export function attachmentCount(state: IamState, arn: string): number {
  return Object.values(state.roles).filter((role) => role.attached.includes(arn)).length;
}

/** Creates a customer managed policy with its first version, v1. */
export function createPolicy(state: IamState, account: string, input: Record<string, any>): ManagedPolicy {
  const name = String(input.PolicyName);
  const path = checkPath(input.Path);
  const document = String(input.PolicyDocument ?? '');
  checkIdentityPolicy(document, 'managed');
  const tags = checkTags(input.Tags);
  if (Object.values(state.policies).some((policy) => policy.PolicyName === name)) {
    throw new EntityAlreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
  }
  const now = new Date();
  const policy: ManagedPolicy = {
    PolicyName: name,
    PolicyId: `ANPA${randomBytes(9).toString('hex').toUpperCase().slice(0, 17)}`,
    Arn: `arn:aws:iam::${account}:policy${path}${name}`,
    Path: path,
    ...(input.Description ? { Description: String(input.Description) } : {}),
    CreateDate: now,
    UpdateDate: now,
    Tags: tags,
    DefaultVersionId: 'v1',
    versions: dict([['v1', { VersionId: 'v1', Document: document, CreateDate: now }]]),
    nextVersion: 2,
  };
  state.policies[policy.Arn] = policy;
  return policy;
}

/** The customer managed policy at `arn`; an AWS managed one is refused with AccessDenied and `refusal`, as AWS refuses changes to its own. */
function ownPolicy(state: IamState, arn: string, refusal: string, missing: () => never): ManagedPolicy {
  if (isAwsManagedArn(arn) && AWS_MANAGED_POLICIES.has(arn)) throw new AccessDenied(refusal);
  const policy = state.policies[arn];
  if (!policy) missing();
  return policy!;
}

/** Deletes a customer managed policy once it is detached and has only its default version. */
export function deletePolicy(state: IamState, arn: string): void {
  const policy = ownPolicy(state, arn, 'Cannot delete policies outside your own account.', () => {
    throw new NoSuchEntity(`Policy ${arn} was not found.`);
  });
  if (attachmentCount(state, arn) > 0) throw new DeleteConflict('Cannot delete a policy attached to entities.');
  if (Object.keys(policy.versions).length > 1) {
    throw new DeleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
  }
  delete state.policies[arn];
}

/** Adds a version (at most five are kept), the default one when `setAsDefault`. */
export function createPolicyVersion(state: IamState, arn: string, text: string, setAsDefault: boolean): PolicyVersion {
  const policy = ownPolicy(state, arn, 'Cannot create versions for policies outside your own account.', () => {
    throw new NoSuchEntity(`Policy ${arn} was not found.`);
  });
  checkIdentityPolicy(text, 'managed');
  if (Object.keys(policy.versions).length >= MAX_VERSIONS) {
    throw new LimitExceeded(`A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`);
  }
  const version: PolicyVersion = { VersionId: `v${policy.nextVersion}`, Document: text, CreateDate: new Date() };
  policy.nextVersion += 1;
  policy.versions[version.VersionId] = version;
  if (setAsDefault) {
    policy.DefaultVersionId = version.VersionId;
    policy.UpdateDate = version.CreateDate;
  }
  return version;
}

/** Deletes a version that is not the default one. */
export function deletePolicyVersion(state: IamState, arn: string, versionId: string): void {
  const missing = (): never => {
    throw new NoSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
  };
  const policy = ownPolicy(state, arn, 'Cannot delete policy versions for policies outside your own account.', missing);
  if (!policy.versions[versionId]) missing();
  if (policy.DefaultVersionId === versionId) throw new DeleteConflict('Cannot delete the default version of a policy.');
  delete policy.versions[versionId];
}

/** Makes an existing version the one IAM evaluates. */
export function setDefaultPolicyVersion(state: IamState, arn: string, versionId: string): void {
  const missing = (): never => {
    throw new NoSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
  };
  const policy = ownPolicy(state, arn, 'Cannot update policies outside your own account.', missing);
  if (!policy.versions[versionId]) missing();
  policy.DefaultVersionId = versionId;
  policy.UpdateDate = new Date();
}

function checkTags(tags: unknown): Tag[] {
  if (!Array.isArray(tags)) return [];
  const keys = new Set<string>();
  for (const tag of tags as Tag[]) {
    if (keys.has(tag.Key)) throw new InvalidInput('Duplicate tag keys found.');
    keys.add(tag.Key);
  }
  return (tags as Tag[]).map((tag) => ({ Key: String(tag.Key), Value: String(tag.Value ?? '') }));
}
