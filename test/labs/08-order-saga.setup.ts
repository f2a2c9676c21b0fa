/**
 * What lab 08's grader sets up around the learner's code: the learner's setup functions run in
 * the sandbox with their failures in the learner's words, a rule and queue of the grader's own
 * that copy every Order Placed event of the bus (so each can be counted), the role the state
 * machine runs as, and the clean-up of everything the run created.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteEventBusCommand, DeleteRuleCommand, ListRulesCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, GetRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { DeleteEventSourceMappingCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DeleteStateMachineCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, DeleteMessageBatchCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { contextMessage, learnerStopped } from '../../src/core/grader/context-messages.ts';
import { fail, type GraderContext } from '../../src/core/grader/index.ts';
import { say } from './08-order-saga.messages.ts';

/** An order as the checkout priced it: what the writer and the saga are given. */
export interface Order {
  orderId: string;
  customerId: string;
  currency: string;
  totalCents: number;
  items: Array<{ sku: string; quantity: number }>;
}

/** Runs the learner's `exportName` of `file` with `args`; a throw fails the check in the learner's words. */
export async function learnerSetup(lab: GraderContext, file: string, exportName: string, args: unknown[]): Promise<unknown> {
  try {
    const learner = lab.importLearner(file);
    return await learner[exportName]!(...args);
  } catch (error) {
    const { name, message } = error as Error;
    return fail(name === 'NotExported' ? contextMessage('notExported', { file, exportName }) : learnerStopped(error) ?? say('threw', { setup: exportName, name, message }));
  }
}

/** A queue of the grader's own that a rule on `busName` fills with every event matching `pattern`; removed after the run. */
export async function observeQueue(lab: GraderContext, busName: string, name: string, pattern: Record<string, unknown>): Promise<string> {
  const { sqs, eventbridge } = lab.clients;
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  lab.onCleanup(() => sqs.send(new DeleteQueueCommand({ QueueUrl })));
  const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const { RuleArn } = await eventbridge.send(new PutRuleCommand({ Name: name, EventBusName: busName, EventPattern: JSON.stringify(pattern) }));
  lab.onCleanup(async () => {
    await eventbridge.send(new RemoveTargetsCommand({ Rule: name, EventBusName: busName, Ids: ['grader'], Force: true }));
    await eventbridge.send(new DeleteRuleCommand({ Name: name, EventBusName: busName, Force: true }));
  });
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queueArn, Condition: { ArnEquals: { 'aws:SourceArn': RuleArn } } }] };
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: JSON.stringify(policy) } }));
  await eventbridge.send(new PutTargetsCommand({ Rule: name, EventBusName: busName, Targets: [{ Id: 'grader', Arn: queueArn }] }));
  return QueueUrl!;
}

/** The grader's copy of the bus's Order Placed events: `collect` answers them by order id. */
export async function observeBus(lab: GraderContext, busName: string, name: string): Promise<{ collect(orderIds: string[]): Promise<Map<string, any[]>> }> {
  const { sqs } = lab.clients;
  const QueueUrl = await observeQueue(lab, busName, name, { source: ['shop.orders'], 'detail-type': ['Order Placed'] });
  const events = new Map<string, any[]>();
  return {
    async collect(orderIds) {
      const local = lab.settings.target.name === 'emulator';
      const deadline = Date.now() + (local ? 15_000 : 120_000);
      // Once every order's event is in, a little longer: a second copy of one would come within that time.
      let quietUntil: number | undefined;
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 300 }));
        for (const message of Messages) {
          const event = JSON.parse(message.Body ?? '{}');
          const orderId = String(event.detail?.orderId ?? '');
          events.set(orderId, [...(events.get(orderId) ?? []), event]);
        }
        // Deleted once counted: the run's waits are sped up, so a kept message would come back within seconds and count twice.
        if (Messages.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }));
        const now = Date.now();
        if (quietUntil === undefined && orderIds.every((id) => events.has(id))) quietUntil = now + (local ? 400 : 10_000);
        if ((quietUntil !== undefined && now > quietUntil) || now > deadline) return events;
        if (Messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** A role Step Functions may assume, allowed to invoke the saga's step function and nothing else. */
export async function sagaRole(lab: GraderContext, stepFunctionArn: string): Promise<string> {
  const { iam } = lab.clients;
  const RoleName = lab.name('saga-role');
  const existing = await iam.send(new GetRoleCommand({ RoleName })).catch(() => undefined);
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const arn = existing?.Role?.Arn ?? (await iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: JSON.stringify(trust) }))).Role!.Arn!;
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [stepFunctionArn, `${stepFunctionArn}:*`] }] };
  await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: 'invoke-saga-step', PolicyDocument: JSON.stringify(policy) }));
  lab.onCleanup(async () => {
    await iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName: 'invoke-saga-step' }));
    await iam.send(new DeleteRoleCommand({ RoleName }));
  });
  return arn;
}

/** Registers the removal of what the learner's setups create under the run's names. */
export function cleanUp(lab: GraderContext, names: { outbox: string; bus: string; relay: string; machine: string; bucket: string }): void {
  const { dynamodb, eventbridge, lambda, s3, sfn } = lab.clients;
  // Each step on its own: a resource the learner never created must not keep the others in place.
  const quietly = (step: () => Promise<unknown>) => step().catch(() => {});
  lab.onCleanup(async () => {
    await quietly(async () => {
      const { EventSourceMappings = [] } = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: names.relay }));
      for (const mapping of EventSourceMappings) await quietly(() => lambda.send(new DeleteEventSourceMappingCommand({ UUID: mapping.UUID })));
    });
    await quietly(() => dynamodb.send(new DeleteTableCommand({ TableName: names.outbox })));
    // The choreography's rules and their targets first, so none is left behind with the bus.
    await quietly(async () => {
      const { Rules = [] } = await eventbridge.send(new ListRulesCommand({ EventBusName: names.bus }));
      for (const rule of Rules) {
        await quietly(async () => {
          const { Targets = [] } = await eventbridge.send(new ListTargetsByRuleCommand({ Rule: rule.Name, EventBusName: names.bus }));
          if (Targets.length > 0) await eventbridge.send(new RemoveTargetsCommand({ Rule: rule.Name, EventBusName: names.bus, Ids: Targets.map((target) => target.Id!) }));
          await eventbridge.send(new DeleteRuleCommand({ Name: rule.Name, EventBusName: names.bus }));
        });
      }
    });
    await quietly(() => eventbridge.send(new DeleteEventBusCommand({ Name: names.bus })));
    await quietly(async () => {
      const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
      for (const machine of stateMachines.filter((candidate) => candidate.name === names.machine)) await quietly(() => sfn.send(new DeleteStateMachineCommand({ stateMachineArn: machine.stateMachineArn })));
    });
    await quietly(async () => {
      const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: names.bucket }));
      for (const object of Contents) await quietly(() => s3.send(new DeleteObjectCommand({ Bucket: names.bucket, Key: object.Key })));
      await s3.send(new DeleteBucketCommand({ Bucket: names.bucket }));
    });
  });
}
