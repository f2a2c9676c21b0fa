/** EventBridge state: buses, rules and their targets, per account and region. */
import type { StateScope } from '../../types.ts';
import { EventsValidationException, ResourceNotFoundException } from './errors.ts';
import { dict } from '../../dict.ts';
import { SerializationException } from '../../errors.ts';

/** A target of a rule, as PutTargets stores it. */
export interface Target {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
  SqsParameters?: { MessageGroupId?: string };
}

/** A tag on a rule or bus, in the order it was first given. */
export interface Tag {
  Key: string;
  Value: string;
}

/** A rule on a bus. */
export interface Rule {
  Name: string;
  Arn: string;
  EventBusName: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  State: 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  Description?: string;
  RoleArn?: string;
  Tags?: Tag[];
  targets: Target[];
  createdAt: number;
}

/** An event bus. */
export interface Bus {
  Name: string;
  Arn: string;
  Description?: string;
  CreationTime: Date;
  LastModifiedTime: Date;
  Tags?: Tag[];
  /** The resource policy PutPermission builds, as JSON text; absent when nothing is granted. */
  Policy?: string;
}

/** EventBridge state of one account and region. */
export interface EventsState {
  buses: Record<string, Bus>;
  /** Keyed by `<bus>/<rule>`. */
  rules: Record<string, Rule>;
}

const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;

/** The ARN of a bus. */
export function busArn(region: string, account: string, name: string): string {
  return `arn:aws:events:${region}:${account}:event-bus/${name}`;
}

/** The ARN of a rule: rules on the default bus have no bus in their ARN, as on AWS. */
export function ruleArn(region: string, account: string, bus: string, name: string): string {
  return bus === 'default' ? `arn:aws:events:${region}:${account}:rule/${name}` : `arn:aws:events:${region}:${account}:rule/${bus}/${name}`;
}

/** Fresh state with the default bus. */
export function createEventsState({ account, region }: StateScope): EventsState {
  // Every account has a default bus in every region, from the start.
  const now = new Date();
  return { buses: dict([['default', { Name: 'default', Arn: busArn(region, account, 'default'), CreationTime: now, LastModifiedTime: now }]]), rules: dict() };
}

/** A bus name from a name or ARN (`default` when absent). */
export function busNameOf(nameOrArn: unknown): string {
  if (nameOrArn === undefined || nameOrArn === null || nameOrArn === '') return 'default';
  // AWS's JSON deserializer refuses a structure or list where a string belongs.
  if (typeof nameOrArn !== 'string') throw new SerializationException(notAString(nameOrArn));
  const text = nameOrArn;
  const name = text.startsWith('arn:') ? text.slice(text.indexOf(':event-bus/') + ':event-bus/'.length) : text;
  if (!BUS_NAME.test(name)) {
    throw new EventsValidationException(`1 validation error detected: Value '${text}' at 'eventBusName' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+`);
  }
  return name;
}

/** The words AWS's deserializer uses for a value of the wrong kind where a string belongs. */
function notAString(value: unknown): string {
  return Array.isArray(value) ? 'Start of list found where not expected' : typeof value === 'object' ? 'Start of structure or map found where not expected.' : `Unexpected value type in payload`;
}

/** Returns a bus or throws ResourceNotFoundException with AWS's message. */
export function findBus(state: EventsState, name: string): Bus {
  const bus = state.buses[name];
  if (!bus) throw new ResourceNotFoundException(`Event bus ${name} does not exist.`);
  return bus;
}

/** Checks a rule name against the model's pattern. */
export function checkRuleName(name: unknown, member = 'name'): string {
  if (name !== undefined && name !== null && typeof name !== 'string') throw new SerializationException(notAString(name));
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new EventsValidationException(`1 validation error detected: Value '${name ?? ''}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
  }
  return name;
}

/** Returns a rule or throws ResourceNotFoundException with AWS's message. */
export function findRule(state: EventsState, bus: string, name: string): Rule {
  findBus(state, bus);
  const rule = state.rules[`${bus}/${name}`];
  if (!rule) throw new ResourceNotFoundException(`Rule ${name} does not exist on EventBus ${bus}.`);
  return rule;
}

/** Rules of one bus in name order. */
export function rulesOf(state: EventsState, bus: string): Rule[] {
  return Object.values(state.rules)
    .filter((rule) => rule.EventBusName === bus)
    .sort((a, b) => a.Name.localeCompare(b.Name));
}

/** Pages a sorted list with an opaque numeric token, as the List operations do. */
export function paginate<T>(items: T[], nextToken: unknown, limit: unknown, max = 100): { items: T[]; NextToken?: string } {
  const start = typeof nextToken === 'string' && /^\d+$/.test(nextToken) ? Number(nextToken) : 0;
  const size = typeof limit === 'number' && limit > 0 ? Math.min(limit, max) : max;
  const page = items.slice(start, start + size);
  return start + size < items.length ? { items: page, NextToken: String(start + size) } : { items: page };
}
