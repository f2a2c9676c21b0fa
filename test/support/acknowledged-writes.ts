/**
 * Writes to DynamoDB, SQS and S3 that remember which ones the emulator acknowledged, and the
 * read-back that finds which of those a restarted emulator still has: the kill -9 test and
 * bench/state.ts measure the same thing this way.
 */
import { CreateTableCommand, PutItemCommand, ScanCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../src/core/clients.ts';

/** Ids per service: written and acknowledged, or found after a restart. */
export interface WrittenIds {
  dynamodb: Set<string>;
  sqs: Set<string>;
  s3: Set<string>;
}

/** Empty sets of ids. */
export function noIds(): WrittenIds {
  return { dynamodb: new Set(), sqs: new Set(), s3: new Set() };
}

/** Creates the table `orders`, the queue `orders` and the bucket `orders`; returns the queue's URL. */
export async function createWriteTargets(clients: AwsClients): Promise<string> {
  await clients.dynamodb.send(new CreateTableCommand({
    TableName: 'orders', BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  }));
  await waitUntilTableExists({ client: clients.dynamodb, minDelay: 0.05, maxWaitTime: 60 }, { TableName: 'orders' });
  await clients.s3.send(new CreateBucketCommand({ Bucket: 'orders' }));
  return (await clients.sqs.send(new CreateQueueCommand({ QueueName: 'orders' }))).QueueUrl!;
}

/**
 * Starts `workers` writers (each on one service, in turn) that record every acknowledged write in
 * `acknowledged`; a writer ends at its first failure (the kill cut it off). `stop` ends them all.
 */
export function startWriters(clients: AwsClients, queueUrl: string, acknowledged: WrittenIds, label: string, workers: number): { stop(): Promise<void> } {
  let writing = true;
  const writer = async (worker: number) => {
    for (let n = 0; writing; n++) {
      const id = `${label}-w${worker}-${n}`;
      try {
        if (worker % 3 === 0) await clients.dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: id } } }));
        else if (worker % 3 === 1) await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: id }));
        else await clients.s3.send(new PutObjectCommand({ Bucket: 'orders', Key: id, Body: id.repeat(50) }));
      } catch {
        return;
      }
      acknowledged[(['dynamodb', 'sqs', 's3'] as const)[worker % 3]!].add(id);
    }
  };
  const running = Array.from({ length: workers }, (_, worker) => writer(worker));
  return {
    async stop() {
      writing = false;
      await Promise.all(running);
    },
  };
}

/** Every id the emulator has: items scanned, messages received (kept in flight) and keys listed. */
export async function readBack(clients: AwsClients, queueUrl: string): Promise<WrittenIds> {
  const found = noIds();
  let start: Record<string, any> | undefined;
  do {
    const page = await clients.dynamodb.send(new ScanCommand({ TableName: 'orders', ExclusiveStartKey: start }));
    page.Items?.forEach((item) => found.dynamodb.add(item.id!.S!));
    start = page.LastEvaluatedKey;
  } while (start);
  for (;;) {
    const got = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }));
    if (!got.Messages?.length) break;
    got.Messages.forEach((message) => found.sqs.add(message.Body!));
  }
  let token: string | undefined;
  do {
    const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: 'orders', ContinuationToken: token }));
    page.Contents?.forEach((object) => found.s3.add(object.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return found;
}

/** The acknowledged ids that were not found, per service. */
export function lostIds(acknowledged: WrittenIds, found: WrittenIds): Record<keyof WrittenIds, string[]> {
  const lost = (service: keyof WrittenIds) => [...acknowledged[service]].filter((id) => !found[service].has(id));
  return { dynamodb: lost('dynamodb'), sqs: lost('sqs'), s3: lost('s3') };
}
