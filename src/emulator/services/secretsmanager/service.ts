/**
 * AWS Secrets Manager: secrets with string or binary values, versions and staging labels
 * (AWSCURRENT, AWSPREVIOUS, custom ones), ClientRequestToken idempotency, DescribeSecret,
 * ListSecrets with filters and paging, deletion with a 7-30 day recovery window or at once,
 * RestoreSecret and tags. A secret marked for deletion answers InvalidRequestException to every
 * call but DescribeSecret, RestoreSecret and a forced DeleteSecret, and is gone when its window ends.
 * LIMITATIONS: no KMS (KmsKeyId is recorded, values are kept as given), no rotation
 * (RotateSecret, rotation Lambda functions, AWSPENDING flows), no replication to other regions,
 * no resource policies, no GetRandomPassword, no BatchGetSecretValue; LastAccessedDate is saved
 * with the next change rather than on every read.
 */
import type { OperationContext, ServiceDefinition } from '../../types.ts';
import { withKinds, type InputKinds } from '../ssm/input.ts';
import { InvalidNextTokenException, InvalidParameterException, InvalidRequestException, ResourceNotFoundException } from './errors.ts';
import { addTags, addVersion, createSecret, createSecretsState, findSecret, valueOf, versionWithStage, type Secret, type SecretsState } from './model.ts';

type Input = Record<string, any>;
type Context = OperationContext<SecretsState>;

const DAY_MS = 24 * 60 * 60 * 1000;

function versionsToStages(secret: Secret): Record<string, string[]> {
  return Object.fromEntries([...secret.versions.values()].map((version) => [version.versionId, version.stages]));
}

function describeView(secret: Secret): Record<string, unknown> {
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined ? { Description: secret.description } : {}),
    ...(secret.kmsKeyId !== undefined ? { KmsKeyId: secret.kmsKeyId } : {}),
    LastChangedDate: secret.lastChangedDate,
    ...(secret.lastAccessedDate ? { LastAccessedDate: secret.lastAccessedDate } : {}),
    ...(secret.deletedDate ? { DeletedDate: secret.deletedDate } : {}),
    ...(secret.tags.length > 0 ? { Tags: secret.tags } : {}),
    CreatedDate: secret.createdDate,
  };
}

function getSecretValue(input: Input, context: Context) {
  const secret = findSecret(context.state, input.SecretId);
  const { VersionId: versionId, VersionStage: stage } = input;
  let version = versionId !== undefined ? secret.versions.get(versionId) : versionWithStage(secret, stage ?? 'AWSCURRENT');
  if (!version && versionId !== undefined) throw new ResourceNotFoundException(`Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
  if (!version) throw new ResourceNotFoundException(`Secrets Manager can't find the specified secret value for staging label: ${stage ?? 'AWSCURRENT'}`);
  if (versionId !== undefined && stage !== undefined && !version.stages.includes(stage)) {
    throw new InvalidRequestException('You provided a VersionStage that is not associated to the provided VersionId.');
  }
  // AWS keeps the day of the last access, not the moment.
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  secret.lastAccessedDate = today;
  version = version!;
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.versionId,
    ...(version.secretString !== undefined ? { SecretString: version.secretString } : { SecretBinary: version.secretBinary }),
    VersionStages: version.stages,
    CreatedDate: version.createdDate,
  };
}

function putSecretValue(input: Input, context: Context) {
  const secret = findSecret(context.state, input.SecretId);
  const value = valueOf(input);
  if (!value) throw new InvalidRequestException('You must provide either SecretString or SecretBinary.');
  const { version } = addVersion(secret, value, input.ClientRequestToken, input.VersionStages ?? ['AWSCURRENT']);
  return { ARN: secret.arn, Name: secret.name, VersionId: version.versionId, VersionStages: version.stages };
}

function updateSecret(input: Input, context: Context) {
  const secret = findSecret(context.state, input.SecretId);
  const value = valueOf(input);
  if (typeof input.Description === 'string') secret.description = input.Description;
  if (typeof input.KmsKeyId === 'string') secret.kmsKeyId = input.KmsKeyId;
  secret.lastChangedDate = new Date();
  const version = value ? addVersion(secret, value, input.ClientRequestToken).version : undefined;
  return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.versionId } : {}) };
}

function matchesFilter(secret: Secret, filter: { Key: string; Values?: string[] }): boolean {
  const fields = (): string[] => {
    switch (filter.Key) {
      case 'name': return [secret.name];
      case 'description': return secret.description !== undefined ? [secret.description] : [];
      case 'tag-key': return secret.tags.map((tag) => tag.Key);
      case 'tag-value': return secret.tags.map((tag) => tag.Value);
      case 'primary-region': case 'owning-service': return [];
      default: return [secret.name, secret.description ?? '', ...secret.tags.flatMap((tag) => [tag.Key, tag.Value])];
    }
  };
  // Values match by prefix, case-sensitive except for description and all; a leading `!` negates one.
  const folded = filter.Key === 'description' || filter.Key === 'all';
  const fold = (text: string) => (folded ? text.toLowerCase() : text);
  const candidates = fields().map(fold);
  return (filter.Values ?? []).some((value) => {
    const negated = value.startsWith('!');
    const prefix = fold(negated ? value.slice(1) : value);
    const hit = candidates.some((candidate) => candidate.startsWith(prefix));
    return negated ? !hit : hit;
  });
}

function listSecrets(input: Input, context: Context) {
  const filters: Array<{ Key: string; Values?: string[] }> = input.Filters ?? [];
  const found = [...context.state.secrets.values()]
    .filter((secret) => input.IncludePlannedDeletion === true || !secret.deletedDate)
    .filter((secret) => filters.every((filter) => matchesFilter(secret, filter)));
  const key = input.SortBy ?? 'created-date';
  const sortValue = (secret: Secret): string | number =>
    key === 'name' ? secret.name : key === 'last-changed-date' ? secret.lastChangedDate.getTime() : key === 'last-accessed-date' ? (secret.lastAccessedDate?.getTime() ?? 0) : secret.createdDate.getTime();
  found.sort((a, b) => (sortValue(a) < sortValue(b) ? -1 : sortValue(a) > sortValue(b) ? 1 : 0));
  if (input.SortOrder === 'desc') found.reverse();
  let start = 0;
  if (input.NextToken !== undefined) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(String(input.NextToken), 'base64url').toString('utf8'));
    if (!match) throw new InvalidNextTokenException();
    start = Number(match[1]);
  }
  const limit = input.MaxResults ?? 100;
  const page = found.slice(start, start + limit);
  const next = start + limit < found.length ? Buffer.from(`offset:${start + limit}`).toString('base64url') : undefined;
  const entries = page.map((secret) => ({ ...describeView(secret), SecretVersionsToStages: versionsToStages(secret) }));
  return { SecretList: entries, ...(next ? { NextToken: next } : {}) };
}

function deleteSecret(input: Input, context: Context) {
  const force = input.ForceDeleteWithoutRecovery === true;
  const window = input.RecoveryWindowInDays;
  if (force && window !== undefined) throw new InvalidParameterException('You can\'t use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.');
  if (window !== undefined && (typeof window !== 'number' || window < 7 || window > 30)) {
    throw new InvalidParameterException('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  const secret = findSecret(context.state, input.SecretId, !force);
  const now = new Date();
  if (force) {
    context.state.secrets.delete(secret.name);
    return { ARN: secret.arn, Name: secret.name, DeletionDate: now };
  }
  secret.deletedDate = now;
  secret.deletionDate = new Date(now.getTime() + (window ?? 30) * DAY_MS);
  return { ARN: secret.arn, Name: secret.name, DeletionDate: secret.deletionDate };
}

const ID = { SecretId: 'string' } as const;
const VALUE = { ClientRequestToken: 'string', SecretBinary: 'string', SecretString: 'string' } as const;

const KINDS: InputKinds = {
  CreateSecret: { Name: 'string', Description: 'string', KmsKeyId: 'string', Tags: 'tags', ...VALUE },
  GetSecretValue: { ...ID, VersionId: 'string', VersionStage: 'string' },
  PutSecretValue: { ...ID, ...VALUE, VersionStages: 'strings' },
  UpdateSecret: { ...ID, ...VALUE, Description: 'string', KmsKeyId: 'string' },
  DescribeSecret: ID,
  ListSecrets: { IncludePlannedDeletion: 'boolean', MaxResults: 'number', NextToken: 'string', Filters: 'filters', SortOrder: 'string', SortBy: 'string' },
  ListSecretVersionIds: ID,
  DeleteSecret: { ...ID, RecoveryWindowInDays: 'number', ForceDeleteWithoutRecovery: 'boolean' },
  RestoreSecret: ID,
  TagResource: { ...ID, Tags: 'tags' },
  UntagResource: { ...ID, TagKeys: 'strings' },
};

/** The Secrets Manager service definition. */
export const secretsManagerService: ServiceDefinition<SecretsState> = {
  name: 'secretsmanager',
  signingNames: ['secretsmanager'],
  protocol: 'json',
  targetPrefix: 'secretsmanager',
  jsonVersion: '1.1',
  createState: createSecretsState,
  operations: withKinds({
    CreateSecret(input: Input, context: Context) {
      const { secret, version } = createSecret(context.state, input, context);
      return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.versionId } : {}) };
    },
    GetSecretValue: getSecretValue,
    PutSecretValue: putSecretValue,
    UpdateSecret: updateSecret,
    DescribeSecret(input: Input, context: Context) {
      const secret = findSecret(context.state, input.SecretId, false);
      return { ...describeView(secret), VersionIdsToStages: versionsToStages(secret) };
    },
    ListSecrets: listSecrets,
    ListSecretVersionIds(input: Input, context: Context) {
      const secret = findSecret(context.state, input.SecretId);
      const versions = [...secret.versions.values()].map((version) => ({ VersionId: version.versionId, VersionStages: version.stages, CreatedDate: version.createdDate }));
      return { Versions: versions, ARN: secret.arn, Name: secret.name };
    },
    DeleteSecret: deleteSecret,
    RestoreSecret(input: Input, context: Context) {
      const secret = findSecret(context.state, input.SecretId, false);
      delete secret.deletedDate;
      delete secret.deletionDate;
      return { ARN: secret.arn, Name: secret.name };
    },
    TagResource(input: Input, context: Context) {
      addTags(findSecret(context.state, input.SecretId), input.Tags ?? []);
      return {};
    },
    UntagResource(input: Input, context: Context) {
      const secret = findSecret(context.state, input.SecretId);
      const keys: string[] = input.TagKeys ?? [];
      secret.tags = secret.tags.filter((tag) => !keys.includes(tag.Key));
      return {};
    },
  }, KINDS),
};
