/**
 * Confirming a subscription: an http(s) endpoint is POSTed the SubscriptionConfirmation message
 * with its SubscribeURL and Token (retried a few times while the endpoint is down); an email
 * address is not written to: the trace shows the token and the URL that confirm it.
 */
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import { EndpointFailure, postTo } from './endpoints.ts';
import { confirmationMessage, httpHeaders } from './envelope.ts';
import type { Subscription } from './state.ts';

const ATTEMPTS = 3;

/** The URL that confirms a pending subscription (a GET, unsigned, as SNS's own). */
export function subscribeUrl(emulator: Emulator, topicArn: string, token: string): string {
  return `${emulator.url || 'http://localhost:4566'}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`;
}

/** Sends (http, https) or records (email) the confirmation request of a new pending subscription. */
export function requestConfirmation(emulator: Emulator, scope: { account: string; region: string }, subscription: Subscription, timers: Set<NodeJS.Timeout>): void {
  const messageId = randomUUID();
  const url = subscribeUrl(emulator, subscription.TopicArn, subscription.token!);
  const base = { ...scope, eventId: messageId, bus: subscription.TopicArn.split(':')[5], rule: subscription.Arn, target: subscription.Endpoint };
  emulator.trace.record({ ...base, kind: 'event-received', detail: `SNS SubscriptionConfirmation for ${subscription.Protocol} ${subscription.Endpoint}` });
  emulator.trace.record({ ...base, kind: 'rule-matched', detail: 'the subscription stays "pending confirmation" until the endpoint visits the SubscribeURL or calls ConfirmSubscription with the token' });
  if (subscription.Protocol === 'email' || subscription.Protocol === 'email-json') {
    emulator.trace.record({ ...base, kind: 'delivery', outcome: 'delivered', detail: `recorded, not sent: a confirmation email to ${subscription.Endpoint}. To confirm, call ConfirmSubscription with TopicArn ${subscription.TopicArn} and Token ${subscription.token}, or open ${url}` });
    return;
  }
  const message = confirmationMessage(messageId, subscription.TopicArn, subscription.token!, url);
  const attempt = async (number: number): Promise<void> => {
    try {
      await postTo(subscription.Endpoint, httpHeaders('SubscriptionConfirmation', messageId, subscription.TopicArn, undefined, false), JSON.stringify(message));
      emulator.trace.record({ ...base, kind: 'delivery', outcome: 'delivered', attempt: number, detail: `POSTed the SubscriptionConfirmation to ${subscription.Endpoint}; it confirms by visiting SubscribeURL ${url}` });
    } catch (error) {
      const detail = error instanceof EndpointFailure ? `${error.code}: ${error.message}` : String(error);
      if (number >= ATTEMPTS) {
        emulator.trace.record({ ...base, kind: 'delivery', outcome: 'dropped', attempt: number, detail: `${detail}. The subscription stays pending: start the endpoint and subscribe again, or confirm with Token ${subscription.token}` });
        return;
      }
      emulator.trace.record({ ...base, kind: 'delivery', outcome: 'retry', attempt: number, detail });
      const timer = setTimeout(() => {
        timers.delete(timer);
        void attempt(number + 1);
      }, emulator.scaled(20_000));
      timers.add(timer);
    }
  };
  const timer = setTimeout(() => {
    timers.delete(timer);
    void attempt(1);
  }, 0);
  timers.add(timer);
}
