/** Tags of APIs and stages, by ARN (`arn:aws:apigateway:<region>::/apis/<apiId>[/stages/<name>]`). */
import type { OperationContext } from '../../types.ts';
import { BadRequestException } from './errors.ts';
import { findApi, type ApiGatewayState } from './model.ts';
import { notFound } from './errors.ts';

type Context = OperationContext<ApiGatewayState>;

function tagsOf(arn: unknown, context: Context): Record<string, string> {
  const found = typeof arn === 'string' ? /^arn:aws[\w-]*:apigateway:[a-z0-9-]+::\/apis\/(\w+)(?:\/stages\/([^/]+))?$/.exec(arn) : null;
  if (!found) throw new BadRequestException(`Invalid resource ARN: ${String(arn)}`);
  const api = findApi(context.state, context.account, found[1]);
  if (!found[2]) return api.tags;
  const stage = api.stages[found[2]];
  if (!stage) throw notFound('Stage', context.account, found[2]);
  return stage.tags;
}

/** TagResource. */
export function tagResource(input: { ResourceArn?: string; tags?: Record<string, string> }, context: Context): null {
  const tags = tagsOf(input.ResourceArn, context);
  for (const [key, value] of Object.entries(input.tags ?? {})) tags[key] = String(value);
  return null;
}

/** UntagResource. */
export function untagResource(input: { ResourceArn?: string; tagKeys?: string | string[] }, context: Context): null {
  const tags = tagsOf(input.ResourceArn, context);
  const keys = input.tagKeys === undefined ? [] : Array.isArray(input.tagKeys) ? input.tagKeys : [input.tagKeys];
  for (const key of keys) delete tags[key];
  return null;
}

/** GetTags. */
export function getTags(input: { ResourceArn?: string }, context: Context): Record<string, unknown> {
  return { tags: { ...tagsOf(input.ResourceArn, context) } };
}
