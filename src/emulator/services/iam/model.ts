/** IAM state and rules for roles: their trust policy, attached and inline policies. Per account, not per region. */
import { randomBytes } from 'node:crypto';
import { MissingParameter } from '../../errors.ts';
import { DeleteConflict, EntityAlreadyExists, IamValidationError, NoSuchEntity } from './errors.ts';
import { checkTrustPolicy } from './policy-document.ts';
import type { ManagedPolicy } from './policies.ts';

/** A tag on a role or policy. */
export interface Tag {
  Key: string;
  Value: string;
}

/** A role as IAM keeps it. */
export interface Role {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: Date;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  Tags: Tag[];
  attached: string[];
  inline: Record<string, string>;
}

/** IAM state of one account: its roles and its customer managed policies by ARN. */
export interface IamState {
  roles: Record<string, Role>;
  policies: Record<string, ManagedPolicy>;
}

const NAME = /^[\w+=,.@-]{1,64}$/;

/** Checks a role name against IAM's pattern and length. */
export function checkRoleName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw new MissingParameter('RoleName');
  if (!NAME.test(name)) {
    throw new IamValidationError(`1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+ and have length less than or equal to 64`);
  }
  return name;
}

/** Checks a Path parameter as IAM does (it begins and ends with /), and returns it, "/" when absent. */
export function checkPath(value: unknown): string {
  const path = typeof value === 'string' ? value : '/';
  if (!/^\/([\x21-\x7e]*\/)?$/.test(path)) throw new IamValidationError(`The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`);
  return path;
}

/** Returns a role or throws NoSuchEntity as IAM does. */
export function findRole(state: IamState, name: string): Role {
  const role = state.roles[name];
  if (!role) throw new NoSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

/** Creates a role. */
export function createRole(state: IamState, account: string, input: Record<string, any>): Role {
  const name = checkRoleName(input.RoleName);
  if (typeof input.AssumeRolePolicyDocument !== 'string' || input.AssumeRolePolicyDocument === '') throw new MissingParameter('AssumeRolePolicyDocument');
  const document = input.AssumeRolePolicyDocument;
  checkTrustPolicy(document);
  if (state.roles[name]) throw new EntityAlreadyExists(`Role with name ${name} already exists.`);
  const path = checkPath(input.Path);
  const role: Role = {
    Path: path,
    RoleName: name,
    RoleId: `AROA${randomBytes(9).toString('hex').toUpperCase().slice(0, 17)}`,
    Arn: `arn:aws:iam::${account}:role${path}${name}`,
    CreateDate: new Date(),
    AssumeRolePolicyDocument: document,
    ...(input.Description ? { Description: String(input.Description) } : {}),
    MaxSessionDuration: Number(input.MaxSessionDuration ?? 3600),
    Tags: Array.isArray(input.Tags) ? input.Tags : [],
    attached: [],
    inline: {},
  };
  state.roles[name] = role;
  return role;
}

/** Deletes a role once it has no policies left, as IAM insists: managed ones detached, inline ones deleted. */
export function deleteRole(state: IamState, name: string): void {
  const role = findRole(state, checkRoleName(name));
  if (role.attached.length > 0) throw new DeleteConflict('Cannot delete entity, must detach all policies first.');
  if (Object.keys(role.inline).length > 0) throw new DeleteConflict('Cannot delete entity, must delete policies first.');
  delete state.roles[name];
}

/** The role as IAM's API shows it: the trust policy URL-encoded, as IAM returns it. */
export function roleView(role: Role): Record<string, unknown> {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: encodeURIComponent(role.AssumeRolePolicyDocument),
    Description: role.Description,
    MaxSessionDuration: role.MaxSessionDuration,
    Tags: role.Tags.length > 0 ? role.Tags : undefined,
  };
}
