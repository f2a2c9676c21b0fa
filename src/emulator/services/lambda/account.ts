/** Reserved concurrency, account settings and tags: what Lambda keeps about a function beyond its versions. */
import { parseFunctionName } from './arns.ts';
import { CODE_SIZE_UNZIPPED, CODE_SIZE_ZIPPED } from './code.ts';
import { InvalidParameterValueException } from './errors.ts';
import { checkTags } from './functions.ts';
import { ACCOUNT_CONCURRENCY_LIMIT } from './execution/pool.ts';
import { getFunction, type LambdaContext } from './model.ts';
import { invalid, optionalInteger } from './validation.ts';

/** Reservations may not take the unreserved pool below this. */
const MINIMUM_UNRESERVED = 100;
const TOTAL_CODE_SIZE = 80_530_636_800;

function reservedTotal(context: LambdaContext, except?: string): number {
  let total = 0;
  for (const fn of context.state.functions.values()) if (fn.name !== except) total += fn.reservedConcurrency ?? 0;
  return total;
}

/** The account's pool left for functions without a reservation. */
export function unreservedConcurrency(context: LambdaContext): number {
  return ACCOUNT_CONCURRENCY_LIMIT - reservedTotal(context);
}

function unqualifiedFunction(context: LambdaContext, input: Record<string, any>) {
  const ref = parseFunctionName(input.FunctionName, context);
  if (ref.qualifier !== undefined) {
    throw new InvalidParameterValueException(
      'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.',
    );
  }
  return getFunction(context, ref.name);
}

/** PutFunctionConcurrency: reserves part of the account's pool; 0 throttles every invocation. */
export function PutFunctionConcurrency(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const reserved = optionalInteger(input.ReservedConcurrentExecutions, 'reservedConcurrentExecutions', 0);
  if (reserved === undefined) throw invalid(undefined, 'reservedConcurrentExecutions', 'Member must not be null');
  const fn = unqualifiedFunction(context, input);
  if (ACCOUNT_CONCURRENCY_LIMIT - reservedTotal(context, fn.name) - reserved < MINIMUM_UNRESERVED) {
    throw new InvalidParameterValueException(
      `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MINIMUM_UNRESERVED}].`,
    );
  }
  fn.reservedConcurrency = reserved;
  return { ReservedConcurrentExecutions: reserved };
}

/** GetFunctionConcurrency: empty when nothing is reserved. */
export function GetFunctionConcurrency(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const fn = unqualifiedFunction(context, input);
  return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

/** DeleteFunctionConcurrency. */
export function DeleteFunctionConcurrency(context: LambdaContext, input: Record<string, any>): null {
  unqualifiedFunction(context, input).reservedConcurrency = undefined;
  return null;
}

/** GetAccountSettings: limits of a standard account and this region's usage. */
export function GetAccountSettings(context: LambdaContext): Record<string, unknown> {
  let totalCodeSize = 0;
  for (const fn of context.state.functions.values()) {
    totalCodeSize += fn.latest.codeSize;
    for (const version of fn.versions.values()) totalCodeSize += version.codeSize;
  }
  return {
    AccountLimit: {
      TotalCodeSize: TOTAL_CODE_SIZE,
      CodeSizeUnzipped: CODE_SIZE_UNZIPPED,
      CodeSizeZipped: CODE_SIZE_ZIPPED,
      ConcurrentExecutions: ACCOUNT_CONCURRENCY_LIMIT,
      UnreservedConcurrentExecutions: unreservedConcurrency(context),
    },
    AccountUsage: { TotalCodeSize: totalCodeSize, FunctionCount: context.state.functions.size },
  };
}

/** The function a tagging ARN names; tags belong to functions, not to versions or aliases. */
function taggedFunction(context: LambdaContext, resource: unknown) {
  const arn = typeof resource === 'string' ? resource : '';
  if (!/^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]+(:(\$LATEST|[a-zA-Z0-9_-]+))?$/.test(arn)) {
    throw invalid(
      resource,
      'resource',
      'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)',
    );
  }
  const ref = parseFunctionName(arn, context);
  if (ref.qualifier !== undefined) {
    throw new InvalidParameterValueException('Tags on function aliases and versions are not supported. Please specify a function ARN.');
  }
  return getFunction(context, ref.name);
}

/** TagResource: adds or replaces tags. */
export function TagResource(context: LambdaContext, input: Record<string, any>): null {
  const fn = taggedFunction(context, input.Resource);
  const tags = checkTags(input.Tags);
  if (tags.size === 0) throw new InvalidParameterValueException('An error occurred and the request cannot be processed.');
  const merged = new Map([...fn.tags, ...tags]);
  if (merged.size > 50) throw new InvalidParameterValueException('Number of tags exceeds resource tag limit.');
  fn.tags = merged;
  return null;
}

/** UntagResource: removes the named keys (`tagKeys` may repeat in the query string). */
export function UntagResource(context: LambdaContext, input: Record<string, any>): null {
  const fn = taggedFunction(context, input.Resource);
  const keys = input.TagKeys === undefined ? [] : Array.isArray(input.TagKeys) ? input.TagKeys : [input.TagKeys];
  if (keys.length === 0) throw invalid(undefined, 'tagKeys', 'Member must not be null');
  for (const key of keys) fn.tags.delete(String(key));
  return null;
}

/** ListTags. */
export function ListTags(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  return { Tags: Object.fromEntries(taggedFunction(context, input.Resource).tags) };
}
