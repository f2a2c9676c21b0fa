/**
 * SNS state of one account and region: topics by name and subscriptions by ARN. Everything is a
 * top-level member, so the state database saves it whole with each change.
 */
import { dict } from '../../dict.ts';
import type { StateScope } from '../../types.ts';
import { InvalidParameter, NotFound } from './errors.ts';

/** A topic: its attributes as GetTopicAttributes returns the settable ones, tags, and FIFO bookkeeping. */
export interface Topic {
  Arn: string;
  Name: string;
  Attributes: Record<string, string>;
  Tags: Record<string, string>;
  /** Subscriptions removed from this topic, for SubscriptionsDeleted. */
  deleted: number;
  /** FIFO topics: the last sequence number handed out. */
  sequence: number;
  /** FIFO topics: deduplication id -> the message id it got and when it may be reused (epoch ms). */
  dedup: Record<string, { messageId: string; sequence: string; until: number }>;
}

/** A subscription of an endpoint to a topic. */
export interface Subscription {
  Arn: string;
  TopicArn: string;
  Protocol: string;
  Endpoint: string;
  Owner: string;
  Attributes: Record<string, string>;
  /** True until the endpoint confirms (http, https, email, email-json). */
  pending: boolean;
  /** The token ConfirmSubscription takes while pending. */
  token?: string;
}

/** The SNS state of one account and region. */
export interface SnsState {
  topics: Record<string, Topic>;
  subscriptions: Record<string, Subscription>;
}

/** A fresh, empty state. */
export function createSnsState(_scope: StateScope): SnsState {
  return { topics: dict(), subscriptions: dict() };
}

const TOPIC_ARN = /^arn:aws[\w-]*:sns:([\w-]+):(\d{12}):([\w-]{1,256}(?:\.fifo)?)$/;

/** Splits a topic ARN, or `undefined` when it is not one. */
export function parseTopicArn(arn: unknown): { region: string; account: string; name: string } | undefined {
  const match = typeof arn === 'string' ? TOPIC_ARN.exec(arn) : null;
  return match ? { region: match[1]!, account: match[2]!, name: match[3]! } : undefined;
}

/** The ARN of a topic. */
export function topicArn(region: string, account: string, name: string): string {
  return `arn:aws:sns:${region}:${account}:${name}`;
}

/** The topic an ARN names in this state; NotFound as AWS answers when it is absent. */
export function findTopic(state: SnsState, arn: unknown, parameter = 'TopicArn'): Topic {
  if (typeof arn !== 'string' || arn === '') throw new InvalidParameter(`Invalid parameter: ${parameter}`);
  const parts = parseTopicArn(arn);
  if (!parts) throw new InvalidParameter(`Invalid parameter: ${parameter}`);
  const topic = state.topics[parts.name];
  if (!topic || topic.Arn !== arn) throw new NotFound('Topic does not exist');
  return topic;
}

/** The subscription an ARN names in this state. */
export function findSubscription(state: SnsState, arn: unknown): Subscription {
  if (typeof arn !== 'string' || arn === '' || arn === 'pending confirmation') throw new InvalidParameter('Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1');
  const subscription = state.subscriptions[arn];
  if (!subscription) throw new NotFound('Subscription does not exist');
  return subscription;
}

/** True for a FIFO topic. */
export function isFifo(topic: Topic): boolean {
  return topic.Attributes.FifoTopic === 'true';
}

/** A map parameter as the query protocol sends it (`[{key, value}]` entries) or as an object from in-process callers. */
export function mapParameter(value: unknown, key = 'key', item = 'value'): Record<string, unknown> {
  const out = dict<unknown>();
  if (value === undefined || value === null) return out;
  if (Array.isArray(value)) {
    for (const entry of value) if (entry && typeof entry === 'object') out[String((entry as Record<string, unknown>)[key])] = (entry as Record<string, unknown>)[item];
    return out;
  }
  if (typeof value === 'object') for (const [name, entry] of Object.entries(value)) out[name] = entry;
  return out;
}

/** A list parameter: the query protocol's members, or a single value. */
export function listParameter(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A map as the query protocol writes it: `<entry><key/><value/></entry>` items. */
export function mapOutput(map: Record<string, string>): { entry: Array<{ key: string; value: string }> } {
  return { entry: Object.entries(map).map(([key, value]) => ({ key, value })) };
}

/** A list as the query protocol writes it: `<member>` items. */
export function listOutput<T>(items: T[]): { member: T[] } {
  return { member: items };
}

/** Pages of 100 (topics, subscriptions), with an index as the NextToken. */
export function paginate<T>(items: T[], token: unknown, size = 100): { items: T[]; NextToken?: string } {
  const start = typeof token === 'string' && /^\d+$/.test(token) ? Number(token) : 0;
  if (token !== undefined && token !== null && token !== '' && !(typeof token === 'string' && /^\d+$/.test(token))) throw new InvalidParameter('Invalid parameter: NextToken');
  const slice = items.slice(start, start + size);
  return { items: slice, ...(start + size < items.length ? { NextToken: String(start + size) } : {}) };
}
