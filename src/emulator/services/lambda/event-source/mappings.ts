/**
 * Event source mappings for SQS queues and DynamoDB streams: Lambda polls the source and invokes
 * the function with batches. This file is the control plane (Create/Get/List/Update/Delete), with
 * the stream-only settings in stream-settings.ts; poller.ts and stream-poller.ts do the polling.
 */
import { randomUUID } from 'node:crypto';
import { isAwsError } from '../../../errors.ts';
import { PatternError, parsePattern } from '../../events/pattern/index.ts';
import { functionArn, parseFunctionName } from '../arns.ts';
import { InvalidParameterValueException, ResourceConflictException, ResourceNotFoundException } from '../errors.ts';
import { getFunction, resolveQualifier, stateDelay, type LambdaContext, type LambdaState } from '../model.ts';
import { checkPollingRole } from '../role-access.ts';
import { checkStreamSettings, openStream, STREAM_ARN, streamMappingView, type StreamMappingSettings } from './stream-settings.ts';

/** One mapping as Lambda keeps it. */
export interface EventSourceMappingRecord {
  uuid: string;
  eventSourceArn: string;
  functionName: string;
  qualifier: string | undefined;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  enabled: boolean;
  functionResponseTypes: string[];
  maximumConcurrency: number | undefined;
  filterPatterns: string[];
  lastModified: Date;
  /** Epoch ms until which the mapping shows Creating/Updating/Enabling. */
  transitionUntil: number;
  transition: 'Creating' | 'Updating' | 'Enabling' | 'Disabling';
  /** Present for a mapping on a DynamoDB stream. */
  stream?: StreamMappingSettings;
  /** Why an SQS mapping cannot poll (its role lost a permission), as LastProcessingResult shows it. */
  problem?: string;
}

const SQS_ARN = /^arn:aws[\w-]*:sqs:([\w-]+):(\d{12}):([\w-]{1,80}(\.fifo)?)$/;

/** The mappings of an account and region (kept in Lambda's state, created on first use). */
export function mappingsOf(state: LambdaState): Map<string, EventSourceMappingRecord> {
  const holder = state as LambdaState & { eventSourceMappings?: Map<string, EventSourceMappingRecord> };
  holder.eventSourceMappings ??= new Map();
  return holder.eventSourceMappings;
}

/** The mapping's State right now. */
export function mappingState(record: EventSourceMappingRecord, now = Date.now()): string {
  if (now < record.transitionUntil) return record.transition;
  return record.enabled ? 'Enabled' : 'Disabled';
}

/** The mapping as the API shows it. */
export function mappingView(context: LambdaContext, record: EventSourceMappingRecord): Record<string, unknown> {
  return {
    UUID: record.uuid,
    BatchSize: record.batchSize,
    MaximumBatchingWindowInSeconds: record.maximumBatchingWindowInSeconds,
    EventSourceArn: record.eventSourceArn,
    FunctionArn: functionArn(context, record.functionName, record.qualifier),
    LastModified: record.lastModified,
    State: mappingState(record),
    StateTransitionReason: 'USER_INITIATED',
    FunctionResponseTypes: record.functionResponseTypes,
    ...(record.maximumConcurrency ? { ScalingConfig: { MaximumConcurrency: record.maximumConcurrency } } : {}),
    ...(record.filterPatterns.length > 0 ? { FilterCriteria: { Filters: record.filterPatterns.map((Pattern) => ({ Pattern })) } } : {}),
    ...(record.stream ? streamMappingView(record.stream) : {}),
    ...(record.problem ? { LastProcessingResult: record.problem } : {}),
    EventSourceMappingArn: `arn:aws:lambda:${context.region}:${context.account}:event-source-mapping:${record.uuid}`,
  };
}

function findMapping(context: LambdaContext, uuid: unknown): EventSourceMappingRecord {
  const record = typeof uuid === 'string' ? mappingsOf(context.state).get(uuid) : undefined;
  if (!record) throw new ResourceNotFoundException(`The resource you requested does not exist. (Service: Lambda, Status Code: 404, Request ID: ${randomUUID()})`);
  return record;
}

function checkSettings(input: Record<string, any>, fifo: boolean, current?: EventSourceMappingRecord, stream = false): Pick<EventSourceMappingRecord, 'batchSize' | 'maximumBatchingWindowInSeconds' | 'functionResponseTypes' | 'maximumConcurrency' | 'filterPatterns'> {
  // Stream batches default to 100 records and need no batching window to be larger than 10.
  const batchSize = input.BatchSize ?? current?.batchSize ?? (stream ? 100 : 10);
  const window = input.MaximumBatchingWindowInSeconds ?? current?.maximumBatchingWindowInSeconds ?? 0;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new InvalidParameterValueException('BatchSize must be between 1 and 10000.');
  if (!Number.isInteger(window) || window < 0 || window > 300) throw new InvalidParameterValueException('MaximumBatchingWindowInSeconds must be between 0 and 300.');
  if (fifo && batchSize > 10) throw new InvalidParameterValueException('Batch size for FIFO queues must be between 1 and 10.');
  if (!stream && batchSize > 10 && window < 1) {
    throw new InvalidParameterValueException('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  }
  const types: unknown = input.FunctionResponseTypes ?? current?.functionResponseTypes ?? [];
  if (!Array.isArray(types) || types.some((type) => type !== 'ReportBatchItemFailures')) {
    throw new InvalidParameterValueException('FunctionResponseTypes may only contain ReportBatchItemFailures.');
  }
  const concurrency = input.ScalingConfig?.MaximumConcurrency ?? current?.maximumConcurrency;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 2 || concurrency > 1000)) {
    throw new InvalidParameterValueException('ScalingConfig.MaximumConcurrency must be between 2 and 1000.');
  }
  const filters: unknown[] = input.FilterCriteria?.Filters ?? current?.filterPatterns.map((Pattern) => ({ Pattern })) ?? [];
  const filterPatterns = filters.map((filter) => String((filter as { Pattern?: string }).Pattern ?? ''));
  for (const pattern of filterPatterns) {
    try {
      parsePattern(pattern);
    } catch (error) {
      if (error instanceof PatternError) throw new InvalidParameterValueException(`Invalid filter pattern definition. ${error.message}`);
      throw error;
    }
  }
  return { batchSize, maximumBatchingWindowInSeconds: window, functionResponseTypes: types as string[], maximumConcurrency: concurrency, filterPatterns };
}

/** SQS mappings have no destinations (failed messages go to the queue's redrive policy). */
function refuseDestinationConfig(input: Record<string, any>): void {
  const config = input.DestinationConfig as Record<string, unknown> | undefined;
  if (config && typeof config === 'object' && Object.keys(config).length > 0) {
    throw new InvalidParameterValueException('Unsupported DestinationConfig parameter for given event source mapping type.');
  }
}

/** The timeout of the function version a mapping would invoke. */
function timeoutOf(context: LambdaContext, name: string, qualifier: string | undefined): number {
  const fn = context.state.functions.get(name)!;
  try {
    return resolveQualifier(context, fn, qualifier).version.timeout;
  } catch {
    return fn.latest.timeout;
  }
}

/** AWS refuses a queue whose messages would become visible again while the function may still run their batch. */
async function refuseShortVisibility(context: LambdaContext, queueUrl: string, scope: { account: string; region: string }, timeout: number): Promise<void> {
  const { Attributes } = (await context.emulator.call('sqs', 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['VisibilityTimeout'] }, scope)) as { Attributes?: Record<string, string> };
  const visibility = Number(Attributes?.VisibilityTimeout ?? 30);
  if (visibility < timeout) throw new InvalidParameterValueException(`Queue visibility timeout: ${visibility} seconds is less than Function timeout: ${timeout} seconds`);
}

/** CreateEventSourceMapping for an SQS queue or a DynamoDB stream. */
export async function CreateEventSourceMapping(context: LambdaContext, input: Record<string, any>): Promise<Record<string, unknown>> {
  if (typeof input.EventSourceArn === 'string' && STREAM_ARN.test(input.EventSourceArn)) return createStreamMapping(context, input);
  const source = typeof input.EventSourceArn === 'string' ? SQS_ARN.exec(input.EventSourceArn) : null;
  if (!source) {
    throw new InvalidParameterValueException(`Unsupported event source: ${String(input.EventSourceArn)}. The emulator supports Amazon SQS queues and DynamoDB streams.`);
  }
  refuseDestinationConfig(input);
  const ref = parseFunctionName(input.FunctionName, context, { qualifier: undefined });
  if (!context.state.functions.has(ref.name)) throw new InvalidParameterValueException('Function does not exist');
  const queueScope = { account: source[2]!, region: source[1]! };
  let queueUrl: string;
  try {
    queueUrl = ((await context.emulator.call('sqs', 'GetQueueUrl', { QueueName: source[3], QueueOwnerAWSAccountId: source[2] }, queueScope)) as { QueueUrl: string }).QueueUrl;
  } catch (error) {
    if (isAwsError(error)) {
      throw new InvalidParameterValueException(`Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.`);
    }
    throw error;
  }
  await checkPollingRole(context, ref.name, ref.qualifier, input.EventSourceArn);
  await refuseShortVisibility(context, queueUrl, queueScope, timeoutOf(context, ref.name, ref.qualifier));
  const mappings = mappingsOf(context.state);
  for (const existing of mappings.values()) {
    if (existing.eventSourceArn === input.EventSourceArn && existing.functionName === ref.name && existing.qualifier === ref.qualifier) {
      throw new ResourceConflictException(
        `An event source mapping with SQS arn (" ${input.EventSourceArn} ") and function (" ${ref.name} ") already exists. Please update or delete the existing mapping with UUID ${existing.uuid}`,
      );
    }
  }
  const record: EventSourceMappingRecord = {
    uuid: randomUUID(),
    eventSourceArn: input.EventSourceArn,
    functionName: ref.name,
    qualifier: ref.qualifier,
    ...checkSettings(input, Boolean(source[4])),
    enabled: input.Enabled !== false,
    lastModified: new Date(),
    transitionUntil: Date.now() + stateDelay(context),
    transition: 'Creating',
  };
  mappings.set(record.uuid, record);
  return mappingView(context, record);
}

/** CreateEventSourceMapping for a DynamoDB stream. */
async function createStreamMapping(context: LambdaContext, input: Record<string, any>): Promise<Record<string, unknown>> {
  const settings = checkStreamSettings(input);
  const common = checkSettings(input, false, undefined, true);
  const ref = parseFunctionName(input.FunctionName, context, { qualifier: undefined });
  if (!context.state.functions.has(ref.name)) throw new InvalidParameterValueException('Function does not exist');
  const mappings = mappingsOf(context.state);
  for (const existing of mappings.values()) {
    if (existing.eventSourceArn === input.EventSourceArn && existing.functionName === ref.name && existing.qualifier === ref.qualifier) {
      throw new ResourceConflictException(
        `The event source arn (" ${input.EventSourceArn} ") and function (" ${ref.name} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${existing.uuid}`,
      );
    }
  }
  await checkPollingRole(context, ref.name, ref.qualifier, input.EventSourceArn);
  await openStream(context, input.EventSourceArn, settings);
  const record: EventSourceMappingRecord = {
    uuid: randomUUID(),
    eventSourceArn: input.EventSourceArn,
    functionName: ref.name,
    qualifier: ref.qualifier,
    ...common,
    enabled: input.Enabled !== false,
    lastModified: new Date(),
    transitionUntil: Date.now() + stateDelay(context),
    transition: 'Creating',
    stream: settings,
  };
  mappings.set(record.uuid, record);
  return mappingView(context, record);
}

/** GetEventSourceMapping. */
export function GetEventSourceMapping(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  return mappingView(context, findMapping(context, input.UUID));
}

/** ListEventSourceMappings, filtered by source and function, with Marker/MaxItems. */
export function ListEventSourceMappings(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const fn = input.FunctionName ? parseFunctionName(input.FunctionName, context, {}).name : undefined;
  const all = [...mappingsOf(context.state).values()]
    .filter((record) => !input.EventSourceArn || record.eventSourceArn === input.EventSourceArn)
    .filter((record) => !fn || record.functionName === fn);
  const start = typeof input.Marker === 'string' && /^\d+$/.test(input.Marker) ? Number(input.Marker) : 0;
  const size = Math.min(Math.max(Number(input.MaxItems ?? 100) || 100, 1), 10_000);
  const page = all.slice(start, start + size);
  return { EventSourceMappings: page.map((record) => mappingView(context, record)), ...(start + size < all.length ? { NextMarker: String(start + size) } : {}) };
}

/** UpdateEventSourceMapping: batch settings, enabling, filters, the function. */
export function UpdateEventSourceMapping(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const record = findMapping(context, input.UUID);
  if (!record.stream) refuseDestinationConfig(input);
  if (mappingState(record) === 'Creating') throw new ResourceInUseException('Cannot update the event source mapping because it is in use (Creating).');
  const stream = record.stream ? checkStreamSettings(input, record.stream) : undefined;
  Object.assign(record, checkSettings(input, record.eventSourceArn.endsWith('.fifo'), record, Boolean(record.stream)));
  if (stream) record.stream = stream;
  if (input.FunctionName !== undefined) {
    const ref = parseFunctionName(input.FunctionName, context, {});
    getFunction(context, ref.name, ref.qualifier);
    record.functionName = ref.name;
    record.qualifier = ref.qualifier;
  }
  const wasEnabled = record.enabled;
  if (typeof input.Enabled === 'boolean') record.enabled = input.Enabled;
  record.transition = record.enabled === wasEnabled ? 'Updating' : record.enabled ? 'Enabling' : 'Disabling';
  record.transitionUntil = Date.now() + stateDelay(context);
  record.lastModified = new Date();
  return mappingView(context, record);
}

/** DeleteEventSourceMapping: answers with State Deleting, as Lambda does. */
export function DeleteEventSourceMapping(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const record = findMapping(context, input.UUID);
  mappingsOf(context.state).delete(record.uuid);
  return { ...mappingView(context, record), State: 'Deleting' };
}

/** Lambda's ResourceInUseException. */
class ResourceInUseException extends InvalidParameterValueException {
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, 'code', { value: 'ResourceInUseException' });
  }
}
