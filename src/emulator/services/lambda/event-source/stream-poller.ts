/**
 * Reads the DynamoDB streams of enabled event source mappings and invokes their functions, as
 * Lambda's stream pollers do: one batch in flight per shard, so records reach the function in
 * order; a failed batch is retried (MaximumRetryAttempts, -1 for ever), split in two first when
 * BisectBatchOnFunctionError is on, retried from the first failed record a ReportBatchItemFailures
 * answer names, and given up on to the on-failure destination. Records no filter matches are
 * skipped. A poller sleeps until its stream records a change (streams/signal.ts) instead of
 * polling fast. Every batch, retry, split and on-failure delivery is in the trace.
 */
import { isAwsError } from '../../../errors.ts';
import type { Emulator } from '../../../emulator.ts';
import { matchEvent, parsePattern } from '../../events/pattern/index.ts';
import { waitForStream } from '../../dynamodb/streams/signal.ts';
import { functionArn } from '../arns.ts';
import type { LambdaState } from '../model.ts';
import { pollingProblem } from '../role-access.ts';
import { MappingLoops } from './mapping-loops.ts';
import { mappingState, mappingsOf, type EventSourceMappingRecord } from './mappings.ts';
import { failureRecord, sendFailure, streamEventRecord, type FailureCondition, type StreamApiRecord } from './stream-failures.ts';
import { STREAM_ARN } from './stream-settings.ts';

const TICK_MS = 100;
/** How long an idle poller sleeps when no change wakes it. */
const IDLE_MS = 1000;

type Scope = { account: string; region: string };
type Outcome = { ok: true } | { ok: false; failedFrom: number; requestId: string; functionError: string | undefined };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)));

/** Runs one reading loop per enabled stream mapping for as long as the emulator runs. */
export class StreamPoller extends MappingLoops {
  /** Mappings whose stream is disabled and read to its end: nothing more will come. */
  private readonly finished = new Set<string>();

  constructor(emulator: Emulator, serviceName: string) {
    super(emulator, serviceName, TICK_MS);
  }

  protected takes(record: EventSourceMappingRecord): boolean {
    return Boolean(record.stream) && !this.finished.has(record.uuid);
  }

  private live(state: LambdaState, uuid: string): EventSourceMappingRecord | undefined {
    const record = mappingsOf(state).get(uuid);
    return !this.stopped && record?.stream && mappingState(record) === 'Enabled' ? record : undefined;
  }

  protected async loop(state: LambdaState, uuid: string, scope: Scope): Promise<void> {
    let iterator: string | undefined;
    let shardId = '';
    for (let record = this.live(state, uuid); record; record = this.live(state, uuid)) {
      const arn = record.eventSourceArn;
      const [, region, account] = STREAM_ARN.exec(arn)!;
      const source = { account: account!, region: region! };
      try {
        if (await this.refused(state, record, scope)) continue;
        if (!iterator) ({ iterator, shardId } = await this.open(record, source));
        // Registered before reading, so a change recorded while the read is answered still wakes this loop.
        const woken = waitForStream(arn, IDLE_MS);
        const answer = await this.emulator.call('dynamodbstreams', 'GetRecords', { ShardIterator: iterator, Limit: Math.min(record.batchSize, 1000) }, source);
        let records = (answer.Records ?? []) as StreamApiRecord[];
        let next = answer.NextShardIterator as string | undefined;
        const closesAt = Date.now() + this.emulator.scaled(record.maximumBatchingWindowInSeconds * 1000, scope.account);
        while (records.length > 0 && records.length < record.batchSize && next && Date.now() < closesAt) {
          await waitForStream(arn, closesAt - Date.now());
          const more = await this.emulator.call('dynamodbstreams', 'GetRecords', { ShardIterator: next, Limit: Math.min(record.batchSize - records.length, 1000) }, source);
          records = [...records, ...((more.Records ?? []) as StreamApiRecord[])];
          next = more.NextShardIterator;
        }
        if (records.length > 0) await this.process(record, scope, shardId, records);
        if (!next) {
          this.finished.add(uuid);
          return;
        }
        iterator = next;
        if (records.length === 0) await woken;
      } catch (error) {
        if (isAwsError(error) && (error.code === 'ExpiredIteratorException' || error.code === 'TrimmedDataAccessException')) {
          if (record.stream) delete record.stream.startIterator;
          iterator = undefined;
          continue;
        }
        this.emulator.log(`event source mapping ${uuid}: ${(error as Error).message}`);
        iterator = undefined;
        await sleep(Math.max(TICK_MS, this.emulator.scaled(1000, scope.account)));
      }
    }
  }

  /** True when the function's role may not read the stream any more: LastProcessingResult says why, and the poller looks again a second later. */
  private async refused(state: LambdaState, record: EventSourceMappingRecord, scope: Scope): Promise<boolean> {
    const problem = await pollingProblem(this.emulator, state, scope, record);
    if (!problem) return false;
    if (record.stream!.lastProcessingResult !== problem) {
      record.stream!.lastProcessingResult = problem;
      this.emulator.store.markDirty(this.serviceName, scope.account, scope.region);
    }
    await sleep(Math.max(TICK_MS, this.emulator.scaled(1000, scope.account)));
    return true;
  }

  /** The iterator to go on from: after the checkpoint, at the LATEST taken at creation, or the starting position. */
  private async open(record: EventSourceMappingRecord, source: Scope): Promise<{ iterator: string; shardId: string }> {
    const settings = record.stream!;
    const described = await this.emulator.call('dynamodbstreams', 'DescribeStream', { StreamArn: record.eventSourceArn }, source);
    const shardId = String(described.StreamDescription?.Shards?.[0]?.ShardId ?? '');
    if (!settings.checkpoint && settings.startIterator) return { iterator: settings.startIterator, shardId };
    const position = settings.checkpoint
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: settings.checkpoint }
      : { ShardIteratorType: settings.startingPosition };
    const answer = await this.emulator.call('dynamodbstreams', 'GetShardIterator', { StreamArn: record.eventSourceArn, ShardId: shardId, ...position }, source);
    return { iterator: answer.ShardIterator, shardId };
  }

  private checkpoint(record: EventSourceMappingRecord, scope: Scope, last: StreamApiRecord, result: string): void {
    record.stream!.checkpoint = last.dynamodb.SequenceNumber;
    delete record.stream!.startIterator;
    record.stream!.lastProcessingResult = result;
    this.emulator.store.markDirty(this.serviceName, scope.account, scope.region);
  }

  /** Filters a batch, then delivers what is left; the checkpoint ends past the whole batch. */
  private async process(record: EventSourceMappingRecord, scope: Scope, shardId: string, records: StreamApiRecord[]): Promise<void> {
    const patterns = record.filterPatterns.map((pattern) => parsePattern(pattern));
    const kept = patterns.length === 0 ? records : records.filter((item) => patterns.some((pattern) => matchEvent(pattern, streamEventRecord(item, record.eventSourceArn)).matched));
    const done = kept.length === 0 || (await this.deliver(record, scope, shardId, kept));
    // Records filtered out after the last delivered one are skipped too; an interrupted batch is read again.
    if (done) this.checkpoint(record, scope, records[records.length - 1]!, kept.length === 0 ? 'OK' : record.stream!.lastProcessingResult);
    else throw new Error('the mapping was disabled or deleted during a retry; its batch is read again when it is enabled');
  }

  private stateOf(scope: Scope): LambdaState {
    return this.emulator.store.findScope<LambdaState>(this.serviceName, scope.account, scope.region)!;
  }

  /** Delivers a batch until it succeeds, is split, or is given up on, in order; false when the mapping stopped first. */
  private async deliver(record: EventSourceMappingRecord, scope: Scope, shardId: string, batch: StreamApiRecord[]): Promise<boolean> {
    const settings = record.stream!;
    let pending = batch;
    for (let attempt = 1; pending.length > 0 && !this.stopped; attempt++) {
      const outcome = await this.invoke(record, scope, pending, attempt);
      if (outcome.ok) {
        this.checkpoint(record, scope, pending[pending.length - 1]!, 'OK');
        return true;
      }
      if (outcome.failedFrom > 0) this.checkpoint(record, scope, pending[outcome.failedFrom - 1]!, 'PROBLEM: Function call failed');
      pending = pending.slice(outcome.failedFrom);
      settings.lastProcessingResult = 'PROBLEM: Function call failed';
      const target = functionArn(scope, record.functionName, record.qualifier);
      if (settings.bisectBatchOnFunctionError && pending.length > 1) {
        const half = Math.ceil(pending.length / 2);
        this.emulator.trace.record({ ...scope, kind: 'invocation', target, outcome: 'retry', attempt, detail: `the batch of ${pending.length} record(s) from ${record.eventSourceArn} failed: split in two (${half} and ${pending.length - half}) and retried, as BisectBatchOnFunctionError asks` });
        return (await this.deliver(record, scope, shardId, pending.slice(0, half))) && this.deliver(record, scope, shardId, pending.slice(half));
      }
      const ageLimit = settings.maximumRecordAgeInSeconds;
      const tooOld = ageLimit !== -1 && Date.now() - pending[0]!.dynamodb.ApproximateCreationDateTime * 1000 > this.emulator.scaled(ageLimit * 1000, scope.account);
      const exhausted = settings.maximumRetryAttempts !== -1 && attempt > settings.maximumRetryAttempts;
      if (tooOld || exhausted) {
        await this.giveUp(record, scope, shardId, pending, tooOld ? 'RecordAgeExceeded' : 'RetryAttemptsExhausted', outcome, attempt);
        return true;
      }
      this.emulator.trace.record({ ...scope, kind: 'invocation', target, outcome: 'retry', attempt, detail: `${pending.length} record(s) from ${record.eventSourceArn} will be retried in order (attempt ${attempt + 1})` });
      await sleep(this.emulator.scaled(Math.min(1000 * 2 ** (attempt - 1), 60_000), scope.account));
      if (mappingState(record) !== 'Enabled' || mappingsOf(this.stateOf(scope)).get(record.uuid) !== record) return false;
    }
    return pending.length === 0;
  }

  private async giveUp(record: EventSourceMappingRecord, scope: Scope, shardId: string, batch: StreamApiRecord[], condition: FailureCondition, outcome: Outcome & { ok: false }, attempts: number): Promise<void> {
    const target = functionArn(scope, record.functionName, record.qualifier);
    const destination = record.stream!.onFailure;
    const what = `${batch.length} record(s) from ${record.eventSourceArn} given up on (${condition})`;
    this.checkpoint(record, scope, batch[batch.length - 1]!, 'PROBLEM: Function call failed');
    if (!destination) {
      this.emulator.trace.record({ ...scope, kind: 'invocation', target, outcome: 'dropped', attempt: attempts, detail: `${what}: the mapping has no on-failure destination, so they are skipped; set DestinationConfig.OnFailure to keep them` });
      return;
    }
    const failure = failureRecord({
      streamArn: record.eventSourceArn, shardId, functionArn: target, executedVersion: /^\d+$/.test(record.qualifier ?? '') ? record.qualifier! : '$LATEST',
      records: batch, condition, requestId: outcome.requestId, invokeCount: attempts, functionError: outcome.functionError,
    });
    try {
      await sendFailure(this.emulator, destination, scope.account, failure);
      this.emulator.trace.record({ ...scope, kind: 'destination', target: destination, outcome: 'delivered', attempt: attempts, detail: `${what}: their batch info went to the on-failure destination` });
    } catch (error) {
      this.emulator.trace.record({ ...scope, kind: 'destination', target: destination, outcome: 'failed', attempt: attempts, detail: `${what}: the on-failure destination refused them: ${(error as Error).message}` });
    }
  }

  /** One invocation with a batch; which record failed first when it did not succeed. */
  private async invoke(record: EventSourceMappingRecord, scope: Scope, batch: StreamApiRecord[], attempt: number): Promise<Outcome> {
    const target = functionArn(scope, record.functionName, record.qualifier);
    const base = { ...scope, kind: 'invocation' as const, target, attempt, detail: `${batch.length} record(s) from ${record.eventSourceArn}` };
    const payload = { Records: batch.map((item) => streamEventRecord(item, record.eventSourceArn)) };
    let answer: { headers?: Record<string, string>; body?: Buffer | string };
    try {
      answer = await this.emulator.call('lambda', 'Invoke', { FunctionName: target, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify(payload)) }, scope);
    } catch (error) {
      const throttled = isAwsError(error) && error.status === 429;
      this.emulator.trace.record({ ...base, outcome: throttled ? 'throttled' : 'function-error', detail: `${base.detail}: ${(error as Error).message}` });
      return { ok: false, failedFrom: 0, requestId: '', functionError: undefined };
    }
    const requestId = answer.headers?.['x-amzn-requestid'] ?? '';
    const functionError = answer.headers?.['x-amz-function-error'];
    const ids = requestId ? { requestId } : {};
    if (functionError) {
      this.emulator.trace.record({ ...base, ...ids, outcome: 'function-error', detail: `${base.detail}: the function failed` });
      return { ok: false, failedFrom: 0, requestId, functionError };
    }
    const failedFrom = record.functionResponseTypes.includes('ReportBatchItemFailures') ? firstFailure(answer.body, batch) : -1;
    if (failedFrom < 0) {
      this.emulator.trace.record({ ...base, ...ids, outcome: 'success' });
      return { ok: true };
    }
    this.emulator.trace.record({ ...base, ...ids, outcome: 'function-error', detail: `${base.detail}: batchItemFailures named record ${failedFrom + 1}, so it and those after it are retried` });
    return { ok: false, failedFrom, requestId, functionError: undefined };
  }
}

/** The index of the first record a ReportBatchItemFailures answer names (0 for one not in the batch); -1 for none. */
function firstFailure(body: Buffer | string | undefined, batch: StreamApiRecord[]): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? 'null'));
  } catch {
    return -1;
  }
  const items = (parsed as { batchItemFailures?: Array<{ itemIdentifier?: unknown }> } | null)?.batchItemFailures;
  if (!Array.isArray(items) || items.length === 0) return -1;
  let first = batch.length;
  for (const item of items) {
    const index = batch.findIndex((candidate) => candidate.dynamodb.SequenceNumber === item?.itemIdentifier);
    // An empty, null or unknown identifier fails the whole batch, as Lambda treats it.
    if (index < 0) return 0;
    first = Math.min(first, index);
  }
  return first;
}
