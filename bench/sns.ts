/**
 * SNS benchmark (run with `node bench/sns.ts`; prints figures, asserts nothing but the no-loss
 * rule): the time from Publish to the message being receivable from a subscribed SQS queue, p50
 * and p99, on the emulator and, in the same run, on moto server when it is installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startEmulator } from '../src/emulator/server.ts';
import { freePort } from '../test/support/ports.ts';
import { percentile, report, since } from './stats.ts';

const SAMPLES = 300;
const config = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 2 });

/** Publish -> receivable latencies (ms) against an endpoint that speaks SNS and SQS. */
async function latencies(endpoint: string): Promise<number[]> {
  const sns = new SNSClient(config(endpoint));
  const sqs = new SQSClient(config(endpoint));
  try {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'bench-orders' }));
    const QueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'bench-orders' }))).QueueUrl!;
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    // The queue policy AWS requires before a topic sends to a queue.
    const allow = { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queueArn, Condition: { ArnEquals: { 'aws:SourceArn': TopicArn } } };
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [allow] }) } }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: { RawMessageDelivery: 'true' } }));
    const measured: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const start = performance.now();
      await sns.send(new PublishCommand({ TopicArn, Message: `order ${i}` }));
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }));
        if (Messages.length > 0) {
          measured.push(since(start));
          await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })) }));
          break;
        }
        if (since(start) > 10_000) throw new Error(`message ${i} never became receivable`);
      }
    }
    return measured;
  } finally {
    sns.destroy();
    sqs.destroy();
  }
}

function show(label: string, values: number[]): number {
  report(`${label}: Publish -> receivable in SQS, p50`, percentile(values, 50), 'ms', `${values.length} messages, one at a time`);
  report(`${label}: Publish -> receivable in SQS, p99`, percentile(values, 99), 'ms');
  return percentile(values, 50);
}

async function onMoto(): Promise<number[] | undefined> {
  if (spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status !== 0) {
    console.log('moto server: skipped (python3 -m moto.server is not installed; pip install "moto[server]" to compare)');
    return undefined;
  }
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-p', String(port)], { stdio: 'ignore' });
  try {
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (!(await fetch(`${url}/moto-api/`).then((answer) => answer.ok, () => false))) {
      if (Date.now() > deadline) throw new Error('moto server did not start within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return await latencies(url);
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  console.log(`SNS benchmark on Node.js ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  const running = await startEmulator({ port: 0, log: () => {} });
  let kit: number;
  try {
    kit = show('emulator', await latencies(running.url));
  } finally {
    await running.stop();
  }
  const moto = await onMoto();
  if (moto) report('Publish -> SQS p50 ratio, moto / emulator', show('moto server', moto) / kit, 'x');
}

await main();
