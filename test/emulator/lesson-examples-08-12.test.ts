/**
 * Runs the code examples of lessons 8 to 12 (examples/lessons/) against an in-process emulator,
 * and checks that each does what its lesson says. Lessons 3 to 7: lesson-examples.test.ts.
 */
import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as receiptHandler } from '../../examples/lessons/03-functions/receipt-handler.ts';
import { sampleOrder } from '../../examples/lessons/03-functions/sample-order.ts';
import { deployFunction } from '../../examples/lessons/04-deploying-functions/deploy-function.ts';
import { connectRuleToFunction, ensureBus } from '../../examples/lessons/06-events-with-eventbridge/connect-rule.ts';
import { publishOrderPlaced } from '../../examples/lessons/06-events-with-eventbridge/publish-order-placed.ts';
import { receiptQueuePolicy } from '../../examples/lessons/07-event-patterns/receipt-target.ts';
import { sendFailuresTo } from '../../examples/lessons/08-reliability/async-failures.ts';
import { connectQueue, createQueueWithDlq } from '../../examples/lessons/08-reliability/connect-queue.ts';
import { paymentTarget } from '../../examples/lessons/08-reliability/target-with-dlq.ts';
import { sagaRules } from '../../examples/lessons/09-choreography-and-sagas/saga-rules.ts';
import { concurrency, secondsToScale } from '../../examples/lessons/10-scaling-and-cost/capacity.ts';
import { breakEvenRequests, monthlyCost, sparseColdStartShare } from '../../examples/lessons/10-scaling-and-cost/cost-model.ts';
import { reserveConcurrency } from '../../examples/lessons/10-scaling-and-cost/reserved-concurrency.ts';
import { cachedSecret } from '../../examples/lessons/11-security/cached-secret.ts';
import { grantOrderFunction, orderFunctionPolicy } from '../../examples/lessons/11-security/least-privilege.ts';
import { InvalidOrder, validateOrder } from '../../examples/lessons/11-security/validate-order.ts';
import { functionNamesOn } from '../../examples/lessons/12-trade-offs-and-questions/clients-for-target.ts';
import { invokeLocally } from '../../examples/lessons/12-trade-offs-and-questions/invoke-locally.ts';
import { breakEvenRate, concurrency as coreConcurrency, lambdaMonthlyCost, SECONDS_PER_MONTH } from '../../src/core/cost-model.ts';
import { useLessonFixture } from '../support/lesson-examples.ts';
import { zipFiles } from '../support/zip.ts';
import { eventually } from '../support/eventually.ts';

describe('the code examples of lessons 8 to 12', () => {
  const { emulator, roleArn, deployExample, invoke, logLines, newQueue, receiveAll } = useLessonFixture();

  beforeAll(async () => {
    await deployExample('receipt', '03-functions/receipt-handler.ts');
  });

  describe('08 reliability', () => {
    it('retries a failing asynchronous invocation twice, then sends its record to the failure queue', async () => {
      const { lambda } = emulator.clients;
      const failures = await newQueue('payment-failures');
      await deployFunction(lambda, { name: 'charge', roleArn: roleArn(), zip: zipFiles({ 'index.mjs': 'export const handler = async (e) => { throw new Error("card declined for " + e.orderId); };' }) });
      await sendFailuresTo(lambda, 'charge', failures.arn);
      await lambda.send(new InvokeCommand({ FunctionName: 'charge', InvocationType: 'Event', Payload: Buffer.from('{"orderId":"o-4001"}') }));
      const [message] = await eventually(async () => {
        const got = await receiveAll(failures.url);
        return got.length > 0 ? got : undefined;
      });
      expect(JSON.parse(message!.Body!)).toMatchObject({
        requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
        requestPayload: { orderId: 'o-4001' },
        responsePayload: { errorMessage: 'card declined for o-4001' },
      });
    });

    it('parks an event its target cannot take in the dead-letter queue, with the reason', async () => {
      const { eventbridge } = emulator.clients;
      await ensureBus(eventbridge, 'shop');
      const dlq = await newQueue('payments-dlq');
      const target = paymentTarget('arn:aws:lambda:us-east-1:000000000000:function:charge', dlq.arn);
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 900 });
      await eventbridge.send(new PutRuleCommand({ Name: 'pay', EventBusName: 'shop', EventPattern: JSON.stringify({ 'detail-type': ['PayNow'] }) }));
      await eventbridge.send(new PutTargetsCommand({ Rule: 'pay', EventBusName: 'shop', Targets: [target] }));
      const { Entries } = await eventbridge.send(new PutEventsCommand({ Entries: [{ EventBusName: 'shop', Source: 'shop.orders', DetailType: 'PayNow', Detail: '{"orderId":"o-4002"}' }] }));
      const [message] = await eventually(async () => {
        const got = await receiveAll(dlq.url);
        return got.length > 0 ? got : undefined;
      });
      expect(JSON.parse(message!.Body!).id).toBe(Entries![0]!.EventId);
      expect(Object.keys(message!.MessageAttributes ?? {})).toEqual(expect.arrayContaining(['ERROR_CODE', 'ERROR_MESSAGE', 'RULE_ARN', 'TARGET_ARN']));
    });

    it('ships each order once, reports only the bad message, and lets it reach the dead-letter queue', async () => {
      const { dynamodb, lambda, sqs } = emulator.clients;
      await dynamodb.send(new CreateTableCommand({ TableName: 'idempotency', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }] }));
      await waitUntilTableExists({ client: dynamodb, minDelay: 1, maxWaitTime: 30 }, { TableName: 'idempotency' });
      await deployExample('shipper', '08-reliability/idempotent-consumer.ts', { IDEMPOTENCY_TABLE: 'idempotency' });
      const queue = await createQueueWithDlq(sqs, 'shipments', 10);
      const visibility = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['VisibilityTimeout'] }));
      expect(visibility.Attributes?.VisibilityTimeout).toBe('60');
      await connectQueue(lambda, queue.arn, 'shipper');
      const bodies = ['{"orderId":"o-5001"}', '{"orderId":"o-5001"}', '{"orderId":"o-5002"}', 'not json'];
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })) }));
      const [dead] = await eventually(async () => {
        const got = await receiveAll(queue.dlqUrl);
        return got.length > 0 ? got : undefined;
      }, 20_000);
      expect(dead!.Body).toBe('not json');
      const shipped = (await logLines('shipper', 'SHIPPED')).map((line) => /SHIPPED (\S+)/.exec(line)?.[1]).sort();
      expect(shipped).toEqual(['o-5001', 'o-5002']);
    });
  });

  describe('09 choreography and sagas', () => {
    it('charges, reserves and ships a good order, and compensates a failed one', async () => {
      const { eventbridge, lambda } = emulator.clients;
      await ensureBus(eventbridge, 'saga');
      const environment = { BUS_NAME: 'saga', OUT_OF_STOCK: 'LAMP-SOLD-OUT' };
      const functions = {
        payments: (await deployExample('payments', '09-choreography-and-sagas/payment-service.ts', environment)).arn,
        inventory: (await deployExample('inventory', '09-choreography-and-sagas/inventory-service.ts', environment)).arn,
      };
      const queues = { shipping: await newQueue('shipping'), orders: await newQueue('orders-service') };
      for (const rule of sagaRules) {
        if (rule.service === 'payments' || rule.service === 'inventory') {
          await connectRuleToFunction(eventbridge, lambda, { busName: 'saga', ruleName: rule.ruleName, pattern: rule.pattern, functionName: rule.service, functionArn: functions[rule.service] });
        } else {
          const { RuleArn } = await eventbridge.send(new PutRuleCommand({ Name: rule.ruleName, EventBusName: 'saga', EventPattern: JSON.stringify(rule.pattern) }));
          // A queue target needs the queue policy lesson 7 shows, or EventBridge does not send to it.
          await emulator.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queues[rule.service].url, Attributes: { Policy: receiptQueuePolicy(queues[rule.service].arn, RuleArn!) } }));
          await eventbridge.send(new PutTargetsCommand({ Rule: rule.ruleName, EventBusName: 'saga', Targets: [{ Id: rule.service, Arn: queues[rule.service].arn }] }));
        }
      }
      const place = (orderId: string, sku: string, paymentToken = 'tok_ok') =>
        publishOrderPlaced(eventbridge, 'saga', { orderId, customerId: 'c-9', totalCents: 2500, items: [{ sku, quantity: 1 }], paymentToken });
      await place('o-ok', 'BOOK-SERVERLESS');
      await place('o-declined', 'BOOK-SERVERLESS', 'tok_declined');
      await place('o-soldout', 'LAMP-SOLD-OUT');

      const seen = { shipping: [] as string[], orders: [] as string[] };
      await eventually(async () => {
        for (const name of ['shipping', 'orders'] as const) {
          for (const message of await receiveAll(queues[name].url)) {
            const event = JSON.parse(message.Body!);
            seen[name].push(`${event['detail-type']} ${event.detail.orderId}`);
            await emulator.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queues[name].url, ReceiptHandle: message.ReceiptHandle! }));
          }
        }
        return seen.shipping.length >= 1 && seen.orders.length >= 2;
      }, 20_000);
      expect(seen.shipping).toEqual(['Stock Reserved o-ok']);
      expect(seen.orders.sort()).toEqual(['Payment Failed o-declined', 'Payment Refunded o-soldout']);
    });
  });

  describe('10 scaling and cost', () => {
    it('computes the lesson’s concurrency numbers (Little’s law)', () => {
      expect(concurrency(20, 250)).toBe(5);
      expect(concurrency(1500, 250)).toBe(375);
      expect(concurrency(1500, 2000)).toBe(3000);
      expect(secondsToScale(0, 3000)).toBe(20);
      expect(secondsToScale(0, 800)).toBe(0);
    });

    it('computes the lesson’s monthly bill and break-even', () => {
      const workload = { requestsPerMonth: 12_000_000, durationMs: 120, memoryMb: 512 };
      const withFreeTier = monthlyCost(workload);
      expect(withFreeTier.gbSeconds).toBeCloseTo(720_000, 6);
      expect(withFreeTier.requestCost).toBeCloseTo(2.2, 6);
      expect(withFreeTier.computeCost).toBeCloseTo(5.33, 2);
      expect(withFreeTier.total).toBeCloseTo(7.53, 2);
      expect(monthlyCost(workload, undefined, false).total).toBeCloseTo(14.4, 2);
      const breakEven = breakEvenRequests(30, 120, 512);
      expect(breakEven / 1e6).toBeCloseTo(25, 3);
      expect(breakEven / (30 * 24 * 3600)).toBeCloseTo(9.65, 2);
    });

    it('agrees with the model behind the site’s cost calculator', () => {
      const rate = 12_000_000 / SECONDS_PER_MONTH;
      for (const freeTier of [true, false]) {
        const calculator = lambdaMonthlyCost({ requestsPerSecond: rate, durationMs: 120, memoryMb: 512, freeTier });
        expect(monthlyCost({ requestsPerMonth: 12_000_000, durationMs: 120, memoryMb: 512 }, undefined, freeTier).total).toBeCloseTo(calculator.total, 6);
      }
      expect(breakEvenRequests(30, 120, 512) / SECONDS_PER_MONTH).toBeCloseTo(breakEvenRate(30, 120, 512), 6);
      expect(concurrency(1500, 250)).toBe(coreConcurrency(1500, 250));
    });

    it('estimates the cold share of sparse traffic', () => {
      expect(sparseColdStartShare(1 / 3600, 600)).toBeCloseTo(0.846, 3);
      expect(sparseColdStartShare(1 / 60, 600)).toBeLessThan(0.0001);
    });

    it('throttles a function whose reserved concurrency is 0, and runs it again once raised', async () => {
      const { lambda } = emulator.clients;
      await reserveConcurrency(lambda, 'receipt', 0);
      await expect(invoke('receipt', sampleOrder)).rejects.toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
      await reserveConcurrency(lambda, 'receipt', 5);
      expect((await invoke('receipt', sampleOrder)).body).toMatchObject({ totalCents: 4597 });
    });
  });

  describe('11 security', () => {
    const scope = { region: 'us-east-1', accountId: '000000000000', functionName: 'orders-api', tableName: 'orders', busName: 'shop' };

    it('grants named actions on named resources only', async () => {
      const policy = orderFunctionPolicy(scope);
      const actions = policy.Statement.flatMap((statement) => [statement.Action].flat());
      const resources = policy.Statement.flatMap((statement) => [statement.Resource].flat());
      expect(actions.every((action) => !action.includes('*'))).toBe(true);
      expect(resources).toContain('arn:aws:dynamodb:us-east-1:000000000000:table/orders');
      expect(resources.every((resource) => resource.startsWith('arn:aws:') && !resource.endsWith(':*:*'))).toBe(true);
      await grantOrderFunction(emulator.clients.iam, 'shop-functions', scope);
      const stored = await emulator.clients.iam.send(new GetRolePolicyCommand({ RoleName: 'shop-functions', PolicyName: 'order-function' }));
      expect(JSON.parse(decodeURIComponent(stored.PolicyDocument!))).toEqual(policy);
    });

    it('accepts a valid order, drops client prices, and names the first problem of a bad one', () => {
      const valid = validateOrder({ orderId: 'o-1001', customerId: 'c-42', items: [{ sku: 'MUG-LAMBDA', quantity: 1, priceCents: 1 }] });
      expect(valid.items).toEqual([{ sku: 'MUG-LAMBDA', quantity: 1 }]);
      expect(() => validateOrder({ ...sampleOrder, isAdmin: true })).toThrow(new InvalidOrder('unexpected field: isAdmin'));
      expect(() => validateOrder({ ...sampleOrder, items: [{ sku: 'MUG-LAMBDA', quantity: -3 }] })).toThrow('items[0].quantity must be an integer from 1 to 100');
      expect(() => validateOrder({ ...sampleOrder, orderId: '<script>' })).toThrow(InvalidOrder);
      expect(() => validateOrder('{"orderId":"o-1"}')).toThrow('order must be an object');
    });

    it('loads a secret once per time-to-live, and does not cache a failure', async () => {
      let loads = 0;
      let fail = true;
      const secret = cachedSecret(async () => {
        loads++;
        if (fail) throw new Error('throttled');
        return `key-${loads}`;
      }, 50);
      await expect(secret()).rejects.toThrow('throttled');
      fail = false;
      expect(await Promise.all([secret(), secret()])).toEqual(['key-2', 'key-2']);
      expect(loads).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(await secret()).toBe('key-3');
    });
  });

  describe('12 trade-offs and questions', () => {
    it('calls a handler locally with the same result the deployed function gives', async () => {
      const local = await invokeLocally(receiptHandler, sampleOrder, { functionName: 'receipt' });
      const deployed = await invoke('receipt', sampleOrder);
      expect({ orderId: local.orderId, totalCents: local.totalCents }).toEqual({ orderId: deployed.body.orderId, totalCents: deployed.body.totalCents });
      expect(local.remainingMs).toBeGreaterThan(0);
      expect(local.remainingMs).toBeLessThanOrEqual(3000);
    });

    it('lists functions on whichever target the environment selects', async () => {
      const names = await functionNamesOn({ WORKSHOP_TARGET: 'emulator', AWS_ENDPOINT_URL: emulator.running.url });
      expect(names).toEqual(expect.arrayContaining(['charge', 'inventory', 'payments', 'receipt', 'shipper']));
    });
  });
});
