/**
 * SNS fan-out through the real SDK: the envelope or the raw message in SQS, filter policies on
 * attributes and on the body (with the verdict in the trace), the queue policy AWS requires, a
 * Lambda subscriber's Records[].Sns event and its resource policy.
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AddPermissionCommand } from '@aws-sdk/client-lambda';
import { ConfirmSubscriptionCommand, CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';
import { createQueue, receiveAll, receiveSome, snsClientOf, traceOf } from './sns-support.ts';

describe('SNS delivery to SQS and Lambda', () => {
  const emulator = useEmulator({ timeFactor: 0.001, settings: { lambdaStateDelayMs: 10 } });
  const sns = snsClientOf(emulator);
  const topic = async (name: string) => (await sns().send(new CreateTopicCommand({ Name: name }))).TopicArn!;

  it('delivers the SNS envelope to a queue whose policy allows the topic', async () => {
    const topicArn = await topic('orders');
    const queue = await createQueue(emulator, 'orders-envelope', topicArn);
    const { SubscriptionArn } = await sns().send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queue.arn }));
    expect(SubscriptionArn).toMatch(new RegExp(`^${topicArn}:[0-9a-f-]{36}$`));
    const { MessageId } = await sns().send(new PublishCommand({ TopicArn: topicArn, Subject: 'New order', Message: 'order o-1 placed', MessageAttributes: { kind: { DataType: 'String', StringValue: 'placed' }, total: { DataType: 'Number', StringValue: '42' } } }));
    const [message] = await receiveSome(emulator, queue.url);
    const body = JSON.parse(message!.Body!);
    expect(body).toMatchObject({ Type: 'Notification', MessageId, TopicArn: topicArn, Subject: 'New order', Message: 'order o-1 placed', SignatureVersion: '1', MessageAttributes: { kind: { Type: 'String', Value: 'placed' }, total: { Type: 'Number', Value: '42' } } });
    expect(Object.keys(body)).toEqual(['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes']);
    expect(body.UnsubscribeURL).toContain(encodeURIComponent(SubscriptionArn!));
    const steps = await traceOf(emulator, MessageId!);
    expect(steps.map((step) => step.kind)).toEqual(['event-received', 'rule-matched', 'delivery']);
    expect(steps.at(-1)).toMatchObject({ outcome: 'delivered', target: queue.arn, rule: SubscriptionArn });
  });

  it('delivers the raw message with its attributes as SQS message attributes when RawMessageDelivery is true', async () => {
    const topicArn = await topic('orders-raw');
    const queue = await createQueue(emulator, 'orders-raw', topicArn);
    await sns().send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queue.arn, Attributes: { RawMessageDelivery: 'true' } }));
    await sns().send(new PublishCommand({ TopicArn: topicArn, Message: '{"order":"o-2"}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'placed' } } }));
    const messages = await receiveSome(emulator, queue.url);
    expect(messages[0]!.Body).toBe('{"order":"o-2"}');
    expect(messages[0]!.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'placed' } });
  });

  it('applies filter policies on attributes and on the message body, and records why a message was filtered out', async () => {
    const topicArn = await topic('orders-filtered');
    const big = await createQueue(emulator, 'orders-big', topicArn);
    const eu = await createQueue(emulator, 'orders-eu', topicArn);
    const bigSub = await sns().send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: big.arn, ReturnSubscriptionArn: true, Attributes: { FilterPolicy: JSON.stringify({ total: [{ numeric: ['>=', 100] }], kind: [{ 'anything-but': 'test' }] }) } }));
    await sns().send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: eu.arn, Attributes: { FilterPolicyScope: 'MessageBody', FilterPolicy: JSON.stringify({ shipping: { region: [{ prefix: 'eu-' }] } }), RawMessageDelivery: 'true' } }));
    const publish = (total: number, region: string) => sns().send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ total, shipping: { region } }), MessageAttributes: { total: { DataType: 'Number', StringValue: String(total) }, kind: { DataType: 'String', StringValue: 'real' } } }));
    const large = await publish(250, 'us-east-1');
    const small = await publish(5, 'eu-west-1');
    const bigGot = await receiveSome(emulator, big.url);
    expect(bigGot.map((message) => JSON.parse(JSON.parse(message.Body!).Message).total)).toEqual([250]);
    const euGot = await receiveSome(emulator, eu.url);
    expect(euGot.map((message) => JSON.parse(message.Body!).total)).toEqual([5]);
    const filtered = (await traceOf(emulator, small.MessageId!)).find((step) => step.kind === 'rule-not-matched' && step.rule === bigSub.SubscriptionArn);
    expect(filtered?.field).toBe('total');
    expect(filtered?.reason).toContain('filter policy (MessageAttributes) did not match');
    const bodyMiss = (await traceOf(emulator, large.MessageId!)).find((step) => step.kind === 'rule-not-matched');
    expect(bodyMiss?.field).toBe('shipping.region');
  });

  it('refuses to deliver to a queue whose policy does not allow the topic, and the trace names the missing policy', async () => {
    const topicArn = await topic('orders-unallowed');
    const queue = await createQueue(emulator, 'orders-closed');
    await sns().send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queue.arn }));
    const { MessageId } = await sns().send(new PublishCommand({ TopicArn: topicArn, Message: 'hello' }));
    const refused = await eventually(async () => (await traceOf(emulator, MessageId!)).find((step) => step.outcome === 'refused'));
    expect(refused.detail).toContain(`the queue policy of ${queue.arn} does not allow sns.amazonaws.com`);
    expect(refused.detail).toContain(`aws:SourceArn ${topicArn}`);
    expect(await receiveAll(emulator, queue.url)).toEqual([]);
  });

  it('invokes a Lambda subscriber asynchronously with the Records[].Sns event once its policy allows sns.amazonaws.com', async () => {
    const { lambda, logs } = emulator.clients;
    const topicArn = await topic('orders-lambda');
    await createFunction(lambda, 'on-order', { files: { 'index.js': 'exports.handler = async (event) => { console.log("EVENT " + JSON.stringify(event)); };' } });
    const functionArn = `arn:aws:lambda:us-east-1:000000000000:function:on-order`;
    const { SubscriptionArn } = await sns().send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: functionArn }));
    const first = await sns().send(new PublishCommand({ TopicArn: topicArn, Message: 'without permission' }));
    const refused = await eventually(async () => (await traceOf(emulator, first.MessageId!)).find((step) => step.outcome === 'refused'));
    expect(refused.detail).toContain('--principal sns.amazonaws.com');
    await lambda.send(new AddPermissionCommand({ FunctionName: 'on-order', StatementId: 'sns', Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: topicArn }));
    const { MessageId } = await sns().send(new PublishCommand({ TopicArn: topicArn, Subject: 'hi', Message: 'order o-9', MessageAttributes: { kind: { DataType: 'String', StringValue: 'placed' } } }));
    const line = await eventually(async () => {
      const events = (await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/on-order' }))).events ?? [];
      return events.find((event) => event.message?.includes(MessageId!));
    });
    const event = JSON.parse(line.message!.slice(line.message!.indexOf('EVENT ') + 6));
    expect(event.Records[0]).toMatchObject({ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: SubscriptionArn, Sns: { Type: 'Notification', MessageId, TopicArn: topicArn, Subject: 'hi', Message: 'order o-9', MessageAttributes: { kind: { Type: 'String', Value: 'placed' } } } });
    expect(Object.keys(event.Records[0].Sns)).toContain('SigningCertUrl');
  });

  it('sends each protocol its own message under MessageStructure json', async () => {
    const topicArn = await topic('orders-structured');
    const queue = await createQueue(emulator, 'orders-structured', topicArn);
    await sns().send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queue.arn }));
    await sns().send(new PublishCommand({ TopicArn: topicArn, MessageStructure: 'json', Message: JSON.stringify({ default: 'for everyone', sqs: 'for queues' }) }));
    const [message] = await receiveSome(emulator, queue.url);
    expect(JSON.parse(message!.Body!).Message).toBe('for queues');
    const missingDefault = await sns().send(new PublishCommand({ TopicArn: topicArn, MessageStructure: 'json', Message: JSON.stringify({ sqs: 'x' }) })).catch((error: Error) => error);
    expect((missingDefault as Error).message).toBe('Invalid parameter: Message Structure - No default entry in JSON message body');
  });

  it('records email and SMS deliveries in the trace instead of sending them, with the token that confirms an email subscription', async () => {
    const topicArn = await topic('orders-people');
    const email = await sns().send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'shop@example.com', ReturnSubscriptionArn: true }));
    await sns().send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sms', Endpoint: '+15555550100' }));
    const request = await eventually(async () => {
      const entries = (await (await fetch(`${emulator.running.url}/_workshop/trace`)).json()) as { entries: Array<{ rule?: string; kind: string; detail?: string }> };
      return entries.entries.find((entry) => entry.rule === email.SubscriptionArn && entry.kind === 'delivery');
    });
    const token = /Token ([0-9a-f]{128})/.exec(request.detail!)![1]!;
    expect((await sns().send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: token }))).SubscriptionArn).toBe(email.SubscriptionArn);
    const { MessageId } = await sns().send(new PublishCommand({ TopicArn: topicArn, Subject: 'Shipped', Message: 'order o-5 shipped' }));
    const deliveries = await eventually(async () => {
      const steps = (await traceOf(emulator, MessageId!)).filter((step) => step.kind === 'delivery');
      return steps.length === 2 ? steps : undefined;
    });
    expect(deliveries.map((step) => step.detail).sort()).toEqual([
      'recorded, not sent: an SMS to +15555550100: order o-5 shipped',
      'recorded, not sent: an email to shop@example.com with subject "Shipped": order o-5 shipped',
    ]);
  });
});
