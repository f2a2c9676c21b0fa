/**
 * Polls the SQS queues of enabled event source mappings and invokes their functions with batches,
 * as Lambda's pollers do: a batch fills up to BatchSize or until the batching window closes; a
 * successful batch is deleted (all of it, or all but the reported `batchItemFailures`); a failed
 * batch is left to become visible again, so the queue's redrive policy moves poison messages to
 * its dead-letter queue. Messages that no filter matches are deleted, as on AWS. Up to five
 * batches are in flight at once while messages are available, at most ScalingConfig's
 * MaximumConcurrency (LIMITATIONS: AWS scales on past five, by up to 300 readers a minute).
 */
import { isAwsError } from '../../../errors.ts';
import type { Emulator } from '../../../emulator.ts';
import { matchEvent, parsePattern } from '../../events/pattern/index.ts';
import { functionArn } from '../arns.ts';
import type { LambdaState } from '../model.ts';
import { pollingProblem } from '../role-access.ts';
import { MappingLoops } from './mapping-loops.ts';
import { mappingState, mappingsOf, type EventSourceMappingRecord } from './mappings.ts';

const TICK_MS = 50;
/** Lambda starts reading a standard queue with five batches at a time (it scales further up on AWS). */
const START_CONCURRENCY = 5;
/** SQS's longest visibility timeout. */
const MAX_VISIBILITY_SECONDS = 43_200;

/** How many batches of a mapping may be in flight at once. */
function concurrencyOf(record: EventSourceMappingRecord): number {
  return Math.min(START_CONCURRENCY, record.maximumConcurrency ?? START_CONCURRENCY);
}

interface SqsMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  MD5OfBody?: string;
  MD5OfMessageAttributes?: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array; StringListValues?: string[]; BinaryListValues?: Uint8Array[] }>;
}

/** The record Lambda hands a function for one SQS message. */
export function sqsRecord(message: SqsMessage, queueArn: string): Record<string, unknown> {
  const region = queueArn.split(':')[3];
  const attributes = Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
      name,
      {
        stringValue: value.StringValue,
        binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined,
        stringListValues: value.StringListValues ?? [],
        binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString('base64')),
        dataType: value.DataType,
      },
    ]),
  );
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: message.Attributes ?? {},
    messageAttributes: attributes,
    md5OfBody: message.MD5OfBody,
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/** Whether a record passes the mapping's filters (no filters: every record passes). */
function passesFilters(record: Record<string, unknown>, patterns: string[]): boolean {
  if (patterns.length === 0) return true;
  let body: unknown = record.body;
  try {
    body = JSON.parse(String(record.body));
  } catch {
    // A body that is not JSON is matched as the plain string, as Lambda does.
  }
  const view = { ...record, body };
  return patterns.some((pattern) => matchEvent(parsePattern(pattern), view).matched);
}

/** Runs one polling loop per enabled SQS mapping for as long as the emulator runs. */
export class SqsPoller extends MappingLoops {
  constructor(emulator: Emulator, serviceName: string) {
    super(emulator, serviceName, TICK_MS);
  }

  protected takes(record: EventSourceMappingRecord): boolean {
    return !record.stream;
  }

  /**
   * Reads with up to five batches in flight while messages keep coming (never more than the
   * mapping's MaximumConcurrency), and back to one when the queue is empty.
   */
  protected async loop(state: LambdaState, uuid: string, scope: { account: string; region: string }): Promise<void> {
    const workers = new Set<Promise<void>>();
    const grow = (): void => {
      const record = mappingsOf(state).get(uuid);
      if (this.stopped || !record || workers.size >= concurrencyOf(record)) return;
      const worker: Promise<void> = this.worker(state, uuid, scope, workers.size === 0, grow).finally(() => workers.delete(worker));
      workers.add(worker);
    };
    grow();
    while (workers.size > 0) await Promise.race(workers);
  }

  /** One reader of a mapping; `first` keeps reading an empty queue, the others end on an empty poll. */
  private async worker(state: LambdaState, uuid: string, scope: { account: string; region: string }, first: boolean, grow: () => void): Promise<void> {
    while (!this.stopped) {
      const record = mappingsOf(state).get(uuid);
      if (!record || mappingState(record) !== 'Enabled') return;
      try {
        const busy = await this.pollOnce(state, record, scope, grow);
        if (!busy && !first) return;
        if (!busy) await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      } catch (error) {
        this.emulator.log(`event source mapping ${uuid}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.max(TICK_MS, this.emulator.scaled(1000))));
      }
    }
  }

  /** Receives one batch and processes it; false when the queue had nothing. */
  private async pollOnce(state: LambdaState, record: EventSourceMappingRecord, scope: { account: string; region: string }, grow: () => void): Promise<boolean> {
    if (await this.refused(state, record, scope)) return false;
    const [, , , queueRegion, queueAccount, queueName] = record.eventSourceArn.split(':');
    const queueScope = { account: queueAccount!, region: queueRegion! };
    const { QueueUrl } = (await this.emulator.call('sqs', 'GetQueueUrl', { QueueName: queueName, QueueOwnerAWSAccountId: queueAccount }, queueScope)) as { QueueUrl: string };
    const hold = await this.holdSeconds(state, record, scope, QueueUrl, queueScope);
    const batch: SqsMessage[] = [];
    const closesAt = Date.now() + this.emulator.scaled(record.maximumBatchingWindowInSeconds * 1000, scope.account);
    while (batch.length < record.batchSize && !this.stopped) {
      const answer = (await this.emulator.call('sqs', 'ReceiveMessage', {
        QueueUrl,
        MaxNumberOfMessages: Math.min(10, record.batchSize - batch.length),
        WaitTimeSeconds: batch.length === 0 ? 1 : 0,
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
        ...(hold ? { VisibilityTimeout: hold.running } : {}),
      }, queueScope)) as { Messages?: SqsMessage[] };
      const messages = answer.Messages ?? [];
      batch.push(...messages);
      if (batch.length === 0) return false;
      if (Date.now() >= closesAt) break;
      if (messages.length === 0) await new Promise((resolve) => setTimeout(resolve, Math.min(TICK_MS, Math.max(1, closesAt - Date.now()))));
    }
    const records = batch.map((message) => sqsRecord(message, record.eventSourceArn));
    const kept = records.filter((item) => passesFilters(item, record.filterPatterns));
    const filteredOut = records.filter((item) => !kept.includes(item));
    if (filteredOut.length > 0) await this.deleteAll(QueueUrl, filteredOut, queueScope);
    if (kept.length === 0) return true;
    // Messages were there: one more reader takes the next batch while this one is invoked.
    grow();
    const left = await this.invoke(record, scope, QueueUrl, queueScope, kept);
    if (hold && left.length > 0) await this.hideAgain(QueueUrl, left, hold.queue, queueScope);
    return true;
  }

  /** True when the function's role may not poll the queue any more: the mapping shows why and waits a second before it looks again. */
  private async refused(state: LambdaState, record: EventSourceMappingRecord, scope: { account: string; region: string }): Promise<boolean> {
    const problem = await pollingProblem(this.emulator, state, scope, record);
    if (problem !== record.problem) {
      if (problem) record.problem = problem;
      else delete record.problem;
      this.emulator.store.markDirty(this.serviceName, scope.account, scope.region);
    }
    if (problem) await new Promise((resolve) => setTimeout(resolve, Math.max(TICK_MS, this.emulator.scaled(1000, scope.account))));
    return problem !== undefined;
  }

  /** Invokes the function with a batch and deletes what succeeded; resolves with the records left in the queue. */
  private async invoke(record: EventSourceMappingRecord, scope: { account: string; region: string }, queueUrl: string, queueScope: { account: string; region: string }, records: Array<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
    const target = functionArn(scope, record.functionName, record.qualifier);
    const base = { ...scope, kind: 'invocation' as const, target, detail: `${records.length} message(s) from ${record.eventSourceArn}` };
    let answer: { status?: number; headers?: Record<string, string>; body?: Buffer | string };
    try {
      answer = (await this.emulator.call('lambda', 'Invoke', { FunctionName: target, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify({ Records: records })) }, scope)) as typeof answer;
    } catch (error) {
      const throttled = isAwsError(error) && error.status === 429;
      this.emulator.trace.record({ ...base, outcome: throttled ? 'throttled' : 'function-error', detail: `${base.detail}: ${(error as Error).message}` });
      return records;
    }
    const requestId = answer.headers?.['x-amzn-requestid'];
    if (answer.headers?.['x-amz-function-error']) {
      this.emulator.trace.record({ ...base, ...(requestId ? { requestId } : {}), outcome: 'function-error', detail: `${base.detail}: the function failed, so the batch returns to the queue when its visibility timeout ends` });
      return records;
    }
    let failed = new Set<string>();
    if (record.functionResponseTypes.includes('ReportBatchItemFailures')) {
      const reported = this.reportedFailures(answer.body, records);
      if (reported === 'all') {
        this.emulator.trace.record({ ...base, ...(requestId ? { requestId } : {}), outcome: 'function-error', detail: `${base.detail}: the batchItemFailures answer named unknown messages, so the whole batch counts as failed` });
        return records;
      }
      failed = reported;
    }
    await this.deleteAll(queueUrl, records.filter((item) => !failed.has(String(item.messageId))), queueScope);
    this.emulator.trace.record({ ...base, ...(requestId ? { requestId } : {}), outcome: 'success', detail: `${base.detail}${failed.size > 0 ? `; ${failed.size} reported as failed stay in the queue` : ''}` });
    return records.filter((item) => failed.has(String(item.messageId)));
  }

  /**
   * Under a time factor (a grader's), the queue's visibility timeout passes faster than the
   * function runs, which AWS's rule (visibility at least the function's timeout) never lets
   * happen: a batch is then received hidden for the function's timeout in real time, and what it
   * leaves in the queue gets the queue's own (scaled) visibility once the invocation is over.
   */
  private async holdSeconds(state: LambdaState, record: EventSourceMappingRecord, scope: { account: string; region: string }, queueUrl: string, queueScope: { account: string; region: string }): Promise<{ running: number; queue: number } | undefined> {
    const factor = this.emulator.scaled(1000, scope.account) / 1000;
    if (factor >= 1) return undefined;
    const timeout = state.functions.get(record.functionName)?.latest.timeout ?? 3;
    const { Attributes } = (await this.emulator.call('sqs', 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['VisibilityTimeout'] }, queueScope)) as { Attributes?: Record<string, string> };
    const queue = Number(Attributes?.VisibilityTimeout ?? 30);
    return { running: Math.min(MAX_VISIBILITY_SECONDS, Math.max(queue, Math.ceil(timeout / factor))), queue };
  }

  private async hideAgain(queueUrl: string, records: Array<Record<string, unknown>>, seconds: number, queueScope: { account: string; region: string }): Promise<void> {
    for (let i = 0; i < records.length; i += 10) {
      const entries = records.slice(i, i + 10).map((item, index) => ({ Id: String(index), ReceiptHandle: String(item.receiptHandle), VisibilityTimeout: seconds }));
      await this.emulator.call('sqs', 'ChangeMessageVisibilityBatch', { QueueUrl: queueUrl, Entries: entries }, queueScope);
    }
  }

  /** The message ids a ReportBatchItemFailures answer names; 'all' when it names one not in the batch. */
  private reportedFailures(body: Buffer | string | undefined, records: Array<Record<string, unknown>>): Set<string> | 'all' {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? 'null'));
    } catch {
      return new Set();
    }
    const items = (parsed as { batchItemFailures?: Array<{ itemIdentifier?: string }> } | null)?.batchItemFailures;
    if (!Array.isArray(items)) return new Set();
    const ids = new Set(records.map((item) => String(item.messageId)));
    const failed = new Set<string>();
    for (const item of items) {
      if (!item?.itemIdentifier || !ids.has(item.itemIdentifier)) return 'all';
      failed.add(item.itemIdentifier);
    }
    return failed;
  }

  private async deleteAll(queueUrl: string, records: Array<Record<string, unknown>>, queueScope: { account: string; region: string }): Promise<void> {
    for (let i = 0; i < records.length; i += 10) {
      const entries = records.slice(i, i + 10).map((item, index) => ({ Id: String(index), ReceiptHandle: String(item.receiptHandle) }));
      await this.emulator.call('sqs', 'DeleteMessageBatch', { QueueUrl: queueUrl, Entries: entries }, queueScope);
    }
  }
}
