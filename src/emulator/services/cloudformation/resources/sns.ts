/** AWS::SNS::Topic and AWS::SNS::Subscription through SNS's topic and subscription operations. */
import type { Provisioner, ProvisionContext } from './types.ts';
import { ignoringNotFound, jsonText } from './types.ts';

const TOPIC_ATTRIBUTES = ['DisplayName', 'FifoTopic', 'ContentBasedDeduplication', 'KmsMasterKeyId', 'SignatureVersion', 'TracingConfig', 'DeliveryStatusLogging', 'ArchivePolicy'];

function topicAttributes(properties: Record<string, any>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of TOPIC_ATTRIBUTES) if (properties[name] !== undefined) out[name] = typeof properties[name] === 'object' ? jsonText(properties[name]) : String(properties[name]);
  return out;
}

async function subscribe(context: ProvisionContext, topicArn: string, subscription: Record<string, any>, attributes: Record<string, string> = {}): Promise<string> {
  const answer = await context.call('sns', 'Subscribe', { TopicArn: topicArn, Protocol: subscription.Protocol, Endpoint: subscription.Endpoint, Attributes: attributes, ReturnSubscriptionArn: 'true' });
  return answer.SubscriptionArn;
}

/** AWS::SNS::Topic: Ref is the topic ARN; TopicArn and TopicName for Fn::GetAtt. */
export const snsTopic: Provisioner = {
  properties: ['TopicName', 'Subscription', 'Tags', ...TOPIC_ATTRIBUTES],
  replaceOn: ['TopicName', 'FifoTopic'],
  nameProperty: 'TopicName',
  async create(properties, context) {
    const fifo = String(properties.FifoTopic) === 'true';
    const name = properties.TopicName ?? context.generatedName(256, fifo ? { suffix: '.fifo' } : {});
    const { TopicArn } = await context.call('sns', 'CreateTopic', { Name: name, Attributes: topicAttributes(properties), ...(properties.Tags ? { Tags: properties.Tags } : {}) });
    for (const subscription of properties.Subscription ?? []) await subscribe(context, TopicArn, subscription);
    return { physicalId: TopicArn, attributes: { TopicArn, TopicName: name } };
  },
  async update(properties, existing, context) {
    for (const name of TOPIC_ATTRIBUTES) {
      if (JSON.stringify(properties[name]) === JSON.stringify(existing.properties[name]) || name === 'FifoTopic') continue;
      const value = properties[name] === undefined ? '' : typeof properties[name] === 'object' ? jsonText(properties[name]) : String(properties[name]);
      await context.call('sns', 'SetTopicAttributes', { TopicArn: existing.physicalId, AttributeName: name, AttributeValue: value });
    }
    const key = (item: any) => `${item.Protocol} ${item.Endpoint}`;
    const before = new Set<string>((existing.properties.Subscription as any[] | undefined ?? []).map(key));
    for (const subscription of properties.Subscription ?? []) if (!before.has(key(subscription))) await subscribe(context, existing.physicalId, subscription);
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('sns', 'DeleteTopic', { TopicArn: existing.physicalId }));
  },
};

const SUBSCRIPTION_ATTRIBUTES = ['DeliveryPolicy', 'FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy', 'SubscriptionRoleArn', 'ReplayPolicy'];

function subscriptionAttributes(properties: Record<string, any>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SUBSCRIPTION_ATTRIBUTES) if (properties[name] !== undefined) out[name] = typeof properties[name] === 'object' ? jsonText(properties[name]) : String(properties[name]);
  return out;
}

/** AWS::SNS::Subscription: Ref is the subscription ARN. */
export const snsSubscription: Provisioner = {
  properties: ['TopicArn', 'Protocol', 'Endpoint', 'Region', ...SUBSCRIPTION_ATTRIBUTES],
  required: ['TopicArn', 'Protocol'],
  replaceOn: ['TopicArn', 'Protocol', 'Endpoint', 'Region'],
  async create(properties, context) {
    const arn = await subscribe(context, properties.TopicArn, properties, subscriptionAttributes(properties));
    return { physicalId: arn };
  },
  async update(properties, existing, context) {
    for (const name of SUBSCRIPTION_ATTRIBUTES) {
      if (JSON.stringify(properties[name]) === JSON.stringify(existing.properties[name])) continue;
      const value = properties[name] === undefined ? '' : typeof properties[name] === 'object' ? jsonText(properties[name]) : String(properties[name]);
      await context.call('sns', 'SetSubscriptionAttributes', { SubscriptionArn: existing.physicalId, AttributeName: name, AttributeValue: value });
    }
    return existing;
  },
  async delete(existing, context) {
    if (existing.physicalId.includes(':')) await ignoringNotFound(context.call('sns', 'Unsubscribe', { SubscriptionArn: existing.physicalId }));
  },
};
