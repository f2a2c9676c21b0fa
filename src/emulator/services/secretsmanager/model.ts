/**
 * Secrets Manager state and rules: secrets named by name, full ARN or ARN without its random
 * suffix; versions with staging labels (AWSCURRENT moves, the old one becomes AWSPREVIOUS);
 * ClientRequestToken idempotency; deletion with a recovery window. No HTTP here.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { InvalidParameterException, InvalidRequestException, MARKED_FOR_DELETION, ResourceExistsException, ResourceNotFoundException } from './errors.ts';

/** One version of a secret's value. */
export interface SecretVersion {
  versionId: string;
  secretString?: string;
  /** Base64, as the wire carries it. */
  secretBinary?: string;
  createdDate: Date;
  stages: string[];
}

/** A secret and its versions. */
export interface Secret {
  name: string;
  arn: string;
  description?: string;
  kmsKeyId?: string;
  createdDate: Date;
  lastChangedDate: Date;
  lastAccessedDate?: Date;
  /** Set while the secret is scheduled for deletion: the moment it goes for good. */
  deletionDate?: Date;
  deletedDate?: Date;
  tags: Array<{ Key: string; Value: string }>;
  versions: Map<string, SecretVersion>;
}

/** Secrets Manager state of one account and region. */
export interface SecretsState {
  secrets: Map<string, Secret>;
}

/** Who is asking: ARNs name the account and region. */
export interface Scope {
  account: string;
  region: string;
}

/** A fresh, empty state. */
export function createSecretsState(): SecretsState {
  return { secrets: new Map() };
}

const SUFFIX_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new secret's ARN: the name and a hyphen with six random characters, as AWS adds. */
export function secretArn(name: string, scope: Scope): string {
  let suffix = '';
  for (let index = 0; index < 6; index++) suffix += SUFFIX_CHARACTERS[randomInt(SUFFIX_CHARACTERS.length)];
  return `arn:aws:secretsmanager:${scope.region}:${scope.account}:secret:${name}-${suffix}`;
}

/** Checks a new secret's name against AWS's character rule. */
export function checkName(name: string): void {
  if (!/^[a-zA-Z0-9/_+=.@!-]+$/.test(name)) {
    throw new InvalidParameterException('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  }
}

/** Drops secrets whose recovery window has ended, as AWS deletes them then. */
function purge(state: SecretsState, now = Date.now()): void {
  for (const [name, secret] of state.secrets) if (secret.deletionDate && secret.deletionDate.getTime() <= now) state.secrets.delete(name);
}

/** The secret a SecretId names (name, ARN or ARN without its suffix), scheduled for deletion or not. */
export function lookup(state: SecretsState, id: string): Secret | undefined {
  purge(state);
  const byName = state.secrets.get(id);
  if (byName) return byName;
  if (!id.startsWith('arn:')) return undefined;
  for (const secret of state.secrets.values()) if (secret.arn === id || secret.arn.slice(0, -7) === id) return secret;
  return undefined;
}

/** The secret a SecretId names, or ResourceNotFoundException; `live` refuses one marked for deletion. */
export function findSecret(state: SecretsState, id: string, live = true): Secret {
  const secret = lookup(state, id);
  if (!secret) throw new ResourceNotFoundException();
  if (live && secret.deletedDate) throw new InvalidRequestException(MARKED_FOR_DELETION);
  return secret;
}

/** A new value as a request carries it: string or base64 binary, never both. */
export interface SecretValue {
  secretString?: string;
  secretBinary?: string;
}

/** Reads SecretString and SecretBinary from a request; undefined when it carries neither. */
export function valueOf(input: Record<string, unknown>): SecretValue | undefined {
  const string = typeof input.SecretString === 'string' ? input.SecretString : undefined;
  const binary = typeof input.SecretBinary === 'string' ? input.SecretBinary : undefined;
  if (string !== undefined && binary !== undefined) throw new InvalidParameterException('You can\'t specify both a binary secret value and a string secret value in the same secret.');
  if (string === undefined && binary === undefined) return undefined;
  return string !== undefined ? { secretString: string } : { secretBinary: binary! };
}

function sameValue(version: SecretVersion, value: SecretValue): boolean {
  return version.secretString === value.secretString && version.secretBinary === value.secretBinary;
}

/** The version that holds a staging label, if any. */
export function versionWithStage(secret: Secret, stage: string): SecretVersion | undefined {
  for (const version of secret.versions.values()) if (version.stages.includes(stage)) return version;
  return undefined;
}

/**
 * Adds a version (or finds the one a repeated ClientRequestToken made). The stages move to it;
 * when AWSCURRENT moves, the version that had it becomes AWSPREVIOUS.
 */
export function addVersion(secret: Secret, value: SecretValue, token: string | undefined, stages = ['AWSCURRENT']): { version: SecretVersion; created: boolean } {
  const versionId = token ?? randomUUID();
  const existing = secret.versions.get(versionId);
  if (existing) {
    if (sameValue(existing, value)) return { version: existing, created: false };
    throw new ResourceExistsException(`You can't use ClientRequestToken ${versionId} because that value is already in use for a version of secret ${secret.arn}.`);
  }
  const now = new Date();
  const version: SecretVersion = { versionId, ...value, createdDate: now, stages: [] };
  for (const stage of stages) {
    const holder = versionWithStage(secret, stage);
    if (holder) holder.stages = holder.stages.filter((label) => label !== stage);
    if (stage === 'AWSCURRENT' && holder) {
      const previous = versionWithStage(secret, 'AWSPREVIOUS');
      if (previous) previous.stages = previous.stages.filter((label) => label !== 'AWSPREVIOUS');
      holder.stages.push('AWSPREVIOUS');
    }
    version.stages.push(stage);
  }
  secret.versions.set(versionId, version);
  // A version with no label left is deprecated: AWS drops it from the secret's versions.
  for (const [id, other] of secret.versions) if (other.stages.length === 0) secret.versions.delete(id);
  secret.lastChangedDate = now;
  return { version, created: true };
}

/** Creates a secret, or answers the first creation again for a repeated ClientRequestToken and value. */
export function createSecret(state: SecretsState, input: Record<string, any>, scope: Scope): { secret: Secret; version?: SecretVersion } {
  const name: string = input.Name;
  checkName(name);
  const value = valueOf(input);
  const token: string | undefined = input.ClientRequestToken;
  const existing = lookup(state, name);
  if (existing?.deletedDate) throw new InvalidRequestException('You can\'t create this secret because a secret with this name is already scheduled for deletion.');
  if (existing) {
    const earlier = token !== undefined ? existing.versions.get(token) : undefined;
    if (earlier && value && sameValue(earlier, value)) return { secret: existing, version: earlier };
    if (earlier) throw new ResourceExistsException(`You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${existing.arn}.`);
    throw new ResourceExistsException(`The operation failed because the secret ${name} already exists.`);
  }
  const now = new Date();
  const secret: Secret = {
    name,
    arn: secretArn(name, scope),
    ...(typeof input.Description === 'string' ? { description: input.Description } : {}),
    ...(typeof input.KmsKeyId === 'string' ? { kmsKeyId: input.KmsKeyId } : {}),
    createdDate: now,
    lastChangedDate: now,
    tags: Array.isArray(input.Tags) ? input.Tags.map((tag: { Key: string; Value: string }) => ({ Key: tag.Key, Value: tag.Value })) : [],
    versions: new Map(),
  };
  state.secrets.set(name, secret);
  return value ? { secret, version: addVersion(secret, value, token).version } : { secret };
}

/** Merges tags into a secret, a key's new value replacing the old. */
export function addTags(secret: Secret, tags: Array<{ Key: string; Value: string }>): void {
  const merged = new Map(secret.tags.map((tag) => [tag.Key, tag.Value]));
  for (const tag of tags) merged.set(tag.Key, tag.Value);
  secret.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
}
