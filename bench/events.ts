/**
 * EventBridge benchmark (run with `node bench/events.ts`; prints figures, asserts nothing but the
 * no-loss rule): pattern matching throughput with 1, 100 and 1,000 rules; events per second
 * delivered to an SQS target, with delivered + dead-lettered = sent shown by the benchmark itself;
 * PutEvents to Lambda handler start latency.
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, CreateFunctionCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createClients } from '../src/core/clients.ts';
import { resolveTarget } from '../src/core/target.ts';
import { matchEvent, parsePattern } from '../src/emulator/services/events/pattern/index.ts';
import type { EventsService } from '../src/emulator/services/events/service.ts';
import { startEmulator } from '../src/emulator/server.ts';
import { zipFiles } from '../test/support/zip.ts';
import { percentile, report, since } from './stats.ts';

function matchingThroughput(ruleCount: number): number {
  const patterns = Array.from({ length: ruleCount }, (_, i) =>
    parsePattern({ source: ['shop.orders'], 'detail-type': [`Type${i % 50}`], detail: { total: [{ numeric: ['>', i] }], region: [{ prefix: 'eu-' }] } }),
  );
  const event = { source: 'shop.orders', 'detail-type': 'Type0', detail: { total: 500, region: 'eu-west-1', items: [{ sku: 'a' }] } };
  const rounds = Math.max(200, Math.floor(200_000 / ruleCount));
  const start = performance.now();
  let matched = 0;
  for (let round = 0; round < rounds; round++) for (const pattern of patterns) if (matchEvent(pattern, event).matched) matched++;
  if (matched === 0) throw new Error('nothing matched');
  return rounds / (since(start) / 1000);
}

async function main(): Promise<void> {
  console.log(`EventBridge benchmark on Node.js ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  for (const count of [1, 100, 1000]) report(`matching: events/s against ${count} rule(s)`, matchingThroughput(count), 'events/s');

  const running = await startEmulator({ port: 0, log: () => {}, settings: { lambdaStateDelayMs: 0 } });
  const clients = createClients(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: running.url } }));
  const { eventbridge, sqs, lambda, logs } = clients;
  const arnOf = async (url: string) => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'bench-orders' }))).QueueUrl!;
  const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'bench-dlq' }))).QueueUrl!;
  const { RuleArn } = await eventbridge.send(new PutRuleCommand({ Name: 'to-queue', EventPattern: '{"detail-type":["OrderPlaced"]}' }));
  // The queue policy AWS requires before EventBridge sends to a queue.
  const allow = { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: await arnOf(queueUrl), Condition: { ArnEquals: { 'aws:SourceArn': RuleArn } } };
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [allow] }) } }));
  await eventbridge.send(new PutTargetsCommand({ Rule: 'to-queue', Targets: [{ Id: 'q', Arn: await arnOf(queueUrl) }] }));
  await eventbridge.send(new PutRuleCommand({ Name: 'to-nowhere', EventPattern: '{"detail-type":["OrderLost"]}' }));
  await eventbridge.send(new PutTargetsCommand({ Rule: 'to-nowhere', Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:missing', DeadLetterConfig: { Arn: await arnOf(dlqUrl) } }] }));

  const sent = 2000;
  const start = performance.now();
  const batches = Array.from({ length: sent / 10 }, (_, b) =>
    Array.from({ length: 10 }, (_, i) => ({ Source: 'shop.orders', DetailType: (b * 10 + i) % 10 === 0 ? 'OrderLost' : 'OrderPlaced', Detail: JSON.stringify({ n: b * 10 + i }) })),
  );
  for (let i = 0; i < batches.length; i += 4) {
    await Promise.all(batches.slice(i, i + 4).map((Entries) => eventbridge.send(new PutEventsCommand({ Entries }))));
  }
  const queue = (running.emulator.services.get('events') as EventsService).deliveries()!;
  while (queue.pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = since(start) / 1000;
  const count = async (url: string) => Number((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes!.ApproximateNumberOfMessages);
  const inQueue = await count(queueUrl);
  const inDlq = await count(dlqUrl);
  report('PutEvents -> SQS target: events delivered per second', sent / seconds, 'events/s', `${sent} sent in batches of 10, 4 callers`);
  console.log(`  sent ${sent} = delivered ${queue.stats.delivered} (in queue: ${inQueue}) + dead-lettered ${queue.stats.deadLettered} (in DLQ: ${inDlq}); dropped ${queue.stats.dropped}`);
  if (queue.stats.delivered + queue.stats.deadLettered !== sent || inQueue + inDlq !== sent) {
    console.error('EVENTS WERE LOST');
    process.exitCode = 1;
  }

  const role = 'arn:aws:iam::000000000000:role/bench';
  const handler = 'export const handler = async (event) => { console.log("START " + event.detail.sentAt + " " + Date.now()); };';
  await lambda.send(new CreateFunctionCommand({ FunctionName: 'bench-handler', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: role, Code: { ZipFile: zipFiles({ 'index.mjs': handler }) } }));
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'bench-handler' });
  const ruleArn = (await eventbridge.send(new PutRuleCommand({ Name: 'to-lambda', EventPattern: '{"detail-type":["OrderPaid"]}' }))).RuleArn!;
  await lambda.send(new AddPermissionCommand({ FunctionName: 'bench-handler', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: ruleArn }));
  await eventbridge.send(new PutTargetsCommand({ Rule: 'to-lambda', Targets: [{ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:bench-handler' }] }));
  const samples = 200;
  for (let i = 0; i < samples; i++) {
    await eventbridge.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPaid', Detail: JSON.stringify({ sentAt: Date.now() }) }] }));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const latencies: number[] = [];
  const deadline = Date.now() + 30_000;
  while (latencies.length < samples && Date.now() < deadline) {
    latencies.length = 0;
    let token: string | undefined;
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/bench-handler', filterPattern: 'START', nextToken: token }));
      for (const event of page.events ?? []) {
        const found = /START (\d+) (\d+)/.exec(event.message ?? '');
        if (found) latencies.push(Number(found[2]) - Number(found[1]));
      }
      token = page.nextToken;
    } while (token);
    if (latencies.length < samples) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  report('PutEvents -> Lambda handler start: p50', percentile(latencies, 50), 'ms', `${latencies.length} events, one at a time`);
  report('PutEvents -> Lambda handler start: p99', percentile(latencies, 99), 'ms');
  clients.destroy();
  await running.stop();
}

await main();
