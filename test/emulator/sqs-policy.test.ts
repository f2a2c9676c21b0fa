import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('sqs-policy');

const OWNER = '000000000000';
const OTHER = '222222222222';
const arnOf = (name: string, account = OWNER) => `arn:aws:sqs:us-east-1:${account}:${name}`;
/** The queue policy AWS documents for an EventBridge rule's queue target. */
const queuePolicyFor = (queueArn: string, ruleArn: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queueArn, Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } } }],
});

describe('SQS queue policies', () => {
  const emulator = useEmulator({ timeFactor: 0.001 });
  const trace = (eventId: string) => emulator.running.emulator.trace.list({ eventId });
  const receive = async (QueueUrl: string) => (await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }))).Messages ?? [];
  const queue = async (name: string, policy?: string) => {
    const { QueueUrl } = await emulator.clients.sqs.send(new CreateQueueCommand({ QueueName: name, ...(policy ? { Attributes: { Policy: policy } } : {}) }));
    return QueueUrl!;
  };
  const rule = async (name: string, target: { Id: string; Arn: string; DeadLetterConfig?: { Arn: string } }) => {
    const { RuleArn } = await emulator.clients.eventbridge.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: [`shop.${name}`] }) }));
    await emulator.clients.eventbridge.send(new PutTargetsCommand({ Rule: name, Targets: [target] }));
    return RuleArn!;
  };
  const publish = async (name: string) => {
    const answer = await emulator.clients.eventbridge.send(new PutEventsCommand({ Entries: [{ Source: `shop.${name}`, DetailType: 'OrderPlaced', Detail: '{"orderId":"o-1"}' }] }));
    expect(answer.FailedEntryCount).toBe(0);
    return answer.Entries![0]!.EventId!;
  };

  describe('as EventBridge targets', () => {
    it('does not deliver to a queue without a policy for events.amazonaws.com, says why, and dead-letters the event', async () => {
      const url = await queue('no-policy');
      const dlqUrl = await queue('no-policy-dlq');
      const ruleArn = await rule('unpolicied', { Id: 'q', Arn: arnOf('no-policy'), DeadLetterConfig: { Arn: arnOf('no-policy-dlq') } });
      const eventId = await publish('unpolicied');
      const [dead] = await eventually(async () => { const got = await receive(dlqUrl); return got.length > 0 ? got : undefined; });
      expect(dead!.MessageAttributes?.ERROR_CODE?.StringValue).toBe('NO_PERMISSIONS');
      const refused = trace(eventId).find((step) => step.outcome === 'refused');
      expect(refused?.detail).toContain(`the queue policy of ${arnOf('no-policy')} does not allow events.amazonaws.com to send for rule ${ruleArn}`);
      expect(trace(eventId).some((step) => step.outcome === 'delivered')).toBe(false);
      expect(await receive(url)).toEqual([]);
    });

    it('delivers once the policy allows this rule, and refuses a policy scoped to another rule', async () => {
      const ruleArn = await rule('policied', { Id: 'q', Arn: arnOf('policied') });
      const url = await queue('policied', queuePolicyFor(arnOf('policied'), ruleArn));
      const eventId = await publish('policied');
      await eventually(() => trace(eventId).find((step) => step.outcome === 'delivered'));
      expect(JSON.parse((await eventually(async () => (await receive(url))[0]))!.Body!)).toMatchObject({ id: eventId });

      const otherRule = await rule('elsewhere', { Id: 'q', Arn: arnOf('policied') });
      const refusedId = await publish('elsewhere');
      const refused = await eventually(() => trace(refusedId).find((step) => step.outcome === 'refused'));
      expect(refused.detail).toContain(`for rule ${otherRule}`);
    });
  });

  describe('from another account', () => {
    const other = () => emulator.clientsFor(OTHER).sqs;
    const allow = (actions: string[], queueName: string) => JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: actions, Resource: arnOf(queueName) }],
    });

    it('sends to a queue whose policy allows that account, and nothing else', async () => {
      const url = await queue('shared');
      await expect(other().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'hello' }))).rejects.toMatchObject({ name: 'AccessDenied', Code: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      await emulator.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: allow(['sqs:SendMessage', 'sqs:GetQueueUrl'], 'shared') } }));
      const { QueueUrl } = await other().send(new GetQueueUrlCommand({ QueueName: 'shared', QueueOwnerAWSAccountId: OWNER }));
      expect(QueueUrl).toBe(url);
      const sent = await other().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'hello' }));
      const [message] = await receive(url);
      expect(message).toMatchObject({ MessageId: sent.MessageId, Body: 'hello' });
      await expect(other().send(new ReceiveMessageCommand({ QueueUrl: url }))).rejects.toMatchObject({ name: 'AccessDenied' });
      await expect(other().send(new SendMessageCommand({ QueueUrl: `${emulator.running.url}/${OWNER}/no-such-queue`, MessageBody: 'x' }))).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
    });

    it.skipIf(!hasAws)('the AWS CLI: send-message from another account answers AccessDenied until the queue policy allows it', async () => {
      const url = await queue('cli-shared');
      const send = () => run('aws', ['--endpoint-url', emulator.running.url, 'sqs', 'send-message', '--queue-url', url, '--message-body', 'from-cli', '--output', 'json'], {
        timeout: 30_000, env: clientEnv({ AWS_ACCESS_KEY_ID: OTHER }),
      });
      await expect(send()).rejects.toMatchObject({ stderr: expect.stringContaining('AccessDenied') });
      await emulator.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: allow(['sqs:SendMessage'], 'cli-shared') } }));
      const { stdout } = await send();
      expect(JSON.parse(stdout).MessageId).toMatch(/^[0-9a-f-]{36}$/);
      expect((await receive(url))[0]?.Body).toBe('from-cli');
    });
  });
});
