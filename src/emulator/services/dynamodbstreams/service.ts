/**
 * Amazon DynamoDB Streams over the JSON 1.0 protocol (`DynamoDBStreams_20120810`): ListStreams,
 * DescribeStream, GetShardIterator and GetRecords over the change records DynamoDB captures
 * (dynamodb/streams/). It answers on the same port as DynamoDB: the router tells them apart by
 * X-Amz-Target, as both sign with the service name `dynamodb`.
 * LIMITATIONS: one shard per stream (AWS splits a stream into many shards as a table grows, so
 * there are never child shards and ShardFilter finds none); records are kept 24 hours scaled by
 * the time factor, and a disabled stream is kept as long; StreamStatus goes straight to ENABLED
 * or DISABLED (no ENABLING/DISABLING); no read throttling (LimitExceededException is never
 * answered); the Kinesis Data Streams destination of a table is not emulated.
 */
import type { OperationContext, ServiceDefinition } from '../../types.ts';
import { describeStream, getRecords, getShardIterator, listStreams, type StreamsContext } from './model.ts';

type Handler = (context: StreamsContext, input: Record<string, any>) => unknown;

/** Adapts a model function to the emulator's operation signature. */
function operation(handler: Handler): (input: Record<string, any>, context: OperationContext<Record<string, never>>) => unknown {
  return (input, context) => handler(context, input ?? {});
}

/** The DynamoDB Streams service; it keeps no state of its own (the streams are DynamoDB's). */
export const dynamodbStreamsService: ServiceDefinition<Record<string, never>> = {
  name: 'dynamodbstreams',
  // Requests are routed by X-Amz-Target; claiming `dynamodb` here would take DynamoDB's own unsigned-target requests.
  signingNames: [],
  protocol: 'json',
  jsonVersion: '1.0',
  targetPrefix: 'DynamoDBStreams_20120810',
  createState: () => ({}),
  operations: {
    ListStreams: operation(listStreams),
    DescribeStream: operation(describeStream),
    GetShardIterator: operation(getShardIterator),
    GetRecords: operation(getRecords),
  },
};
