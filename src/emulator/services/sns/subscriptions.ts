/**
 * Subscriptions: Subscribe (each protocol's endpoint checked as SNS checks it; http and https on
 * loopback only), ConfirmSubscription, Unsubscribe, the two listings and the attributes a
 * subscription carries (RawMessageDelivery, FilterPolicy, FilterPolicyScope, RedrivePolicy...).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { dict } from '../../dict.ts';
import type { OperationContext } from '../../types.ts';
import { InvalidParameter } from './errors.ts';
import { compileFilterPolicy, type FilterScope } from './filter-policy.ts';
import { findSubscription, findTopic, isFifo, listOutput, mapOutput, mapParameter, paginate, type SnsState, type Subscription } from './state.ts';

type Context = OperationContext<SnsState>;

/** What the service does when a subscription needs its endpoint to confirm. */
export type OnPending = (subscription: Subscription, context: Context) => void;

const SETTABLE = new Set(['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy', 'SubscriptionRoleArn', 'ReplayPolicy']);
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const QUEUE_ARN = /^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:[\w-]{1,80}(\.fifo)?$/;
const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]{1,64}(:[\w$-]+)?$/;

function checkEndpoint(protocol: string, endpoint: string): void {
  switch (protocol) {
    case 'sqs':
      if (!QUEUE_ARN.test(endpoint)) throw new InvalidParameter('Invalid parameter: SQS endpoint ARN');
      return;
    case 'lambda':
      if (!FUNCTION_ARN.test(endpoint)) throw new InvalidParameter('Invalid parameter: Lambda endpoint ARN');
      return;
    case 'http':
    case 'https': {
      let url: URL;
      try {
        url = new URL(endpoint);
      } catch {
        throw new InvalidParameter('Invalid parameter: Endpoint must match the specified protocol');
      }
      if (url.protocol !== `${protocol}:`) throw new InvalidParameter('Invalid parameter: Endpoint must match the specified protocol');
      if (!LOOPBACK.has(url.hostname)) {
        throw new InvalidParameter(`Invalid parameter: Endpoint Reason: this emulator delivers ${protocol} notifications only to this machine (localhost, 127.0.0.1 or [::1]), not to ${url.hostname}. Run your endpoint locally and subscribe its loopback URL.`);
      }
      return;
    }
    case 'email':
    case 'email-json':
      if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw new InvalidParameter('Invalid parameter: Email address');
      return;
    case 'sms':
      if (!/^\+[1-9][0-9]{1,14}$/.test(endpoint)) throw new InvalidParameter(`Invalid SMS endpoint: ${endpoint}`);
      return;
    default:
      throw new InvalidParameter(`Invalid parameter: Amazon SNS does not support this protocol string: ${protocol}. This emulator delivers to sqs, lambda, http, https, email, email-json and sms.`);
  }
}

/** Checks one subscription attribute and returns its stored value. */
function checkAttribute(name: string, value: unknown, attributes: Record<string, string>, fromSubscribe: boolean, fifo: boolean): string {
  const prefix = 'Invalid parameter: ';
  if (!SETTABLE.has(name)) throw new InvalidParameter('Invalid parameter: AttributeName');
  const text = value === undefined || value === null ? '' : String(value);
  if (name === 'RawMessageDelivery') {
    if (!/^(true|false)$/i.test(text)) throw new InvalidParameter(`${prefix}RawMessageDelivery: Invalid value [${text}]. Must be true or false.`);
    return text.toLowerCase();
  }
  if (name === 'FilterPolicyScope') {
    if (text !== 'MessageAttributes' && text !== 'MessageBody') throw new InvalidParameter(`${prefix}FilterPolicyScope: Invalid value [${text}]. Please use either MessageBody or MessageAttributes`);
    if (attributes.FilterPolicy) compileFilterPolicy(attributes.FilterPolicy, text, fromSubscribe);
    return text;
  }
  if (name === 'FilterPolicy') {
    if (text !== '') compileFilterPolicy(text, (attributes.FilterPolicyScope ?? 'MessageAttributes') as FilterScope, fromSubscribe);
    return text;
  }
  if (name === 'RedrivePolicy' && text !== '') {
    let target: unknown;
    try {
      target = (JSON.parse(text) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
    } catch {
      throw new InvalidParameter(`${prefix}RedrivePolicy: failed to parse JSON.`);
    }
    if (typeof target !== 'string' || !QUEUE_ARN.test(target)) throw new InvalidParameter(`${prefix}RedrivePolicy: deadLetterTargetArn is an invalid arn`);
    if (fifo && !target.endsWith('.fifo')) throw new InvalidParameter(`${prefix}RedrivePolicy: must use a FIFO queue as DLQ for a FIFO topic`);
  }
  return text;
}

function ownAttributes(input: Record<string, unknown>, fifo: boolean): Record<string, string> {
  const requested = mapParameter(input.Attributes);
  const attributes = dict<string>();
  // The scope first: the policy is validated for the scope it will run in.
  const order = Object.keys(requested).sort((a, b) => Number(b === 'FilterPolicyScope') - Number(a === 'FilterPolicyScope'));
  for (const name of order) attributes[name] = checkAttribute(name, requested[name], attributes, true, fifo);
  return attributes;
}

/** Subscribe: confirmed at once for sqs, lambda and sms; pending until the endpoint confirms for http(s) and email. */
export function subscribe(input: Record<string, unknown>, context: Context, onPending: OnPending): { SubscriptionArn: string } {
  const { state, account } = context;
  const topic = findTopic(state, input.TopicArn);
  const protocol = typeof input.Protocol === 'string' ? input.Protocol.toLowerCase() : '';
  const endpoint = typeof input.Endpoint === 'string' ? input.Endpoint : '';
  if (endpoint === '') throw new InvalidParameter('Invalid parameter: Endpoint');
  checkEndpoint(protocol, endpoint);
  if (isFifo(topic) && protocol !== 'sqs') throw new InvalidParameter(`Invalid parameter: Invalid protocol type: ${protocol}. FIFO topics deliver to SQS queues only.`);
  if (!isFifo(topic) && protocol === 'sqs' && endpoint.endsWith('.fifo')) throw new InvalidParameter('Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
  if (isFifo(topic) && !endpoint.endsWith('.fifo')) throw new InvalidParameter('Invalid parameter: Invalid parameter: Endpoint Reason: Please use FIFO SQS queue');
  const attributes = ownAttributes(input, isFifo(topic));
  const returnArn = String(input.ReturnSubscriptionArn).toLowerCase() === 'true';
  const existing = Object.values(state.subscriptions).find((item) => item.TopicArn === topic.Arn && item.Protocol === protocol && item.Endpoint === endpoint);
  if (existing) {
    if (Object.entries(attributes).some(([key, value]) => (existing.Attributes[key] ?? '') !== value)) throw new InvalidParameter('Invalid parameter: Attributes Reason: Subscription already exists with different attributes');
    return { SubscriptionArn: existing.pending && !returnArn ? 'pending confirmation' : existing.Arn };
  }
  const pending = ['http', 'https', 'email', 'email-json'].includes(protocol);
  const subscription: Subscription = { Arn: `${topic.Arn}:${randomUUID()}`, TopicArn: topic.Arn, Protocol: protocol, Endpoint: endpoint, Owner: account, Attributes: attributes, pending };
  if (pending) subscription.token = randomBytes(64).toString('hex');
  state.subscriptions[subscription.Arn] = subscription;
  if (pending) onPending(subscription, context);
  return { SubscriptionArn: pending && !returnArn ? 'pending confirmation' : subscription.Arn };
}

/** ConfirmSubscription: the token a pending subscription was sent. */
export function confirmSubscription(input: Record<string, unknown>, state: SnsState): { SubscriptionArn: string } {
  const topic = findTopic(state, input.TopicArn);
  const token = typeof input.Token === 'string' ? input.Token : '';
  if (token === '') throw new InvalidParameter('Invalid parameter: Token');
  const subscription = Object.values(state.subscriptions).find((item) => item.TopicArn === topic.Arn && item.token === token);
  if (!subscription) throw new InvalidParameter('Invalid token');
  subscription.pending = false;
  return { SubscriptionArn: subscription.Arn };
}

/** Unsubscribe. */
export function unsubscribe(input: Record<string, unknown>, { state }: Context): null {
  const subscription = findSubscription(state, input.SubscriptionArn);
  delete state.subscriptions[subscription.Arn];
  const topic = Object.values(state.topics).find((item) => item.Arn === subscription.TopicArn);
  if (topic) topic.deleted++;
  return null;
}

function listed(subscription: Subscription): Record<string, string> {
  const { Arn, Owner, Protocol, Endpoint, TopicArn } = subscription;
  return { SubscriptionArn: subscription.pending ? 'PendingConfirmation' : Arn, Owner, Protocol, Endpoint, TopicArn };
}

/** ListSubscriptions. */
export function listSubscriptions(input: Record<string, unknown>, { state }: Context): unknown {
  const { items, NextToken } = paginate(Object.values(state.subscriptions).map(listed), input.NextToken);
  return { Subscriptions: listOutput(items), ...(NextToken ? { NextToken } : {}) };
}

/** ListSubscriptionsByTopic. */
export function listSubscriptionsByTopic(input: Record<string, unknown>, { state }: Context): unknown {
  const topic = findTopic(state, input.TopicArn);
  const all = Object.values(state.subscriptions).filter((item) => item.TopicArn === topic.Arn).map(listed);
  const { items, NextToken } = paginate(all, input.NextToken);
  return { Subscriptions: listOutput(items), ...(NextToken ? { NextToken } : {}) };
}

/** GetSubscriptionAttributes: the stored attributes and those SNS computes. */
export function getSubscriptionAttributes(input: Record<string, unknown>, { state }: Context): unknown {
  const subscription = findSubscription(state, input.SubscriptionArn);
  const attributes: Record<string, string> = {
    SubscriptionArn: subscription.Arn,
    TopicArn: subscription.TopicArn,
    Owner: subscription.Owner,
    Protocol: subscription.Protocol,
    Endpoint: subscription.Endpoint,
    ConfirmationWasAuthenticated: String(!subscription.pending),
    PendingConfirmation: String(subscription.pending),
    RawMessageDelivery: 'false',
    SubscriptionPrincipal: `arn:aws:iam::${subscription.Owner}:root`,
    ...subscription.Attributes,
  };
  if (attributes.FilterPolicy && !attributes.FilterPolicyScope) attributes.FilterPolicyScope = 'MessageAttributes';
  // The scope shows only beside a policy, as on AWS.
  if (!attributes.FilterPolicy) delete attributes.FilterPolicyScope;
  return { Attributes: mapOutput(attributes) };
}

/** SetSubscriptionAttributes: one attribute; RawMessageDelivery only for sqs, http and https. */
export function setSubscriptionAttributes(input: Record<string, unknown>, { state }: Context): null {
  const subscription = findSubscription(state, input.SubscriptionArn);
  const name = typeof input.AttributeName === 'string' ? input.AttributeName : '';
  const value = checkAttribute(name, input.AttributeValue, subscription.Attributes, false, subscription.TopicArn.endsWith('.fifo'));
  if (name === 'RawMessageDelivery' && !['sqs', 'http', 'https', 'firehose'].includes(subscription.Protocol)) {
    throw new InvalidParameter('Invalid parameter: Delivery protocol [' + subscription.Protocol + '] does not support raw message delivery.');
  }
  if (value === '') delete subscription.Attributes[name];
  else subscription.Attributes[name] = value;
  return null;
}

