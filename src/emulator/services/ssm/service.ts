/**
 * SSM Parameter Store: String, StringList and SecureString parameters with versions, labels,
 * tiers, AllowedPattern and tags; GetParameter(s) with `name:version` and `name:label` selectors
 * and ARNs, GetParametersByPath, DescribeParameters and GetParameterHistory. The CDK's bootstrap
 * check (GetParameter `/cdk-bootstrap/<qualifier>/version`) is an ordinary read.
 * A SecureString read without WithDecryption answers an opaque base64 blob, as AWS answers the
 * KMS ciphertext (cipher.ts); with WithDecryption, the value.
 * LIMITATIONS: no KMS (KeyId is recorded, never checked, and any key decrypts), no parameter
 * policies (Expiration, notifications), no public parameters under /aws/service/ and no
 * /aws/reference/secretsmanager/ bridge, no sharing (Shared, resource policies), no
 * aws:ec2:image validation, no IAM checks of parameter paths, no notifications to EventBridge;
 * the rest of Systems Manager (documents, Run Command, sessions) is not emulated.
 */
import type { OperationContext, ServiceDefinition } from '../../types.ts';
import { InvalidResourceId, InvalidResourceType, ParameterNotFound, ParameterVersionLabelLimitExceeded, ParameterVersionNotFound } from './errors.ts';
import { createSsmState, findParameter, latest, parameterView, putParameter, resolveVersion, shownValue, type PutInput, type SsmState } from './model.ts';
import { withKinds, type InputKinds } from './input.ts';
import { isInvalidLabel, plainName, readReference } from './names.ts';
import { describeParameters, pageOf, parametersByPath } from './queries.ts';

type Input = Record<string, any>;
type Context = OperationContext<SsmState>;

function getParameters(input: Input, context: Context) {
  const names: string[] = [...new Set<string>(input.Names)];
  const parameters: unknown[] = [];
  const invalid: string[] = [];
  for (const text of names) {
    const reference = readReference(text, context);
    try {
      const version = resolveVersion(context.state, reference);
      parameters.push(parameterView(reference.name, version, input.WithDecryption === true, context, reference.selector));
    } catch (error) {
      if (!(error instanceof ParameterNotFound) && !(error instanceof ParameterVersionNotFound)) throw error;
      invalid.push(text);
    }
  }
  return { Parameters: parameters, InvalidParameters: invalid };
}

function parameterHistory(input: Input, context: Context) {
  const parameter = findParameter(context.state, plainName(input.Name, context));
  const decrypt = input.WithDecryption === true;
  const { items, nextToken } = pageOf(parameter.versions, input.NextToken, input.MaxResults ?? 50);
  const views = items.map((version) => ({
    Name: parameter.name,
    Type: version.type,
    ...(version.keyId ? { KeyId: version.keyId } : {}),
    LastModifiedDate: version.lastModifiedDate,
    LastModifiedUser: version.lastModifiedUser,
    ...(version.description !== undefined ? { Description: version.description } : {}),
    Value: shownValue(parameter.name, version, decrypt, context),
    ...(version.allowedPattern !== undefined ? { AllowedPattern: version.allowedPattern } : {}),
    Version: version.version,
    Labels: version.labels,
    Tier: version.tier,
    Policies: [],
    DataType: version.dataType,
  }));
  return { Parameters: views, ...(nextToken ? { NextToken: nextToken } : {}) };
}

function labelVersion(input: Input, context: Context) {
  const name = plainName(input.Name, context);
  const parameter = findParameter(context.state, name);
  const number = input.ParameterVersion ?? latest(parameter).version;
  const target = parameter.versions.find((version) => version.version === number);
  if (!target) throw new ParameterVersionNotFound(name, number);
  const labels: string[] = input.Labels;
  const invalid = labels.filter(isInvalidLabel);
  const valid = labels.filter((label) => !isInvalidLabel(label));
  const added = valid.filter((label) => !target.labels.includes(label));
  if (target.labels.length + added.length > 10) throw new ParameterVersionLabelLimitExceeded();
  // A label names one version at a time: putting it here takes it off any other.
  for (const version of parameter.versions) if (version !== target) version.labels = version.labels.filter((label) => !valid.includes(label));
  target.labels.push(...added);
  return { InvalidLabels: invalid, ParameterVersion: number };
}

function unlabelVersion(input: Input, context: Context) {
  const name = plainName(input.Name, context);
  const parameter = findParameter(context.state, name);
  const target = parameter.versions.find((version) => version.version === input.ParameterVersion);
  if (!target) throw new ParameterVersionNotFound(name, input.ParameterVersion);
  const labels: string[] = input.Labels;
  const removed = labels.filter((label) => target.labels.includes(label));
  target.labels = target.labels.filter((label) => !removed.includes(label));
  return { RemovedLabels: removed, InvalidLabels: labels.filter((label) => !removed.includes(label)) };
}

function taggedParameter(input: Input, context: Context) {
  if (input.ResourceType !== 'Parameter') throw new InvalidResourceType();
  const parameter = context.state.parameters.get(plainName(input.ResourceId, context));
  if (!parameter) throw new InvalidResourceId();
  return parameter;
}

const READ: Record<string, 'string' | 'boolean'> = { Name: 'string', WithDecryption: 'boolean' };
const PAGE = { MaxResults: 'number', NextToken: 'string' } as const;
const TAGGED = { ResourceType: 'string', ResourceId: 'string' } as const;
const LABELS = { Name: 'string', ParameterVersion: 'number', Labels: 'strings' } as const;

const KINDS: InputKinds = {
  PutParameter: {
    Name: 'string', Value: 'string', Type: 'string', KeyId: 'string', Description: 'string', AllowedPattern: 'string',
    Overwrite: 'boolean', Tier: 'string', DataType: 'string', Tags: 'tags',
  },
  GetParameter: READ,
  GetParameters: { Names: 'strings', WithDecryption: 'boolean' },
  GetParametersByPath: { Path: 'string', Recursive: 'boolean', ParameterFilters: 'filters', WithDecryption: 'boolean', ...PAGE },
  DescribeParameters: { Filters: 'filters', ParameterFilters: 'filters', ...PAGE },
  GetParameterHistory: { ...READ, ...PAGE },
  DeleteParameter: { Name: 'string' },
  DeleteParameters: { Names: 'strings' },
  LabelParameterVersion: LABELS,
  UnlabelParameterVersion: LABELS,
  AddTagsToResource: { ...TAGGED, Tags: 'tags' },
  RemoveTagsFromResource: { ...TAGGED, TagKeys: 'strings' },
  ListTagsForResource: TAGGED,
};

/** The SSM service definition (Parameter Store only). */
export const ssmService: ServiceDefinition<SsmState> = {
  name: 'ssm',
  signingNames: ['ssm'],
  protocol: 'json',
  targetPrefix: 'AmazonSSM',
  jsonVersion: '1.1',
  createState: createSsmState,
  operations: withKinds({
    PutParameter(input: Input, context: Context) {
      const version = putParameter(context.state, input as PutInput, context);
      return { Version: version.version, Tier: version.tier };
    },
    GetParameter(input: Input, context: Context) {
      const reference = readReference(input.Name, context);
      const version = resolveVersion(context.state, reference);
      return { Parameter: parameterView(reference.name, version, input.WithDecryption === true, context, reference.selector) };
    },
    GetParameters: getParameters,
    GetParametersByPath: (input: Input, context: Context) => parametersByPath(context.state, input, context),
    DescribeParameters: (input: Input, context: Context) => describeParameters(context.state, input, context),
    GetParameterHistory: parameterHistory,
    DeleteParameter(input: Input, context: Context) {
      const name = plainName(input.Name, context);
      if (!context.state.parameters.delete(name)) throw new ParameterNotFound(name);
      return {};
    },
    DeleteParameters(input: Input, context: Context) {
      const deleted: string[] = [];
      const invalid: string[] = [];
      for (const text of new Set<string>(input.Names)) (context.state.parameters.delete(plainName(text, context)) ? deleted : invalid).push(text);
      return { DeletedParameters: deleted, InvalidParameters: invalid };
    },
    LabelParameterVersion: labelVersion,
    UnlabelParameterVersion: unlabelVersion,
    AddTagsToResource(input: Input, context: Context) {
      const parameter = taggedParameter(input, context);
      for (const tag of input.Tags as Array<{ Key: string; Value: string }>) parameter.tags.set(tag.Key, tag.Value);
      return {};
    },
    RemoveTagsFromResource(input: Input, context: Context) {
      const parameter = taggedParameter(input, context);
      for (const key of input.TagKeys as string[]) parameter.tags.delete(key);
      return {};
    },
    ListTagsForResource(input: Input, context: Context) {
      const parameter = taggedParameter(input, context);
      return { TagList: [...parameter.tags].map(([Key, Value]) => ({ Key, Value })) };
    },
  }, KINDS),
};
