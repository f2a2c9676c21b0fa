/**
 * EventBridge answers as AWS does where a learner's mistake meets the service: an event sent to a
 * bus that does not exist (accepted, then dropped, and the trace says why), events that
 * TestEventPattern refuses, the size limit of a whole PutEvents request, input transformers whose
 * placeholders are not defined, schedule expressions AWS refuses, and tags on rules and buses.
 */
import {
  CreateEventBusCommand, DeleteRuleCommand, ListTagsForResourceCommand, ListTargetsByRuleCommand, PutEventsCommand, PutRuleCommand,
  PutTargetsCommand, TagResourceCommand, TestEventPatternCommand, UntagResourceCommand,
} from '@aws-sdk/client-eventbridge';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/emulator/emulator.ts';
import { startEmulator } from '../../src/emulator/server.ts';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';

const ACCOUNT = '000000000000';
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:receipts`;
const ENVELOPE = { version: '0', id: '1', 'detail-type': 'OrderPlaced', source: 'shop.orders', account: ACCOUNT, time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: {} };

describe('EventBridge fidelity', () => {
  const emulator = useEmulator();
  const eventbridge = () => emulator.clients.eventbridge;
  const refusal = (message: string, name = 'ValidationException') => ({ name, message, $metadata: { httpStatusCode: 400 } });

  it('accepts an event for a bus that does not exist, drops it, and says why in the trace', async () => {
    const answer = await eventbridge().send(new PutEventsCommand({ Entries: [{ EventBusName: 'no-such-bus', Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{}' }] }));
    expect(answer.FailedEntryCount).toBe(0);
    const eventId = answer.Entries?.[0]?.EventId;
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    const trace = (await (await fetch(`${emulator.running.url}/_workshop/trace?eventId=${eventId}`)).json()) as { entries: TraceEntry[] };
    expect(trace.entries).toHaveLength(1);
    expect(trace.entries[0]).toMatchObject({ kind: 'event-received', bus: 'no-such-bus', outcome: 'dropped' });
    expect(trace.entries[0]!.detail).toContain('Event bus no-such-bus does not exist');
  });

  describe('TestEventPattern', () => {
    const test = (event: string) => eventbridge().send(new TestEventPatternCommand({ EventPattern: '{"source":["shop.orders"]}', Event: event }));

    it.each([
      ['a plain string', '"OrderPlaced"'],
      ['an array', JSON.stringify([ENVELOPE])],
      ['text that is not JSON', '{"id": '],
      ['an object without id', JSON.stringify({ ...ENVELOPE, id: undefined })],
      ['an object without detail-type', JSON.stringify({ ...ENVELOPE, 'detail-type': undefined })],
      ['a PutEvents entry instead of an event', JSON.stringify({ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{}' })],
    ])('refuses %s as the event, not the pattern', async (_name, event) => {
      await expect(test(event)).rejects.toMatchObject(refusal('Parameter Event is not valid.'));
    });

    it('accepts an event without resources, which AWS does not require in practice', async () => {
      expect((await test(JSON.stringify({ ...ENVELOPE, resources: undefined }))).Result).toBe(true);
    });
  });

  describe('the size of a PutEvents request', () => {
    const limit = DEFAULT_SETTINGS.eventEntryLimitBytes;
    // Entry size as AWS computes it: Source + DetailType + Detail (+ Resources, + 14 for Time).
    const entryOf = (size: number, time?: Date) => {
      const fixed = 'shop.orders'.length + 'Blob'.length + '{"b":""}'.length + (time ? 14 : 0);
      return { Source: 'shop.orders', DetailType: 'Blob', Detail: JSON.stringify({ b: 'x'.repeat(size - fixed) }), ...(time ? { Time: time } : {}) };
    };

    it('takes entries whose sizes add up to the limit', async () => {
      const answer = await eventbridge().send(new PutEventsCommand({ Entries: [entryOf(limit / 2), entryOf(limit / 2, new Date())] }));
      expect(answer.FailedEntryCount).toBe(0);
    });

    it('refuses the whole request when the entries together are one byte over', async () => {
      const put = eventbridge().send(new PutEventsCommand({ Entries: [entryOf(limit / 2), entryOf(limit / 2 + 1, new Date())] }));
      await expect(put).rejects.toMatchObject(refusal('Total size of the entries in the request is over the limit.'));
    });
  });

  describe('PutTargets', () => {
    const rule = 'receipts';
    const putTargets = async (targets: object[]) => {
      await eventbridge().send(new PutRuleCommand({ Name: rule, EventPattern: '{"source":["shop.orders"]}' }));
      return eventbridge().send(new PutTargetsCommand({ Rule: rule, Targets: targets as never }));
    };

    it('refuses a template placeholder that InputPathsMap does not define, and stores nothing', async () => {
      const transformer = { InputPathsMap: { order: '$.detail.orderId' }, InputTemplate: '{"order": <order>, "total": <total>}' };
      await expect(putTargets([{ Id: 'ok', Arn: QUEUE }, { Id: 't1', Arn: QUEUE, InputTransformer: transformer }]))
        .rejects.toMatchObject(refusal('InputTemplate for target t1 contains invalid placeholder total.'));
      expect((await eventbridge().send(new ListTargetsByRuleCommand({ Rule: rule }))).Targets).toEqual([]);
    });

    it('takes the placeholders EventBridge defines itself', async () => {
      const transformer = { InputTemplate: '{"rule": <aws.events.rule-name>, "arn": <aws.events.rule-arn>, "at": <aws.events.event.ingestion-time>, "event": <aws.events.event>, "all": <aws.events.event.json>}' };
      expect((await putTargets([{ Id: 't0', Arn: QUEUE, InputTransformer: transformer }])).FailedEntryCount).toBe(0);
    });

    it.each([
      ['Input and InputPath', { Input: '{}', InputPath: '$.detail' }],
      ['Input and InputTransformer', { Input: '{}', InputTransformer: { InputTemplate: '"x"' } }],
      ['InputPath and InputTransformer', { InputPath: '$.detail', InputTransformer: { InputTemplate: '"x"' } }],
    ])('refuses %s on one target', async (_name, input) => {
      await expect(putTargets([{ Id: 't2', Arn: QUEUE, ...input }]))
        .rejects.toMatchObject(refusal('Only one of Input, InputPath, or InputTransformer must be provided for target t2.'));
    });
  });

  describe('schedule expressions', () => {
    const schedule = (expression: string) => eventbridge().send(new PutRuleCommand({ Name: 'nightly', ScheduleExpression: expression }));

    it.each([' rate(10 minutes)', 'rate(1 minutes)', 'rate(10 minute)', 'rate(0 minutes)', 'cron(bad)'])('refuses %j', async (expression) => {
      await expect(schedule(expression)).rejects.toMatchObject(refusal('Parameter ScheduleExpression is not valid.'));
    });

    it.each(['rate(1 minute)', 'rate(10 minutes)', 'rate(1 hour)', 'rate(2 hours)', 'rate(1 day)', 'rate(7 days)', 'cron(0 2 * * ? *)'])('takes %j', async (expression) => {
      expect((await schedule(expression)).RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/nightly`);
    });
  });

  describe('tags on rules and buses', () => {
    const tagsOf = async (arn: string) => (await eventbridge().send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags;

    it('keeps the tags a bus is created with, adds, replaces and removes them', async () => {
      const { EventBusArn } = await eventbridge().send(new CreateEventBusCommand({ Name: 'tagged', Tags: [{ Key: 'team', Value: 'shop' }] }));
      expect(await tagsOf(EventBusArn!)).toEqual([{ Key: 'team', Value: 'shop' }]);
      await eventbridge().send(new TagResourceCommand({ ResourceARN: EventBusArn, Tags: [{ Key: 'team', Value: 'orders' }, { Key: 'stage', Value: 'dev' }] }));
      expect(await tagsOf(EventBusArn!)).toEqual([{ Key: 'team', Value: 'orders' }, { Key: 'stage', Value: 'dev' }]);
      await eventbridge().send(new UntagResourceCommand({ ResourceARN: EventBusArn, TagKeys: ['team', 'absent'] }));
      expect(await tagsOf(EventBusArn!)).toEqual([{ Key: 'stage', Value: 'dev' }]);
      expect(await tagsOf(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`)).toEqual([]);
    });

    it('takes a rule\'s tags when PutRule creates it, not when it updates it, and forgets them with the rule', async () => {
      await eventbridge().send(new CreateEventBusCommand({ Name: 'shop' }));
      const pattern = '{"source":["shop.orders"]}';
      const { RuleArn } = await eventbridge().send(new PutRuleCommand({ Name: 'placed', EventBusName: 'shop', EventPattern: pattern, Tags: [{ Key: 'a', Value: '1' }] }));
      expect(RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/shop/placed`);
      await eventbridge().send(new PutRuleCommand({ Name: 'placed', EventBusName: 'shop', EventPattern: pattern, Tags: [{ Key: 'b', Value: '2' }] }));
      expect(await tagsOf(RuleArn!)).toEqual([{ Key: 'a', Value: '1' }]);
      await eventbridge().send(new TagResourceCommand({ ResourceARN: RuleArn, Tags: [{ Key: 'b', Value: '2' }] }));
      expect(await tagsOf(RuleArn!)).toEqual([{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }]);
      await eventbridge().send(new DeleteRuleCommand({ Name: 'placed', EventBusName: 'shop' }));
      await eventbridge().send(new PutRuleCommand({ Name: 'placed', EventBusName: 'shop', EventPattern: pattern }));
      expect(await tagsOf(RuleArn!)).toEqual([]);
    });

    it.each([
      ['a bus that does not exist', `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/nope`, 'Event bus nope does not exist.'],
      ['a rule that does not exist', `arn:aws:events:us-east-1:${ACCOUNT}:rule/nope`, 'Rule nope does not exist on EventBus default.'],
      ['a rule missing from a custom bus', `arn:aws:events:us-east-1:${ACCOUNT}:rule/shop/nope`, 'Rule nope does not exist on EventBus shop.'],
      ['a rule on a bus that does not exist', `arn:aws:events:us-east-1:${ACCOUNT}:rule/ghost/nope`, 'Event bus ghost does not exist.'],
    ])('answers ResourceNotFoundException for %s', async (_name, arn, message) => {
      const notFound = refusal(message, 'ResourceNotFoundException');
      await expect(tagsOf(arn)).rejects.toMatchObject(notFound);
      await expect(eventbridge().send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'k', Value: 'v' }] }))).rejects.toMatchObject(notFound);
      await expect(eventbridge().send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['k'] }))).rejects.toMatchObject(notFound);
    });

    it('refuses an ARN that names neither a rule nor a bus', async () => {
      const arn = `arn:aws:events:us-east-1:${ACCOUNT}:archive/orders`;
      await expect(tagsOf(arn)).rejects.toMatchObject(refusal(`Parameter ${arn} is not valid. Reason: Provided Arn is not in correct format.`));
    });

    it('keeps tags across a restart with a state folder', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'events-tags-'));
      try {
        let running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
        let clients = clientsAt(running.url);
        const { EventBusArn } = await clients.eventbridge.send(new CreateEventBusCommand({ Name: 'kept' }));
        await clients.eventbridge.send(new TagResourceCommand({ ResourceARN: EventBusArn, Tags: [{ Key: 'team', Value: 'shop' }] }));
        clients.destroy();
        await running.stop();
        running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
        clients = clientsAt(running.url);
        expect((await clients.eventbridge.send(new ListTagsForResourceCommand({ ResourceARN: EventBusArn }))).Tags).toEqual([{ Key: 'team', Value: 'shop' }]);
        clients.destroy();
        await running.stop();
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
