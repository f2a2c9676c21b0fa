/**
 * Topics: create (idempotent for the same attributes and tags), delete, list, attributes and
 * tags. FIFO topics are named `.fifo` and carry FifoTopic=true; ContentBasedDeduplication applies
 * to them only.
 */
import { dict } from '../../dict.ts';
import type { OperationContext } from '../../types.ts';
import { InvalidParameter, ResourceNotFound, TagLimitExceeded } from './errors.ts';
import { findTopic, isFifo, listOutput, listParameter, mapOutput, mapParameter, paginate, parseTopicArn, topicArn, type SnsState, type Topic } from './state.ts';

type Context = OperationContext<SnsState>;

const NAME = /^[\w-]{1,256}$/;
const FIFO_NAME = /^[\w-]{1,251}\.fifo$/;
const SETTABLE = new Set(['DeliveryPolicy', 'DisplayName', 'Policy', 'KmsMasterKeyId', 'SignatureVersion', 'TracingConfig', 'ContentBasedDeduplication', 'FifoThroughputScope', 'ArchivePolicy', 'DataProtectionPolicy',
  'HTTPSuccessFeedbackRoleArn', 'HTTPFailureFeedbackRoleArn', 'HTTPSuccessFeedbackSampleRate', 'LambdaSuccessFeedbackRoleArn', 'LambdaFailureFeedbackRoleArn', 'LambdaSuccessFeedbackSampleRate',
  'SQSSuccessFeedbackRoleArn', 'SQSFailureFeedbackRoleArn', 'SQSSuccessFeedbackSampleRate']);
const BOOLEAN = new Set(['FifoTopic', 'ContentBasedDeduplication']);

/** The policy AWS gives a new topic: the owner's account may do everything. */
export function defaultTopicPolicy(arn: string, account: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [{
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
      Resource: arn,
      Condition: { StringEquals: { 'AWS:SourceOwner': account } },
    }],
  });
}

const EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
});

function checkAttribute(name: string, value: unknown, fifo: boolean): string {
  if (!SETTABLE.has(name) && name !== 'FifoTopic') throw new InvalidParameter(`Invalid parameter: AttributeName`);
  const text = value === undefined || value === null ? '' : String(value);
  if (BOOLEAN.has(name) && !/^(true|false)$/i.test(text)) throw new InvalidParameter(`Invalid parameter: ${name} Reason: ${name} must be true or false`);
  if (name === 'ContentBasedDeduplication' && !fifo) throw new InvalidParameter('Invalid parameter: ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics');
  if ((name === 'Policy' || name === 'DeliveryPolicy') && text !== '') {
    try {
      JSON.parse(text);
    } catch {
      throw new InvalidParameter(`Invalid parameter: ${name} Reason: failed to parse JSON. ${name} must be a JSON document.`);
    }
  }
  return BOOLEAN.has(name) ? text.toLowerCase() : text;
}

function tagsOf(value: unknown): Record<string, string> {
  const tags = dict<string>();
  for (const tag of listParameter(value) as Array<Record<string, unknown>>) {
    if (typeof tag?.Key !== 'string' || tag.Key === '' || tag.Key.length > 128) throw new InvalidParameter('Invalid parameter: Tags Reason: Tag keys must be between 1 and 128 characters long.');
    if (typeof tag.Value !== 'string' || tag.Value.length > 256) throw new InvalidParameter('Invalid parameter: Tags Reason: Tag values must be between 0 and 256 characters long.');
    tags[tag.Key] = tag.Value;
  }
  return tags;
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.entries(b).every(([key, value]) => a[key] === value);
}

/** CreateTopic: a new topic, or the existing one when nothing asked for differs. */
export function createTopic(input: Record<string, unknown>, { state, account, region }: Context): { TopicArn: string } {
  const name = typeof input.Name === 'string' ? input.Name : '';
  const requested = mapParameter(input.Attributes);
  const fifo = String(requested.FifoTopic ?? '').toLowerCase() === 'true';
  if (fifo && !FIFO_NAME.test(name)) {
    throw new InvalidParameter('Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.');
  }
  if (!fifo && !NAME.test(name)) throw new InvalidParameter('Invalid parameter: Topic Name');
  const attributes = dict<string>();
  for (const [key, value] of Object.entries(requested)) attributes[key] = checkAttribute(key, value, fifo);
  if (attributes.FifoTopic === 'false') delete attributes.FifoTopic;
  if (input.DataProtectionPolicy !== undefined) attributes.DataProtectionPolicy = String(input.DataProtectionPolicy);
  const tags = tagsOf(input.Tags);
  const existing = state.topics[name];
  if (existing) {
    if (!sameRecord(existing.Attributes, attributes)) throw new InvalidParameter('Invalid parameter: Attributes Reason: Topic already exists with different attributes');
    if (!sameRecord(existing.Tags, tags)) throw new InvalidParameter('Invalid parameter: Tags Reason: Topic already exists with different tags');
    return { TopicArn: existing.Arn };
  }
  if (Object.keys(tags).length > 50) throw new TagLimitExceeded();
  const arn = topicArn(region, account, name);
  if (fifo && attributes.ContentBasedDeduplication === undefined) attributes.ContentBasedDeduplication = 'false';
  state.topics[name] = { Arn: arn, Name: name, Attributes: { Policy: defaultTopicPolicy(arn, account), ...attributes }, Tags: tags, deleted: 0, sequence: 0, dedup: dict() };
  return { TopicArn: arn };
}

/** DeleteTopic: the topic and its subscriptions; deleting a missing topic succeeds, as on AWS. */
export function deleteTopic(input: Record<string, unknown>, { state }: Context): null {
  const parts = parseTopicArn(input.TopicArn);
  if (!parts) throw new InvalidParameter('Invalid parameter: TopicArn');
  const topic = state.topics[parts.name];
  if (!topic || topic.Arn !== input.TopicArn) return null;
  for (const [arn, subscription] of Object.entries(state.subscriptions)) if (subscription.TopicArn === topic.Arn) delete state.subscriptions[arn];
  delete state.topics[parts.name];
  return null;
}

/** ListTopics: 100 a page, ordered by ARN. */
export function listTopics(input: Record<string, unknown>, { state }: Context): unknown {
  const arns = Object.values(state.topics).map((topic) => topic.Arn).sort();
  const { items, NextToken } = paginate(arns, input.NextToken);
  return { Topics: listOutput(items.map((TopicArn) => ({ TopicArn }))), ...(NextToken ? { NextToken } : {}) };
}

/** The attributes GetTopicAttributes answers: the stored ones and those SNS computes. */
export function topicAttributes(state: SnsState, topic: Topic, account: string): Record<string, string> {
  const subscriptions = Object.values(state.subscriptions).filter((subscription) => subscription.TopicArn === topic.Arn);
  return {
    ...topic.Attributes,
    TopicArn: topic.Arn,
    Owner: account,
    SubscriptionsConfirmed: String(subscriptions.filter((subscription) => !subscription.pending).length),
    SubscriptionsPending: String(subscriptions.filter((subscription) => subscription.pending).length),
    SubscriptionsDeleted: String(topic.deleted),
    EffectiveDeliveryPolicy: topic.Attributes.DeliveryPolicy ?? EFFECTIVE_DELIVERY_POLICY,
    DisplayName: topic.Attributes.DisplayName ?? '',
  };
}

/** GetTopicAttributes. */
export function getTopicAttributes(input: Record<string, unknown>, { state, account }: Context): unknown {
  return { Attributes: mapOutput(topicAttributes(state, findTopic(state, input.TopicArn), account)) };
}

/** SetTopicAttributes: one attribute; FifoTopic cannot change. */
export function setTopicAttributes(input: Record<string, unknown>, { state }: Context): null {
  const topic = findTopic(state, input.TopicArn);
  const name = typeof input.AttributeName === 'string' ? input.AttributeName : '';
  if (name === 'FifoTopic') throw new InvalidParameter('Invalid parameter: AttributeName Reason: FifoTopic cannot be changed after the topic is created');
  const value = checkAttribute(name, input.AttributeValue, isFifo(topic));
  if (value === '' && name !== 'DisplayName') delete topic.Attributes[name];
  else topic.Attributes[name] = value;
  return null;
}

function taggedTopic(state: SnsState, arn: unknown): Topic {
  const parts = parseTopicArn(arn);
  const topic = parts ? state.topics[parts.name] : undefined;
  if (!topic || topic.Arn !== arn) throw new ResourceNotFound('Resource does not exist');
  return topic;
}

/** TagResource: at most 50 tags on a topic. */
export function tagResource(input: Record<string, unknown>, { state }: Context): unknown {
  const topic = taggedTopic(state, input.ResourceArn);
  const tags = { ...topic.Tags, ...tagsOf(input.Tags) };
  if (Object.keys(tags).length > 50) throw new TagLimitExceeded();
  topic.Tags = Object.assign(dict<string>(), tags);
  return {};
}

/** UntagResource. */
export function untagResource(input: Record<string, unknown>, { state }: Context): unknown {
  const topic = taggedTopic(state, input.ResourceArn);
  for (const key of listParameter(input.TagKeys)) delete topic.Tags[String(key)];
  return {};
}

/** ListTagsForResource. */
export function listTagsForResource(input: Record<string, unknown>, { state }: Context): unknown {
  const topic = taggedTopic(state, input.ResourceArn);
  return { Tags: listOutput(Object.entries(topic.Tags).map(([Key, Value]) => ({ Key, Value }))) };
}
