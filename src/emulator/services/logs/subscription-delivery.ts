/**
 * Delivery of log events to the Lambda functions of subscription filters: after each PutLogEvents
 * (a client's or a function's own logs), the events each filter matches go to its function as an
 * asynchronous invocation with `{"awslogs":{"data": base64(gzip(JSON))}}`, one per filter and
 * PutLogEvents call, as AWS batches them. Every step goes to the event-flow trace.
 *
 * A function subscribed to a log group its own invocations write to would trigger itself forever:
 * AWS does not stop that loop (Lambda's recursive loop detection does not cover CloudWatch Logs;
 * the Logs guide only warns against it). The emulator follows a delivery's request id into the log
 * lines the invocation writes, and refuses the delivery that would invoke a function again with
 * logs its own subscription delivery produced, with a trace line that says why.
 */
import { gzipSync } from 'node:zlib';
import type { Emulator } from '../../emulator.ts';
import type { TraceEntry } from '../../trace.ts';
import { compileFilterPattern, type MessageMatcher } from './filter-pattern.ts';
import type { LogGroup, LogStream, StoredEvent, SubscriptionFilter } from './model.ts';
import { CANNOT_EXECUTE_LAMBDA, filtersOf, logsMayInvoke } from './subscriptions.ts';

/** Who wrote the events: the account and region of the log group. */
export interface DeliveryScope {
  account: string;
  region: string;
}

/** The decoded `awslogs.data` of a delivery, as AWS documents it. */
export interface SubscriptionMessage {
  messageType: 'DATA_MESSAGE';
  owner: string;
  logGroup: string;
  logStream: string;
  subscriptionFilters: string[];
  logEvents: Array<{ id: string; timestamp: number; message: string }>;
  policyLevel: 'LOG_GROUP_LEVEL_POLICY';
}

const REQUEST_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** How many delivery invocations each emulator remembers for loop detection; older ones are forgotten. */
const LINEAGE_LIMIT = 10_000;

/** Per emulator: the request id of each delivery invocation -> the functions its chain of deliveries has invoked. */
const lineages = new WeakMap<Emulator, Map<string, ReadonlySet<string>>>();
const matchers = new Map<string, MessageMatcher>();

function lineageOf(emulator: Emulator): Map<string, ReadonlySet<string>> {
  let lineage = lineages.get(emulator);
  if (!lineage) {
    lineage = new Map();
    lineages.set(emulator, lineage);
  }
  return lineage;
}

function matcherOf(pattern: string): MessageMatcher {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    // Patterns were checked when the filter was put; one that no longer compiles matches nothing.
    try {
      matcher = compileFilterPattern(pattern);
    } catch {
      matcher = () => false;
    }
    if (matchers.size > 1000) matchers.clear();
    matchers.set(pattern, matcher);
  }
  return matcher;
}

/** The function a destination ARN names, without a version or alias, so `fn` and `fn:live` are one loop. */
function functionOf(arn: string): string {
  return arn.split(':').slice(0, 7).join(':');
}

/** The functions that delivery invocations named in these events (by request id) have invoked, directly or before. */
function chainOf(emulator: Emulator, events: StoredEvent[]): Set<string> {
  const lineage = lineageOf(emulator);
  const chain = new Set<string>();
  if (lineage.size === 0) return chain;
  for (const event of events) {
    for (const id of event.message.match(REQUEST_ID) ?? []) for (const fn of lineage.get(id) ?? []) chain.add(fn);
  }
  return chain;
}

/** The payload AWS sends a Lambda destination. */
export function subscriptionPayload(message: SubscriptionMessage): string {
  const data = gzipSync(JSON.stringify(message)).toString('base64');
  return JSON.stringify({ awslogs: { data } });
}

/** After PutLogEvents stored `events`: traces the write and queues a delivery for each filter with matches. */
export function deliverToSubscriptions(emulator: Emulator, scope: DeliveryScope, group: LogGroup, stream: LogStream, events: StoredEvent[]): void {
  const filters = [...filtersOf(group).values()];
  if (filters.length === 0 || events.length === 0) return;
  const base = { ...scope, eventId: events[0]!.eventId, bus: group.logGroupName };
  emulator.trace.record({ ...base, kind: 'event-received', detail: `PutLogEvents to log group ${group.logGroupName}, stream ${stream.logStreamName}: ${events.length} event(s), ${filters.length} subscription filter(s)` });
  const chain = chainOf(emulator, events);
  for (const filter of filters) {
    const step = { ...base, rule: filter.filterName, target: filter.destinationArn };
    const matcher = matcherOf(filter.filterPattern);
    const matched = events.filter((event) => matcher(event.message));
    const shown = filter.filterPattern === '' ? 'the empty filter pattern (every event)' : `the filter pattern ${JSON.stringify(filter.filterPattern)}`;
    if (matched.length === 0) {
      emulator.trace.record({ ...step, kind: 'rule-not-matched', field: 'filterPattern', reason: `no event of this PutLogEvents call matched ${shown}` });
      continue;
    }
    emulator.trace.record({ ...step, kind: 'rule-matched', detail: `${matched.length} of ${events.length} event(s) matched ${shown}` });
    const message: SubscriptionMessage = {
      messageType: 'DATA_MESSAGE',
      owner: scope.account,
      logGroup: group.logGroupName,
      logStream: stream.logStreamName,
      subscriptionFilters: [filter.filterName],
      logEvents: matched.map((event) => ({ id: event.eventId, timestamp: event.timestamp, message: event.message })),
      policyLevel: 'LOG_GROUP_LEVEL_POLICY',
    };
    const fn = functionOf(filter.destinationArn);
    if (chain.has(fn)) {
      emulator.trace.record({
        ...step,
        kind: 'delivery',
        outcome: 'dropped',
        detail:
          `recursive loop stopped: these events were written by an invocation of ${fn} that this subscription's own delivery started, ` +
          `so delivering them would invoke it again, forever. AWS would not stop this loop (its Lambda recursive loop detection does not cover CloudWatch Logs). ` +
          `Subscribe the function to another log group, or give the filter a pattern that leaves out the function's own lines.`,
      });
      continue;
    }
    // Asynchronous, as on AWS: PutLogEvents answers before the function is invoked.
    setImmediate(() => void invoke(emulator, { ...step, kind: 'delivery' }, filter, message, new Set([...chain, fn])));
  }
}

async function invoke(emulator: Emulator, step: Omit<TraceEntry, 'seq' | 'time'>, filter: SubscriptionFilter, message: SubscriptionMessage, chain: ReadonlySet<string>): Promise<void> {
  const [, , , region, account] = filter.destinationArn.split(':');
  const source = `arn:aws:logs:${step.region}:${step.account}:log-group:${filter.logGroupName}`;
  try {
    // The permission may have been removed since the filter was put: AWS then refuses to deliver.
    if (!(await logsMayInvoke(emulator, filter.destinationArn, `${source}:*`, { account: account!, region: region! }))) {
      emulator.trace.record({ ...step, outcome: 'refused', detail: `${CANNOT_EXECUTE_LAMBDA} The function is gone, or its resource policy no longer lets logs.amazonaws.com invoke it for ${source}:*, so the events were skipped: aws lambda add-permission --function-name ${filter.destinationArn} --statement-id allow-logs --action lambda:InvokeFunction --principal logs.amazonaws.com --source-arn ${source}:*` });
      return;
    }
    const answer = (await emulator.call('lambda', 'Invoke', {
      FunctionName: filter.destinationArn,
      InvocationType: 'Event',
      Payload: Buffer.from(subscriptionPayload(message)),
      InvocationSource: source,
    }, { account: account!, region: region! })) as { headers?: Record<string, string> };
    const requestId = answer?.headers?.['x-amzn-requestid'];
    if (requestId) {
      const lineage = lineageOf(emulator);
      lineage.set(requestId, chain);
      if (lineage.size > LINEAGE_LIMIT) lineage.delete(lineage.keys().next().value!);
    }
    emulator.trace.record({ ...step, outcome: 'delivered', ...(requestId ? { requestId } : {}), detail: `${message.logEvents.length} event(s) from ${message.logGroup} sent to ${filter.destinationArn} as an asynchronous invocation` });
  } catch (error) {
    // AWS disables a filter whose destination is gone or refuses it, and skips the events meanwhile.
    const reason = (error as { code?: string }).code ? `${(error as { code: string }).code}: ${(error as Error).message}` : String((error as Error)?.message ?? error);
    emulator.trace.record({ ...step, outcome: 'dropped', detail: `the events could not be delivered to ${filter.destinationArn} (${reason}). Check that the function still exists and that CloudWatch Logs may invoke it.` });
  }
}
