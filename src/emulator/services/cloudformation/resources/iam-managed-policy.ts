/** AWS::IAM::ManagedPolicy through IAM's customer managed policy operations, attached to roles. */
import { ValidationError } from '../errors.ts';
import type { Provisioner, ProvisionContext } from './types.ts';
import { ignoringNotFound, jsonText } from './types.ts';

const rolesOf = (properties: Record<string, unknown>) => (properties.Roles as string[] | undefined) ?? [];

function onlyRoles(properties: Record<string, any>): void {
  if ((properties.Groups ?? []).length > 0 || (properties.Users ?? []).length > 0) {
    throw new ValidationError('The workshop emulator has no IAM users or groups: attach AWS::IAM::ManagedPolicy to Roles only, or deploy to LocalStack or AWS.');
  }
}

async function attach(context: ProvisionContext, arn: string, roles: string[]): Promise<void> {
  for (const role of roles) await context.call('iam', 'AttachRolePolicy', { RoleName: role, PolicyArn: arn });
}

async function detach(context: ProvisionContext, arn: string, roles: string[]): Promise<void> {
  for (const role of roles) await ignoringNotFound(context.call('iam', 'DetachRolePolicy', { RoleName: role, PolicyArn: arn }));
}

/** AWS::IAM::ManagedPolicy: Ref is the policy ARN; PolicyArn and PolicyId for Fn::GetAtt. */
export const iamManagedPolicy: Provisioner = {
  properties: ['ManagedPolicyName', 'PolicyDocument', 'Description', 'Path', 'Roles', 'Groups', 'Users'],
  required: ['PolicyDocument'],
  replaceOn: ['ManagedPolicyName', 'Path', 'Description'],
  nameProperty: 'ManagedPolicyName',
  async create(properties, context) {
    onlyRoles(properties);
    const name = properties.ManagedPolicyName ?? context.generatedName(128);
    const { Policy } = await context.call('iam', 'CreatePolicy', {
      PolicyName: name,
      PolicyDocument: jsonText(properties.PolicyDocument),
      ...(properties.Path ? { Path: properties.Path } : {}),
      ...(properties.Description ? { Description: properties.Description } : {}),
    });
    await attach(context, Policy.Arn, rolesOf(properties));
    return { physicalId: Policy.Arn, attributes: { PolicyArn: Policy.Arn, PolicyId: Policy.PolicyId, AttachmentCount: rolesOf(properties).length, DefaultVersionId: Policy.DefaultVersionId, IsAttachable: true } };
  },
  async update(properties, existing, context) {
    onlyRoles(properties);
    const arn = existing.physicalId;
    if (JSON.stringify(properties.PolicyDocument) !== JSON.stringify(existing.properties.PolicyDocument)) {
      // IAM keeps five versions at most: the oldest non-default one makes room, as CloudFormation does.
      const { Versions } = await context.call('iam', 'ListPolicyVersions', { PolicyArn: arn });
      const old = (Versions as Array<{ VersionId: string; IsDefaultVersion: boolean }>).filter((version) => !version.IsDefaultVersion);
      if (Versions.length >= 5) await context.call('iam', 'DeletePolicyVersion', { PolicyArn: arn, VersionId: old[old.length - 1]!.VersionId });
      await context.call('iam', 'CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: jsonText(properties.PolicyDocument), SetAsDefault: true });
    }
    const before = rolesOf(existing.properties);
    const after = rolesOf(properties);
    await detach(context, arn, before.filter((role) => !after.includes(role)));
    await attach(context, arn, after.filter((role) => !before.includes(role)));
    return { ...existing, attributes: { ...existing.attributes, AttachmentCount: after.length } };
  },
  async delete(existing, context) {
    const arn = existing.physicalId;
    await detach(context, arn, rolesOf(existing.properties));
    try {
      const { Versions } = await context.call('iam', 'ListPolicyVersions', { PolicyArn: arn });
      for (const version of Versions as Array<{ VersionId: string; IsDefaultVersion: boolean }>) {
        if (!version.IsDefaultVersion) await context.call('iam', 'DeletePolicyVersion', { PolicyArn: arn, VersionId: version.VersionId });
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'NoSuchEntity') throw error;
    }
    await ignoringNotFound(context.call('iam', 'DeletePolicy', { PolicyArn: arn }));
  },
};
