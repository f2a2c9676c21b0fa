/**
 * PutEvents: validate each entry as AWS does (failures per entry, not exceptions, except for the
 * size of the whole request), build the event envelope exactly as EventBridge builds it, and hand
 * matched events to the delivery queue. An event for a bus that does not exist is accepted and
 * dropped, as on AWS; the trace says so, since nothing else will.
 */
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import { EventsValidationException } from './errors.ts';
import type { DeliveryQueue } from './delivery.ts';
import { busPolicyAllows, busRefusal } from './bus-policy.ts';
import { busArn, busNameOf, rulesOf, type EventsState, type Rule } from './model.ts';
import { matchEvent, parsePattern, type CompiledPattern } from './pattern/index.ts';
import { SerializationException } from '../../errors.ts';

/** One entry's result: an EventId, or an ErrorCode and ErrorMessage. */
export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

/** Computes an entry's size as the EventBridge documentation defines it. */
export function entrySize(entry: Record<string, any>): number {
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  let size = entry.Time !== undefined ? 14 : 0;
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail);
  for (const resource of Array.isArray(entry.Resources) ? entry.Resources : []) size += bytes(resource);
  return size;
}

/** EventBridge's time format: ISO 8601 without milliseconds. */
export function eventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The envelope fields a sender chooses (PutEvents, an AWS service, a schedule); the rest is filled in. */
export interface EventFields {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  resources?: string[];
  time?: Date;
}

/** An event envelope, built in one place so every sender's events look alike to patterns and targets. */
export function newEvent(scope: { account: string; region: string }, fields: EventFields) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': fields.detailType,
    source: fields.source,
    account: scope.account,
    time: eventTime(fields.time ?? new Date()),
    region: scope.region,
    resources: fields.resources ?? [],
    detail: fields.detail,
  };
}

function entryTime(value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value * 1000 : String(value));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Checks an entry; returns the failure AWS reports for it, if any. */
function entryFailure(entry: Record<string, any>): { ErrorCode: string; ErrorMessage: string } | undefined {
  const fail = (ErrorCode: string, ErrorMessage: string) => ({ ErrorCode, ErrorMessage });
  if (typeof entry.Source !== 'string' || entry.Source === '') return fail('InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.');
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return fail('InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.');
  if (typeof entry.Detail !== 'string' || entry.Detail === '') return fail('InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.');
  try {
    const detail: unknown = JSON.parse(entry.Detail);
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return fail('MalformedDetail', 'Detail is malformed.');
  } catch {
    return fail('MalformedDetail', 'Detail is malformed.');
  }
  if (entry.Source.startsWith('aws.')) return fail('NotAuthorizedForSourceException', `Not authorized for the source ${entry.Source}.`);
  try {
    busNameOf(entry.EventBusName);
  } catch (error) {
    return fail('InvalidArgument', (error as Error).message);
  }
  return undefined;
}

const compiled = new Map<string, CompiledPattern>();

function compiledPattern(text: string): CompiledPattern {
  let pattern = compiled.get(text);
  if (!pattern) {
    pattern = parsePattern(text);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(text, pattern);
  }
  return pattern;
}

/** Matches an event against every enabled rule of its bus, records the outcome, and queues deliveries. */
export function routeEvent(emulator: Emulator, queue: DeliveryQueue, state: EventsState, scope: { account: string; region: string }, bus: string, event: Record<string, unknown>): void {
  const eventId = String(event.id);
  const ingestionTime = new Date().toISOString();
  emulator.trace.record({ ...scope, kind: 'event-received', eventId, bus, detail: `${String(event.source)} / ${String(event['detail-type'])}` });
  for (const rule of rulesOf(state, bus)) {
    if (rule.State === 'DISABLED' || !rule.EventPattern) continue;
    const result = matchEvent(compiledPattern(rule.EventPattern), event);
    if (!result.matched) {
      emulator.trace.record({ ...scope, kind: 'rule-not-matched', eventId, bus, rule: rule.Name, field: result.field, reason: result.reason });
      continue;
    }
    emulator.trace.record({ ...scope, kind: 'rule-matched', eventId, bus, rule: rule.Name, detail: `${rule.targets.length} target(s)` });
    queueTargets(queue, scope, bus, rule, event, ingestionTime);
  }
}

/** Records an event that went nowhere because its bus does not exist, with what to do about it. */
function recordDropped(emulator: Emulator, scope: { account: string; region: string }, bus: string, event: Record<string, unknown>): void {
  const detail = `${String(event.source)} / ${String(event['detail-type'])}: dropped. Event bus ${bus} does not exist in account ${scope.account}, region ${scope.region}; `
    + 'PutEvents still answered with an EventId, as AWS does. Create the bus with CreateEventBus, or send the event to a bus that exists.';
  emulator.trace.record({ ...scope, kind: 'event-received', eventId: String(event.id), bus, outcome: 'dropped', detail });
}

/** Queues one delivery per target of a rule that matched or fired; each copies its target, so later rule changes leave it alone. */
export function queueTargets(queue: DeliveryQueue, scope: { account: string; region: string }, bus: string, rule: Rule, event: Record<string, unknown>, ingestionTime: string): void {
  for (const target of rule.targets) {
    queue.enqueue({ ...scope, event, bus, ruleName: rule.Name, ruleArn: rule.Arn, target: structuredClone(target), ingestionTime });
  }
}

/** The account and region whose bus an entry names: an ARN's own, else the caller's. */
function busOwner(nameOrArn: unknown, scope: Scope): Scope {
  const match = typeof nameOrArn === 'string' ? /^arn:aws[\w-]*:events:([\w-]+):(\d{12}):event-bus\//.exec(nameOrArn) : null;
  return match ? { region: match[1]!, account: match[2]! } : scope;
}

/** The caller's state, and a way to reach another account's or region's, for an entry that names a bus by ARN. */
export interface PutEventsStates {
  state: EventsState;
  stateOf: (owner: Scope) => EventsState;
}

type Scope = { account: string; region: string };

/** AWS's answer for an entry sent to another account's bus whose policy does not let the sender in. */
function accessDenied(emulator: Emulator, scope: Scope, owner: Scope, bus: string, event: Record<string, unknown>): { ErrorCode: string; ErrorMessage: string } {
  const arn = busArn(owner.region, owner.account, bus);
  emulator.trace.record({ ...scope, kind: 'event-received', eventId: String(event.id), bus: arn, outcome: 'refused', detail: `${String(event.source)} / ${String(event['detail-type'])}: refused: ${busRefusal(arn, scope.account)}` });
  return {
    ErrorCode: 'AccessDeniedException',
    ErrorMessage: `User: arn:aws:iam::${scope.account}:root is not authorized to perform: events:PutEvents on resource: ${arn} because no resource-based policy allows the events:PutEvents action`,
  };
}

/** The PutEvents operation. */
export function putEvents(emulator: Emulator, queue: DeliveryQueue, states: PutEventsStates, scope: Scope, input: Record<string, any>) {
  const entries: Array<Record<string, any>> = Array.isArray(input.Entries) ? input.Entries : [];
  if (entries.length < 1 || entries.length > 10) {
    throw new EventsValidationException(`1 validation error detected: Value '[...]' at 'entries' failed to satisfy constraint: Member must have length ${entries.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 10'}`);
  }
  // AWS's JSON deserializer refuses an entry that is not a structure before anything is sent.
  if (entries.some((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
    throw new SerializationException('Unexpected value type in payload: an entry of Entries must be a structure');
  }
  // The limit is on the request: entries that fit one by one can still be too many bytes together.
  const total = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > emulator.settings.eventEntryLimitBytes) throw new EventsValidationException('Total size of the entries in the request is over the limit.');
  const results: PutEventsResultEntry[] = [];
  for (const entry of entries) {
    const failure = entryFailure(entry);
    if (failure) {
      results.push(failure);
      continue;
    }
    const event = newEvent(scope, {
      source: entry.Source,
      detailType: entry.DetailType,
      detail: JSON.parse(entry.Detail),
      resources: Array.isArray(entry.Resources) ? entry.Resources : [],
      time: entryTime(entry.Time),
    });
    const bus = busNameOf(entry.EventBusName);
    const owner = busOwner(entry.EventBusName, scope);
    const state = owner.account === scope.account && owner.region === scope.region ? states.state : states.stateOf(owner);
    if (owner.account !== scope.account) {
      // Another account's bus takes events only as its policy allows; a missing bus looks the same from outside.
      const target = state.buses[bus];
      if (!target || !busPolicyAllows(target.Policy, target.Arn, scope.account)) {
        results.push(accessDenied(emulator, scope, owner, bus, event));
        continue;
      }
    }
    if (state.buses[bus]) routeEvent(emulator, queue, state, owner, bus, event);
    else recordDropped(emulator, owner, bus, event);
    results.push({ EventId: event.id });
  }
  return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
}
