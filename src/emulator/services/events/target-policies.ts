/**
 * The resource policies a delivery needs besides a Lambda function's: an SQS queue's policy must
 * let events.amazonaws.com send for the rule, and another account's bus must let the rule's
 * account put events. Each is read as a client reads it (GetQueueAttributes, DescribeEventBus)
 * and evaluated by the shared resource-policy evaluator. A missing queue or bus is left to the
 * delivery itself, which reports it as NO_RESOURCE.
 */
import type { Emulator } from '../../emulator.ts';
import { policyAllows } from '../../policy/resource-policy.ts';
import { busPolicyAllows, busRefusal } from './bus-policy.ts';

/** The queue policy a learner would set to let one rule send to a queue. */
export function queuePolicyFor(queueArn: string, ruleArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Sid: 'allow-eventbridge',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: queueArn,
      Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
    }],
  });
}

/** Whether a queue's policy, read as a client reads it, lets a service principal send for a source ARN (SNS asks for sns.amazonaws.com and its topic). */
export async function queuePolicyAllowsSend(emulator: Emulator, queueArn: string, principal: string, sourceArn: string): Promise<boolean> {
  const [, , , region, account, name] = queueArn.split(':');
  const scope = { account: account!, region: region! };
  const { QueueUrl } = (await emulator.call('sqs', 'GetQueueUrl', { QueueName: name, QueueOwnerAWSAccountId: account }, scope)) as { QueueUrl: string };
  const answer = (await emulator.call('sqs', 'GetQueueAttributes', { QueueUrl, AttributeNames: ['Policy'] }, scope)) as { Attributes?: Record<string, string> };
  return policyAllows(answer.Attributes?.Policy, { principal, action: 'sqs:SendMessage', sourceArn, resource: queueArn });
}

/** Why EventBridge may not send to the queue for this rule, or undefined when its policy allows it. */
export async function queueRefusal(emulator: Emulator, queueArn: string, ruleArn: string): Promise<string | undefined> {
  if (await queuePolicyAllowsSend(emulator, queueArn, 'events.amazonaws.com', ruleArn)) return undefined;
  return `the queue policy of ${queueArn} does not allow events.amazonaws.com to send for rule ${ruleArn}, so EventBridge did not deliver the event `
    + `(AWS drops it as a failed invocation). Fix: give the queue a Policy attribute (SetQueueAttributes) that allows `
    + `Principal {"Service":"events.amazonaws.com"} the action sqs:SendMessage with the condition ArnEquals aws:SourceArn ${ruleArn}, e.g. ${queuePolicyFor(queueArn, ruleArn)}`;
}

/** Why the rule's account may not put events on another account's bus, or undefined when that bus's policy allows it. */
export async function busTargetRefusal(emulator: Emulator, busArn: string, sender: string, ruleArn: string): Promise<string | undefined> {
  const [, , , region, account] = busArn.split(':');
  if (account === sender) return undefined;
  const bus = (await emulator.call('events', 'DescribeEventBus', { Name: busArn }, { account: account!, region: region! })) as { Arn: string; Policy?: string };
  return busPolicyAllows(bus.Policy, bus.Arn, sender, ruleArn) ? undefined : busRefusal(bus.Arn, sender);
}
