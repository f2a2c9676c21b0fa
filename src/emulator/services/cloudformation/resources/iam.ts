/** AWS::IAM::Role and AWS::IAM::Policy through IAM's role and role-policy operations. */
import { ValidationError } from '../errors.ts';
import type { Provisioner, ProvisionContext } from './types.ts';
import { ignoringNotFound, jsonText } from './types.ts';

type Inline = { PolicyName: string; PolicyDocument: unknown };

async function putInline(context: ProvisionContext, role: string, policies: Inline[]): Promise<void> {
  for (const policy of policies) await context.call('iam', 'PutRolePolicy', { RoleName: role, PolicyName: policy.PolicyName, PolicyDocument: jsonText(policy.PolicyDocument) });
}

async function attach(context: ProvisionContext, role: string, arns: string[]): Promise<void> {
  for (const arn of arns) await context.call('iam', 'AttachRolePolicy', { RoleName: role, PolicyArn: arn });
}

/** AWS::IAM::Role: Ref is the role name; Arn and RoleId for Fn::GetAtt. */
export const iamRole: Provisioner = {
  properties: ['RoleName', 'AssumeRolePolicyDocument', 'Path', 'ManagedPolicyArns', 'Policies', 'Description', 'MaxSessionDuration', 'Tags'],
  required: ['AssumeRolePolicyDocument'],
  replaceOn: ['RoleName', 'Path'],
  nameProperty: 'RoleName',
  async create(properties, context) {
    const name = properties.RoleName ?? context.generatedName(64);
    const { Role } = await context.call('iam', 'CreateRole', {
      RoleName: name,
      AssumeRolePolicyDocument: jsonText(properties.AssumeRolePolicyDocument),
      ...(properties.Path ? { Path: properties.Path } : {}),
      ...(properties.Description ? { Description: properties.Description } : {}),
      ...(properties.MaxSessionDuration ? { MaxSessionDuration: String(properties.MaxSessionDuration) } : {}),
      ...(properties.Tags ? { Tags: properties.Tags } : {}),
    });
    await putInline(context, name, properties.Policies ?? []);
    await attach(context, name, properties.ManagedPolicyArns ?? []);
    return { physicalId: name, attributes: { Arn: Role.Arn, RoleId: Role.RoleId } };
  },
  async update(properties, existing, context) {
    const name = existing.physicalId;
    const before = existing.properties;
    if (JSON.stringify(properties.AssumeRolePolicyDocument) !== JSON.stringify(before.AssumeRolePolicyDocument)) {
      throw new ValidationError('Changing AssumeRolePolicyDocument in place is not supported by the workshop emulator yet: give the role a new RoleName (or remove it) so CloudFormation replaces it.');
    }
    const oldPolicies = new Map<string, Inline>((before.Policies as Inline[] | undefined ?? []).map((policy) => [policy.PolicyName, policy]));
    const newPolicies: Inline[] = properties.Policies ?? [];
    for (const name_ of oldPolicies.keys()) if (!newPolicies.some((policy) => policy.PolicyName === name_)) await ignoringNotFound(context.call('iam', 'DeleteRolePolicy', { RoleName: name, PolicyName: name_ }));
    await putInline(context, name, newPolicies.filter((policy) => JSON.stringify(policy) !== JSON.stringify(oldPolicies.get(policy.PolicyName))));
    const oldArns: string[] = (before.ManagedPolicyArns as string[] | undefined) ?? [];
    const newArns: string[] = properties.ManagedPolicyArns ?? [];
    for (const arn of oldArns) if (!newArns.includes(arn)) await ignoringNotFound(context.call('iam', 'DetachRolePolicy', { RoleName: name, PolicyArn: arn }));
    await attach(context, name, newArns.filter((arn) => !oldArns.includes(arn)));
    return existing;
  },
  async delete(existing, context) {
    const name = existing.physicalId;
    try {
      const { PolicyNames } = await context.call('iam', 'ListRolePolicies', { RoleName: name });
      for (const policy of PolicyNames) await context.call('iam', 'DeleteRolePolicy', { RoleName: name, PolicyName: policy });
      const { AttachedPolicies } = await context.call('iam', 'ListAttachedRolePolicies', { RoleName: name });
      for (const policy of AttachedPolicies) await context.call('iam', 'DetachRolePolicy', { RoleName: name, PolicyArn: policy.PolicyArn });
    } catch (error) {
      if ((error as { code?: string }).code !== 'NoSuchEntity') throw error;
    }
    await ignoringNotFound(context.call('iam', 'DeleteRole', { RoleName: name }));
  },
};

/** AWS::IAM::Policy: an inline policy put on each of its roles; Ref is a generated id. */
export const iamPolicy: Provisioner = {
  properties: ['PolicyName', 'PolicyDocument', 'Roles'],
  required: ['PolicyName', 'PolicyDocument'],
  async create(properties, context) {
    const roles: string[] = properties.Roles ?? [];
    if (roles.length === 0) throw new ValidationError('At least one of [Groups,Roles,Users] must be non-empty. (The workshop emulator attaches policies to roles only.)');
    for (const role of roles) await context.call('iam', 'PutRolePolicy', { RoleName: role, PolicyName: properties.PolicyName, PolicyDocument: jsonText(properties.PolicyDocument) });
    return { physicalId: context.generatedName(128).replace(/[^\w+=,.@-]/g, '') };
  },
  async update(properties, existing, context) {
    const before = existing.properties;
    for (const role of (before.Roles as string[] | undefined) ?? []) {
      if (!(properties.Roles ?? []).includes(role) || before.PolicyName !== properties.PolicyName) await ignoringNotFound(context.call('iam', 'DeleteRolePolicy', { RoleName: role, PolicyName: before.PolicyName }));
    }
    for (const role of properties.Roles ?? []) await context.call('iam', 'PutRolePolicy', { RoleName: role, PolicyName: properties.PolicyName, PolicyDocument: jsonText(properties.PolicyDocument) });
    return existing;
  },
  async delete(existing, context) {
    for (const role of (existing.properties.Roles as string[] | undefined) ?? []) await ignoringNotFound(context.call('iam', 'DeleteRolePolicy', { RoleName: role, PolicyName: existing.properties.PolicyName }));
  },
};
