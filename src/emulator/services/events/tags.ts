/**
 * TagResource, UntagResource and ListTagsForResource: EventBridge tags rules and event buses,
 * which are named by ARN. A resource that is not there is ResourceNotFoundException in the words
 * DescribeRule and DescribeEventBus use.
 */
import { dict } from '../../dict.ts';
import { EventsValidationException } from './errors.ts';
import { findBus, findRule, type Bus, type EventsState, type Rule, type Tag } from './model.ts';

type Scope = { account: string; region: string };

const EVENTS_ARN = /^arn:aws[\w-]*:events:([\w-]*):(\d*):(.+)$/;

function notNull(member: string): EventsValidationException {
  return new EventsValidationException(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

/** The rule or bus an ARN names in this account and region, or the error AWS gives for it. */
function resourceOf(state: EventsState, scope: Scope, arn: unknown): Bus | Rule {
  if (arn === undefined || arn === null) throw notNull('resourceARN');
  const text = String(arn);
  const parsed = EVENTS_ARN.exec(text);
  const resource = parsed?.[3] ?? '';
  const [kind, ...path] = resource.split('/');
  if (!parsed || path.length === 0 || path.some((part) => part === '') || (kind !== 'event-bus' && kind !== 'rule')) {
    throw new EventsValidationException(`Parameter ${text} is not valid. Reason: Provided Arn is not in correct format.`);
  }
  // Another account's or region's resource is not in this state: it is as absent as a missing one.
  const seen = parsed[1] === scope.region && parsed[2] === scope.account ? state : { buses: dict<Bus>(), rules: dict<Rule>() };
  if (kind === 'event-bus') return findBus(seen, path.join('/'));
  const name = path.pop()!;
  return findRule(seen, path.length > 0 ? path.join('/') : 'default', name);
}

/** Checks a Tags list as AWS's model bounds it and returns it with later keys replacing earlier ones. */
export function tagsOf(value: unknown): Tag[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw notNull('tags');
  const tags: Tag[] = [];
  value.forEach((tag: Record<string, unknown> | null, index) => {
    const key = tag?.Key;
    const text = tag?.Value;
    if (typeof key !== 'string') throw notNull(`tags.${index + 1}.member.key`);
    if (typeof text !== 'string') throw notNull(`tags.${index + 1}.member.value`);
    if (key.length < 1 || key.length > 128) {
      throw new EventsValidationException(`1 validation error detected: Value '${key}' at 'tags.${index + 1}.member.key' failed to satisfy constraint: Member must have length between 1 and 128`);
    }
    if (text.length > 256) {
      throw new EventsValidationException(`1 validation error detected: Value '${text}' at 'tags.${index + 1}.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`);
    }
    mergeTags(tags, [{ Key: key, Value: text }]);
  });
  return tags;
}

/** Adds tags in place: a key already there keeps its place and takes the new value. */
function mergeTags(into: Tag[], tags: Tag[]): void {
  for (const tag of tags) {
    const existing = into.find((candidate) => candidate.Key === tag.Key);
    if (existing) existing.Value = tag.Value;
    else into.push({ ...tag });
  }
}

/** TagResource: adds tags to a rule or bus, replacing the values of keys it has. */
export function tagResource(state: EventsState, scope: Scope, input: Record<string, any>): void {
  const resource = resourceOf(state, scope, input.ResourceARN);
  if (input.Tags === undefined || input.Tags === null) throw notNull('tags');
  const tags = tagsOf(input.Tags);
  resource.Tags = resource.Tags ?? [];
  mergeTags(resource.Tags, tags);
}

/** UntagResource: removes tags by key; a key the resource lacks is no error. */
export function untagResource(state: EventsState, scope: Scope, input: Record<string, any>): void {
  const resource = resourceOf(state, scope, input.ResourceARN);
  if (!Array.isArray(input.TagKeys)) throw notNull('tagKeys');
  const keys = new Set(input.TagKeys.map(String));
  const kept = (resource.Tags ?? []).filter((tag) => !keys.has(tag.Key));
  if (kept.length > 0) resource.Tags = kept;
  else delete resource.Tags;
}

/** ListTagsForResource: the tags of a rule or bus, in the order they were first given. */
export function listTags(state: EventsState, scope: Scope, input: Record<string, any>): Tag[] {
  return (resourceOf(state, scope, input.ResourceARN).Tags ?? []).map((tag) => ({ ...tag }));
}
