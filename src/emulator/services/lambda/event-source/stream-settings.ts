/**
 * The settings event source mappings on DynamoDB streams take beside those every mapping has:
 * StartingPosition, retries, bisecting, record age, ParallelizationFactor and an on-failure
 * destination, checked in Lambda's words, and the members the API shows for such a mapping.
 */
import { isAwsError } from '../../../errors.ts';
import { InvalidParameterValueException } from '../errors.ts';
import type { LambdaContext } from '../model.ts';

/** A DynamoDB stream ARN: region, account, table, label. */
export const STREAM_ARN = /^arn:aws[\w-]*:dynamodb:([\w-]+):(\d{12}):table\/([\w.-]{3,255})\/stream\/(.+)$/;

/** What a stream mapping keeps beside the common settings. */
export interface StreamMappingSettings {
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  bisectBatchOnFunctionError: boolean;
  maximumRetryAttempts: number;
  maximumRecordAgeInSeconds: number;
  parallelizationFactor: number;
  onFailure: string | undefined;
  /** What the last batch came to, as LastProcessingResult shows it. */
  lastProcessingResult: string;
  /** The sequence number of the last record handled (delivered, filtered out or given up on). */
  checkpoint?: string;
  /** A LATEST iterator taken when the mapping was created, so records written from then on are read. */
  startIterator?: string;
}

function integerIn(value: unknown, min: number, max: number, message: string): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) throw new InvalidParameterValueException(message);
  return value as number;
}

function checkDestination(config: unknown, current: string | undefined): string | undefined {
  if (config === undefined || config === null) return current;
  const { OnFailure, OnSuccess } = config as { OnFailure?: { Destination?: unknown }; OnSuccess?: unknown };
  if (OnSuccess !== undefined) throw new InvalidParameterValueException('Unsupported DestinationConfig parameter for given event source mapping type.');
  const destination = OnFailure?.Destination;
  if (destination === undefined || destination === null || destination === '') return undefined;
  if (typeof destination !== 'string' || !/^arn:aws[\w-]*:(sqs|sns):[\w-]+:\d{12}:[\w.-]+$/.test(destination)) {
    throw new InvalidParameterValueException(`The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=${String(destination)})) is invalid. The on-failure destination of a DynamoDB stream mapping must be an SQS queue or an SNS topic.`);
  }
  return destination;
}

/** Checks the stream settings of a Create (no `current`) or Update request. */
export function checkStreamSettings(input: Record<string, any>, current?: StreamMappingSettings): StreamMappingSettings {
  let startingPosition = current?.startingPosition;
  if (!current) {
    const position = input.StartingPosition;
    if (position === undefined || position === null) {
      throw new InvalidParameterValueException("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
    }
    if (position !== 'TRIM_HORIZON' && position !== 'LATEST') throw new InvalidParameterValueException(`Unsupported starting position for arn type: ${String(input.EventSourceArn)}`);
    startingPosition = position;
  }
  const retries = input.MaximumRetryAttempts ?? current?.maximumRetryAttempts ?? -1;
  const age = input.MaximumRecordAgeInSeconds ?? current?.maximumRecordAgeInSeconds ?? -1;
  if (age !== -1) integerIn(age, 60, 604_800, 'MaximumRecordAgeInSeconds must be -1 (infinite) or between 60 and 604800.');
  return {
    startingPosition: startingPosition!,
    bisectBatchOnFunctionError: (input.BisectBatchOnFunctionError ?? current?.bisectBatchOnFunctionError ?? false) === true,
    maximumRetryAttempts: integerIn(retries, -1, 10_000, 'MaximumRetryAttempts must be -1 (infinite) or between 0 and 10000.'),
    maximumRecordAgeInSeconds: age,
    parallelizationFactor: integerIn(input.ParallelizationFactor ?? current?.parallelizationFactor ?? 1, 1, 10, 'ParallelizationFactor must be between 1 and 10.'),
    onFailure: checkDestination(input.DestinationConfig, current?.onFailure),
    lastProcessingResult: current?.lastProcessingResult ?? 'No records processed',
    ...(current?.checkpoint ? { checkpoint: current.checkpoint } : {}),
    ...(current?.startIterator ? { startIterator: current.startIterator } : {}),
  };
}

/** The members a stream mapping shows beside the common ones. */
export function streamMappingView(settings: StreamMappingSettings): Record<string, unknown> {
  return {
    StartingPosition: settings.startingPosition,
    ParallelizationFactor: settings.parallelizationFactor,
    BisectBatchOnFunctionError: settings.bisectBatchOnFunctionError,
    MaximumRetryAttempts: settings.maximumRetryAttempts,
    MaximumRecordAgeInSeconds: settings.maximumRecordAgeInSeconds,
    TumblingWindowInSeconds: 0,
    DestinationConfig: { OnFailure: settings.onFailure ? { Destination: settings.onFailure } : {} },
    LastProcessingResult: settings.lastProcessingResult,
    StateTransitionReason: 'User action',
  };
}

/**
 * Checks that the stream exists (through the Streams API, as a client would) and, for LATEST,
 * takes an iterator at the stream's end now: records written after CreateEventSourceMapping
 * answered are delivered, even those written before the mapping is Enabled.
 */
export async function openStream(context: LambdaContext, arn: string, settings: StreamMappingSettings): Promise<void> {
  const [, region, account] = STREAM_ARN.exec(arn)!;
  const scope = { account: account!, region: region! };
  let shardId: string | undefined;
  try {
    const answer = await context.emulator.call('dynamodbstreams', 'DescribeStream', { StreamArn: arn }, scope);
    shardId = answer?.StreamDescription?.Shards?.[0]?.ShardId;
  } catch (error) {
    if (isAwsError(error)) throw new InvalidParameterValueException(`Stream not found: ${arn}. Enable a stream on the table (UpdateTable with a StreamSpecification) and use its LatestStreamArn.`);
    throw error;
  }
  if (settings.startingPosition === 'LATEST' && shardId) {
    const answer = await context.emulator.call('dynamodbstreams', 'GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'LATEST' }, scope);
    settings.startIterator = answer?.ShardIterator;
  }
}
