/**
 * A read-only snapshot of one account's resources for the lesson site's resource explorer:
 * functions, buses with their rules, tables (with their streams), queues, buckets, log groups, APIs, topics, state
 * machines with their executions, parameters and secrets (never their values), and the latest
 * invocations with their log lines. It reads each service's state shape and changes nothing; a
 * service that is not running (or whose state looks different) just contributes nothing.
 */
import type { Emulator } from './emulator.ts';
import type { TraceEntry } from './trace.ts';
import type { LambdaState } from './services/lambda/model.ts';
import type { EventsState } from './services/events/model.ts';
import type { SqsState } from './services/sqs/state.ts';
import type { DynamodbState } from './services/dynamodb/state.ts';
import type { S3State } from './services/s3/model.ts';
import type { LogsState, LogGroup } from './services/logs/model.ts';
import { byName, scopesOf, sizeOf, valuesOf } from './workshop-resources-scopes.ts';
import { configResources, type ConfigResources } from './workshop-resources-config.ts';
import { pipelineResources, type PipelineResources } from './workshop-resources-pipeline.ts';

/** How many invocations (newest first) the snapshot lists, and log lines per invocation. */
export const RECENT_INVOCATIONS = 20;
const LOG_LINES_PER_INVOCATION = 50;

/** An invocation with what the function printed while it ran. */
export interface InvocationView {
  requestId: string;
  function: string;
  region: string;
  time: string;
  outcome?: string;
  detail?: string;
  eventId?: string;
  logs: string[];
}

/** Everything the resource explorer shows for one account. */
export interface ResourceSnapshot extends PipelineResources, ConfigResources {
  account: string;
  functions: Array<{ name: string; region: string; arn: string; runtime: string; handler: string; memorySize: number; timeout: number; lastModified: string; versions: string[]; aliases: string[] }>;
  buses: Array<{ name: string; region: string; rules: Array<{ name: string; state: string; eventPattern?: string; scheduleExpression?: string; targets: Array<{ id: string; arn: string }> }> }>;
  tables: Array<{ name: string; region: string; keySchema: Array<{ AttributeName: string; KeyType: string }>; itemCount: number; stream?: { viewType: string; records: number } }>;
  queues: Array<{ name: string; region: string; arn: string; fifo: boolean; messages: number }>;
  buckets: Array<{ name: string; region: string; objects: number }>;
  logGroups: Array<{ name: string; region: string; streams: number; storedEvents: number }>;
  invocations: InvocationView[];
}

/** The lines between `START RequestId: <id>` and `END RequestId: <id>` (REPORT included) of a function's log group. */
function linesOf(group: LogGroup | undefined, requestId: string): string[] {
  if (!group) return [];
  for (const stream of valuesOf(group.streams)) {
    const events = stream.events ?? [];
    const start = events.findIndex((event) => event.message.startsWith(`START RequestId: ${requestId}`));
    if (start < 0) continue;
    const lines: string[] = [];
    for (let index = start; index < events.length && lines.length < LOG_LINES_PER_INVOCATION; index += 1) {
      const message = events[index]!.message;
      lines.push(message.replace(/\n$/, ''));
      if (message.startsWith(`REPORT RequestId: ${requestId}`)) break;
    }
    return lines;
  }
  return [];
}

function invocationsOf(emulator: Emulator, account: string, logs: Array<[string, LogsState]>): InvocationView[] {
  const entries: TraceEntry[] = emulator.trace.list({ account }).filter((entry) => entry.kind === 'invocation' && entry.requestId);
  return entries.slice(-RECENT_INVOCATIONS).reverse().map((entry) => {
    const name = entry.target?.split(':function:')[1]?.split(':')[0] ?? entry.target ?? '';
    const groups = logs.find(([region]) => region === entry.region)?.[1].groups;
    const group = valuesOf(groups).find((candidate) => candidate.logGroupName === `/aws/lambda/${name}`);
    return {
      requestId: entry.requestId!,
      function: name,
      region: entry.region,
      time: entry.time,
      ...(entry.outcome ? { outcome: entry.outcome } : {}),
      ...(entry.detail ? { detail: entry.detail } : {}),
      ...(entry.eventId ? { eventId: entry.eventId } : {}),
      logs: linesOf(group, entry.requestId!),
    };
  });
}

/** The resources of `account` across all regions, sorted by name. */
export function resourceSnapshot(emulator: Emulator, account: string): ResourceSnapshot {
  const logs = scopesOf<LogsState>(emulator, 'logs', account);
  return {
    account,
    functions: byName(scopesOf<LambdaState>(emulator, 'lambda', account).flatMap(([region, state]) =>
      valuesOf(state.functions).map((fn) => ({
        name: fn.name,
        region,
        arn: `arn:aws:lambda:${region}:${account}:function:${fn.name}`,
        runtime: fn.latest.runtime,
        handler: fn.latest.handler,
        memorySize: fn.latest.memorySize,
        timeout: fn.latest.timeout,
        lastModified: fn.latest.lastModified,
        versions: [...(fn.versions?.keys() ?? [])],
        aliases: [...(fn.aliases?.keys() ?? [])],
      })))),
    buses: byName(scopesOf<EventsState>(emulator, 'events', account).flatMap(([region, state]) =>
      valuesOf(state.buses).map((bus) => ({
        name: bus.Name,
        region,
        rules: valuesOf(state.rules).filter((rule) => rule.EventBusName === bus.Name).map((rule) => ({
          name: rule.Name,
          state: rule.State,
          ...(rule.EventPattern ? { eventPattern: rule.EventPattern } : {}),
          ...(rule.ScheduleExpression ? { scheduleExpression: rule.ScheduleExpression } : {}),
          targets: (rule.targets ?? []).map((target) => ({ id: target.Id, arn: target.Arn })),
        })),
      })))),
    tables: byName(scopesOf<DynamodbState>(emulator, 'dynamodb', account).flatMap(([region, state]) =>
      valuesOf(state.tables).map((table) => ({
        name: table.TableName,
        region,
        keySchema: table.KeySchema,
        itemCount: valuesOf(table.items).reduce((sum, partition) => sum + sizeOf(partition), 0),
        ...(table.stream ? { stream: { viewType: table.stream.viewType, records: sizeOf(table.stream.records) } } : {}),
      })))),
    queues: byName(scopesOf<SqsState>(emulator, 'sqs', account).flatMap(([region, state]) =>
      valuesOf(state.queues).map((queue) => ({ name: queue.name, region, arn: queue.arn, fifo: queue.fifo, messages: sizeOf(queue.messages) })))),
    buckets: byName(scopesOf<S3State>(emulator, 's3', account).flatMap(([, state]) =>
      valuesOf(state.buckets).map((bucket) => ({ name: bucket.name, region: bucket.region, objects: sizeOf(bucket.objects) })))),
    logGroups: byName(logs.flatMap(([region, state]) =>
      valuesOf(state.groups).map((group) => ({
        name: group.logGroupName,
        region,
        streams: sizeOf(group.streams),
        storedEvents: valuesOf(group.streams).reduce((sum, stream) => sum + sizeOf(stream.events), 0),
      })))),
    ...pipelineResources(emulator, account),
    ...configResources(emulator, account),
    invocations: invocationsOf(emulator, account, logs),
  };
}
