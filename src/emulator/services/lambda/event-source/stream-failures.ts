/**
 * What a stream mapping hands on: the event records Lambda builds from stream records, and the
 * record it sends to the on-failure destination (an SQS queue or an SNS topic) for a batch it
 * gives up on, in the shape the Lambda developer guide documents (requestContext,
 * responseContext, DDBStreamBatchInfo).
 */
import type { Emulator } from '../../../emulator.ts';

/** A stream record as GetRecords answers it through the emulator (numbers for dates). */
export interface StreamApiRecord {
  eventID: string;
  eventName: string;
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  dynamodb: { ApproximateCreationDateTime: number; SequenceNumber: string; [member: string]: unknown };
  userIdentity?: { PrincipalId: string; Type: string };
}

/** The record Lambda hands a function for one stream record. */
export function streamEventRecord(record: StreamApiRecord, streamArn: string): Record<string, unknown> {
  const { userIdentity, ...rest } = record;
  return {
    ...rest,
    eventSourceARN: streamArn,
    ...(userIdentity ? { userIdentity: { type: userIdentity.Type, principalId: userIdentity.PrincipalId } } : {}),
  };
}

/** Why a batch was given up on. */
export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

/** What the on-failure record says about the batch and the last invocation. */
export interface FailedBatch {
  streamArn: string;
  shardId: string;
  functionArn: string;
  executedVersion: string;
  records: StreamApiRecord[];
  condition: FailureCondition;
  requestId: string;
  invokeCount: number;
  functionError: string | undefined;
}

/** The documented on-failure record of a DynamoDB stream batch. */
export function failureRecord(batch: FailedBatch): Record<string, unknown> {
  const first = batch.records[0]!;
  const last = batch.records[batch.records.length - 1]!;
  const arrival = (record: StreamApiRecord) => new Date(record.dynamodb.ApproximateCreationDateTime * 1000).toISOString().replace('.000Z', 'Z');
  return {
    requestContext: { requestId: batch.requestId, functionArn: batch.functionArn, condition: batch.condition, approximateInvokeCount: batch.invokeCount },
    responseContext: { statusCode: 200, executedVersion: batch.executedVersion, ...(batch.functionError ? { functionError: batch.functionError } : {}) },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: first.dynamodb.SequenceNumber,
      endSequenceNumber: last.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival(first),
      approximateArrivalOfLastRecord: arrival(last),
      batchSize: batch.records.length,
      streamArn: batch.streamArn,
    },
  };
}

/** Sends the on-failure record to an SQS queue or SNS topic of the mapping's own account; throws when it cannot. */
export async function sendFailure(emulator: Emulator, destination: string, ownAccount: string, record: Record<string, unknown>): Promise<void> {
  const [, , service, region, account, resource] = destination.split(':');
  // Another account's queue would need its policy evaluated: the emulator delivers within the account only.
  if (account !== ownAccount) throw new Error(`${destination} belongs to account ${account}, not the mapping's ${ownAccount}`);
  const scope = { account: account!, region: region! };
  const body = JSON.stringify(record);
  if (service === 'sqs') {
    const found = await emulator.call('sqs', 'GetQueueUrl', { QueueName: resource, QueueOwnerAWSAccountId: account }, scope);
    await emulator.call('sqs', 'SendMessage', { QueueUrl: found?.QueueUrl, MessageBody: body }, scope);
  } else {
    await emulator.call('sns', 'Publish', { TopicArn: destination, Message: body }, scope);
  }
}
