import { describe, expect, it } from 'vitest';
import { LIMITS, clamp, eventBridgeDelay, expectedAttempts, retryOutcome, schedule, type RetryWorkload } from '../../site/src/components/retry-model.ts';

const shop: RetryWorkload = { source: 'async', eventsPerSecond: 50, failureRate: 0.05, durationMs: 200, memoryMb: 512 };

describe('retry model', () => {
  it("keeps each setting in AWS's range, an empty one at its default", () => {
    expect(clamp(3, LIMITS.asyncRetries)).toBe(2);
    expect(clamp(-1, LIMITS.asyncRetries)).toBe(0);
    expect(clamp(NaN, LIMITS.asyncRetries)).toBe(2);
    expect(clamp(186, LIMITS.eventBridgeRetries)).toBe(185);
    expect(clamp(0, LIMITS.maxReceiveCount)).toBe(1);
    expect(clamp(1001, LIMITS.maxReceiveCount)).toBe(1000);
    expect(clamp(30, LIMITS.asyncMaxAge)).toBe(60);
    expect(clamp(100_000, LIMITS.eventBridgeMaxAge)).toBe(86_400);
    expect(clamp(2.6, LIMITS.innerAttempts)).toBe(3);
  });

  it('counts expected attempts as a geometric series, and all of them when every attempt fails', () => {
    // 1 + 0.05 + 0.0025 = 1.0525
    expect(expectedAttempts(0.05, 3)).toBeCloseTo(1.0525, 12);
    expect(expectedAttempts(0, 3)).toBe(1);
    expect(expectedAttempts(1, 3)).toBe(3);
    expect(expectedAttempts(0.5, 1)).toBe(1);
  });

  it("schedules Lambda's asynchronous retries 1 minute, then 2 minutes, after the failures", () => {
    expect(schedule({ source: 'async' })).toEqual({ starts: [0, 60, 180], giveUpSeconds: 180 });
    expect(schedule({ source: 'async', retries: 1 })).toEqual({ starts: [0, 60], giveUpSeconds: 60 });
    expect(schedule({ source: 'async', retries: 0 })).toEqual({ starts: [0], giveUpSeconds: 0 });
    // An event older than MaximumEventAgeInSeconds is not retried again.
    expect(schedule({ source: 'async', retries: 2, maxAgeSeconds: 120 })).toEqual({ starts: [0, 60], giveUpSeconds: 60 });
  });

  it('receives an SQS message maxReceiveCount times, a visibility timeout apart, then moves it', () => {
    expect(schedule({ source: 'sqs', maxReceiveCount: 5, visibilityTimeoutSeconds: 30 })).toEqual({ starts: [0, 30, 60, 90, 120], giveUpSeconds: 150 });
    expect(schedule({ source: 'sqs' }).starts).toHaveLength(5);
  });

  it('backs EventBridge off exponentially up to 5 minutes, within 185 retries and 24 hours', () => {
    expect([1, 2, 3, 9, 10, 100].map(eventBridgeDelay)).toEqual([1, 2, 4, 256, 300, 300]);
    const standard = schedule({ source: 'eventbridge' });
    // 185 retries: 1 + 2 + ... + 256 = 511 s for the first nine, then 176 x 300 s: 53,311 s, under 24 hours.
    expect(standard.starts).toHaveLength(186);
    expect(standard.giveUpSeconds).toBe(53_311);
    // An hour's age: 511 s, then (3600 - 511) / 300 = 10 more retries of 5 minutes.
    const hour = schedule({ source: 'eventbridge', maxAgeSeconds: 3600 });
    expect(hour.starts).toHaveLength(1 + 9 + 10);
    expect(hour.giveUpSeconds).toBe(3511);
    expect(schedule({ source: 'eventbridge', retries: 0 }).giveUpSeconds).toBe(0);
  });

  it('multiplies invocations, prices the extra ones and counts what reaches the dead-letter queue', () => {
    const outcome = retryOutcome(shop);
    expect(outcome.maxAttempts).toBe(3);
    expect(outcome.invocationsPerEvent).toBeCloseTo(1.0525, 12);
    expect(outcome.innerCallsPerEvent).toBeCloseTo(1.0525, 12);
    // 0.05^3 of 50 events a second, 86,400 seconds a day.
    expect(outcome.deadLetterShare).toBeCloseTo(0.000125, 15);
    expect(outcome.deadLettersPerDay).toBeCloseTo(540, 9);
    expect(outcome.extraInvocationsPerSecond).toBeCloseTo(2.625, 12);
    // 2.625/s x 2,592,000 s = 6,804,000 invocations x ($0.0000002 + 0.1 GB-s x $0.0000166667) = $12.70
    expect(outcome.extraMonthlyCost).toBeCloseTo(6_804_000 * (0.0000002 + 0.1 * 0.0000166667), 6);
    expect(outcome.giveUpSeconds).toBe(180);
  });

  it('chains an inner retried call into each redelivery', () => {
    // Five receives of a message whose function calls an API the SDK tries 3 times, which always fails.
    const broken = retryOutcome({ ...shop, source: 'sqs', maxReceiveCount: 5, visibilityTimeoutSeconds: 30, innerAttempts: 3, failureRate: 1 });
    expect(broken.invocationsPerEvent).toBe(5);
    expect(broken.innerCallsPerEvent).toBe(15);
    expect(broken.worstInnerCalls).toBe(15);
    expect(broken.deadLetterShare).toBe(1);
    // Half the calls fail: an invocation fails when all 3 do (1/8); inner calls 1.75 per invocation.
    const flaky = retryOutcome({ ...shop, source: 'sqs', maxReceiveCount: 5, innerAttempts: 3, failureRate: 0.5 });
    const invocations = (1 - 0.125 ** 5) / (1 - 0.125);
    expect(flaky.invocationsPerEvent).toBeCloseTo(invocations, 12);
    expect(flaky.innerCallsPerEvent).toBeCloseTo(invocations * 1.75, 12);
    expect(flaky.deadLetterShare).toBeCloseTo(0.125 ** 5, 15);
  });

  it('costs nothing extra when nothing fails, and treats rates outside 0 to 1 as their bounds', () => {
    const healthy = retryOutcome({ ...shop, failureRate: 0 });
    expect(healthy.invocationsPerEvent).toBe(1);
    expect(healthy.extraMonthlyCost).toBe(0);
    expect(healthy.deadLettersPerDay).toBe(0);
    expect(retryOutcome({ ...shop, failureRate: 2 }).invocationsPerEvent).toBe(3);
    expect(retryOutcome({ ...shop, failureRate: -1 }).invocationsPerEvent).toBe(1);
  });
});
