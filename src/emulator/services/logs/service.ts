/**
 * CloudWatch Logs: log groups, log streams, PutLogEvents, GetLogEvents and FilterLogEvents with
 * filter patterns, subscription filters that deliver to Lambda functions, and account resource
 * policies. Other services (Lambda) write through `emulator.call('logs', 'PutLogEvents', ...)`.
 * LIMITATIONS: no metric filters, account-level subscription policies, Logs Insights queries, Live
 * Tail, KMS, data protection or cross-account observability; subscription filters deliver only to
 * Lambda functions of the same account (Kinesis, Firehose and cross-account destinations are
 * refused with an InvalidParameterException that says so), each delivery goes once with no retries
 * of its own (Lambda retries the asynchronous invocation), and a delivery that would invoke a
 * function again with logs its own delivery produced is stopped, where AWS would loop; resource
 * policies are account-scoped only and kept, not enforced; retention hides expired events on read
 * rather than deleting them; sequence tokens are returned but never checked (as AWS no longer
 * checks them); regular expressions in `%...%` terms use JavaScript's dialect.
 * Events are held in memory up to 16 MiB per log stream and 64 MiB per account and region (AWS
 * keeps everything retention allows): past that the oldest events are dropped, so a noisy
 * function cannot grow the emulator without end.
 */
import { logsPersistence } from './persistence.ts';
import { noteChange } from '../../persistence/changes.ts';
import type { OperationContext, ServiceDefinition } from '../../types.ts';
import { InvalidParameterException, NO_SUCH_GROUP, ResourceNotFoundException } from './errors.ts';
import { checkBatch, filterEvents, filterOptions, getEvents, putEvents, readOptions, uploadSequenceToken } from './events.ts';
import { deleteResourcePolicy, describeResourcePolicies, putResourcePolicy } from './resource-policies.ts';
import { deliverToSubscriptions } from './subscription-delivery.ts';
import { deleteSubscriptionFilter, describeSubscriptionFilters, putSubscriptionFilter } from './subscriptions.ts';
import {
  addTags, checkGroupName, checkStreamName, checkTags, createGroup, createLogsState, createStream, findGroup, findStream,
  groupFromInput, groupNameFromArn, optionalInteger, pageOf, putRetention, storedBytes, validationMessage,
  type LogGroup, type LogStream, type LogsState,
} from './model.ts';

type Input = Record<string, unknown>;
type Context = OperationContext<LogsState>;

function groupView(group: LogGroup, patternOnly: boolean): Record<string, unknown> {
  const arn = group.arn;
  if (patternOnly) return { logGroupName: group.logGroupName, creationTime: group.creationTime, arn };
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    ...(group.retentionInDays ? { retentionInDays: group.retentionInDays } : {}),
    metricFilterCount: 0,
    arn,
    storedBytes: storedBytes(group),
    ...(group.kmsKeyId ? { kmsKeyId: group.kmsKeyId } : {}),
    logGroupClass: group.logGroupClass,
    logGroupArn: arn.replace(/:\*$/, ''),
  };
}

function streamView(stream: LogStream): Record<string, unknown> {
  const first = stream.events[0];
  const last = stream.events[stream.events.length - 1];
  return {
    logStreamName: stream.logStreamName,
    creationTime: stream.creationTime,
    ...(first && last ? { firstEventTimestamp: first.timestamp, lastEventTimestamp: last.timestamp } : {}),
    ...(stream.lastIngestionTime !== undefined ? { lastIngestionTime: stream.lastIngestionTime } : {}),
    uploadSequenceToken: uploadSequenceToken(stream),
    arn: stream.arn,
    // AWS has reported zero here since 2019.
    storedBytes: 0,
  };
}

function optionalString(value: unknown, member: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InvalidParameterException(validationMessage(value, member, 'Member must be a string'));
  return value;
}

function groupForArn(state: LogsState, arn: unknown, context: Context): LogGroup {
  if (typeof arn !== 'string' || arn === '') throw new InvalidParameterException(validationMessage(arn, 'resourceArn', 'Member must not be null'));
  const name = groupNameFromArn(arn, context);
  if (name === undefined) throw new ResourceNotFoundException(`The specified resource does not exist: ${arn}`);
  return findGroup(state, name);
}

function tagKeys(value: unknown, member: string): string[] {
  if (!Array.isArray(value) || value.some((key) => typeof key !== 'string')) throw new InvalidParameterException(validationMessage(value, member, 'Member must be a list of tag keys'));
  return value as string[];
}

function removeTags(group: LogGroup, keys: string[]): Record<string, never> {
  for (const key of keys) group.tags.delete(key);
  return {};
}

function identifiedNames(value: unknown, context: Context): Set<string> | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length < 1 || value.length > 50) {
    throw new InvalidParameterException(validationMessage(JSON.stringify(value), 'logGroupIdentifiers', 'Member must be a list of 1 to 50 names or ARNs'));
  }
  return new Set(value.map((item) => (typeof item === 'string' && item.startsWith('arn:') ? groupNameFromArn(item, context) : item)).filter((name) => typeof name === 'string'));
}

function describeLogGroups(input: Input, context: Context) {
  const { state } = context;
  const identified = identifiedNames(input.logGroupIdentifiers, context);
  const prefix = optionalString(input.logGroupNamePrefix, 'logGroupNamePrefix');
  const pattern = optionalString(input.logGroupNamePattern, 'logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined) {
    throw new InvalidParameterException('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const limit = optionalInteger(input.limit, 'limit', 1, 50) ?? 50;
  // ASCII order, as AWS sorts: compare code units, not locale.
  const names = [...state.groups.keys()]
    .filter((name) => (prefix === undefined || name.startsWith(prefix)) && (pattern === undefined || name.includes(pattern)))
    .filter((name) => identified === undefined || identified.has(name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const { items, nextToken } = pageOf(names, input.nextToken, limit);
  return { logGroups: items.map((name) => groupView(state.groups.get(name)!, pattern !== undefined)), ...(nextToken ? { nextToken } : {}) };
}

function describeLogStreams(input: Input, context: Context) {
  const group = groupFromInput(context.state, input, context);
  const prefix = optionalString(input.logStreamNamePrefix, 'logStreamNamePrefix');
  const orderBy = input.orderBy ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
    throw new InvalidParameterException(validationMessage(orderBy, 'orderBy', 'Member must satisfy enum value set: [LogStreamName, LastEventTime]'));
  }
  if (orderBy === 'LastEventTime' && prefix !== undefined) throw new InvalidParameterException('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const limit = optionalInteger(input.limit, 'limit', 1, 50) ?? 50;
  const streams = [...group.streams.values()].filter((stream) => prefix === undefined || stream.logStreamName.startsWith(prefix));
  const byName = (a: LogStream, b: LogStream) => (a.logStreamName < b.logStreamName ? -1 : a.logStreamName > b.logStreamName ? 1 : 0);
  const lastEvent = (stream: LogStream) => stream.events[stream.events.length - 1]?.timestamp ?? 0;
  streams.sort(orderBy === 'LogStreamName' ? byName : (a, b) => lastEvent(a) - lastEvent(b) || byName(a, b));
  if (input.descending === true) streams.reverse();
  const { items, nextToken } = pageOf(streams, input.nextToken, limit);
  return { logStreams: items.map(streamView), ...(nextToken ? { nextToken } : {}) };
}

/** The CloudWatch Logs service definition. */
export const logsService: ServiceDefinition<LogsState> = {
  name: 'logs',
  signingNames: ['logs'],
  protocol: 'json',
  targetPrefix: 'Logs_20140328',
  jsonVersion: '1.1',
  createState: createLogsState,
  persistence: logsPersistence,
  operations: {
    CreateLogGroup(input: Input, context: Context) {
      createGroup(context.state, input, context);
      return {};
    },
    DeleteLogGroup(input: Input, { state }: Context) {
      const name = checkGroupName(input.logGroupName);
      if (!state.groups.delete(name)) throw new ResourceNotFoundException(NO_SUCH_GROUP);
      return {};
    },
    DescribeLogGroups: describeLogGroups,
    PutRetentionPolicy(input: Input, { state }: Context) {
      putRetention(findGroup(state, checkGroupName(input.logGroupName)), input.retentionInDays);
      return {};
    },
    DeleteRetentionPolicy(input: Input, { state }: Context) {
      delete findGroup(state, checkGroupName(input.logGroupName)).retentionInDays;
      return {};
    },
    CreateLogStream(input: Input, { state }: Context) {
      const streamName = checkStreamName(input.logStreamName);
      createStream(findGroup(state, checkGroupName(input.logGroupName)), streamName);
      return {};
    },
    DeleteLogStream(input: Input, { state }: Context) {
      const streamName = checkStreamName(input.logStreamName);
      const group = findGroup(state, checkGroupName(input.logGroupName));
      findStream(group, streamName);
      group.streams.delete(streamName);
      noteChange(group, streamName, undefined);
      return {};
    },
    DescribeLogStreams: describeLogStreams,
    PutLogEvents(input: Input, { state, emulator, account, region }: Context) {
      const groupName = checkGroupName(input.logGroupName);
      const streamName = checkStreamName(input.logStreamName);
      const batch = checkBatch(input.logEvents);
      const group = findGroup(state, groupName);
      const stream = findStream(group, streamName);
      return putEvents(state, group, stream, batch, Date.now(), (stored) => deliverToSubscriptions(emulator, { account, region }, group, stream, stored));
    },
    GetLogEvents(input: Input, context: Context) {
      const streamName = checkStreamName(input.logStreamName);
      const options = readOptions(input);
      const group = groupFromInput(context.state, input, context);
      return getEvents(group, findStream(group, streamName), options);
    },
    FilterLogEvents(input: Input, context: Context) {
      const options = filterOptions(input);
      return filterEvents(groupFromInput(context.state, input, context), options);
    },
    TagResource(input: Input, context: Context) {
      const group = groupForArn(context.state, input.resourceArn, context);
      addTags(group, checkTags(input.tags, 'tags'));
      return {};
    },
    UntagResource: (input: Input, context: Context) => removeTags(groupForArn(context.state, input.resourceArn, context), tagKeys(input.tagKeys, 'tagKeys')),
    ListTagsForResource: (input: Input, context: Context) => ({ tags: Object.fromEntries(groupForArn(context.state, input.resourceArn, context).tags) }),
    TagLogGroup(input: Input, { state }: Context) {
      addTags(findGroup(state, checkGroupName(input.logGroupName)), checkTags(input.tags, 'tags'));
      return {};
    },
    UntagLogGroup: (input: Input, { state }: Context) => removeTags(findGroup(state, checkGroupName(input.logGroupName)), tagKeys(input.tags, 'tags')),
    ListTagsLogGroup: (input: Input, { state }: Context) => ({ tags: Object.fromEntries(findGroup(state, checkGroupName(input.logGroupName)).tags) }),
    PutSubscriptionFilter: putSubscriptionFilter,
    DescribeSubscriptionFilters: describeSubscriptionFilters,
    DeleteSubscriptionFilter: deleteSubscriptionFilter,
    PutResourcePolicy: putResourcePolicy,
    DescribeResourcePolicies: describeResourcePolicies,
    DeleteResourcePolicy: deleteResourcePolicy,
  },
};
