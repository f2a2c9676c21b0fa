import {
  CreateEventBusCommand, DescribeEventBusCommand, PutEventsCommand, PutPermissionCommand, PutRuleCommand, PutTargetsCommand, RemovePermissionCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ReceiveMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';

const OWNER = '000000000000';
const SENDER = '111111111111';
const REGION = 'us-east-1';
const ANY_SENDER_ALLOWED = (queueArn: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queueArn }],
});

describe('EventBridge bus policies', () => {
  const emulator = useEmulator({ timeFactor: 0.001 });
  const owner = () => emulator.clients.eventbridge;
  const policyOf = async (Name?: string) => {
    const { Policy } = await owner().send(new DescribeEventBusCommand({ Name }));
    return Policy === undefined ? undefined : (JSON.parse(Policy) as { Statement: Array<Record<string, unknown>> });
  };

  it('adds statements with PutPermission, shows them in DescribeEventBus, replaces one by StatementId, and removes them', async () => {
    await owner().send(new CreateEventBusCommand({ Name: 'partners' }));
    expect(await policyOf('partners')).toBeUndefined();
    await owner().send(new PutPermissionCommand({ EventBusName: 'partners', Action: 'events:PutEvents', Principal: SENDER, StatementId: 'sender' }));
    await owner().send(new PutPermissionCommand({ EventBusName: 'partners', Action: 'events:PutEvents', Principal: '*', StatementId: 'org', Condition: { Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-1234567890' } }));
    await owner().send(new PutPermissionCommand({ EventBusName: 'partners', Action: 'events:PutEvents', Principal: '222222222222', StatementId: 'sender' }));
    const busArn = `arn:aws:events:${REGION}:${OWNER}:event-bus/partners`;
    expect((await policyOf('partners'))!.Statement).toEqual([
      { Sid: 'org', Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: busArn, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1234567890' } } },
      { Sid: 'sender', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 'events:PutEvents', Resource: busArn },
    ]);
    await owner().send(new RemovePermissionCommand({ EventBusName: 'partners', StatementId: 'org' }));
    expect((await policyOf('partners'))!.Statement.map((statement) => statement.Sid)).toEqual(['sender']);
    await expect(owner().send(new RemovePermissionCommand({ EventBusName: 'partners', StatementId: 'org' })))
      .rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Statement with the provided id does not exist.' });
    await owner().send(new RemovePermissionCommand({ EventBusName: 'partners', RemoveAllPermissions: true }));
    expect(await policyOf('partners')).toBeUndefined();
    await expect(owner().send(new RemovePermissionCommand({ EventBusName: 'partners', StatementId: 'sender' })))
      .rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Statement with the provided id does not exist.' });
  });

  it('takes a whole policy document on the default bus, and refuses what AWS refuses', async () => {
    const policy = { Version: '2012-10-17', Statement: [{ Sid: 'rules', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'events:ListRules', Resource: '*' }] };
    await owner().send(new PutPermissionCommand({ Policy: JSON.stringify(policy) }));
    expect(await policyOf()).toEqual(policy);
    const refused = (message: string, name = 'ValidationException') => expect.objectContaining({ name, message: expect.stringContaining(message) });
    await expect(owner().send(new PutPermissionCommand({ Policy: '{not json' }))).rejects.toEqual(refused('This policy contains invalid Json'));
    await expect(owner().send(new PutPermissionCommand({ Action: 'events:PutEvents', Principal: 'someone', StatementId: 's' })))
      .rejects.toEqual(refused("Value 'someone' at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\d{12}|\\*)"));
    await expect(owner().send(new PutPermissionCommand({ Action: 'events:DeleteRule', Principal: SENDER, StatementId: 's' })))
      .rejects.toEqual(refused("Provided value in parameter 'action' is not supported."));
    await expect(owner().send(new PutPermissionCommand({ EventBusName: 'no-such-bus', Action: 'events:PutEvents', Principal: SENDER, StatementId: 's' })))
      .rejects.toEqual(refused('Event bus no-such-bus does not exist.', 'ResourceNotFoundException'));
    await owner().send(new RemovePermissionCommand({ RemoveAllPermissions: true }));
  });

  describe('across accounts', () => {
    const trace = (eventId: string): TraceEntry[] => emulator.running.emulator.trace.list({ eventId });
    const collector = async (name: string) => {
      const { sqs, eventbridge } = emulator.clients;
      const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
      const queueArn = `arn:aws:sqs:${REGION}:${OWNER}:${name}`;
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: ANY_SENDER_ALLOWED(queueArn) } }));
      await eventbridge.send(new CreateEventBusCommand({ Name: name }));
      await eventbridge.send(new PutRuleCommand({ Name: 'collect', EventBusName: name, EventPattern: '{"source":["partner.shop"]}' }));
      await eventbridge.send(new PutTargetsCommand({ Rule: 'collect', EventBusName: name, Targets: [{ Id: 'q', Arn: queueArn }] }));
      return { url, busArn: `arn:aws:events:${REGION}:${OWNER}:event-bus/${name}` };
    };
    const received = async (url: string) => (await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }))).Messages ?? [];
    const entry = (busArn: string) => ({ EventBusName: busArn, Source: 'partner.shop', DetailType: 'OrderShipped', Detail: '{"orderId":"o-1"}' });

    it('refuses a PutEvents to another account\'s bus ARN per entry with AccessDeniedException until the bus policy allows the sender', async () => {
      const { url, busArn } = await collector('inbound');
      const sender = emulator.clientsFor(SENDER).eventbridge;
      const denied = await sender.send(new PutEventsCommand({ Entries: [entry(busArn)] }));
      expect(denied.FailedEntryCount).toBe(1);
      expect(denied.Entries![0]).toEqual({
        ErrorCode: 'AccessDeniedException',
        ErrorMessage: `User: arn:aws:iam::${SENDER}:root is not authorized to perform: events:PutEvents on resource: ${busArn} because no resource-based policy allows the events:PutEvents action`,
      });
      await owner().send(new PutPermissionCommand({ EventBusName: 'inbound', Action: 'events:PutEvents', Principal: SENDER, StatementId: 'sender' }));
      const allowed = await sender.send(new PutEventsCommand({ Entries: [entry(busArn)] }));
      expect(allowed.FailedEntryCount).toBe(0);
      const [message] = await eventually(async () => { const got = await received(url); return got.length > 0 ? got : undefined; });
      expect(JSON.parse(message!.Body!)).toMatchObject({ id: allowed.Entries![0]!.EventId, account: SENDER, detail: { orderId: 'o-1' } });
    });

    it('fails a rule\'s delivery to another account\'s bus without its permission, and says why in the trace; PutEvents still succeeds', async () => {
      const { url, busArn } = await collector('forwarded');
      const sender = emulator.clientsFor(SENDER).eventbridge;
      await sender.send(new PutRuleCommand({ Name: 'forward', EventPattern: '{"source":["partner.shop"]}' }));
      await sender.send(new PutTargetsCommand({ Rule: 'forward', Targets: [{ Id: 'partner', Arn: busArn }] }));
      const first = await sender.send(new PutEventsCommand({ Entries: [{ ...entry(busArn), EventBusName: undefined }] }));
      expect(first.FailedEntryCount).toBe(0);
      const refused = await eventually(() => trace(first.Entries![0]!.EventId!).find((step) => step.outcome === 'refused'));
      expect(refused).toMatchObject({ account: SENDER, kind: 'delivery', target: busArn });
      expect(refused.detail).toContain(`the bus policy of ${busArn} does not allow account ${SENDER}`);
      expect(await received(url)).toEqual([]);

      await owner().send(new PutPermissionCommand({ EventBusName: 'forwarded', Action: 'events:PutEvents', Principal: SENDER, StatementId: 'sender' }));
      const second = await sender.send(new PutEventsCommand({ Entries: [{ ...entry(busArn), EventBusName: undefined }] }));
      await eventually(() => trace(second.Entries![0]!.EventId!).find((step) => step.outcome === 'delivered'));
      await eventually(async () => (await received(url)).length > 0);
    });
  });
});
