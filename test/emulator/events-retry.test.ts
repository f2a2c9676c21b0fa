/**
 * Retry and dead-letter behaviour of EventBridge delivery. No emulated target fails transiently
 * on its own (AWS's own targets rarely do), so this file runs EventBridge next to a small SQS
 * stand-in whose SendMessage fails with a server error for one queue, through the same in-process
 * calls the real services use.
 */
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { InternalFailure } from '../../src/emulator/errors.ts';
import { createEventsService } from '../../src/emulator/services/events/service.ts';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import type { ServiceDefinition } from '../../src/emulator/types.ts';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';

const received: Array<{ queue: string; body: string; attributes: Record<string, { StringValue: string }> }> = [];
let failuresLeft = 0;

const flakySqs: ServiceDefinition<object> = {
  name: 'sqs',
  signingNames: ['sqs-standin'],
  protocol: 'json',
  targetPrefix: 'SqsStandIn',
  createState: () => ({}),
  operations: {
    GetQueueUrl: (input: { QueueName: string }) => ({ QueueUrl: `queue://${input.QueueName}` }),
    // Every stand-in queue has the policy EventBridge needs before it sends to a queue.
    GetQueueAttributes: () => ({ Attributes: { Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*' }] }) } }),
    SendMessage(input: { QueueUrl: string; MessageBody: string; MessageAttributes?: Record<string, { StringValue: string }> }) {
      const queue = input.QueueUrl.slice('queue://'.length);
      if (queue === 'always-down' || (queue === 'flaky' && failuresLeft-- > 0)) throw new InternalFailure('queue temporarily unavailable');
      received.push({ queue, body: input.MessageBody, attributes: input.MessageAttributes ?? {} });
      return { MessageId: String(received.length) };
    },
  },
};

describe('EventBridge retries and dead-letter queues', () => {
  const emulator = useEmulator({ timeFactor: 0.001, services: [createEventsService(), flakySqs] });
  const trace = (eventId: string): TraceEntry[] => emulator.running.emulator.trace.list({ eventId });
  const put = async (detailType: string) => {
    const answer = await emulator.clients.eventbridge.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: detailType, Detail: '{"orderId":"o-1"}' }] }));
    return answer.Entries![0]!.EventId!;
  };

  it('retries a failing target with back-off and delivers once it recovers', async () => {
    const { eventbridge } = emulator.clients;
    await eventbridge.send(new PutRuleCommand({ Name: 'to-flaky', EventPattern: '{"detail-type":["Flaky"]}' }));
    await eventbridge.send(new PutTargetsCommand({ Rule: 'to-flaky', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:flaky' }] }));
    failuresLeft = 2;
    const id = await put('Flaky');
    await eventually(() => received.find((message) => message.queue === 'flaky'));
    expect(trace(id).filter((entry) => entry.kind === 'delivery').map((entry) => entry.outcome)).toEqual(['retry', 'retry', 'delivered']);
  });

  it('gives up after MaximumRetryAttempts and sends the event with its error to the dead-letter queue', async () => {
    const { eventbridge } = emulator.clients;
    const { RuleArn } = await eventbridge.send(new PutRuleCommand({ Name: 'to-down', EventPattern: '{"detail-type":["Down"]}' }));
    await eventbridge.send(new PutTargetsCommand({
      Rule: 'to-down',
      Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:always-down', RetryPolicy: { MaximumRetryAttempts: 3 }, DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:dlq' } }],
    }));
    const id = await put('Down');
    const dead = await eventually(() => received.find((message) => message.queue === 'dlq'));
    expect(JSON.parse(dead.body)).toMatchObject({ id, 'detail-type': 'Down', detail: { orderId: 'o-1' } });
    expect(dead.attributes.ERROR_CODE?.StringValue).toBe('ERROR_FROM_TARGET');
    expect(dead.attributes.RULE_ARN?.StringValue).toBe(RuleArn);
    expect(dead.attributes.TARGET_ARN?.StringValue).toBe('arn:aws:sqs:us-east-1:000000000000:always-down');
    expect(trace(id).filter((entry) => entry.kind === 'delivery').map((entry) => entry.outcome)).toEqual(['retry', 'retry', 'retry', 'dead-lettered']);
  });

  it('drops an event whose retries are exhausted when no dead-letter queue is configured, and says so', async () => {
    const { eventbridge } = emulator.clients;
    await eventbridge.send(new PutRuleCommand({ Name: 'to-down-no-dlq', EventPattern: '{"detail-type":["DownNoDlq"]}' }));
    await eventbridge.send(new PutTargetsCommand({ Rule: 'to-down-no-dlq', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:always-down', RetryPolicy: { MaximumRetryAttempts: 0 } }] }));
    const id = await put('DownNoDlq');
    const last = await eventually(() => trace(id).find((entry) => entry.outcome === 'dropped'));
    expect(last.detail).toContain('no dead-letter queue');
    const stats = (emulator.running.emulator.services.get('events') as ReturnType<typeof createEventsService>).deliveries()!.stats;
    expect(stats.dropped).toBeGreaterThanOrEqual(1);
  });
});
