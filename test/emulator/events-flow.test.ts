import { CreateLogGroupCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventBusCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, CreateFunctionCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { useEmulator } from '../support/emulator.ts';
import { zipFiles } from '../support/zip.ts';
import { eventually } from '../support/eventually.ts';

const ROLE = 'arn:aws:iam::000000000000:role/order-handler';
const HANDLER = `export const handler = async (event) => { console.log('ORDER', JSON.stringify(event)); return { ok: true }; };`;

describe('the order flow: bus, rules, targets, permissions, retries and dead-letter queues', () => {
  const emulator = useEmulator({ timeFactor: 0.001, settings: { lambdaStateDelayMs: 10 } });
  let queueUrl: string;
  let queueArn: string;
  let dlqUrl: string;
  let dlqArn: string;

  const trace = async (eventId: string): Promise<TraceEntry[]> => {
    const answer = await fetch(`${emulator.running.url}/_workshop/trace?eventId=${eventId}`);
    return ((await answer.json()) as { entries: TraceEntry[] }).entries;
  };
  const receive = async (url: string) => (await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }))).Messages ?? [];
  const arnOf = async (url: string) => (await emulator.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  // As on AWS, a queue takes EventBridge's messages only when its policy allows the rule.
  const allowRule = async (url: string, ruleArn: string) => {
    const statement = { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: await arnOf(url), Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } } };
    await emulator.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) } }));
  };
  const put = async (detail: object, detailType = 'OrderPlaced') => {
    const answer = await emulator.clients.eventbridge.send(new PutEventsCommand({ Entries: [{ EventBusName: 'shop', Source: 'shop.orders', DetailType: detailType, Detail: JSON.stringify(detail) }] }));
    expect(answer.FailedEntryCount).toBe(0);
    return answer.Entries![0]!.EventId!;
  };

  beforeAll(async () => {
    const { sqs, eventbridge, lambda, logs } = emulator.clients;
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'orders' }))).QueueUrl!;
    dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'orders-dlq' }))).QueueUrl!;
    queueArn = await arnOf(queueUrl);
    dlqArn = await arnOf(dlqUrl);
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/events/shop' }));
    await eventbridge.send(new CreateEventBusCommand({ Name: 'shop' }));
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'order-handler', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipFiles({ 'index.mjs': HANDLER }) } }));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'order-handler' });
  });

  it('delivers a matching event to an SQS queue through an input transformer, and records why other rules did not match', async () => {
    const { eventbridge } = emulator.clients;
    const { RuleArn } = await eventbridge.send(new PutRuleCommand({ Name: 'big-orders', EventBusName: 'shop', EventPattern: JSON.stringify({ source: ['shop.orders'], detail: { total: [{ numeric: ['>=', 100] }] } }) }));
    await allowRule(queueUrl, RuleArn!);
    await eventbridge.send(new PutTargetsCommand({
      Rule: 'big-orders',
      EventBusName: 'shop',
      Targets: [{ Id: 'queue', Arn: queueArn, InputTransformer: { InputPathsMap: { id: '$.detail.orderId', total: '$.detail.total' }, InputTemplate: '{"order": <id>, "summary": "order <id> of <total> cents", "rule": <aws.events.rule-name>}' } }],
    }));
    const big = await put({ orderId: 'o-100', total: 250 });
    const small = await put({ orderId: 'o-101', total: 5 });
    const messages = await eventually(async () => {
      const got = await receive(queueUrl);
      return got.length > 0 ? got : undefined;
    });
    expect(messages.map((message) => JSON.parse(message.Body!))).toEqual([{ order: 'o-100', summary: 'order o-100 of 250 cents', rule: 'big-orders' }]);
    expect((await trace(big)).map((entry) => entry.kind)).toEqual(expect.arrayContaining(['event-received', 'rule-matched', 'delivery']));
    const missed = (await trace(small)).find((entry) => entry.kind === 'rule-not-matched' && entry.rule === 'big-orders');
    expect(missed?.field).toBe('detail.total');
  });

  it('writes matched events to a CloudWatch Logs log group target', async () => {
    const { eventbridge, logs } = emulator.clients;
    await eventbridge.send(new PutRuleCommand({ Name: 'audit', EventBusName: 'shop', EventPattern: JSON.stringify({ 'detail-type': ['OrderAudited'] }) }));
    await eventbridge.send(new PutTargetsCommand({ Rule: 'audit', EventBusName: 'shop', Targets: [{ Id: 'log', Arn: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/events/shop' }] }));
    const id = await put({ orderId: 'o-200' }, 'OrderAudited');
    const found = await eventually(async () => {
      const events = (await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/events/shop' }))).events ?? [];
      return events.find((event) => event.message?.includes('o-200'));
    });
    expect(JSON.parse(found.message!)).toMatchObject({ id, 'detail-type': 'OrderAudited', detail: { orderId: 'o-200' } });
  });

  it('does not invoke a Lambda target without permission, says what is missing, and invokes it once allowed', async () => {
    const { eventbridge, lambda, logs } = emulator.clients;
    const ruleArn = (await eventbridge.send(new PutRuleCommand({ Name: 'to-lambda', EventBusName: 'shop', EventPattern: JSON.stringify({ 'detail-type': ['OrderPaid'] }) }))).RuleArn!;
    await eventbridge.send(new PutTargetsCommand({ Rule: 'to-lambda', EventBusName: 'shop', Targets: [{ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:order-handler' }] }));
    const refusedId = await put({ orderId: 'o-300' }, 'OrderPaid');
    const refused = await eventually(async () => (await trace(refusedId)).find((entry) => entry.kind === 'delivery' && entry.outcome === 'refused'));
    expect(refused.detail).toContain('events.amazonaws.com');
    expect(refused.detail).toContain('aws lambda add-permission');

    await lambda.send(new AddPermissionCommand({ FunctionName: 'order-handler', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: ruleArn }));
    const allowedId = await put({ orderId: 'o-301' }, 'OrderPaid');
    await eventually(async () => (await trace(allowedId)).find((entry) => entry.kind === 'delivery' && entry.outcome === 'delivered'));
    const logged = await eventually(async () => {
      const events = (await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/order-handler', filterPattern: '"o-301"' }))).events ?? [];
      return events.length > 0 ? events : undefined;
    });
    expect(logged[0]!.message).toContain(allowedId);
    const invocation = await eventually(async () => (await trace(allowedId)).find((entry) => entry.kind === 'invocation'));
    expect(invocation).toMatchObject({ outcome: 'success', target: 'arn:aws:lambda:us-east-1:000000000000:function:order-handler' });
    expect(invocation.requestId).toBe((await trace(allowedId)).find((entry) => entry.outcome === 'delivered')?.requestId);
    const logs300 = (await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/order-handler', filterPattern: '"o-300"' }))).events ?? [];
    expect(logs300).toEqual([]);
  });

  it('sends an event for a missing target straight to the dead-letter queue, without retries', async () => {
    const { eventbridge } = emulator.clients;
    await eventbridge.send(new PutRuleCommand({ Name: 'to-nowhere', EventBusName: 'shop', EventPattern: JSON.stringify({ 'detail-type': ['OrderLost'] }) }));
    await eventbridge.send(new PutTargetsCommand({ Rule: 'to-nowhere', EventBusName: 'shop', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:no-such-queue', DeadLetterConfig: { Arn: dlqArn } }] }));
    const id = await put({ orderId: 'o-500' }, 'OrderLost');
    const [message] = await eventually(async () => {
      const got = await receive(dlqUrl);
      return got.length > 0 ? got : undefined;
    });
    expect(JSON.parse(message!.Body!).id).toBe(id);
    expect(message!.MessageAttributes?.ERROR_CODE?.StringValue).toBe('NO_RESOURCE');
    expect((await trace(id)).some((entry) => entry.outcome === 'retry')).toBe(false);
  });

  it('fires scheduled rules on a scaled clock', async () => {
    const { eventbridge, sqs } = emulator.clients;
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'ticks' }))).QueueUrl!;
    const { RuleArn } = await eventbridge.send(new PutRuleCommand({ Name: 'every-minute', ScheduleExpression: 'rate(1 minute)' }));
    await allowRule(url, RuleArn!);
    await eventbridge.send(new PutTargetsCommand({ Rule: 'every-minute', Targets: [{ Id: 'q', Arn: await arnOf(url) }] }));
    const [message] = await eventually(async () => {
      const got = await receive(url);
      return got.length > 0 ? got : undefined;
    });
    expect(JSON.parse(message!.Body!)).toMatchObject({ source: 'aws.events', 'detail-type': 'Scheduled Event', resources: ['arn:aws:events:us-east-1:000000000000:rule/every-minute'], detail: {} });
  });
});
