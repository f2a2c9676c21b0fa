/**
 * Delivery of matched events to targets, asynchronously as on AWS: retries with back-off per the
 * target's RetryPolicy (time scaled by the account's factor), no retries for missing resources
 * or permissions (a function's, a queue's or another account's bus policy), then the dead-letter queue. Every step goes to the event-flow trace.
 */
import { isAwsError } from '../../errors.ts';
import type { Emulator } from '../../emulator.ts';
import type { TraceEntry } from '../../trace.ts';
import { targetInput } from './input.ts';
import type { Target } from './model.ts';
import { checkLambdaPermission } from './permission.ts';
import { busTargetRefusal, queueRefusal } from './target-policies.ts';

/** One event on its way to one target. */
export interface Delivery {
  account: string;
  region: string;
  event: Record<string, unknown>;
  bus: string;
  ruleName: string;
  ruleArn: string;
  target: Target;
  ingestionTime: string;
}

/** The fields every trace step of one delivery attempt shares. */
type StepBase = Omit<TraceEntry, 'seq' | 'time' | 'kind'>;

/** Why a delivery failed, with EventBridge's DLQ error code. */
class DeliveryFailure extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly refused: boolean;
  constructor(code: string, message: string, retryable: boolean, refused = false) {
    super(message);
    this.code = code;
    this.retryable = retryable;
    this.refused = refused;
  }
}

/** Counts of finished deliveries, by how they ended. */
export interface DeliveryStats {
  delivered: number;
  deadLettered: number;
  dropped: number;
  retries: number;
}

const DEFAULT_RETRIES = 185;
const DEFAULT_MAX_AGE_SECONDS = 86_400;

/** Sends matched events to their targets and keeps count. */
export class DeliveryQueue {
  readonly stats: DeliveryStats = { delivered: 0, deadLettered: 0, dropped: 0, retries: 0 };
  private readonly emulator: Emulator;
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private stopped = false;

  constructor(emulator: Emulator) {
    this.emulator = emulator;
  }

  /** Deliveries queued or running. */
  get pending(): number {
    return this.inFlight;
  }

  /** Queues a delivery; it starts on the next turn of the event loop. */
  enqueue(delivery: Delivery): void {
    this.inFlight++;
    this.later(0, () => this.attempt(delivery, 1, Date.now()));
  }

  /** Cancels scheduled retries. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(ms: number, run: () => Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, ms);
    this.timers.add(timer);
  }

  private async attempt(delivery: Delivery, attempt: number, firstAt: number): Promise<void> {
    const { target } = delivery;
    const eventId = String(delivery.event.id);
    const base: StepBase = { account: delivery.account, region: delivery.region, eventId, bus: delivery.bus, rule: delivery.ruleName, target: target.Arn, attempt };
    try {
      const payload = targetInput(target, delivery.event, { ruleArn: delivery.ruleArn, ruleName: delivery.ruleName, ingestionTime: delivery.ingestionTime });
      const detail = await this.send(delivery, payload);
      this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'delivered', ...(detail ? { requestId: detail } : {}) });
      this.stats.delivered++;
      this.inFlight--;
    } catch (error) {
      const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure('INTERNAL_ERROR', (error as Error).message, true);
      const retries = target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRIES;
      const maxAge = this.emulator.scaled((target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_SECONDS) * 1000, delivery.account);
      const delay = this.emulator.scaled(Math.min(2 ** (attempt - 1) * 1000, 300_000), delivery.account);
      if (failure.retryable && attempt <= retries && Date.now() + delay - firstAt <= maxAge) {
        this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'retry', detail: `${failure.code}: ${failure.message}` });
        this.stats.retries++;
        this.later(delay, () => this.attempt(delivery, attempt + 1, firstAt));
        return;
      }
      if (failure.refused) this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'refused', detail: `${failure.code}: ${failure.message}` });
      await this.deadLetter(delivery, failure, base);
      this.inFlight--;
    }
  }

  private async deadLetter(delivery: Delivery, failure: DeliveryFailure, base: StepBase): Promise<void> {
    const dlq = delivery.target.DeadLetterConfig?.Arn;
    if (!dlq) {
      if (!failure.refused) this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'dropped', detail: `${failure.code}: ${failure.message} (no dead-letter queue is configured)` });
      this.stats.dropped++;
      return;
    }
    const attributes = {
      RULE_ARN: delivery.ruleArn,
      TARGET_ARN: delivery.target.Arn,
      ERROR_CODE: failure.code,
      ERROR_MESSAGE: failure.message.slice(0, 256),
    };
    try {
      await this.sendToQueue(dlq, JSON.stringify(delivery.event), undefined, attributes);
      this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'dead-lettered', target: dlq, detail: `sent to the dead-letter queue after ${failure.code}: ${failure.message}` });
      this.stats.deadLettered++;
    } catch (error) {
      this.emulator.trace.record({ ...base, kind: 'delivery', outcome: 'dropped', target: dlq, detail: `the dead-letter queue could not take the event: ${(error as Error).message}` });
      this.stats.dropped++;
    }
  }

  /** Sends the payload to the target; returns a request id for Lambda targets. */
  private async send(delivery: Delivery, payload: string): Promise<string | undefined> {
    const arn = delivery.target.Arn;
    const service = arn.split(':')[2];
    switch (service) {
      case 'lambda':
        return this.sendToLambda(delivery, payload);
      case 'sqs':
        await this.refuseUnless(() => queueRefusal(this.emulator, arn, delivery.ruleArn));
        await this.sendToQueue(arn, payload, delivery.target.SqsParameters?.MessageGroupId);
        return undefined;
      case 'logs':
        await this.sendToLogGroup(arn, payload, delivery.event);
        return undefined;
      case 'events':
        await this.refuseUnless(() => busTargetRefusal(this.emulator, arn, delivery.account, delivery.ruleArn));
        await this.sendToBus(arn, delivery.event);
        return undefined;
      default:
        throw new DeliveryFailure('INVALID_PARAMETER', `targets of service ${service} are not emulated`, false);
    }
  }

  /** Throws a refusal (not retried, as AWS does not retry a missing permission) when `check` finds one. */
  private async refuseUnless(check: () => Promise<string | undefined>): Promise<void> {
    let refusal: string | undefined;
    try {
      refusal = await check();
    } catch (error) {
      throw this.classify(error);
    }
    if (refusal) throw new DeliveryFailure('NO_PERMISSIONS', refusal, false, true);
  }

  private async sendToLambda(delivery: Delivery, payload: string): Promise<string | undefined> {
    const arn = delivery.target.Arn;
    if (!this.emulator.settings.skipLambdaPermissionCheck) {
      const verdict = await checkLambdaPermission(this.emulator, arn, delivery.ruleArn);
      if (!verdict.allowed) {
        throw new DeliveryFailure(verdict.missingFunction ? 'NO_RESOURCE' : 'NO_PERMISSIONS', verdict.detail, false, !verdict.missingFunction);
      }
    }
    const [, , , region, account] = arn.split(':');
    try {
      const answer = (await this.emulator.call('lambda', 'Invoke', { FunctionName: arn, InvocationType: 'Event', Payload: Buffer.from(payload) }, { account: account!, region: region! })) as {
        headers?: Record<string, string>;
      };
      return answer?.headers?.['x-amzn-requestid'] ?? answer?.headers?.['x-amz-request-id'];
    } catch (error) {
      throw this.classify(error);
    }
  }

  private async sendToQueue(queueArn: string, body: string, groupId: string | undefined, attributes?: Record<string, string>): Promise<void> {
    const [, , , region, account, name] = queueArn.split(':');
    const scope = { account: account!, region: region! };
    try {
      const { QueueUrl } = (await this.emulator.call('sqs', 'GetQueueUrl', { QueueName: name, QueueOwnerAWSAccountId: account }, scope)) as { QueueUrl: string };
      const input: Record<string, unknown> = { QueueUrl, MessageBody: body };
      if (groupId) input.MessageGroupId = groupId;
      if (attributes) {
        input.MessageAttributes = Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, { DataType: 'String', StringValue: value }]));
      }
      await this.emulator.call('sqs', 'SendMessage', input, scope);
    } catch (error) {
      throw this.classify(error);
    }
  }

  private async sendToLogGroup(groupArn: string, payload: string, event: Record<string, unknown>): Promise<void> {
    const [, , , region, account, , ...rest] = groupArn.split(':');
    const logGroupName = rest.join(':').replace(/:\*$/, '');
    const scope = { account: account!, region: region! };
    const logStreamName = String(event.id);
    try {
      await this.emulator.call('logs', 'CreateLogStream', { logGroupName, logStreamName }, scope).catch((error: unknown) => {
        if (!(isAwsError(error) && error.code === 'ResourceAlreadyExistsException')) throw error;
      });
      const timestamp = Date.parse(String(event.time)) || Date.now();
      await this.emulator.call('logs', 'PutLogEvents', { logGroupName, logStreamName, logEvents: [{ timestamp, message: payload }] }, scope);
    } catch (error) {
      throw this.classify(error);
    }
  }

  private async sendToBus(busArn: string, event: Record<string, unknown>): Promise<void> {
    const [, , , region, account] = busArn.split(':');
    const entry = {
      Source: event.source,
      DetailType: event['detail-type'],
      Detail: JSON.stringify(event.detail ?? {}),
      Resources: event.resources,
      EventBusName: busArn,
    };
    const answer = (await this.emulator.call('events', 'PutEvents', { Entries: [entry] }, { account: account!, region: region! })) as {
      Entries: Array<{ ErrorCode?: string; ErrorMessage?: string }>;
    };
    const failed = answer.Entries[0];
    if (failed?.ErrorCode) {
      throw new DeliveryFailure(failed.ErrorCode === 'ResourceNotFoundException' ? 'NO_RESOURCE' : 'INVALID_PARAMETER', failed.ErrorMessage ?? failed.ErrorCode, false);
    }
  }

  private classify(error: unknown): DeliveryFailure {
    if (!isAwsError(error)) return new DeliveryFailure('INTERNAL_ERROR', (error as Error)?.message ?? String(error), true);
    if (error.code === 'ResourceNotFoundException' || error.code === 'QueueDoesNotExist' || error.code.includes('NonExistentQueue')) {
      return new DeliveryFailure('NO_RESOURCE', error.message, false);
    }
    if (error.status === 429 || error.code.includes('Throttl') || error.code === 'TooManyRequestsException') {
      return new DeliveryFailure('THROTTLING', error.message, true);
    }
    if (error.status >= 500) return new DeliveryFailure('ERROR_FROM_TARGET', error.message, true);
    return new DeliveryFailure('INVALID_PARAMETER', `${error.code}: ${error.message}`, false);
  }
}
