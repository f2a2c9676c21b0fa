/**
 * Subscription filters: PutSubscriptionFilter, DescribeSubscriptionFilters and
 * DeleteSubscriptionFilter, with AWS's checks of the destination. A Lambda destination must allow
 * CloudWatch Logs in its resource policy, read through Lambda's own GetPolicy as any client would;
 * Kinesis and Firehose destinations are refused because the emulator has neither service.
 */
import { isAwsError } from '../../errors.ts';
import type { Emulator } from '../../emulator.ts';
import { policyAllows } from '../../policy/resource-policy.ts';
import type { OperationContext } from '../../types.ts';
import { AccessDeniedException, InvalidParameterException, LimitExceededException, NO_SUCH_GROUP, ResourceNotFoundException } from './errors.ts';
import { FilterPatternError, MAX_FILTER_PATTERN_LENGTH, compileFilterPattern } from './filter-pattern.ts';
import { checkGroupName, findGroup, optionalInteger, pageOf, validationMessage, type LogGroup, type LogsState, type SubscriptionFilter } from './model.ts';

type Input = Record<string, unknown>;
type Context = OperationContext<LogsState>;

/** A log group has at most this many subscription filters. */
export const MAX_FILTERS_PER_GROUP = 2;

/** AWS's answer when the function's resource policy does not let CloudWatch Logs invoke it. */
export const CANNOT_EXECUTE_LAMBDA = 'Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.';

/** AWS's answer for a Lambda destination in another account. */
export const CROSS_ACCOUNT_LAMBDA = 'Cross-account lambda invocation passing is not allowed. You must use DestinationPolicies to create cross account lambda triggers.';

/** The filters of a group, created on first use for groups loaded from older state. */
export function filtersOf(group: LogGroup): Map<string, SubscriptionFilter> {
  group.subscriptionFilters ??= new Map();
  return group.subscriptionFilters;
}

function requiredString(value: unknown, member: string): string {
  if (value === undefined || value === null) throw new InvalidParameterException(validationMessage(value, member, 'Member must not be null'));
  if (typeof value !== 'string') throw new InvalidParameterException(validationMessage(value, member, 'Member must be a string'));
  return value;
}

function checkFilterName(value: unknown): string {
  const name = requiredString(value, 'filterName');
  if (name.length < 1) throw new InvalidParameterException(validationMessage(name, 'filterName', 'Member must have length greater than or equal to 1'));
  if (name.length > 512) throw new InvalidParameterException(validationMessage(name, 'filterName', 'Member must have length less than or equal to 512'));
  if (/[:*]/.test(name)) throw new InvalidParameterException(validationMessage(name, 'filterName', 'Member must satisfy regular expression pattern: [^:*]*'));
  return name;
}

function checkPattern(value: unknown): string {
  const pattern = requiredString(value, 'filterPattern');
  if (pattern.length > MAX_FILTER_PATTERN_LENGTH) throw new InvalidParameterException(validationMessage(pattern, 'filterPattern', `Member must have length less than or equal to ${MAX_FILTER_PATTERN_LENGTH}`));
  try {
    compileFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) throw new InvalidParameterException(error.message);
    throw error;
  }
  return pattern;
}

function notEmulated(what: string, service: string, arn: string): InvalidParameterException {
  return new InvalidParameterException(
    `Could not deliver test message to specified ${what} ${arn}: the emulator does not emulate ${service}, so its subscription filters deliver only to Lambda functions. ` +
      'Use a Lambda function of this account as the destination, or run against LocalStack or AWS to deliver there.',
  );
}

/** Checks the destination as AWS does before it looks at the log group: only Lambda functions of the caller's account pass. */
function checkDestination(arn: string, roleArn: string | undefined, context: Context): void {
  const parts = /^arn:aws[\w-]*:([\w-]+):([\w-]*):(\d{12}|):(.+)$/.exec(arn);
  const vendor = parts?.[1];
  if (vendor === 'lambda' && parts![4]!.startsWith('function:')) {
    if (parts![3] !== context.account) throw new AccessDeniedException(CROSS_ACCOUNT_LAMBDA);
    return;
  }
  if (vendor === 'kinesis' || vendor === 'firehose') {
    if (roleArn === undefined) throw new InvalidParameterException(`destinationArn for vendor ${vendor} cannot be used without roleArn`);
    if (vendor === 'kinesis') throw notEmulated('Kinesis stream', 'Amazon Kinesis Data Streams', arn);
    throw notEmulated('Firehose stream', 'Amazon Data Firehose', arn);
  }
  if (vendor === 'logs' && parts![4]!.startsWith('destination:')) throw notEmulated('destination', 'CloudWatch Logs destinations (cross-account delivery)', arn);
  throw new InvalidParameterException(`Invalid destinationArn ${arn}: a subscription filter delivers to a Lambda function, a Kinesis data stream, a Firehose stream or a CloudWatch Logs destination.`);
}

/** True when the function exists and its resource policy lets CloudWatch Logs invoke it for the group (`groupArn` ends with `:*`). */
export async function logsMayInvoke(emulator: Emulator, functionArn: string, groupArn: string, scope: { account: string; region: string }): Promise<boolean> {
  if (emulator.settings.skipLambdaPermissionCheck) return true;
  let policy: string | undefined;
  try {
    policy = ((await emulator.call('lambda', 'GetPolicy', { FunctionName: functionArn }, scope)) as { Policy?: string }).Policy;
  } catch (error) {
    // A missing function and a function without a policy both answer ResourceNotFoundException.
    if (isAwsError(error) && error.code === 'ResourceNotFoundException') return false;
    throw error;
  }
  // Lambda's own examples grant the regional principal; older ones the global one. Both work on AWS.
  return [`logs.${scope.region}.amazonaws.com`, 'logs.amazonaws.com'].some((principal) =>
    policyAllows(policy, { principal, sourceArn: groupArn, sourceAccount: scope.account }));
}

/** PutSubscriptionFilter: creates or replaces a filter once its destination is known to accept deliveries. */
export async function putSubscriptionFilter(input: Input, context: Context): Promise<Record<string, never>> {
  const groupName = checkGroupName(input.logGroupName);
  const filterName = checkFilterName(input.filterName);
  const filterPattern = checkPattern(input.filterPattern);
  const destinationArn = requiredString(input.destinationArn, 'destinationArn');
  if (destinationArn.length < 1) throw new InvalidParameterException(validationMessage(destinationArn, 'destinationArn', 'Member must have length greater than or equal to 1'));
  const roleArn = input.roleArn === undefined ? undefined : requiredString(input.roleArn, 'roleArn');
  const distribution = input.distribution ?? 'ByLogStream';
  if (distribution !== 'ByLogStream' && distribution !== 'Random') {
    throw new InvalidParameterException(validationMessage(distribution, 'distribution', 'Member must satisfy enum value set: [Random, ByLogStream]'));
  }
  checkDestination(destinationArn, roleArn, context);
  const group = findGroup(context.state, groupName);
  const checkLimit = (filters: Map<string, SubscriptionFilter>) => {
    if (!filters.has(filterName) && filters.size >= MAX_FILTERS_PER_GROUP) throw new LimitExceededException();
  };
  checkLimit(filtersOf(group));
  if (!(await logsMayInvoke(context.emulator, destinationArn, group.arn, { account: context.account, region: context.region }))) throw new InvalidParameterException(CANNOT_EXECUTE_LAMBDA);
  // The group may have gone, or a filter arrived, while Lambda was asked.
  const current = context.state.groups.get(groupName);
  if (!current) throw new ResourceNotFoundException(NO_SUCH_GROUP);
  const filters = filtersOf(current);
  checkLimit(filters);
  filters.set(filterName, {
    filterName,
    logGroupName: groupName,
    filterPattern,
    destinationArn,
    ...(roleArn !== undefined ? { roleArn } : {}),
    distribution,
    creationTime: Date.now(),
  });
  return {};
}

function filterView(filter: SubscriptionFilter): Record<string, unknown> {
  return { ...filter, applyOnTransformedLogs: false };
}

/** DescribeSubscriptionFilters: a group's filters by name, with an optional prefix and pages. */
export function describeSubscriptionFilters(input: Input, { state }: Context) {
  const group = findGroup(state, checkGroupName(input.logGroupName));
  const prefix = input.filterNamePrefix === undefined ? undefined : checkFilterName(input.filterNamePrefix);
  const limit = optionalInteger(input.limit, 'limit', 1, 50) ?? 50;
  const names = [...filtersOf(group).keys()].filter((name) => prefix === undefined || name.startsWith(prefix)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const { items, nextToken } = pageOf(names, input.nextToken, limit);
  return { subscriptionFilters: items.map((name) => filterView(filtersOf(group).get(name)!)), ...(nextToken ? { nextToken } : {}) };
}

/** DeleteSubscriptionFilter. */
export function deleteSubscriptionFilter(input: Input, { state }: Context): Record<string, never> {
  const group = findGroup(state, checkGroupName(input.logGroupName));
  const name = checkFilterName(input.filterName);
  if (!filtersOf(group).delete(name)) throw new ResourceNotFoundException('The specified subscription filter does not exist.');
  return {};
}
