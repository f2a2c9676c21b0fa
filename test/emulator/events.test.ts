import {
  CreateEventBusCommand, DeleteEventBusCommand, DeleteRuleCommand, DescribeEventBusCommand, DescribeRuleCommand, DisableRuleCommand,
  ListEventBusesCommand, ListRuleNamesByTargetCommand, ListRulesCommand, ListTargetsByRuleCommand, PutEventsCommand, PutRuleCommand,
  PutTargetsCommand, RemoveTargetsCommand, TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

describe('EventBridge control plane through the real SDK', () => {
  const emulator = useEmulator();

  it('has a default bus and manages custom buses', async () => {
    const { eventbridge } = emulator.clients;
    const created = await eventbridge.send(new CreateEventBusCommand({ Name: 'shop' }));
    expect(created.EventBusArn).toBe('arn:aws:events:us-east-1:000000000000:event-bus/shop');
    const names = (await eventbridge.send(new ListEventBusesCommand({}))).EventBuses?.map((bus) => bus.Name);
    expect(names).toEqual(['default', 'shop']);
    await expect(eventbridge.send(new CreateEventBusCommand({ Name: 'shop' }))).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    await expect(eventbridge.send(new DescribeEventBusCommand({ Name: 'nope' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    await expect(eventbridge.send(new DeleteEventBusCommand({ Name: 'default' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('creates rules with patterns, lists them by prefix, and refuses bad patterns', async () => {
    const { eventbridge } = emulator.clients;
    const pattern = JSON.stringify({ source: ['shop.orders'], 'detail-type': ['OrderPlaced'] });
    const put = await eventbridge.send(new PutRuleCommand({ Name: 'order-placed', EventPattern: pattern, EventBusName: 'shop', Description: 'new orders' }));
    expect(put.RuleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/shop/order-placed');
    const onDefault = await eventbridge.send(new PutRuleCommand({ Name: 'nightly', ScheduleExpression: 'cron(0 2 * * ? *)' }));
    expect(onDefault.RuleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/nightly');
    const described = await eventbridge.send(new DescribeRuleCommand({ Name: 'order-placed', EventBusName: 'shop' }));
    expect(described).toMatchObject({ Name: 'order-placed', EventPattern: pattern, State: 'ENABLED', EventBusName: 'shop', Description: 'new orders' });
    await eventbridge.send(new PutRuleCommand({ Name: 'order-shipped', EventPattern: pattern, EventBusName: 'shop' }));
    const listed = await eventbridge.send(new ListRulesCommand({ EventBusName: 'shop', NamePrefix: 'order-p' }));
    expect(listed.Rules?.map((rule) => rule.Name)).toEqual(['order-placed']);
    const paged = await eventbridge.send(new ListRulesCommand({ EventBusName: 'shop', Limit: 1 }));
    expect(paged.Rules).toHaveLength(1);
    expect(paged.NextToken).toBeTruthy();
    await eventbridge.send(new DisableRuleCommand({ Name: 'order-shipped', EventBusName: 'shop' }));
    expect((await eventbridge.send(new DescribeRuleCommand({ Name: 'order-shipped', EventBusName: 'shop' }))).State).toBe('DISABLED');

    await expect(eventbridge.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source": "not-an-array"}' }))).rejects.toMatchObject({ name: 'InvalidEventPatternException', $metadata: { httpStatusCode: 400 } });
    await expect(eventbridge.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{not json' }))).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
    await expect(eventbridge.send(new PutRuleCommand({ Name: 'bad' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(eventbridge.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: 'rate(1 minutes)' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(eventbridge.send(new PutRuleCommand({ Name: 'x', EventPattern: pattern, EventBusName: 'missing' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(eventbridge.send(new DescribeRuleCommand({ Name: 'none', EventBusName: 'shop' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('stores targets, reports bad entries in FailedEntries, and refuses to delete a rule with targets', async () => {
    const { eventbridge } = emulator.clients;
    await eventbridge.send(new PutRuleCommand({ Name: 'with-targets', EventPattern: '{"source":["shop"]}' }));
    const queueArn = 'arn:aws:sqs:us-east-1:000000000000:orders';
    const result = await eventbridge.send(new PutTargetsCommand({
      Rule: 'with-targets',
      Targets: [
        { Id: 'queue', Arn: queueArn, InputPath: '$.detail' },
        { Id: 'broken', Arn: 'not-an-arn' },
      ],
    }));
    expect(result.FailedEntryCount).toBe(1);
    expect(result.FailedEntries?.map((entry) => entry.TargetId)).toEqual(['broken']);
    const targets = await eventbridge.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }));
    expect(targets.Targets).toEqual([{ Id: 'queue', Arn: queueArn, InputPath: '$.detail' }]);
    expect((await eventbridge.send(new ListRuleNamesByTargetCommand({ TargetArn: queueArn }))).RuleNames).toEqual(['with-targets']);
    await expect(eventbridge.send(new DeleteRuleCommand({ Name: 'with-targets' }))).rejects.toMatchObject({ name: 'ValidationException', message: "Rule can't be deleted since it has targets." });
    await eventbridge.send(new RemoveTargetsCommand({ Rule: 'with-targets', Ids: ['queue'] }));
    await eventbridge.send(new DeleteRuleCommand({ Name: 'with-targets' }));
    await expect(eventbridge.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('validates PutEvents per entry and refuses more than 10 entries', async () => {
    const { eventbridge } = emulator.clients;
    const ok = { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-1"}' };
    const answer = await eventbridge.send(new PutEventsCommand({
      Entries: [ok, { ...ok, Detail: '{broken' }, { ...ok, EventBusName: 'no-such-bus' }, { ...ok, Detail: 'x'.repeat(10) }],
    }));
    expect(answer.FailedEntryCount).toBe(2);
    expect(answer.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.Entries?.[1]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    // AWS takes an event for a bus that does not exist and drops it.
    expect(answer.Entries?.[2]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(eventbridge.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => ok) }))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });

  it('refuses a request larger than the configured limit', async () => {
    const big = { Source: 's', DetailType: 'd', Detail: JSON.stringify({ blob: 'x'.repeat(1024 * 1024) }) };
    await expect(emulator.clients.eventbridge.send(new PutEventsCommand({ Entries: [big] }))).rejects.toMatchObject({ name: 'ValidationException', message: 'Total size of the entries in the request is over the limit.' });
  });

  it('answers TestEventPattern with the same matcher', async () => {
    const event = JSON.stringify({ id: '1', account: '000000000000', source: 'shop.orders', time: '2026-01-01T00:00:00Z', region: 'us-east-1', 'detail-type': 'OrderPlaced', resources: [], detail: { total: 250 } });
    const test = (pattern: object) => emulator.clients.eventbridge.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: event }));
    expect((await test({ detail: { total: [{ numeric: ['>', 100] }] } })).Result).toBe(true);
    expect((await test({ detail: { total: [{ numeric: ['<', 100] }] } })).Result).toBe(false);
    await expect(test({ detail: { total: [{ numeric: ['>'] }] } })).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
  });

  it('keeps accounts apart', async () => {
    const other = emulator.clientsFor('444455556666').eventbridge;
    await expect(other.send(new DescribeEventBusCommand({ Name: 'shop' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
