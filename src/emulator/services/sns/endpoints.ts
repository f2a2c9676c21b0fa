/**
 * Sending one notification to one subscription's endpoint, through the same APIs a client uses:
 * SQS's SendMessage (after the queue policy allows sns.amazonaws.com for the topic), Lambda's
 * asynchronous Invoke (after the function's policy allows it), an http(s) POST on loopback, and
 * email or SMS recorded, never sent. Failures say whether SNS would retry them.
 */
import type { Emulator } from '../../emulator.ts';
import { isAwsError } from '../../errors.ts';
import { checkLambdaPermission } from '../events/permission.ts';
import { queuePolicyAllowsSend } from '../events/target-policies.ts';
import { envelope, httpHeaders, lambdaEvent, messageFor, type Notification } from './envelope.ts';
import type { Subscription } from './state.ts';

/** Why a delivery failed; `retryable` as SNS treats it (client-side errors are not retried). */
export class EndpointFailure extends Error {
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

/** The queue policy a learner sets so a topic may send to a queue. */
export function snsQueuePolicy(queueArn: string, topicArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'allow-sns', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queueArn, Condition: { ArnEquals: { 'aws:SourceArn': topicArn } } }],
  });
}

/** The URL that unsubscribes a subscription, as SNS puts it in every message. */
export function unsubscribeUrl(emulator: Emulator, subscriptionArn: string): string {
  return `${emulator.url || 'http://localhost:4566'}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`;
}

function classify(error: unknown): EndpointFailure {
  if (error instanceof EndpointFailure) return error;
  if (!isAwsError(error)) return new EndpointFailure('InternalError', (error as Error)?.message ?? String(error), true);
  if (error.status === 429 || error.code.includes('Throttl') || error.code === 'TooManyRequestsException' || error.status >= 500) return new EndpointFailure(error.code, error.message, true);
  return new EndpointFailure(error.code, error.message, false);
}

/** True when the subscription asked for the message alone, without the envelope. */
export function isRaw(subscription: Subscription): boolean {
  return subscription.Attributes.RawMessageDelivery === 'true';
}

/** Sends a message body to a queue by ARN; `policyFor` is the topic ARN the queue policy must allow. */
export async function sendToQueue(emulator: Emulator, queueArn: string, body: string, options: { policyFor: string; attributes?: Notification['MessageAttributes']; notification?: Notification }): Promise<string> {
  const [, , , region, account, name] = queueArn.split(':');
  const scope = { account: account!, region: region! };
  try {
    if (!(await queuePolicyAllowsSend(emulator, queueArn, 'sns.amazonaws.com', options.policyFor))) {
      throw new EndpointFailure('AccessDenied', `the queue policy of ${queueArn} does not allow sns.amazonaws.com to send messages from topic ${options.policyFor}, so SNS could not deliver (AWS drops it, or moves it to the subscription's dead-letter queue). `
        + `Fix: give the queue a Policy attribute (SetQueueAttributes) that allows Principal {"Service":"sns.amazonaws.com"} the action sqs:SendMessage with the condition ArnEquals aws:SourceArn ${options.policyFor}, e.g. ${snsQueuePolicy(queueArn, options.policyFor)}`, false, true);
    }
    const { QueueUrl } = (await emulator.call('sqs', 'GetQueueUrl', { QueueName: name, QueueOwnerAWSAccountId: account }, scope)) as { QueueUrl: string };
    const input: Record<string, unknown> = { QueueUrl, MessageBody: body };
    const attributes = Object.entries(options.attributes ?? {});
    if (attributes.length > 0) {
      input.MessageAttributes = Object.fromEntries(attributes.map(([key, value]) => [key, value.BinaryValue !== undefined ? { DataType: value.DataType, BinaryValue: Buffer.from(value.BinaryValue, 'base64') } : { DataType: value.DataType, StringValue: value.StringValue }]));
    }
    if (name!.endsWith('.fifo') && options.notification) {
      input.MessageGroupId = options.notification.MessageGroupId ?? 'default';
      input.MessageDeduplicationId = options.notification.MessageDeduplicationId ?? options.notification.MessageId;
    }
    const answer = (await emulator.call('sqs', 'SendMessage', input, scope)) as { MessageId?: string };
    return `SQS message ${answer.MessageId ?? ''}`.trim();
  } catch (error) {
    throw classify(error);
  }
}

async function sendToLambda(emulator: Emulator, subscription: Subscription, notification: Notification): Promise<string> {
  const arn = subscription.Endpoint;
  if (!emulator.settings.skipLambdaPermissionCheck) {
    const verdict = await checkLambdaPermission(emulator, arn, notification.TopicArn, 'sns.amazonaws.com').catch((error: unknown) => {
      throw classify(error);
    });
    if (!verdict.allowed) {
      if (verdict.missingFunction) throw new EndpointFailure('ResourceNotFoundException', verdict.detail, false);
      const name = arn.split(':')[6] ?? arn;
      throw new EndpointFailure('AccessDeniedException', `the resource policy of ${arn} does not allow sns.amazonaws.com to call lambda:InvokeFunction for topic ${notification.TopicArn}, so SNS could not invoke it. `
        + `Fix: aws lambda add-permission --function-name ${name} --statement-id allow-sns --action lambda:InvokeFunction --principal sns.amazonaws.com --source-arn ${notification.TopicArn}`, false, true);
    }
  }
  const [, , , region, account] = arn.split(':');
  const payload = JSON.stringify(lambdaEvent(notification, subscription.Arn, unsubscribeUrl(emulator, subscription.Arn)));
  try {
    const answer = (await emulator.call('lambda', 'Invoke', { FunctionName: arn, InvocationType: 'Event', Payload: Buffer.from(payload) }, { account: account!, region: region! })) as { headers?: Record<string, string> };
    return answer?.headers?.['x-amzn-requestid'] ?? '';
  } catch (error) {
    throw classify(error);
  }
}

/** POSTs to a loopback http(s) endpoint; a 2xx answer is a delivery, anything else is retried. */
export async function postTo(url: string, headers: Record<string, string>, body: string, timeoutMs = 15_000): Promise<void> {
  let answer: Response;
  try {
    answer = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    await answer.arrayBuffer().catch(() => undefined);
  } catch (error) {
    throw new EndpointFailure('ConnectionFailed', `the endpoint ${url} could not be reached: ${(error as Error).message}`, true);
  }
  if (answer.status < 200 || answer.status > 299) throw new EndpointFailure(`HTTP${answer.status}`, `the endpoint ${url} answered HTTP ${answer.status}`, true);
}

/** Delivers to the subscription's endpoint; returns a detail for the trace (a request id, a message id). */
export async function deliverTo(emulator: Emulator, subscription: Subscription, notification: Notification): Promise<{ requestId?: string; detail?: string }> {
  const unsubscribe = unsubscribeUrl(emulator, subscription.Arn);
  const wrapped = () => JSON.stringify(envelope(notification, subscription.Protocol, unsubscribe));
  switch (subscription.Protocol) {
    case 'sqs': {
      const raw = isRaw(subscription);
      const detail = await sendToQueue(emulator, subscription.Endpoint, raw ? messageFor(notification, 'sqs') : wrapped(), { policyFor: notification.TopicArn, notification, ...(raw ? { attributes: notification.MessageAttributes } : {}) });
      return { detail: raw ? `${detail} (raw message delivery)` : detail };
    }
    case 'lambda': {
      const requestId = await sendToLambda(emulator, subscription, notification);
      return requestId ? { requestId } : {};
    }
    case 'http':
    case 'https': {
      const raw = isRaw(subscription);
      await postTo(subscription.Endpoint, httpHeaders('Notification', notification.MessageId, notification.TopicArn, subscription.Arn, raw), raw ? messageFor(notification, subscription.Protocol) : wrapped());
      return { detail: `POST ${subscription.Endpoint}` };
    }
    case 'email':
      return { detail: `recorded, not sent: an email to ${subscription.Endpoint}${notification.Subject ? ` with subject "${notification.Subject}"` : ''}: ${messageFor(notification, 'email').slice(0, 500)}` };
    case 'email-json':
      return { detail: `recorded, not sent: an email to ${subscription.Endpoint} holding ${wrapped().slice(0, 500)}` };
    case 'sms':
      return { detail: `recorded, not sent: an SMS to ${subscription.Endpoint}: ${messageFor(notification, 'sms').slice(0, 140)}` };
    default:
      throw new EndpointFailure('InvalidParameter', `protocol ${subscription.Protocol} is not delivered by this emulator`, false);
  }
}
