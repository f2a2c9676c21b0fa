/** AWS::SQS::Queue and AWS::SQS::QueuePolicy through SQS's queue operations. */
import type { Provisioner } from './types.ts';
import { ignoringNotFound, jsonText, tagMap } from './types.ts';

const ATTRIBUTES = ['DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'VisibilityTimeout', 'RedrivePolicy', 'RedriveAllowPolicy', 'FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'];

function attributesOf(properties: Record<string, any>, only?: (name: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ATTRIBUTES) {
    if (properties[name] === undefined || (only && !only(name))) continue;
    out[name] = typeof properties[name] === 'object' ? jsonText(properties[name]) : String(properties[name]);
  }
  return out;
}

/** AWS::SQS::Queue: Ref is the queue URL; Arn, QueueName and QueueUrl for Fn::GetAtt. */
export const sqsQueue: Provisioner = {
  properties: ['QueueName', 'Tags', ...ATTRIBUTES],
  replaceOn: ['QueueName', 'FifoQueue'],
  nameProperty: 'QueueName',
  async create(properties, context) {
    const fifo = String(properties.FifoQueue) === 'true';
    const name = properties.QueueName ?? context.generatedName(80, fifo ? { suffix: '.fifo' } : {});
    const tags = tagMap(properties.Tags);
    const { QueueUrl } = await context.call('sqs', 'CreateQueue', { QueueName: name, Attributes: attributesOf(properties), ...(tags ? { tags } : {}) });
    const { Attributes } = await context.call('sqs', 'GetQueueAttributes', { QueueUrl, AttributeNames: ['QueueArn'] });
    return { physicalId: QueueUrl, attributes: { Arn: Attributes.QueueArn, QueueName: name, QueueUrl } };
  },
  async update(properties, existing, context) {
    const changed = attributesOf(properties, (name) => JSON.stringify(properties[name]) !== JSON.stringify(existing.properties[name]));
    // A removed attribute goes back to SQS's default, as CloudFormation resets it.
    const defaults: Record<string, string> = { DelaySeconds: '0', MaximumMessageSize: '262144', MessageRetentionPeriod: '345600', ReceiveMessageWaitTimeSeconds: '0', VisibilityTimeout: '30', RedrivePolicy: '' };
    for (const name of Object.keys(defaults)) if (existing.properties[name] !== undefined && properties[name] === undefined) changed[name] = defaults[name]!;
    if (Object.keys(changed).length > 0) await context.call('sqs', 'SetQueueAttributes', { QueueUrl: existing.physicalId, Attributes: changed });
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('sqs', 'DeleteQueue', { QueueUrl: existing.physicalId }));
  },
};

async function setPolicy(queues: string[], policy: string, context: Parameters<Provisioner['create']>[1]): Promise<void> {
  for (const QueueUrl of queues) await context.call('sqs', 'SetQueueAttributes', { QueueUrl, Attributes: { Policy: policy } });
}

/** AWS::SQS::QueuePolicy: sets the Policy attribute of each queue; deleting clears it. */
export const sqsQueuePolicy: Provisioner = {
  properties: ['PolicyDocument', 'Queues'],
  required: ['PolicyDocument', 'Queues'],
  async create(properties, context) {
    await setPolicy(properties.Queues, jsonText(properties.PolicyDocument), context);
    return { physicalId: context.generatedName(128) };
  },
  async update(properties, existing, context) {
    const dropped = (existing.properties.Queues as string[]).filter((queue) => !properties.Queues.includes(queue));
    for (const QueueUrl of dropped) await ignoringNotFound(context.call('sqs', 'SetQueueAttributes', { QueueUrl, Attributes: { Policy: '' } }));
    await setPolicy(properties.Queues, jsonText(properties.PolicyDocument), context);
    return existing;
  },
  async delete(existing, context) {
    for (const QueueUrl of existing.properties.Queues as string[]) await ignoringNotFound(context.call('sqs', 'SetQueueAttributes', { QueueUrl, Attributes: { Policy: '' } }));
  },
};
