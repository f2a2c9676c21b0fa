/**
 * The arithmetic of lesson 8's retry calculator: how many times each event runs when attempts fail
 * now and then, how many events still end in the dead-letter queue (or on-failure destination),
 * and how long the last one takes to get there, with AWS's documented limits and back-off for
 * Lambda's asynchronous invocation, an SQS event source mapping and an EventBridge target.
 * Pure functions, no I/O, safe in a browser.
 */
import { PRICE_PER_GB_SECOND, PRICE_PER_REQUEST, SECONDS_PER_MONTH, gbSecondsPerRequest } from '../../../src/core/cost-model.ts';

/** Who retries a failed attempt. */
export type RetrySource = 'async' | 'sqs' | 'eventbridge';

/** A setting's range and default as AWS documents them. */
export interface Limit {
  min: number;
  max: number;
  default: number;
}

/** AWS's limits for each source's retry settings. */
export const LIMITS = {
  /** Lambda asynchronous invocation: MaximumRetryAttempts 0 to 2, default 2. */
  asyncRetries: { min: 0, max: 2, default: 2 },
  /** Lambda asynchronous invocation: MaximumEventAgeInSeconds 60 to 21,600 (6 hours), the default. */
  asyncMaxAge: { min: 60, max: 21_600, default: 21_600 },
  /** SQS RedrivePolicy maxReceiveCount: 1 to 1,000 (the kit's labs use 5). */
  maxReceiveCount: { min: 1, max: 1000, default: 5 },
  /** SQS VisibilityTimeout: 0 to 43,200 seconds (12 hours), default 30. */
  visibilityTimeout: { min: 0, max: 43_200, default: 30 },
  /** EventBridge target RetryPolicy.MaximumRetryAttempts: 0 to 185, default 185. */
  eventBridgeRetries: { min: 0, max: 185, default: 185 },
  /** EventBridge target RetryPolicy.MaximumEventAgeInSeconds: 60 to 86,400 (24 hours), the default. */
  eventBridgeMaxAge: { min: 60, max: 86_400, default: 86_400 },
  /** Attempts of a call retried inside each invocation; the AWS SDK for JavaScript v3 makes 3 by default. */
  innerAttempts: { min: 1, max: 10, default: 1 },
} satisfies Record<string, Limit>;

/** Lambda's waits before the first and the second retry of an asynchronous invocation: 1 minute, then 2. */
export const ASYNC_RETRY_DELAYS_SECONDS = [60, 120] as const;

/** The longest wait between two EventBridge attempts in this model (the emulator's cap too). */
export const EVENTBRIDGE_MAX_DELAY_SECONDS = 300;

/** A value brought into its range (a non-number becomes the default), rounded to a whole number. */
export function clamp(value: number, limit: Limit): number {
  if (!Number.isFinite(value)) return limit.default;
  return Math.min(limit.max, Math.max(limit.min, Math.round(value)));
}

/**
 * EventBridge's wait after failed attempt `attempt` (1-based). AWS documents exponential back-off
 * with jitter but not the intervals; this doubles from 1 second up to 5 minutes and leaves the
 * jitter out, as the kit's emulator does.
 */
export function eventBridgeDelay(attempt: number): number {
  return Math.min(2 ** (attempt - 1), EVENTBRIDGE_MAX_DELAY_SECONDS);
}

/** The retry settings of one source; values outside AWS's ranges are clamped. */
export interface RetrySettings {
  source: RetrySource;
  /** Lambda async or EventBridge: MaximumRetryAttempts. */
  retries?: number;
  /** Lambda async or EventBridge: MaximumEventAgeInSeconds. */
  maxAgeSeconds?: number;
  /** SQS: the RedrivePolicy's maxReceiveCount. */
  maxReceiveCount?: number;
  /** SQS: the queue's visibility timeout, the wait before a failed message is received again. */
  visibilityTimeoutSeconds?: number;
}

/** The attempts an event that fails every time gets, each with the second it starts at, and when it is given up. */
export interface Schedule {
  /** Start of each attempt, in seconds after the first. */
  starts: number[];
  /** Seconds from the first attempt until the event reaches the dead-letter queue or destination. */
  giveUpSeconds: number;
}

/** The attempts of an event that fails every time, as the source schedules them. */
export function schedule(settings: RetrySettings): Schedule {
  if (settings.source === 'sqs') {
    const receives = clamp(settings.maxReceiveCount ?? NaN, LIMITS.maxReceiveCount);
    const timeout = clamp(settings.visibilityTimeoutSeconds ?? NaN, LIMITS.visibilityTimeout);
    const starts = Array.from({ length: receives }, (_, index) => index * timeout);
    // The message moves to the dead-letter queue on the receive after its last visibility timeout ends.
    return { starts, giveUpSeconds: receives * timeout };
  }
  const async = settings.source === 'async';
  const retries = clamp(settings.retries ?? NaN, async ? LIMITS.asyncRetries : LIMITS.eventBridgeRetries);
  const maxAge = clamp(settings.maxAgeSeconds ?? NaN, async ? LIMITS.asyncMaxAge : LIMITS.eventBridgeMaxAge);
  const starts = [0];
  for (let attempt = 1; attempt <= retries; attempt++) {
    const next = starts.at(-1)! + (async ? ASYNC_RETRY_DELAYS_SECONDS[attempt - 1]! : eventBridgeDelay(attempt));
    // A retry that would start after the maximum event age is not made: the event is given up instead.
    if (next > maxAge) break;
    starts.push(next);
  }
  return { starts, giveUpSeconds: starts.at(-1)! };
}

/** Expected attempts until one succeeds or `attempts` have failed, each failing with `failure`. */
export function expectedAttempts(failure: number, attempts: number): number {
  if (failure >= 1) return attempts;
  return (1 - failure ** attempts) / (1 - failure);
}

/** A workload going through one source, with an optional retried call inside each invocation. */
export interface RetryWorkload extends RetrySettings {
  eventsPerSecond: number;
  /** Chance that one attempt fails for a passing reason, 0 to 1. */
  failureRate: number;
  /** Attempts of a retried call inside each invocation (1: no inner retries); the failure rate applies to each. */
  innerAttempts?: number;
  /** For the cost of the extra invocations. */
  durationMs: number;
  memoryMb: number;
}

/** What retries do to a workload. */
export interface RetryOutcome {
  /** Attempts each event is given when every one fails. */
  maxAttempts: number;
  /** Invocations of the function per event, on average. */
  invocationsPerEvent: number;
  /** Calls of the inner retried step per event, on average (equal to invocations without one). */
  innerCallsPerEvent: number;
  /** Worst case per event: invocations times the inner attempts. */
  worstInnerCalls: number;
  /** Share of events that fail every attempt and reach the dead-letter queue or destination. */
  deadLetterShare: number;
  deadLettersPerDay: number;
  /** Invocations beyond one per event, per second. */
  extraInvocationsPerSecond: number;
  /** What the extra invocations cost in a 30-day month, in US dollars (no free tier). */
  extraMonthlyCost: number;
  giveUpSeconds: number;
}

/** How retries multiply a workload's invocations, what they cost and what still fails. */
export function retryOutcome(workload: RetryWorkload): RetryOutcome {
  const failure = Math.min(1, Math.max(0, Number.isFinite(workload.failureRate) ? workload.failureRate : 0));
  const rate = Math.max(0, Number.isFinite(workload.eventsPerSecond) ? workload.eventsPerSecond : 0);
  const inner = clamp(workload.innerAttempts ?? NaN, LIMITS.innerAttempts);
  const { starts, giveUpSeconds } = schedule(workload);
  // An invocation fails only when every attempt of its inner call failed.
  const invocationFailure = failure ** inner;
  const invocationsPerEvent = expectedAttempts(invocationFailure, starts.length);
  // Wald's identity: the inner calls of each invocation are independent of how many invocations came before.
  const innerCallsPerEvent = invocationsPerEvent * expectedAttempts(failure, inner);
  const deadLetterShare = invocationFailure ** starts.length;
  // The retries alone, f x E[attempts of n - 1]: the same number as invocations - 1, without its rounding error.
  const retriesPerEvent = starts.length > 1 ? invocationFailure * expectedAttempts(invocationFailure, starts.length - 1) : 0;
  const extraInvocationsPerSecond = rate * retriesPerEvent;
  const perInvocation = PRICE_PER_REQUEST + gbSecondsPerRequest(workload.durationMs, workload.memoryMb) * PRICE_PER_GB_SECOND;
  return {
    maxAttempts: starts.length,
    invocationsPerEvent,
    innerCallsPerEvent,
    worstInnerCalls: starts.length * inner,
    deadLetterShare,
    deadLettersPerDay: rate * 86_400 * deadLetterShare,
    extraInvocationsPerSecond,
    extraMonthlyCost: extraInvocationsPerSecond * SECONDS_PER_MONTH * perInvocation,
    giveUpSeconds,
  };
}
