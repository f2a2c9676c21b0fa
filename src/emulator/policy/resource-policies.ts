/**
 * The resource-based policy of what a call acts on, read through the owning service's own API
 * (as a client would): a function's (GetPolicy), a queue's, a topic's, an event bus's, a secret's.
 * Buckets are left to S3, which evaluates its bucket policies itself.
 */
import type { Emulator } from '../emulator.ts';
import { accountOfArn } from './sessions.ts';

type Reader = (emulator: Emulator, arn: string, scope: { account: string; region: string }) => Promise<string | undefined>;

const READERS: Record<string, Reader> = {
  lambda: async (emulator, arn, scope) => (await emulator.call('lambda', 'GetPolicy', { FunctionName: arn }, scope))?.Policy,
  sqs: async (emulator, arn, scope) => {
    const [, , , region, account, name] = arn.split(':');
    const url = `${emulator.url || 'http://localhost:4566'}/${account}/${name}`;
    return (await emulator.call('sqs', 'GetQueueAttributes', { QueueUrl: url, AttributeNames: ['Policy'] }, { ...scope, region: region ?? scope.region }))?.Attributes?.Policy;
  },
  sns: async (emulator, arn, scope) => (await emulator.call('sns', 'GetTopicAttributes', { TopicArn: arn }, scope))?.Attributes?.Policy,
  events: async (emulator, arn, scope) => (await emulator.call('events', 'DescribeEventBus', { Name: arn.slice(arn.indexOf('/') + 1) }, scope))?.Policy,
  secretsmanager: async (emulator, arn, scope) => (arn.endsWith('-??????') ? undefined : (await emulator.call('secretsmanager', 'GetResourcePolicy', { SecretId: arn }, scope))?.ResourcePolicy),
};

/** The resource policy of `arn` owned by `service`, or undefined when it has none (or cannot be read). */
export async function resourcePolicyOf(emulator: Emulator, service: string, arn: string, region: string): Promise<string | undefined> {
  const reader = READERS[service];
  const account = accountOfArn(arn);
  if (!reader || !account || !emulator.services.has(service)) return undefined;
  try {
    return await reader(emulator, arn, { account, region });
  } catch {
    return undefined;
  }
}
