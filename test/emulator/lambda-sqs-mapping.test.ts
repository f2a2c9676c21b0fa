import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateEventSourceMappingCommand, CreateFunctionCommand, DeleteEventSourceMappingCommand, GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand, waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { zipFiles } from '../support/zip.ts';
import { eventually } from '../support/eventually.ts';

const ROLE = 'arn:aws:iam::000000000000:role/worker';
// Fails the messages whose body starts with "poison", reporting them one by one.
const WORKER = `
export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    if (record.body.startsWith('poison')) batchItemFailures.push({ itemIdentifier: record.messageId });
    else console.log('PROCESSED ' + record.body + ' from ' + record.eventSource);
  }
  return { batchItemFailures };
};`;

describe('Lambda event source mappings for SQS', () => {
  const emulator = useEmulator({ timeFactor: 0.001, settings: { lambdaStateDelayMs: 10 } });
  let queueUrl: string;
  let queueArn: string;
  let dlqUrl: string;

  const arnOf = async (url: string) => (await emulator.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const processed = async () => {
    const events = (await emulator.clients.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/worker', filterPattern: 'PROCESSED' }))).events ?? [];
    return events.map((event) => /PROCESSED (\S+)/.exec(event.message ?? '')?.[1]).sort();
  };

  beforeAll(async () => {
    const { sqs, lambda } = emulator.clients;
    dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'orders-dlq' }))).QueueUrl!;
    queueUrl = (await sqs.send(new CreateQueueCommand({
      QueueName: 'orders-in',
      // 1000 s at the factor 0.001 is 1 s: longer than a cold start, so a batch in flight is not read again by another of Lambda's readers.
      Attributes: { VisibilityTimeout: '1000', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlqUrl), maxReceiveCount: 2 }) },
    }))).QueueUrl!;
    queueArn = await arnOf(queueUrl);
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'worker', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipFiles({ 'index.mjs': WORKER }) } }));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'worker' });
  });

  it('validates mappings as Lambda does', async () => {
    const { lambda } = emulator.clients;
    await expect(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'worker', EventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:missing' }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'nobody', EventSourceArn: queueArn }))).rejects.toMatchObject({ name: 'InvalidParameterValueException', $metadata: { httpStatusCode: 400 } });
    await expect(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'worker', EventSourceArn: queueArn, BatchSize: 50 }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(lambda.send(new GetEventSourceMappingCommand({ UUID: '00000000-0000-0000-0000-000000000000' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('delivers batches, deletes what succeeded, and lets reported failures go to the dead-letter queue', async () => {
    const { lambda, sqs } = emulator.clients;
    const created = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'worker', EventSourceArn: queueArn, BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] }));
    expect(created).toMatchObject({ State: 'Creating', BatchSize: 5, EventSourceArn: queueArn, FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:worker', $metadata: { httpStatusCode: 202 } });
    await expect(lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'worker', EventSourceArn: queueArn }))).rejects.toMatchObject({ name: 'ResourceConflictException' });
    await eventually(async () => (await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID! }))).State === 'Enabled');

    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: ['ok-1', 'poison-1', 'ok-2', 'ok-3'].map((body, index) => ({ Id: String(index), MessageBody: body })) }));
    await eventually(async () => ((await processed()).length === 3 ? true : undefined));
    expect(await processed()).toEqual(['ok-1', 'ok-2', 'ok-3']);
    const dead = await eventually(async () => {
      const messages = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }))).Messages ?? [];
      return messages.length > 0 ? messages : undefined;
    });
    expect(dead.map((message) => message.Body)).toEqual(['poison-1']);
    expect(await processed()).toEqual(['ok-1', 'ok-2', 'ok-3']);

    const listed = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'worker' }));
    expect(listed.EventSourceMappings?.map((mapping) => mapping.UUID)).toEqual([created.UUID]);
    const updated = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID!, Enabled: false }));
    expect(updated.State).toBe('Disabling');
    await eventually(async () => (await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID! }))).State === 'Disabled');
    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID! }));
    expect(deleted.State).toBe('Deleting');
    expect((await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'worker' }))).EventSourceMappings).toEqual([]);
  });
});
