/**
 * CloudWatch Logs state and rules for log groups and log streams: names, retention, tags and the
 * Describe listings. Events live in events.ts. Maps (not objects) hold names, so a group called
 * `__proto__` is just a name.
 */
import { noteChange } from '../../persistence/changes.ts';
import { BAD_TOKEN, InvalidParameterException, NO_SUCH_GROUP, NO_SUCH_STREAM, ResourceAlreadyExistsException, ResourceNotFoundException, TooManyTagsException, ValidationException } from './errors.ts';
import { shownValue } from '../../errors.ts';

/** One stored log event. `seq` orders events of equal timestamp in the order they arrived. */
export interface StoredEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  seq: number;
  eventId: string;
}

/** A log stream: its events sorted by (timestamp, seq). */
export interface LogStream {
  logStreamName: string;
  arn: string;
  creationTime: number;
  events: StoredEvent[];
  nextSeq: number;
  uploads: number;
  lastIngestionTime?: number;
  /** Bytes the events hold as AWS counts them; absent in state saved before it was kept. */
  bytes?: number;
}

/** A log group and its streams. */
export interface LogGroup {
  logGroupName: string;
  arn: string;
  creationTime: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  logGroupClass: string;
  tags: Map<string, string>;
  streams: Map<string, LogStream>;
  /** By filter name; absent in state saved before subscription filters were kept. */
  subscriptionFilters?: Map<string, SubscriptionFilter>;
}

/** A subscription filter: which events of its group go where. */
export interface SubscriptionFilter {
  filterName: string;
  logGroupName: string;
  filterPattern: string;
  destinationArn: string;
  roleArn?: string;
  distribution: string;
  creationTime: number;
}

/** An account-scoped resource policy (PutResourcePolicy without a resourceArn). */
export interface ResourcePolicy {
  policyName: string;
  policyDocument: string;
  lastUpdatedTime: number;
}

/** CloudWatch Logs state of one account and region. */
export interface LogsState {
  groups: Map<string, LogGroup>;
  /** Feeds event ids, unique within the account and region. */
  eventCounter: number;
  /** By policy name; absent in state saved before they were kept. */
  resourcePolicies?: Map<string, ResourcePolicy>;
}

/** Who is asking: ARNs name the account and region. */
export interface Scope {
  account: string;
  region: string;
}

/** A fresh, empty state. */
export function createLogsState(): LogsState {
  return { groups: new Map(), eventCounter: 0, resourcePolicies: new Map() };
}

/** The retention periods PutRetentionPolicy accepts, in days. */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const GROUP_PATTERN = /^[.\-_/#A-Za-z0-9]+$/;
const STREAM_PATTERN = /^[^:*]*$/;

/** The "1 validation error detected" message AWS writes for a member that breaks its constraint. */
export function validationMessage(value: unknown, member: string, constraint: string): string {
  const shown = value === undefined || value === null ? 'null' : `'${shownValue(value)}'`;
  return `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`;
}

function checkName(value: unknown, member: string, pattern: RegExp, patternText: string): string {
  if (value === undefined || value === null) throw new InvalidParameterException(validationMessage(value, member, 'Member must not be null'));
  if (typeof value !== 'string') throw new InvalidParameterException(validationMessage(value, member, 'Member must be a string'));
  if (value.length < 1) throw new InvalidParameterException(validationMessage(value, member, 'Member must have length greater than or equal to 1'));
  if (value.length > 512) throw new InvalidParameterException(validationMessage(value, member, 'Member must have length less than or equal to 512'));
  if (!pattern.test(value)) throw new InvalidParameterException(validationMessage(value, member, `Member must satisfy regular expression pattern: ${patternText}`));
  return value;
}

/** Checks a log group name against the model's pattern and length. */
export function checkGroupName(value: unknown, member = 'logGroupName'): string {
  return checkName(value, member, GROUP_PATTERN, '[\\.\\-_/#A-Za-z0-9]+');
}

/** Checks a log stream name against the model's pattern and length. */
export function checkStreamName(value: unknown, member = 'logStreamName'): string {
  return checkName(value, member, STREAM_PATTERN, '[^:*]*');
}

/** Reads an optional integer member within bounds, with AWS's validation message when it is not. */
export function optionalInteger(value: unknown, member: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new InvalidParameterException(validationMessage(value, member, 'Member must be an integer'));
  if (value < min) throw new InvalidParameterException(validationMessage(value, member, `Member must have value greater than or equal to ${min}`));
  if (value > max) throw new InvalidParameterException(validationMessage(value, member, `Member must have value less than or equal to ${max}`));
  return value;
}

/** Finds a log group by name or throws ResourceNotFoundException. */
export function findGroup(state: LogsState, name: string): LogGroup {
  const group = state.groups.get(name);
  if (!group) throw new ResourceNotFoundException(NO_SUCH_GROUP);
  return group;
}

/** Finds a log stream in a group or throws ResourceNotFoundException. */
export function findStream(group: LogGroup, name: string): LogStream {
  const stream = group.streams.get(name);
  if (!stream) throw new ResourceNotFoundException(NO_SUCH_STREAM);
  return stream;
}

const GROUP_ARN = /^arn:aws[\w-]*:logs:([\w-]+):(\d{12}):log-group:([^:]+)(:\*)?$/;

/** The name a log group ARN points at in the caller's own account and region, or undefined. */
export function groupNameFromArn(arn: string, scope: Scope): string | undefined {
  const match = GROUP_ARN.exec(arn);
  if (!match || match[1] !== scope.region || match[2] !== scope.account) return undefined;
  return match[3];
}

/** Resolves `logGroupName` or `logGroupIdentifier` (a name or an ARN): exactly one must be given, both is AWS's ValidationException. */
export function groupFromInput(state: LogsState, input: Record<string, unknown>, scope: Scope): LogGroup {
  const { logGroupName: name, logGroupIdentifier: identifier } = input;
  if (name !== undefined && identifier !== undefined) {
    throw new ValidationException('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  if (identifier !== undefined) {
    if (typeof identifier !== 'string' || identifier === '') throw new InvalidParameterException(validationMessage(identifier, 'logGroupIdentifier', 'Member must have length greater than or equal to 1'));
    const fromArn = identifier.startsWith('arn:') ? groupNameFromArn(identifier, scope) : identifier;
    if (fromArn === undefined) throw new ResourceNotFoundException(NO_SUCH_GROUP);
    return findGroup(state, fromArn);
  }
  if (name === undefined) throw new InvalidParameterException('Either logGroupName or logGroupIdentifier must be specified.');
  return findGroup(state, checkGroupName(name));
}

/** Reads a tags map, enforcing AWS's limit of 50 tags per resource. */
export function checkTags(value: unknown, member: string): Map<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidParameterException(validationMessage(value, member, 'Member must be a map of strings'));
  const tags = new Map<string, string>();
  for (const [key, tagValue] of Object.entries(value)) {
    if (key.length < 1 || key.length > 128 || typeof tagValue !== 'string' || tagValue.length > 256) {
      throw new InvalidParameterException(validationMessage(key, `${member}.key`, 'Member must satisfy the tag key and value constraints (key 1-128, value 0-256 characters)'));
    }
    tags.set(key, tagValue);
  }
  return tags;
}

/** Adds tags to a group; more than 50 in all is TooManyTagsException. */
export function addTags(group: LogGroup, tags: Map<string, string>): void {
  const merged = new Map([...group.tags, ...tags]);
  if (merged.size > 50) throw new TooManyTagsException('A resource can have no more than 50 tags.', group.arn.replace(/:\*$/, ''));
  group.tags = merged;
}

/** Creates a log group. */
export function createGroup(state: LogsState, input: Record<string, unknown>, scope: Scope): LogGroup {
  const name = checkGroupName(input.logGroupName);
  if (name.startsWith('aws/')) throw new InvalidParameterException(`Log group names can't start with the string aws/ (got ${name}).`);
  const tags = input.tags === undefined ? new Map<string, string>() : checkTags(input.tags, 'tags');
  if (state.groups.has(name)) throw new ResourceAlreadyExistsException('The specified log group already exists');
  const group: LogGroup = {
    logGroupName: name,
    arn: `arn:aws:logs:${scope.region}:${scope.account}:log-group:${name}:*`,
    creationTime: Date.now(),
    logGroupClass: typeof input.logGroupClass === 'string' ? input.logGroupClass : 'STANDARD',
    ...(typeof input.kmsKeyId === 'string' ? { kmsKeyId: input.kmsKeyId } : {}),
    tags: new Map(),
    streams: new Map(),
    subscriptionFilters: new Map(),
  };
  addTags(group, tags);
  state.groups.set(name, group);
  return group;
}

/** Sets a group's retention, which must be one of {@link RETENTION_DAYS}. */
export function putRetention(group: LogGroup, days: unknown): void {
  if (typeof days !== 'number' || !RETENTION_DAYS.includes(days)) {
    throw new InvalidParameterException(validationMessage(days, 'retentionInDays', `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`));
  }
  group.retentionInDays = days;
}

/** Creates a log stream in a group. */
export function createStream(group: LogGroup, name: string): LogStream {
  if (group.streams.has(name)) throw new ResourceAlreadyExistsException('The specified log stream already exists');
  const stream: LogStream = {
    logStreamName: name,
    arn: `${group.arn.replace(/:\*$/, '')}:log-stream:${name}`,
    creationTime: Date.now(),
    events: [],
    nextSeq: 1,
    uploads: 0,
  };
  group.streams.set(name, stream);
  noteChange(group, name, stream);
  return stream;
}

/** Bytes a group stores: the UTF-8 size of its events' messages. */
export function storedBytes(group: LogGroup): number {
  let total = 0;
  for (const stream of group.streams.values()) for (const event of stream.events) total += Buffer.byteLength(event.message);
  return total;
}

/** A page of a sorted list; the token is an opaque offset so a client cannot depend on its form. */
export function pageOf<T>(items: T[], token: unknown, limit: number): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const decoded = typeof token === 'string' ? /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8')) : null;
    if (!decoded) throw new InvalidParameterException(BAD_TOKEN);
    start = Number(decoded[1]);
  }
  const end = start + limit;
  const next = end < items.length ? Buffer.from(`o${end}`).toString('base64url') : undefined;
  return { items: items.slice(start, end), ...(next ? { nextToken: next } : {}) };
}
