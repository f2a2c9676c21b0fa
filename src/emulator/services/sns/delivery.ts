/**
 * Fan-out and delivery, asynchronous as on AWS: each confirmed subscription's filter policy is
 * evaluated (the verdict goes to the trace), then each match is delivered with SNS's retry
 * policies (scaled by the emulator's time factor): for sqs and lambda 3 immediate tries, 2 after
 * 1 s, 10 backing off to 20 s, then every 20 s; for http(s) the DeliveryPolicy (default 3 retries,
 * 20 s apart). Client-side errors (a missing queue, a missing permission) are not retried. What
 * cannot be delivered goes to the subscription's RedrivePolicy dead-letter queue, if it has one.
 * FIFO messages reach each subscription one at a time per message group, in order.
 */
import type { Emulator } from '../../emulator.ts';
import type { TraceEntry } from '../../trace.ts';
import type { CompiledPattern } from '../events/pattern/index.ts';
import { deliverTo, EndpointFailure, isRaw, sendToQueue, unsubscribeUrl } from './endpoints.ts';
import { envelope, messageFor, type Notification } from './envelope.ts';
import { compileFilterPolicy, filterVerdict, type FilterScope } from './filter-policy.ts';
import type { Subscription, Topic } from './state.ts';

type StepBase = Omit<TraceEntry, 'seq' | 'time' | 'kind'>;

interface Job {
  account: string;
  region: string;
  notification: Notification;
  /** A copy, so later changes to the subscription leave this delivery alone. */
  subscription: Subscription;
  deliveryPolicy: string | undefined;
  /** Called when the delivery has ended, however it ended (FIFO groups wait for it). */
  done?: () => void;
}

const MANAGED_RETRIES = 100_014;

/** How long to wait before retry number `retry` (1-based) to an AWS-managed endpoint (sqs, lambda), in real milliseconds. */
function managedDelay(retry: number): number {
  if (retry <= 3) return 0;
  if (retry <= 5) return 1000;
  if (retry <= 15) return Math.min(20_000, 1000 * 2 ** ((retry - 5) / 2));
  return 20_000;
}

interface HttpRetryPolicy {
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  minDelayTarget: number;
  maxDelayTarget: number;
}

function httpPolicy(subscriptionPolicy: string | undefined, topicPolicy: string | undefined): HttpRetryPolicy {
  const read = (text: string | undefined, pick: (document: any) => unknown): Partial<HttpRetryPolicy> => {
    try {
      return (text ? pick(JSON.parse(text)) : undefined) ?? {};
    } catch {
      return {};
    }
  };
  return {
    numRetries: 3, numNoDelayRetries: 0, numMinDelayRetries: 0, numMaxDelayRetries: 0, minDelayTarget: 20, maxDelayTarget: 20,
    ...read(topicPolicy, (document) => document?.http?.defaultHealthyRetryPolicy),
    ...read(subscriptionPolicy, (document) => document?.healthyRetryPolicy),
  };
}

function httpDelay(policy: HttpRetryPolicy, retry: number): number {
  if (retry <= policy.numNoDelayRetries) return 0;
  if (retry <= policy.numNoDelayRetries + policy.numMinDelayRetries) return policy.minDelayTarget * 1000;
  if (retry > policy.numRetries - policy.numMaxDelayRetries) return policy.maxDelayTarget * 1000;
  const span = Math.max(1, policy.numRetries - policy.numNoDelayRetries - policy.numMinDelayRetries - policy.numMaxDelayRetries);
  const step = retry - policy.numNoDelayRetries - policy.numMinDelayRetries;
  return (policy.minDelayTarget + ((policy.maxDelayTarget - policy.minDelayTarget) * step) / span) * 1000;
}

/** Counts of finished deliveries, by how they ended. */
export interface SnsDeliveryStats {
  delivered: number;
  filtered: number;
  deadLettered: number;
  dropped: number;
  retries: number;
}

/** Fans published messages out to subscriptions and keeps count. */
export class SnsDeliveries {
  readonly stats: SnsDeliveryStats = { delivered: 0, filtered: 0, deadLettered: 0, dropped: 0, retries: 0 };
  private readonly emulator: Emulator;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly policies = new Map<string, CompiledPattern>();
  /** FIFO: per subscription and message group, the delivery the next one waits for, so order holds through retries. */
  private readonly groups = new Map<string, Promise<void>>();
  private inFlight = 0;
  private stopped = false;

  constructor(emulator: Emulator) {
    this.emulator = emulator;
  }

  /** Deliveries queued or running. */
  get pending(): number {
    return this.inFlight;
  }

  /** Cancels scheduled retries. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Records the publish, evaluates each subscription's filter policy and queues a delivery per match. */
  fanOut(scope: { account: string; region: string }, topic: Topic, notification: Notification, subscriptions: Subscription[]): void {
    const base = { ...scope, eventId: notification.MessageId, bus: topic.Name };
    this.emulator.trace.record({ ...base, kind: 'event-received', detail: `SNS Publish to ${topic.Arn}${notification.Subject ? ` (subject "${notification.Subject}")` : ''}: ${subscriptions.length} subscription(s)` });
    for (const subscription of subscriptions) {
      const step = { ...base, rule: subscription.Arn, target: subscription.Endpoint };
      if (subscription.pending) {
        this.emulator.trace.record({ ...step, kind: 'rule-not-matched', field: '', reason: `the subscription is pending confirmation: confirm it (ConfirmSubscription with the token sent to ${subscription.Endpoint}) to receive messages` });
        continue;
      }
      const verdict = this.verdict(subscription, notification);
      if (!verdict.matched) {
        this.stats.filtered++;
        this.emulator.trace.record({ ...step, kind: 'rule-not-matched', field: verdict.field, reason: `the filter policy (${subscription.Attributes.FilterPolicyScope ?? 'MessageAttributes'}) did not match: ${verdict.reason}` });
        continue;
      }
      this.emulator.trace.record({ ...step, kind: 'rule-matched', detail: subscription.Attributes.FilterPolicy ? `filter policy matched; ${subscription.Protocol} delivery` : `${subscription.Protocol} delivery` });
      const job: Job = { ...scope, notification, subscription: structuredClone(subscription), deliveryPolicy: topic.Attributes.DeliveryPolicy };
      this.inFlight++;
      if (notification.SequenceNumber) this.inOrder(`${subscription.Arn} ${notification.MessageGroupId}`, job);
      else this.later(0, () => this.attempt(job, 1));
    }
  }

  private inOrder(key: string, job: Job): void {
    const next = (this.groups.get(key) ?? Promise.resolve()).then(() => new Promise<void>((resolve) => {
      job.done = resolve;
      this.later(0, () => this.attempt(job, 1));
    }));
    this.groups.set(key, next);
    void next.then(() => {
      if (this.groups.get(key) === next) this.groups.delete(key);
    });
  }

  private verdict(subscription: Subscription, notification: Notification): { matched: true } | { matched: false; field: string; reason: string } {
    const text = subscription.Attributes.FilterPolicy;
    if (!text) return { matched: true };
    const scope = (subscription.Attributes.FilterPolicyScope ?? 'MessageAttributes') as FilterScope;
    const key = `${scope} ${text}`;
    let policy = this.policies.get(key);
    if (!policy) {
      policy = compileFilterPolicy(text, scope);
      if (this.policies.size > 1000) this.policies.clear();
      this.policies.set(key, policy);
    }
    return filterVerdict(policy, scope, messageFor(notification, subscription.Protocol), notification.MessageAttributes);
  }

  private later(ms: number, run: () => Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, ms);
    this.timers.add(timer);
  }

  private async attempt(job: Job, attempt: number): Promise<void> {
    const { subscription, notification } = job;
    const base: StepBase = { account: job.account, region: job.region, eventId: notification.MessageId, bus: notification.TopicArn.split(':')[5], rule: subscription.Arn, target: subscription.Endpoint, attempt };
    try {
      const { requestId, detail } = await deliverTo(this.emulator, subscription, notification);
      this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'delivered', ...(requestId ? { requestId } : {}), ...(detail ? { detail } : {}) });
      this.stats.delivered++;
      this.inFlight--;
      job.done?.();
    } catch (error) {
      const failure = error instanceof EndpointFailure ? error : new EndpointFailure('InternalError', (error as Error).message, true);
      const http = subscription.Protocol === 'http' || subscription.Protocol === 'https';
      const policy = http ? httpPolicy(subscription.Attributes.DeliveryPolicy, job.deliveryPolicy) : undefined;
      const retries = policy ? policy.numRetries : MANAGED_RETRIES;
      if (failure.retryable && attempt <= retries) {
        const delay = this.emulator.scaled(policy ? httpDelay(policy, attempt) : managedDelay(attempt));
        this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'retry', detail: `${failure.code}: ${failure.message}` });
        this.stats.retries++;
        this.later(delay, () => this.attempt(job, attempt + 1));
        return;
      }
      if (failure.refused) this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'refused', detail: `${failure.code}: ${failure.message}` });
      await this.deadLetter(job, failure, base);
      this.inFlight--;
      job.done?.();
    }
  }

  private async deadLetter(job: Job, failure: EndpointFailure, base: StepBase): Promise<void> {
    let dlq: string | undefined;
    try {
      dlq = (JSON.parse(job.subscription.Attributes.RedrivePolicy ?? '{}') as { deadLetterTargetArn?: string }).deadLetterTargetArn;
    } catch {
      dlq = undefined;
    }
    if (!dlq) {
      if (!failure.refused) this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'dropped', detail: `${failure.code}: ${failure.message} (the subscription has no RedrivePolicy dead-letter queue)` });
      this.stats.dropped++;
      return;
    }
    const { notification, subscription } = job;
    const body = isRaw(subscription) ? messageFor(notification, subscription.Protocol) : JSON.stringify(envelope(notification, subscription.Protocol, unsubscribeUrl(this.emulator, subscription.Arn)));
    try {
      await sendToQueue(this.emulator, dlq, body, { policyFor: notification.TopicArn, notification, ...(isRaw(subscription) ? { attributes: notification.MessageAttributes } : {}) });
      this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'dead-lettered', target: dlq, detail: `sent to the dead-letter queue after ${failure.code}: ${failure.message}` });
      this.stats.deadLettered++;
    } catch (error) {
      this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'dropped', target: dlq, detail: `the dead-letter queue could not take the message: ${(error as Error).message}` });
      this.stats.dropped++;
    }
  }
}
