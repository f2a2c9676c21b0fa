/**
 * Resource types the emulator has no service for, recorded with their properties so a template
 * that carries them (the CDK's bootstrap stack does) deploys: AWS::ECR::Repository,
 * AWS::KMS::Key and AWS::KMS::Alias. Nothing answers for them; the COMPLETE event says so.
 */
import { randomUUID } from 'node:crypto';
import type { Provisioner } from './types.ts';

const note = (type: string, service: string) => `Recorded only: the workshop emulator has no ${service} service, so this ${type} exists in the stack but nothing answers for it. Deploy to LocalStack or AWS to use it.`;

/** AWS::ECR::Repository, recorded: Ref is the repository name; Arn and RepositoryUri for Fn::GetAtt. */
export const ecrRepository: Provisioner = {
  properties: ['RepositoryName', 'ImageTagMutability', 'ImageTagMutabilityExclusionFilters', 'ImageScanningConfiguration', 'EncryptionConfiguration', 'LifecyclePolicy', 'RepositoryPolicyText', 'EmptyOnDelete', 'Tags'],
  replaceOn: ['RepositoryName', 'EncryptionConfiguration'],
  nameProperty: 'RepositoryName',
  async create(properties, context) {
    const name = properties.RepositoryName ?? context.generatedName(256, { lowercase: true });
    return {
      physicalId: name,
      note: note('repository', 'ECR'),
      attributes: { Arn: `arn:aws:ecr:${context.region}:${context.account}:repository/${name}`, RepositoryUri: `${context.account}.dkr.ecr.${context.region}.amazonaws.com/${name}` },
    };
  },
  async update(_properties, existing) {
    return { ...existing, note: note('repository', 'ECR') };
  },
  async delete() {},
};

/** AWS::KMS::Key, recorded: Ref is the key id; Arn and KeyId for Fn::GetAtt. */
export const kmsKey: Provisioner = {
  properties: ['Description', 'Enabled', 'EnableKeyRotation', 'KeyPolicy', 'KeySpec', 'KeyUsage', 'MultiRegion', 'Origin', 'PendingWindowInDays', 'RotationPeriodInDays', 'BypassPolicyLockoutSafetyCheck', 'Tags'],
  replaceOn: ['KeySpec', 'KeyUsage', 'MultiRegion', 'Origin'],
  async create(_properties, context) {
    const id = randomUUID();
    return { physicalId: id, note: note('key', 'KMS'), attributes: { Arn: `arn:aws:kms:${context.region}:${context.account}:key/${id}`, KeyId: id } };
  },
  async update(_properties, existing) {
    return { ...existing, note: note('key', 'KMS') };
  },
  async delete() {},
};

/** AWS::KMS::Alias, recorded: Ref is the alias name. */
export const kmsAlias: Provisioner = {
  properties: ['AliasName', 'TargetKeyId'],
  required: ['AliasName', 'TargetKeyId'],
  replaceOn: ['AliasName'],
  async create(properties) {
    return { physicalId: String(properties.AliasName), note: note('alias', 'KMS') };
  },
  async update(_properties, existing) {
    return { ...existing, note: note('alias', 'KMS') };
  },
  async delete() {},
};
