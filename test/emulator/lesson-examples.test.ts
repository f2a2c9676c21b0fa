/**
 * Runs the code examples of lessons 3 to 7 (examples/lessons/) against an in-process emulator,
 * and checks that each does what its lesson says. Lessons 8 to 12: lesson-examples-08-12.test.ts.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeRuleCommand, PutRuleCommand, PutTargetsCommand, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetFunctionConfigurationCommand, GetPolicyCommand } from '@aws-sdk/client-lambda';
import { SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sampleOrder } from '../../examples/lessons/03-functions/sample-order.ts';
import { deployFunction } from '../../examples/lessons/04-deploying-functions/deploy-function.ts';
import { BASIC_EXECUTION_POLICY, ensureExecutionRole } from '../../examples/lessons/04-deploying-functions/execution-role.ts';
import { packageHandler } from '../../examples/lessons/04-deploying-functions/package-handler.ts';
import { release } from '../../examples/lessons/04-deploying-functions/release.ts';
import { getOrder, markPaid, ordersOfCustomer } from '../../examples/lessons/05-baas-with-dynamodb/order-queries.ts';
import { BY_CUSTOMER, createOrdersTable } from '../../examples/lessons/05-baas-with-dynamodb/orders-table.ts';
import { placeOrder } from '../../examples/lessons/05-baas-with-dynamodb/place-order.ts';
import { connectRuleToFunction, ensureBus } from '../../examples/lessons/06-events-with-eventbridge/connect-rule.ts';
import { publishOrderPlaced } from '../../examples/lessons/06-events-with-eventbridge/publish-order-placed.ts';
import { patternExamples } from '../../examples/lessons/07-event-patterns/patterns.ts';
import { RECEIPT_REQUEST_EXAMPLE, receiptQueuePolicy, receiptTarget } from '../../examples/lessons/07-event-patterns/receipt-target.ts';
import { EXAMPLES, useLessonFixture } from '../support/lesson-examples.ts';
import { zipFiles } from '../support/zip.ts';
import { eventually } from '../support/eventually.ts';

describe('the code examples of lessons 3 to 7', () => {
  const { emulator, roleArn, deployExample, invoke, logLines, newQueue, receiveAll } = useLessonFixture();

  describe('03 functions', () => {
    it('runs the receipt handler: a cold start, then a warm one in the same environment', async () => {
      await deployExample('receipt', '03-functions/receipt-handler.ts');
      const first = await invoke('receipt', sampleOrder);
      expect(first.answer.FunctionError).toBeUndefined();
      expect(first.body).toMatchObject({ orderId: 'o-1001', totalCents: 4597, coldStart: true });
      expect(first.body.remainingMs).toBeGreaterThan(0);
      expect(first.body.remainingMs).toBeLessThanOrEqual(10_000);
      const second = await invoke('receipt', sampleOrder);
      expect(second.body).toMatchObject({ coldStart: false, environmentStartedAt: first.body.environmentStartedAt });
      expect(second.body.requestId).not.toBe(first.body.requestId);
      // The text log format prefixes each line with time, request id and level: the JSON is the last field.
      const logged = await eventually(async () => {
        const lines = await logLines('receipt', '"o-1001"');
        return lines.length >= 2 ? lines : undefined;
      });
      expect(logged[0]!.split('\t')).toEqual([expect.any(String), first.body.requestId, 'INFO', expect.any(String)]);
      expect(JSON.parse(logged[0]!.split('\t')[3]!)).toMatchObject({ orderId: 'o-1001', totalCents: 4597, requestId: first.body.requestId });
    });

    it('reports a thrown error as FunctionError Unhandled', async () => {
      const failed = await invoke('receipt', { ...sampleOrder, items: [] });
      expect(failed.answer.FunctionError).toBe('Unhandled');
      expect(failed.body).toMatchObject({ errorType: 'Error', errorMessage: 'order o-1001 has no items' });
    });
  });

  describe('04 deploying functions', () => {
    it('creates the execution role once, with the basic execution policy', async () => {
      expect(roleArn()).toBe('arn:aws:iam::000000000000:role/shop-functions');
      expect(await ensureExecutionRole(emulator.clients.iam, 'shop-functions')).toBe(roleArn());
      const attached = await emulator.clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'shop-functions' }));
      expect(attached.AttachedPolicies?.map((policy) => policy.PolicyArn)).toEqual([BASIC_EXECUTION_POLICY]);
    });

    it('packages one bundled index.mjs that leaves the AWS SDK to the runtime', async () => {
      const files = unzipSync(await packageHandler(`${EXAMPLES}08-reliability/idempotent-consumer.ts`));
      expect(Object.keys(files)).toEqual(['index.mjs']);
      const code = strFromU8(files['index.mjs']!);
      expect(code).toMatch(/from\s*"@aws-sdk\/lib-dynamodb"/);
      expect(code).not.toContain('interface SqsEvent');
    });

    it('creates, then updates, then releases versions behind an alias', async () => {
      const { lambda } = emulator.clients;
      const v1 = zipFiles({ 'index.mjs': 'export const handler = async () => "v1";' });
      const v2 = zipFiles({ 'index.mjs': 'export const handler = async () => "v2";' });
      expect((await deployFunction(lambda, { name: 'checkout', roleArn: roleArn(), zip: v1 })).action).toBe('created');
      expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'checkout' }))).State).toBe('Active');
      expect(await release(lambda, 'checkout', 'live')).toMatchObject({ version: '1', aliasArn: 'arn:aws:lambda:us-east-1:000000000000:function:checkout:live' });

      expect((await deployFunction(lambda, { name: 'checkout', roleArn: roleArn(), zip: v2 })).action).toBe('updated');
      expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'checkout' }))).LastUpdateStatus).toBe('Successful');
      expect((await invoke('checkout', {}, 'live')).body).toBe('v1');
      expect((await release(lambda, 'checkout', 'live')).version).toBe('2');
      const live = await invoke('checkout', {}, 'live');
      expect([live.body, live.answer.ExecutedVersion]).toEqual(['v2', '2']);
      expect((await invoke('checkout', {}, '1')).body).toBe('v1');
    });
  });

  describe('05 BaaS with DynamoDB', () => {
    const order = (orderId: string, customerId: string, createdAt: string, totalCents: number) => ({ orderId, customerId, createdAt, totalCents, status: 'PLACED' as const });

    it('creates the orders table with its byCustomer index, once', async () => {
      await createOrdersTable(emulator.clients.dynamodb, 'orders');
      await createOrdersTable(emulator.clients.dynamodb, 'orders');
      const { Table } = await emulator.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'orders' }));
      expect(Table?.KeySchema).toEqual([{ AttributeName: 'orderId', KeyType: 'HASH' }]);
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual([BY_CUSTOMER]);
    });

    it('writes an order once however often the request is repeated', async () => {
      const { documents } = emulator.clients;
      expect(await placeOrder(documents, 'orders', order('o-1', 'c-1', '2026-05-01T09:00:00Z', 1000))).toBe('created');
      expect(await placeOrder(documents, 'orders', order('o-1', 'c-1', '2026-05-01T09:00:05Z', 9999))).toBe('duplicate');
      expect(await getOrder(documents, 'orders', 'o-1')).toMatchObject({ totalCents: 1000, createdAt: '2026-05-01T09:00:00Z' });
    });

    it('lists a customer’s orders newest first, and guards the PLACED -> PAID transition', async () => {
      const { documents } = emulator.clients;
      await placeOrder(documents, 'orders', order('o-2', 'c-1', '2026-05-02T09:00:00Z', 2000));
      await placeOrder(documents, 'orders', order('o-3', 'c-2', '2026-05-03T09:00:00Z', 3000));
      expect((await ordersOfCustomer(documents, 'orders', 'c-1')).map((item) => item.orderId)).toEqual(['o-2', 'o-1']);
      expect(await markPaid(documents, 'orders', 'o-2', 'pay-1')).toBe(true);
      expect(await markPaid(documents, 'orders', 'o-2', 'pay-2')).toBe(false);
      expect(await markPaid(documents, 'orders', 'o-404', 'pay-3')).toBe(false);
      expect(await getOrder(documents, 'orders', 'o-2')).toMatchObject({ status: 'PAID', paymentId: 'pay-1' });
    });
  });

  describe('06 events with EventBridge', () => {
    it('routes Order Placed from the shop bus to a function allowed only for that rule', async () => {
      const { eventbridge, lambda } = emulator.clients;
      const { arn } = await deployExample('order-placed', '06-events-with-eventbridge/order-placed-handler.ts');
      await ensureBus(eventbridge, 'shop');
      await ensureBus(eventbridge, 'shop');
      const subscription = { busName: 'shop', ruleName: 'order-placed', pattern: patternExamples['order-placed'].pattern, functionName: 'order-placed', functionArn: arn };
      const ruleArn = await connectRuleToFunction(eventbridge, lambda, subscription);
      expect(await connectRuleToFunction(eventbridge, lambda, subscription)).toBe(ruleArn);
      expect(ruleArn).toBe((await eventbridge.send(new DescribeRuleCommand({ Name: 'order-placed', EventBusName: 'shop' }))).Arn);

      const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'order-placed' }))).Policy!);
      expect(policy.Statement).toEqual([expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnLike: { 'AWS:SourceArn': ruleArn } },
      })]);

      const eventId = await publishOrderPlaced(eventbridge, 'shop', { orderId: 'o-2001', customerId: 'c-42', totalCents: 4597, items: [{ sku: 'MUG-LAMBDA', quantity: 1 }] });
      const lines = await eventually(async () => {
        const found = await logLines('order-placed', '"Order Placed o-2001"');
        return found.length > 0 ? found : undefined;
      });
      expect(lines[0]).toContain(`event=${eventId}`);
    });

    it('has no rule ARN in the PutTargets answer: only PutRule returns it', async () => {
      const answer = await emulator.clients.eventbridge.send(new PutTargetsCommand({ Rule: 'order-placed', EventBusName: 'shop', Targets: [{ Id: 'order-placed', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:order-placed' }] }));
      expect(answer.FailedEntryCount).toBe(0);
      expect('RuleArn' in answer).toBe(false);
    });
  });

  describe('07 event patterns', () => {
    const test = async (pattern: object, event: object) =>
      (await emulator.clients.eventbridge.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(event) }))).Result;

    it.each(Object.entries(patternExamples))('%s matches its example and misses its counter-example', async (_name, example) => {
      expect(await test(example.pattern, example.matches)).toBe(true);
      expect(await test(example.pattern, example.misses)).toBe(false);
    });

    it('delivers the receipt request the input transformer builds', async () => {
      const { eventbridge } = emulator.clients;
      const queue = await newQueue('receipt-requests');
      await ensureBus(eventbridge, 'shop');
      const { RuleArn } = await eventbridge.send(new PutRuleCommand({ Name: 'receipts', EventBusName: 'shop', EventPattern: JSON.stringify(patternExamples['order-placed'].pattern) }));
      await emulator.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: receiptQueuePolicy(queue.arn, RuleArn!) } }));
      await eventbridge.send(new PutTargetsCommand({ Rule: 'receipts', EventBusName: 'shop', Targets: [receiptTarget(queue.arn)] }));
      await publishOrderPlaced(eventbridge, 'shop', { orderId: 'o-3001', customerId: 'c-7', totalCents: 12000, items: [] });
      const [message] = await eventually(async () => {
        const got = await receiveAll(queue.url);
        return got.length > 0 ? got : undefined;
      });
      expect(JSON.parse(message!.Body!)).toEqual(RECEIPT_REQUEST_EXAMPLE);
    });
  });
});
