/**
 * Lambda event source mappings on DynamoDB streams, with real functions deployed in the emulator
 * that write what they received into another table: Lambda's validation, records delivered in
 * order, a failing batch split in two until the poison record is alone and sent to the on-failure
 * queue, ReportBatchItemFailures retried from the first failed record, filters, LATEST, and the
 * stream members of Get/List/Update/Delete.
 */
import { BatchWriteItemCommand, GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateEventSourceMappingCommand, DeleteEventSourceMappingCommand, GetEventSourceMappingCommand, ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand, type LambdaClient,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableAndWait } from '../support/dynamodb.ts';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';

// Appends the names of each batch's records (`pk@v`) to one item of the log table; MODE=throw
// fails any batch holding a poison record, MODE=report fails each `flaky` record once by
// reporting it in batchItemFailures.
const RECORDER = `
const { DynamoDBClient, UpdateItemCommand, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const db = new DynamoDBClient({});
const name = (r) => (r.dynamodb.NewImage ? r.dynamodb.NewImage.pk.S + '@' + r.dynamodb.NewImage.v.N : r.dynamodb.Keys.pk.S + '@removed');
async function append(names, sample) {
  await db.send(new UpdateItemCommand({
    TableName: 'stream-log', Key: { id: { S: process.env.LOG_ID } },
    UpdateExpression: 'SET gotNames = list_append(if_not_exists(gotNames, :none), :names), gotBatches = list_append(if_not_exists(gotBatches, :none), :batch), firstRecord = if_not_exists(firstRecord, :sample)',
    ExpressionAttributeValues: { ':none': { L: [] }, ':names': { L: names.map((S) => ({ S })) }, ':batch': { L: [{ S: names.join(',') }] }, ':sample': { S: sample } },
  }));
}
async function firstTime(id) {
  try {
    await db.send(new PutItemCommand({ TableName: 'stream-log', Item: { id: { S: id } }, ConditionExpression: 'attribute_not_exists(id)' }));
    return true;
  } catch (error) {
    if (error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
exports.handler = async (event) => {
  const names = event.Records.map(name);
  if (process.env.MODE === 'throw' && names.some((n) => n.startsWith('poison'))) throw new Error('a poison record is in the batch');
  if (process.env.MODE === 'report') {
    for (let i = 0; i < names.length; i++) {
      if (names[i].startsWith('flaky') && (await firstTime('failed-' + names[i]))) {
        await append(names.slice(0, i), JSON.stringify(event.Records[0]));
        return { batchItemFailures: [{ itemIdentifier: event.Records[i].dynamodb.SequenceNumber }] };
      }
    }
  }
  await append(names, JSON.stringify(event.Records[0]));
  return { batchItemFailures: [] };
};
`;

function streamTable(name: string) {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' as const },
  };
}

const item = (pk: string, v: number) => ({ pk: { S: pk }, v: { N: String(v) } });

describe('Lambda event source mappings on DynamoDB streams', () => {
  const emulator = useEmulator({ timeFactor: 0.001, settings: { lambdaStateDelayMs: 10, dynamodbStateDelayMs: 0 } });
  let dynamodb: DynamoDBClient;
  let lambda: LambdaClient;

  const logOf = async (id: string) => {
    const found = (await dynamodb.send(new GetItemCommand({ TableName: 'stream-log', Key: { id: { S: id } }, ConsistentRead: true }))).Item;
    return { seen: (found?.gotNames?.L ?? []).map((value) => value.S), batches: (found?.gotBatches?.L ?? []).map((value) => value.S), sample: found?.firstRecord?.S };
  };
  const put = (table: string, pk: string, v: number) => dynamodb.send(new PutItemCommand({ TableName: table, Item: item(pk, v) }));
  const enabled = (uuid: string) => eventually(async () => (await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State === 'Enabled');

  beforeAll(async () => {
    ({ dynamodb, lambda } = emulator.clients);
    await createTableAndWait(dynamodb, { TableName: 'stream-log', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] });
    for (const [name, MODE] of [['recorder-throw', 'throw'], ['recorder-report', 'report'], ['recorder-plain', 'plain']] as const) {
      await createFunction(lambda, name, { files: { 'index.js': RECORDER }, Timeout: 30, Environment: { Variables: { MODE, LOG_ID: name } } });
    }
  }, 60_000);

  it('validates stream mappings as Lambda does', async () => {
    const arn = (await createTableAndWait(dynamodb, streamTable('orders-checked'))).TableDescription!.LatestStreamArn!;
    const create = (input: Record<string, unknown>) => lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'recorder-plain', EventSourceArn: arn, ...input }));
    await expect(create({})).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null." });
    await expect(create({ StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: new Date() })).rejects.toMatchObject({ name: 'InvalidParameterValueException', message: `Unsupported starting position for arn type: ${arn}` });
    await expect(create({ StartingPosition: 'LATEST', EventSourceArn: `${arn.slice(0, -3)}999` })).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(create({ StartingPosition: 'LATEST', DestinationConfig: { OnSuccess: { Destination: 'arn:aws:sqs:us-east-1:000000000000:x' } } })).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(create({ StartingPosition: 'LATEST', FilterCriteria: { Filters: [{ Pattern: '{"eventName": ["INSERT"=123]}' }] } })).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    const created = await create({ StartingPosition: 'LATEST' });
    expect(created).toMatchObject({ BatchSize: 100, MaximumBatchingWindowInSeconds: 0, MaximumRetryAttempts: -1, MaximumRecordAgeInSeconds: -1, StartingPosition: 'LATEST', StateTransitionReason: 'User action' });
    await expect(create({ StartingPosition: 'LATEST' })).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: `The event source arn (" ${arn} ") and function (" recorder-plain ") provided mapping already exists. Please update or delete the existing mapping with UUID ${created.UUID}`,
    });
    await enabled(created.UUID!);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID! }));
  });

  it('delivers in order, splits a failing batch until the poison record is alone, and sends it to the on-failure queue', async () => {
    const { sqs } = emulator.clients;
    const arn = (await createTableAndWait(dynamodb, streamTable('orders-bisect'))).TableDescription!.LatestStreamArn!;
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'orders-bisect-failures' }))).QueueUrl!;
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    await put('orders-bisect', 'order-1', 1);
    await put('orders-bisect', 'order-1', 2);
    await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { 'orders-bisect': ['order-2', 'poison-1', 'order-3'].map((pk) => ({ PutRequest: { Item: item(pk, 1) } })) } }));
    await put('orders-bisect', 'order-1', 3);

    const created = await lambda.send(new CreateEventSourceMappingCommand({
      FunctionName: 'recorder-throw', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON', BatchSize: 10,
      BisectBatchOnFunctionError: true, MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: queueArn } },
    }));
    expect(created).toMatchObject({
      State: 'Creating', EventSourceArn: arn, BatchSize: 10, StartingPosition: 'TRIM_HORIZON', BisectBatchOnFunctionError: true, MaximumRetryAttempts: 1,
      ParallelizationFactor: 1, TumblingWindowInSeconds: 0, DestinationConfig: { OnFailure: { Destination: queueArn } }, LastProcessingResult: 'No records processed',
      $metadata: { httpStatusCode: 202 },
    });

    const failure = await eventually(async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }))).Messages?.[0], 30_000);
    const body = JSON.parse(failure.Body!);
    expect(body).toMatchObject({
      requestContext: { functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:recorder-throw', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      DDBStreamBatchInfo: { batchSize: 1, streamArn: arn },
    });
    expect(body.DDBStreamBatchInfo.startSequenceNumber).toBe(body.DDBStreamBatchInfo.endSequenceNumber);

    const expected = ['order-1@1', 'order-1@2', 'order-2@1', 'order-3@1', 'order-1@3'];
    const log = await eventually(async () => {
      const found = await logOf('recorder-throw');
      return found.seen.length >= expected.length ? found : undefined;
    }, 30_000);
    expect(log.seen).toEqual(expected);
    // Six failed together; of the halves, three passed and three failed; of those, [poison, order-3]
    // failed and [order-1@3] passed; then the poison record alone failed twice and order-3 passed.
    expect(log.batches).toEqual(['order-1@1,order-1@2,order-2@1', 'order-3@1', 'order-1@3']);
    const sample = JSON.parse(log.sample!);
    expect(sample).toMatchObject({ eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1', eventSourceARN: arn, dynamodb: { Keys: { pk: { S: 'order-1' } }, NewImage: item('order-1', 1), StreamViewType: 'NEW_IMAGE' } });
    expect(typeof sample.dynamodb.ApproximateCreationDateTime).toBe('number');
    expect(sample.dynamodb.SequenceNumber).toMatch(/^\d{21,}$/);

    const trace = emulator.running.emulator.trace.list({ account: '000000000000' }).filter((entry) => entry.detail?.includes(arn) || entry.target === queueArn);
    expect(trace.filter((entry) => entry.outcome === 'retry' && entry.detail?.includes('split in two')).length).toBe(3);
    expect(trace.filter((entry) => entry.kind === 'invocation' && entry.outcome === 'function-error').length).toBe(5);
    expect(trace.some((entry) => entry.kind === 'destination' && entry.target === queueArn && entry.outcome === 'delivered')).toBe(true);
    const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID! }));
    expect(got.LastProcessingResult).toBe('OK');
    // Only the poison record was given up on (the queue's own visibility timeout is scaled, so the trace counts).
    const deliveries = emulator.running.emulator.trace.list({ account: '000000000000' }).filter((entry) => entry.kind === 'destination' && entry.target === queueArn);
    expect(deliveries).toHaveLength(1);
  });

  it('retries from the first record a ReportBatchItemFailures answer names, and skips records the filter does not match', async () => {
    const arn = (await createTableAndWait(dynamodb, streamTable('orders-report'))).TableDescription!.LatestStreamArn!;
    await put('orders-report', 'a', 1);
    await put('orders-report', 'flaky', 1);
    await put('orders-report', 'b', 1);
    await put('orders-report', 'a', 2);
    const created = await lambda.send(new CreateEventSourceMappingCommand({
      FunctionName: 'recorder-report', EventSourceArn: arn, StartingPosition: 'TRIM_HORIZON', BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'], FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] },
    }));
    expect(created.FilterCriteria).toEqual({ Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] });
    const log = await eventually(async () => {
      const found = await logOf('recorder-report');
      return found.seen.length >= 3 ? found : undefined;
    }, 30_000);
    expect(log.batches).toEqual(['a@1', 'flaky@1,b@1']);
    expect(log.seen).toEqual(['a@1', 'flaky@1', 'b@1']);

    const listed = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: arn }));
    expect(listed.EventSourceMappings!.map((mapping) => [mapping.UUID, mapping.StartingPosition, mapping.FunctionResponseTypes])).toEqual([[created.UUID, 'TRIM_HORIZON', ['ReportBatchItemFailures']]]);
    await enabled(created.UUID!);
    const updated = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID!, MaximumRetryAttempts: 5, BisectBatchOnFunctionError: true }));
    expect(updated).toMatchObject({ State: 'Updating', MaximumRetryAttempts: 5, BisectBatchOnFunctionError: true, StartingPosition: 'TRIM_HORIZON' });
    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID! }));
    expect(deleted).toMatchObject({ State: 'Deleting', StartingPosition: 'TRIM_HORIZON' });
  });

  it('starts at LATEST with the records written after the mapping was created', async () => {
    const arn = (await createTableAndWait(dynamodb, streamTable('orders-latest'))).TableDescription!.LatestStreamArn!;
    await put('orders-latest', 'before', 1);
    const created = await lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'recorder-plain', EventSourceArn: arn, StartingPosition: 'LATEST' }));
    // Written while the mapping is still Creating: LATEST counts from CreateEventSourceMapping's answer.
    await put('orders-latest', 'after', 1);
    await enabled(created.UUID!);
    await put('orders-latest', 'after', 2);
    const log = await eventually(async () => {
      const found = await logOf('recorder-plain');
      return found.seen.length >= 2 ? found : undefined;
    }, 30_000);
    expect(log.seen).toEqual(['after@1', 'after@2']);
  });
});
