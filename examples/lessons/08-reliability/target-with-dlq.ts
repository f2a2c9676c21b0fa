/** An EventBridge target that retries for a bounded time, then parks the event in a queue. */
import type { Target } from '@aws-sdk/client-eventbridge';

/**
 * EventBridge's default is 185 attempts over 24 hours. A payment target should fail faster and
 * keep what it could not deliver: here 10 retries within 15 minutes, then the dead-letter queue.
 */
export function paymentTarget(functionArn: string, deadLetterQueueArn: string): Target {
  return {
    Id: 'payments',
    Arn: functionArn,
    RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 900 },
    DeadLetterConfig: { Arn: deadLetterQueueArn },
  };
}
