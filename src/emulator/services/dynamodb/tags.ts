/** TagResource, UntagResource and ListTagsOfResource on tables, found by ARN. */
import { constraintError, ResourceNotFoundException } from './errors.ts';
import type { Input } from './request.ts';
import type { DynamodbState, Table } from './state.ts';

function tableByArn(state: DynamodbState, arn: unknown): Table {
  if (typeof arn !== 'string' || arn === '') throw constraintError(arn, 'resourceArn', 'Member must not be null');
  const table = [...state.tables.values()].find((candidate) => candidate.TableArn === arn);
  if (!table) throw new ResourceNotFoundException(`Requested resource not found: ResourcArn: ${arn} not found`);
  return table;
}

/** TagResource: adds or replaces tags. */
export function tagResource(state: DynamodbState, input: Input): Record<string, unknown> {
  const table = tableByArn(state, input.ResourceArn);
  if (!Array.isArray(input.Tags)) throw constraintError(input.Tags, 'tags', 'Member must not be null');
  for (const tag of input.Tags) {
    if (typeof tag?.Key !== 'string' || tag.Key === '') throw constraintError(tag?.Key, 'tags.member.key', 'Member must have length greater than or equal to 1');
    table.Tags = table.Tags.filter((existing) => existing.Key !== tag.Key);
    table.Tags.push({ Key: tag.Key, Value: String(tag.Value ?? '') });
  }
  return {};
}

/** UntagResource. */
export function untagResource(state: DynamodbState, input: Input): Record<string, unknown> {
  const table = tableByArn(state, input.ResourceArn);
  if (!Array.isArray(input.TagKeys)) throw constraintError(input.TagKeys, 'tagKeys', 'Member must not be null');
  table.Tags = table.Tags.filter((tag) => !input.TagKeys.includes(tag.Key));
  return {};
}

/** ListTagsOfResource (one page: a table has at most 50 tags). */
export function listTagsOfResource(state: DynamodbState, input: Input): Record<string, unknown> {
  return { Tags: tableByArn(state, input.ResourceArn).Tags };
}
