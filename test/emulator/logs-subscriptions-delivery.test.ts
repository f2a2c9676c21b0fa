/**
 * Subscription filters delivering to real Lambda functions in the emulator: the documented
 * `awslogs` payload (base64 of gzip of the DATA_MESSAGE JSON), events from PutLogEvents and from a
 * function's own logs, the event-flow trace, a function subscribed to its own log group stopped
 * before it loops, and filters that survive a restart with --state.
 */
import { CreateLogGroupCommand, CreateLogStreamCommand, DescribeSubscriptionFiltersCommand, FilterLogEventsCommand, PutLogEventsCommand, PutSubscriptionFilterCommand, PutResourcePolicyCommand, DescribeResourcePoliciesCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';
import { allowLogs, deployCollector, functionArn, receivedBy, traceOf } from './logs-subscriptions-support.ts';

const SETTINGS = { lambdaStateDelayMs: 0 };

describe('delivery to a subscribed function', () => {
  const emulator = useEmulator({ settings: SETTINGS });
  const logs = () => emulator.clients.logs;
  const lambda = () => emulator.clients.lambda;

  it('sends the events a filter matches, batched per PutLogEvents call, as gzip in base64', async () => {
    await deployCollector(lambda(), 'collector');
    await logs().send(new CreateLogGroupCommand({ logGroupName: '/shop/orders' }));
    await logs().send(new CreateLogStreamCommand({ logGroupName: '/shop/orders', logStreamName: 'api' }));
    await allowLogs(lambda(), 'collector', '/shop/orders');
    await logs().send(new PutSubscriptionFilterCommand({ logGroupName: '/shop/orders', filterName: 'errors', filterPattern: 'ERROR', destinationArn: functionArn('collector') }));
    const now = Date.now();
    await logs().send(new PutLogEventsCommand({
      logGroupName: '/shop/orders', logStreamName: 'api',
      logEvents: [{ timestamp: now, message: 'ERROR order 1 failed' }, { timestamp: now + 1, message: 'INFO order 2 placed' }, { timestamp: now + 2, message: 'ERROR order 3 failed' }],
    }));
    await logs().send(new PutLogEventsCommand({ logGroupName: '/shop/orders', logStreamName: 'api', logEvents: [{ timestamp: now + 3, message: 'INFO nothing to see' }] }));

    const [received] = await eventually(async () => ((await receivedBy(logs(), 'collector')).length > 0 ? receivedBy(logs(), 'collector') : undefined));
    expect(received!.keys).toEqual(['awslogs']);
    expect(received!.awslogsKeys).toEqual(['data']);
    const stored = await logs().send(new FilterLogEventsCommand({ logGroupName: '/shop/orders', filterPattern: 'ERROR' }));
    expect(received!.decoded).toEqual({
      messageType: 'DATA_MESSAGE',
      owner: '000000000000',
      logGroup: '/shop/orders',
      logStream: 'api',
      subscriptionFilters: ['errors'],
      logEvents: stored.events!.map((event) => ({ id: event.eventId, timestamp: event.timestamp, message: event.message })),
      policyLevel: 'LOG_GROUP_LEVEL_POLICY',
    });
    expect(received!.decoded.logEvents.map((event) => event.message)).toEqual(['ERROR order 1 failed', 'ERROR order 3 failed']);

    // The trace shows the write, the filter that matched, the delivery and the invocation it caused.
    const flow = async () => (await traceOf(emulator.running.url)).filter((entry) => entry.eventId === stored.events![0]!.eventId);
    // The invocation is traced when it ends, which may be just after its log lines arrive.
    const trace = await eventually(async () => ((await flow()).some((entry) => entry.kind === 'invocation') ? flow() : undefined));
    expect(trace.map((entry) => [entry.kind, entry.outcome])).toEqual([
      ['event-received', undefined], ['rule-matched', undefined], ['delivery', 'delivered'], ['invocation', 'success'],
    ]);
    expect(trace.find((entry) => entry.kind === 'delivery')).toMatchObject({ bus: '/shop/orders', rule: 'errors', target: functionArn('collector'), requestId: expect.any(String) });
    const unmatched = (await traceOf(emulator.running.url)).filter((entry) => entry.kind === 'rule-not-matched' && entry.bus === '/shop/orders');
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]!.reason).toContain('"ERROR"');
    // Only the first call had matches: one delivery in all.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await receivedBy(logs(), 'collector')).toHaveLength(1);
  });

  it('delivers a function\'s own logs, written by Lambda, to another function', async () => {
    await createFunction(lambda(), 'shouter', { files: { 'index.js': 'exports.handler = async (event) => { console.log("ALARM stock low for " + event.sku); return "done"; };' } });
    await deployCollector(lambda(), 'alarms');
    await logs().send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/shouter' }));
    await allowLogs(lambda(), 'alarms', '/aws/lambda/shouter');
    await logs().send(new PutSubscriptionFilterCommand({ logGroupName: '/aws/lambda/shouter', filterName: 'alarms', filterPattern: 'ALARM', destinationArn: functionArn('alarms') }));
    await lambda().send(new InvokeCommand({ FunctionName: 'shouter', Payload: Buffer.from(JSON.stringify({ sku: 'mug-7' })) }));
    const [received] = await eventually(async () => ((await receivedBy(logs(), 'alarms')).length > 0 ? receivedBy(logs(), 'alarms') : undefined));
    expect(received!.decoded.logGroup).toBe('/aws/lambda/shouter');
    expect(received!.decoded.logStream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(received!.decoded.logEvents).toHaveLength(1);
    expect(received!.decoded.logEvents[0]!.message).toContain('ALARM stock low for mug-7');
  });

  it('refuses, in the trace, a delivery whose permission was removed after the filter was put', async () => {
    await deployCollector(lambda(), 'revoked');
    await logs().send(new CreateLogGroupCommand({ logGroupName: '/shop/revoked' }));
    await logs().send(new CreateLogStreamCommand({ logGroupName: '/shop/revoked', logStreamName: 's' }));
    await allowLogs(lambda(), 'revoked', '/shop/revoked');
    await logs().send(new PutSubscriptionFilterCommand({ logGroupName: '/shop/revoked', filterName: 'all', filterPattern: '', destinationArn: functionArn('revoked') }));
    await lambda().send(new RemovePermissionCommand({ FunctionName: 'revoked', StatementId: 'logs--shop-revoked' }));
    await logs().send(new PutLogEventsCommand({ logGroupName: '/shop/revoked', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'hello' }] }));
    const refused = await eventually(async () => (await traceOf(emulator.running.url)).find((entry) => entry.kind === 'delivery' && entry.bus === '/shop/revoked' && entry.outcome === 'refused'));
    expect(refused.detail).toContain('aws lambda add-permission');
    expect(await receivedBy(logs(), 'revoked')).toEqual([]);
  });

  it('stops a function subscribed to its own log group before it loops, and says so in the trace', async () => {
    await createFunction(lambda(), 'selfish', { files: { 'index.js': 'exports.handler = async (event) => { console.log(event.awslogs ? "got my own logs" : "first call"); return 1; };' } });
    await logs().send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/selfish' }));
    await allowLogs(lambda(), 'selfish', '/aws/lambda/selfish');
    await logs().send(new PutSubscriptionFilterCommand({ logGroupName: '/aws/lambda/selfish', filterName: 'everything', filterPattern: '', destinationArn: functionArn('selfish') }));
    await lambda().send(new InvokeCommand({ FunctionName: 'selfish', Payload: Buffer.from('{}') }));

    const invocations = async () => (await traceOf(emulator.running.url)).filter((entry) => entry.kind === 'invocation' && entry.target?.endsWith(':function:selfish')).length;
    const stopped = await eventually(async () => (await traceOf(emulator.running.url)).find((entry) => entry.kind === 'delivery' && entry.bus === '/aws/lambda/selfish' && entry.outcome === 'dropped'));
    expect(stopped.detail).toMatch(/recursive loop stopped/);
    // The function did get its own logs once, then nothing more came.
    await eventually(async () => (await logs().send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/selfish', filterPattern: '"got my own logs"' }))).events?.length);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = await invocations();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await invocations()).toBe(settled);
    // The first call, and one delivery per PutLogEvents call Lambda made for it.
    expect(settled).toBeGreaterThanOrEqual(2);
    expect(settled).toBeLessThanOrEqual(6);
  }, 30_000);
});

describe('subscription filters with --state', () => {
  const folder = mkdtempSync(join(tmpdir(), 'logs-subscriptions-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('keep their filters and resource policies across a restart, and deliver after it', async () => {
    let running = await startEmulator({ port: 0, stateDir: folder, log: () => {}, settings: SETTINGS });
    let clients = clientsAt(running.url);
    try {
      await deployCollector(clients.lambda, 'kept');
      await clients.logs.send(new CreateLogGroupCommand({ logGroupName: '/shop/kept' }));
      await clients.logs.send(new CreateLogStreamCommand({ logGroupName: '/shop/kept', logStreamName: 's' }));
      await allowLogs(clients.lambda, 'kept', '/shop/kept');
      await clients.logs.send(new PutSubscriptionFilterCommand({ logGroupName: '/shop/kept', filterName: 'kept', filterPattern: 'PAID', destinationArn: functionArn('kept') }));
      await clients.logs.send(new PutResourcePolicyCommand({ policyName: 'route53', policyDocument: '{"Statement":[]}' }));
      clients.destroy();
      await running.stop();

      running = await startEmulator({ port: 0, stateDir: folder, log: () => {}, settings: SETTINGS });
      clients = clientsAt(running.url);
      const described = await clients.logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/shop/kept' }));
      expect(described.subscriptionFilters?.map((filter) => [filter.filterName, filter.filterPattern, filter.destinationArn])).toEqual([['kept', 'PAID', functionArn('kept')]]);
      expect((await clients.logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies?.map((policy) => policy.policyName)).toEqual(['route53']);
      await clients.logs.send(new PutLogEventsCommand({ logGroupName: '/shop/kept', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'PAID order 9' }] }));
      const [received] = await eventually(async () => ((await receivedBy(clients.logs, 'kept')).length > 0 ? receivedBy(clients.logs, 'kept') : undefined));
      expect(received!.decoded.logEvents.map((event) => event.message)).toEqual(['PAID order 9']);
    } finally {
      clients.destroy();
      await running.stop();
    }
  }, 60_000);
});
