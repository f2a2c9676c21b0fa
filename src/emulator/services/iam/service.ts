/**
 * IAM: the calls labs use to create Lambda's execution role.
 * LIMITATIONS: roles and their policies only; policies are stored, never enforced.
 */
import type { ServiceDefinition } from '../../types.ts';
import { MissingParameter } from '../../errors.ts';
import { NoSuchEntity } from './errors.ts';
import { checkPolicyDocument, checkRoleName, createRole, deleteRole, findRole, roleView, type IamState } from './model.ts';
import { dict } from '../../dict.ts';

const POLICY_ARN = /^arn:aws[\w-]*:iam::(aws|\d{12}):policy\/.+/;

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

/** The IAM service definition. */
export const iamService: ServiceDefinition<IamState> = {
  name: 'iam',
  signingNames: ['iam'],
  protocol: 'query',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  global: true,
  createState: () => ({ roles: dict() }),
  operations: {
    CreateRole: (input, { state, account }) => ({ Role: roleView(createRole(state, account, input)) }),
    GetRole: (input, { state }) => ({ Role: roleView(findRole(state, checkRoleName(input.RoleName))) }),
    DeleteRole(input, { state }) {
      deleteRole(state, input.RoleName);
      return null;
    },
    ListRoles(input, { state }) {
      const prefix = typeof input.PathPrefix === 'string' ? input.PathPrefix : '/';
      const roles = Object.values(state.roles)
        .filter((role) => role.Path.startsWith(prefix))
        .sort((a, b) => a.RoleName.localeCompare(b.RoleName));
      const { items, ...rest } = page(roles, input.Marker, input.MaxItems);
      return { Roles: items.map(roleView), ...rest };
    },
    AttachRolePolicy(input, { state }) {
      const role = findRole(state, checkRoleName(input.RoleName));
      const arn = requireString(input.PolicyArn, 'PolicyArn');
      if (!POLICY_ARN.test(arn)) throw new NoSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
      if (!role.attached.includes(arn)) role.attached.push(arn);
      return null;
    },
    DetachRolePolicy(input, { state }) {
      const role = findRole(state, checkRoleName(input.RoleName));
      const arn = requireString(input.PolicyArn, 'PolicyArn');
      if (!role.attached.includes(arn)) throw new NoSuchEntity(`Policy ${arn} was not found.`);
      role.attached = role.attached.filter((item) => item !== arn);
      return null;
    },
    ListAttachedRolePolicies(input, { state }) {
      const role = findRole(state, checkRoleName(input.RoleName));
      const { items, ...rest } = page(role.attached, input.Marker, input.MaxItems);
      return { AttachedPolicies: items.map((arn) => ({ PolicyName: arn.split('/').pop(), PolicyArn: arn })), ...rest };
    },
    PutRolePolicy(input, { state }) {
      const role = findRole(state, checkRoleName(input.RoleName));
      const name = requireString(input.PolicyName, 'PolicyName');
      role.inline[name] = checkPolicyDocument(input.PolicyDocument, 'PolicyDocument');
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
  },
};
