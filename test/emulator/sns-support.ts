/** Helpers of the SNS tests: an SNS client on the test emulator, queue policies SNS needs, trace reads. */
import { SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SetQueueAttributesCommand, type Message } from '@aws-sdk/client-sqs';
import { afterAll } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import type { EmulatorFixture } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';

/** A lazily built SNS client for the fixture's emulator, closed after the file. */
export function snsClientOf(emulator: EmulatorFixture): () => SNSClient {
  let client: SNSClient | undefined;
  afterAll(() => client?.destroy());
  return () => (client ??= new SNSClient(sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: emulator.running.url } }))));
}

/** Creates a queue; with `allowTopic`, gives it the policy that lets that topic send to it. */
export async function createQueue(emulator: EmulatorFixture, name: string, allowTopic?: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const { sqs } = emulator.clients;
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  if (allowTopic) await allowTopicToSend(emulator, url, arn, allowTopic);
  return { url, arn };
}

/** Sets the queue policy AWS requires before a topic can deliver to a queue. */
export async function allowTopicToSend(emulator: EmulatorFixture, url: string, arn: string, topicArn: string): Promise<void> {
  const statement = { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn, Condition: { ArnEquals: { 'aws:SourceArn': topicArn } } };
  await emulator.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) } }));
}

/** Receives what is in a queue now (up to 10 messages, one-second long poll). */
export async function receiveAll(emulator: EmulatorFixture, url: string): Promise<Message[]> {
  return (await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }))).Messages ?? [];
}

/** Waits until a queue holds messages and receives them. */
export async function receiveSome(emulator: EmulatorFixture, url: string): Promise<Message[]> {
  return eventually(async () => {
    const got = await receiveAll(emulator, url);
    return got.length > 0 ? got : undefined;
  });
}

/** The trace entries of one message (the SNS MessageId is the trace's eventId). */
export async function traceOf(emulator: EmulatorFixture, eventId: string): Promise<TraceEntry[]> {
  const answer = await fetch(`${emulator.running.url}/_workshop/trace?eventId=${eventId}`);
  return ((await answer.json()) as { entries: TraceEntry[] }).entries;
}
