/**
 * Parameter Store state and rules: parameters with their versions (at most 100, as AWS keeps),
 * tiers and their value limits, AllowedPattern, labels and tags. Maps (not objects) hold names,
 * so a parameter called `__proto__` is just a name. No HTTP here.
 */
import { ciphertextOf, DEFAULT_KEY_ID } from './cipher.ts';
import {
  InvalidAllowedPatternException, ParameterAlreadyExists, ParameterMaxVersionLimitExceeded, ParameterNotFound,
  ParameterPatternMismatchException, ParameterVersionNotFound, ValidationException,
} from './errors.ts';
import { checkNewName, parameterArn, type NameReference, type Scope } from './names.ts';

/** One version of a parameter, as GetParameterHistory lists it. */
export interface ParameterVersion {
  version: number;
  /** The value as written: a SecureString is kept readable here and encrypted on the way out. */
  value: string;
  type: string;
  keyId?: string;
  description?: string;
  allowedPattern?: string;
  tier: string;
  dataType: string;
  labels: string[];
  lastModifiedDate: Date;
  lastModifiedUser: string;
}

/** A parameter: its versions, oldest first, and its tags. */
export interface Parameter {
  name: string;
  versions: ParameterVersion[];
  tags: Map<string, string>;
}

/** Parameter Store state of one account and region. */
export interface SsmState {
  parameters: Map<string, Parameter>;
}

/** A fresh, empty state. */
export function createSsmState(): SsmState {
  return { parameters: new Map() };
}

/** AWS keeps the latest 100 versions of a parameter. */
export const MAX_VERSIONS = 100;

const TIER_LIMITS: Record<string, number> = { Standard: 4096, Advanced: 8192 };

/** The newest version of a parameter. */
export function latest(parameter: Parameter): ParameterVersion {
  return parameter.versions[parameter.versions.length - 1]!;
}

/** Finds a parameter by name or throws ParameterNotFound. */
export function findParameter(state: SsmState, name: string): Parameter {
  const parameter = state.parameters.get(name);
  if (!parameter) throw new ParameterNotFound(name);
  return parameter;
}

/** The version a reference names: the latest, a version number or a label. */
export function resolveVersion(state: SsmState, reference: NameReference): ParameterVersion {
  const parameter = findParameter(state, reference.name);
  const { selector } = reference;
  if (selector === undefined) return latest(parameter);
  if (/^[0-9]+$/.test(selector)) {
    const found = parameter.versions.find((version) => version.version === Number(selector));
    if (!found) throw new ParameterVersionNotFound(reference.name, selector);
    return found;
  }
  const labelled = parameter.versions.find((version) => version.labels.includes(selector));
  if (!labelled) throw new ParameterVersionNotFound(reference.name, selector);
  return labelled;
}

/** The Value a reader sees: a SecureString stays encrypted unless it asked for decryption. */
export function shownValue(name: string, version: ParameterVersion, decrypt: boolean, scope: Scope): string {
  if (version.type !== 'SecureString' || decrypt) return version.value;
  return ciphertextOf(version.value, { account: scope.account, keyId: version.keyId ?? DEFAULT_KEY_ID, name, version: version.version });
}

/** The Parameter member of GetParameter(s) and GetParametersByPath. */
export function parameterView(name: string, version: ParameterVersion, decrypt: boolean, scope: Scope, selector?: string): Record<string, unknown> {
  return {
    Name: name,
    Type: version.type,
    Value: shownValue(name, version, decrypt, scope),
    Version: version.version,
    ...(selector !== undefined ? { Selector: `:${selector}` } : {}),
    LastModifiedDate: version.lastModifiedDate,
    ARN: parameterArn(name, scope),
    DataType: version.dataType,
  };
}

/** The metadata DescribeParameters lists (no value). */
export function metadataView(parameter: Parameter, scope: Scope): Record<string, unknown> {
  const version = latest(parameter);
  return {
    Name: parameter.name,
    ARN: parameterArn(parameter.name, scope),
    Type: version.type,
    ...(version.keyId ? { KeyId: version.keyId } : {}),
    LastModifiedDate: version.lastModifiedDate,
    LastModifiedUser: version.lastModifiedUser,
    ...(version.description !== undefined ? { Description: version.description } : {}),
    ...(version.allowedPattern !== undefined ? { AllowedPattern: version.allowedPattern } : {}),
    Version: version.version,
    Tier: version.tier,
    Policies: [],
    DataType: version.dataType,
  };
}

function matchesPattern(value: string, pattern: string): boolean {
  let expression: RegExp;
  try {
    expression = new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    throw new InvalidAllowedPatternException(pattern);
  }
  return expression.test(value);
}

function tierFor(asked: string | undefined, previous: ParameterVersion | undefined, value: string): string {
  const kept = asked ?? previous?.tier ?? 'Standard';
  // Intelligent-Tiering picks Standard while the value fits, and never goes back down.
  const tier = kept === 'Intelligent-Tiering' ? (value.length > TIER_LIMITS.Standard! || previous?.tier === 'Advanced' ? 'Advanced' : 'Standard') : kept;
  if (previous?.tier === 'Advanced' && tier === 'Standard') {
    throw new ValidationException('This parameter uses the advanced-parameter tier. You can\'t downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.');
  }
  if (tier === 'Standard' && value.length > TIER_LIMITS.Standard!) {
    throw new ValidationException(
      'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    );
  }
  if (tier === 'Advanced' && value.length > TIER_LIMITS.Advanced!) {
    throw new ValidationException('Advanced tier parameters support a maximum parameter value of 8192 characters.');
  }
  return tier;
}

/** The members of PutParameter the model reads. */
export interface PutInput {
  Name: string;
  Value: string;
  Type?: string;
  KeyId?: string;
  Description?: string;
  AllowedPattern?: string;
  Overwrite?: boolean;
  Tier?: string;
  DataType?: string;
  Tags?: Array<{ Key: string; Value: string }>;
}

/** Creates a parameter or, with Overwrite, its next version; returns the new version. */
export function putParameter(state: SsmState, input: PutInput, scope: Scope): ParameterVersion {
  const { Name: name, Value: value } = input;
  if (value === '') throw new ValidationException('1 validation error detected: Value \'\' at \'value\' failed to satisfy constraint: Member must have length greater than or equal to 1.');
  if (input.Overwrite === true && input.Tags !== undefined && input.Tags.length > 0) {
    throw new ValidationException('Invalid request: tags and overwrite can\'t be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.');
  }
  checkNewName(name);
  const existing = state.parameters.get(name);
  if (existing && input.Overwrite !== true) throw new ParameterAlreadyExists();
  const previous = existing ? latest(existing) : undefined;
  const type = input.Type ?? previous?.type;
  if (type === undefined) throw new ValidationException('A parameter type is required when you create a parameter.');
  const dataType = input.DataType ?? previous?.dataType ?? 'text';
  if (!['text', 'aws:ec2:image', 'aws:ssm:integration'].includes(dataType)) {
    throw new ValidationException(`The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  }
  const allowedPattern = input.AllowedPattern ?? previous?.allowedPattern;
  if (allowedPattern !== undefined && allowedPattern !== '' && !matchesPattern(value, allowedPattern)) throw new ParameterPatternMismatchException(allowedPattern);
  const tier = tierFor(input.Tier, previous, value);
  const keyId = type === 'SecureString' ? (input.KeyId ?? (previous?.type === 'SecureString' ? previous.keyId : undefined) ?? DEFAULT_KEY_ID) : undefined;
  const description = input.Description ?? previous?.description;
  const version: ParameterVersion = {
    version: (previous?.version ?? 0) + 1,
    value,
    type,
    ...(keyId !== undefined ? { keyId } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(allowedPattern !== undefined ? { allowedPattern } : {}),
    tier,
    dataType,
    labels: [],
    lastModifiedDate: new Date(),
    lastModifiedUser: `arn:aws:iam::${scope.account}:root`,
  };
  if (existing) {
    if (existing.versions.length >= MAX_VERSIONS) {
      const oldest = existing.versions[0]!;
      if (oldest.labels.length > 0) throw new ParameterMaxVersionLimitExceeded(name, oldest.version);
      existing.versions.shift();
    }
    existing.versions.push(version);
  } else {
    state.parameters.set(name, { name, versions: [version], tags: new Map((input.Tags ?? []).map((tag) => [tag.Key, tag.Value])) });
  }
  return version;
}
