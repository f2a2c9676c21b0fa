/**
 * Asynchronous (Event) invocations: a queue per function, run with bounded concurrency, retried on
 * function errors after Lambda's waits (about 1 minute, then 2), retried on throttling with
 * exponential back-off, dropped when older than the maximum event age, then sent to the on-success
 * or on-failure destination, and a failed event also to the function's dead-letter queue. Every
 * wait is scaled by the time factor of the function's account.
 */
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../../../emulator.ts';
import { isAwsError } from '../../../errors.ts';
import { deliver, deliverDeadLetter, destinationRecord, type DestinationCondition } from './destinations.ts';
import type { AsyncInvocationFinished } from './events.ts';
import { json, type InvocationOutcome } from './invocation.ts';
import type { AsyncInvokeRequest } from './types.ts';

/** How many events of one function run at once (the emulator shares two cores with everything else). */
export const ASYNC_CONCURRENCY = 4;
/** Lambda's waits before the first and second retry of a function error. */
const RETRY_DELAYS_MS = [60_000, 120_000];
/** Throttled events are retried from 1 second up to 5 minutes apart. */
const THROTTLE_FIRST_MS = 1000;
const THROTTLE_MAX_MS = 5 * 60_000;

interface QueuedEvent {
  requestId: string;
  request: AsyncInvokeRequest;
  enqueuedAt: number;
  attempts: number;
  throttles: number;
  last: InvocationOutcome | undefined;
}

interface FunctionQueue {
  waiting: QueuedEvent[];
  running: number;
}

/** Runs one attempt; throws TooManyRequestsException when the function is at its concurrency limit. */
export type AttemptRunner = (event: { requestId: string; request: AsyncInvokeRequest; attempt: number }) => Promise<InvocationOutcome>;

/** The asynchronous invocation queues of one engine. */
export class AsyncQueue {
  private readonly emulator: Emulator;
  private readonly runAttempt: AttemptRunner;
  private readonly finished: (event: AsyncInvocationFinished) => void;
  private readonly queues = new Map<string, FunctionQueue>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(emulator: Emulator, runAttempt: AttemptRunner, finished: (event: AsyncInvocationFinished) => void) {
    this.emulator = emulator;
    this.runAttempt = runAttempt;
    this.finished = finished;
  }

  /** Queues an event and returns its request id (the same id on every retry, as on Lambda). */
  enqueue(request: AsyncInvokeRequest): string {
    const requestId = randomUUID();
    this.push({ requestId, request, enqueuedAt: Date.now(), attempts: 0, throttles: 0, last: undefined });
    return requestId;
  }

  /** Events waiting or running, per function ARN. */
  depth(functionArn: string): number {
    const queue = this.queues.get(functionArn);
    return queue ? queue.waiting.length + queue.running : 0;
  }

  /** Drops every queued event and timer. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queues.clear();
  }

  private push(event: QueuedEvent): void {
    if (this.stopped) return;
    const key = event.request.config.functionArn;
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = { waiting: [], running: 0 }));
    queue.waiting.push(event);
    this.pump(key, queue);
  }

  private later(milliseconds: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, milliseconds);
    timer.unref();
    this.timers.add(timer);
  }

  private pump(key: string, queue: FunctionQueue): void {
    // Never more at once than the reserved concurrency allows: the queue would only throttle itself.
    const reserved = queue.waiting[0]?.request.config.reservedConcurrency;
    const limit = Math.max(1, Math.min(ASYNC_CONCURRENCY, reserved ?? ASYNC_CONCURRENCY));
    while (!this.stopped && queue.running < limit && queue.waiting.length > 0) {
      const event = queue.waiting.shift()!;
      queue.running += 1;
      void this.attempt(event).catch((error: unknown) => {
        this.emulator.log(`lambda: an asynchronous invocation failed inside the emulator: ${(error as Error)?.stack ?? String(error)}`);
      }).finally(() => {
        queue.running -= 1;
        if (queue.running === 0 && queue.waiting.length === 0) this.queues.delete(key);
        else this.pump(key, queue);
      });
    }
  }

  private expired(event: QueuedEvent): boolean {
    const maxAgeMs = this.emulator.scaled(event.request.asyncConfig.maximumEventAgeSeconds * 1000, event.request.config.account);
    return Date.now() - event.enqueuedAt > maxAgeMs;
  }

  private async attempt(event: QueuedEvent): Promise<void> {
    if (this.expired(event)) return this.finish(event, 'EventAgeExceeded');
    let outcome: InvocationOutcome;
    try {
      outcome = await this.runAttempt({ requestId: event.requestId, request: event.request, attempt: event.attempts + 1 });
    } catch (error) {
      if (isAwsError(error) && error.code === 'TooManyRequestsException') {
        event.throttles += 1;
        const wait = Math.min(THROTTLE_FIRST_MS * 2 ** (event.throttles - 1), THROTTLE_MAX_MS);
        return this.later(this.emulator.scaled(wait, event.request.config.account), () => this.push(event));
      }
      // The function could not run at all (its runtime is missing, for one): a failed attempt.
      const message = (error as Error)?.message ?? String(error);
      outcome = { requestId: event.requestId, payload: json({ errorType: (error as { code?: string })?.code ?? 'ServiceException', errorMessage: message }), functionError: 'Unhandled', errorType: 'ServiceException', logResult: undefined, durationMs: 0, initDurationMs: undefined };
    }
    event.attempts += 1;
    event.last = outcome;
    if (!outcome.functionError) return this.finish(event, 'Success');
    if (event.attempts > event.request.asyncConfig.maximumRetryAttempts) return this.finish(event, 'RetriesExhausted');
    const wait = RETRY_DELAYS_MS[Math.min(event.attempts - 1, RETRY_DELAYS_MS.length - 1)]!;
    this.later(this.emulator.scaled(wait, event.request.config.account), () => this.push(event));
  }

  private async finish(event: QueuedEvent, condition: DestinationCondition): Promise<void> {
    const { config, asyncConfig, payload, source } = event.request;
    const destination = condition === 'Success' ? asyncConfig.onSuccess : asyncConfig.onFailure;
    const report: AsyncInvocationFinished = {
      kind: 'async',
      account: config.account,
      region: config.region,
      functionArn: config.functionArn,
      requestId: event.requestId,
      source,
      condition,
      approximateInvokeCount: event.attempts,
      destination,
      delivered: undefined,
    };
    if (destination) {
      const record = destinationRecord(config, event.requestId, payload, condition, event.attempts, event.last);
      try {
        await deliver(this.emulator, destination, record, config);
        report.delivered = true;
      } catch (error) {
        report.delivered = false;
        report.deliveryError = (error as Error)?.message ?? String(error);
        this.emulator.log(`lambda: the ${condition} record of ${event.requestId} could not reach ${destination}: ${report.deliveryError}`);
      }
    }
    if (condition !== 'Success' && config.deadLetterTarget) {
      // Lambda sends to the dead-letter queue in addition to an on-failure destination.
      try {
        await deliverDeadLetter(this.emulator, config.account, config.deadLetterTarget, event.requestId, payload, condition, event.last, config.credentials?.accessKeyId);
        report.deadLetterDelivered = true;
      } catch (error) {
        report.deadLetterDelivered = false;
        this.emulator.log(`lambda: the failed event ${event.requestId} could not reach its dead-letter queue ${config.deadLetterTarget}: ${(error as Error)?.message ?? String(error)}`);
      }
    }
    this.finished(report);
  }
}
