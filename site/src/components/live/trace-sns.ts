/**
 * SNS's trace sentences (services/sns/delivery.ts, endpoints.ts, confirmation.ts, service.ts) and
 * how to say them in the page's language: a publish and its subscriptions, the filter policy's
 * verdict, a delivery to each protocol, email and SMS recorded instead of sent, confirmations,
 * retries and dead-letter queues. Topic, queue and function ARNs, URLs, tokens and the message
 * itself are kept as they are; so is AWS's own error text.
 */
import { fill, pluralIn } from '../fill.ts';
import type { Form } from './trace-text.ts';

/** Says a nested sentence (an error, a matcher's reason) in the page's language. */
type Say = (text: string, t: Parameters<Form[1]>[1], locale: string | undefined) => string;

/** The errors the emulator writes for a delivery SNS could not make, after their AWS-style code. */
export const SNS_ERRORS: Form[] = [
  [/^(ConnectionFailed): the endpoint (\S+) could not be reached: (.*)$/s, ([code, url, error], t) => fill(t.snsUnreachable, { code: code!, url: url!, error: error! })],
  [/^(HTTP\d{3}): the endpoint (\S+) answered HTTP (\d{3})$/, ([code, url, status], t) => fill(t.snsHttpStatus, { code: code!, url: url!, status: status! })],
  [
    /^(AccessDenied): the queue policy of (\S+) does not allow sns\.amazonaws\.com to send messages from topic (\S+), so SNS could not deliver \(AWS drops it, or moves it to the subscription's dead-letter queue\)\. Fix: give the queue a Policy attribute \(SetQueueAttributes\) that allows Principal \{"Service":"sns\.amazonaws\.com"\} the action sqs:SendMessage with the condition ArnEquals aws:SourceArn (\S+), e\.g\. (.*)$/s,
    ([code, queue, topic, source, policy], t) => fill(t.snsQueuePolicy, { code: code!, queue: queue!, topic: topic!, source: source!, policy: policy! }),
  ],
  [
    /^(AccessDeniedException): the resource policy of (\S+) does not allow sns\.amazonaws\.com to call lambda:InvokeFunction for topic (\S+), so SNS could not invoke it\. Fix: (.*)$/s,
    ([code, fn, topic, command], t) => fill(t.snsFunctionPolicy, { code: code!, function: fn!, topic: topic!, command: command! }),
  ],
  [/^(ResourceNotFoundException): function (\S+) does not exist$/, ([code, fn], t) => fill(t.snsNoFunction, { code: code!, function: fn! })],
];

/** SNS's details: the publish, a subscription's delivery and what became of it. `error` says a nested error. */
export function snsDetails(error: Say): Form[] {
  return [
    [
      /^SNS Publish to (\S+?)(?: \(subject "(.*)"\))?: (\d+) subscription\(s\)$/s,
      ([topic, subject, n], t, locale) => pluralIn(t.snsPublish, Number(n), locale, { topic: topic!, subject: subject === undefined ? '' : fill(t.snsSubject, { subject }) }),
    ],
    [/^SNS SubscriptionConfirmation for (\S+) (.+)$/s, ([protocol, endpoint], t) => fill(t.snsConfirmationFor, { protocol: protocol!, endpoint: endpoint! })],
    [/^the subscription stays "pending confirmation" until the endpoint visits the SubscribeURL or calls ConfirmSubscription with the token$/, (_, t) => t.snsPendingUntil],
    [/^filter policy matched; ([\w-]+) delivery$/, ([protocol], t) => fill(t.snsFilterMatched, { protocol: protocol! })],
    [/^([\w-]+) delivery$/, ([protocol], t) => fill(t.snsDelivery, { protocol: protocol! })],
    [/^SQS message(?: (\S+))?( \(raw message delivery\))?$/, ([id, raw], t) => (id ? fill(t.snsSqsMessage, { id }) : t.snsSqsSent) + (raw ? t.snsRaw : '')],
    [/^POST (https?:\/\/\S+)$/, ([url], t) => fill(t.snsPosted, { url: url! })],
    [/^recorded, not sent: an email to (\S+) holding (.*)$/s, ([endpoint, message], t) => fill(t.snsEmailJson, { endpoint: endpoint!, message: message! })],
    [
      /^recorded, not sent: an email to (\S+?)(?: with subject "(.*?)")?: (.*)$/s,
      ([endpoint, subject, message], t) => fill(t.snsEmail, { endpoint: endpoint!, subject: subject === undefined ? '' : fill(t.snsEmailSubject, { subject }), message: message! }),
    ],
    [/^recorded, not sent: an SMS to (\S+?): (.*)$/s, ([endpoint, message], t) => fill(t.snsSms, { endpoint: endpoint!, message: message! })],
    [
      /^recorded, not sent: a confirmation email to (\S+)\. To confirm, call ConfirmSubscription with TopicArn (\S+) and Token (\S+), or open (\S+)$/,
      ([endpoint, topic, token, url], t) => fill(t.snsConfirmationEmail, { endpoint: endpoint!, topic: topic!, token: token!, url: url! }),
    ],
    [/^POSTed the SubscriptionConfirmation to (\S+); it confirms by visiting SubscribeURL (\S+)$/, ([endpoint, url], t) => fill(t.snsConfirmationPosted, { endpoint: endpoint!, url: url! })],
    [/^(.*)\. The subscription stays pending: start the endpoint and subscribe again, or confirm with Token (\S+)$/s, ([text, token], t, locale) => fill(t.snsStillPending, { error: error(text!, t, locale), token: token! })],
    [/^(.*) \(the subscription has no RedrivePolicy dead-letter queue\)$/s, ([text], t, locale) => fill(t.snsNoRedrive, { error: error(text!, t, locale) })],
    [/^the dead-letter queue could not take the message: (.*)$/s, ([text], t) => fill(t.snsDeadLetterFailed, { error: text! })],
    ...SNS_ERRORS,
  ];
}

/** Why a subscription did not receive a message; `reason` says the pattern matcher's own reason. */
export function snsReasons(reason: Say): Form[] {
  return [
    [
      /^the subscription is pending confirmation: confirm it \(ConfirmSubscription with the token sent to (.+)\) to receive messages$/s,
      ([endpoint], t) => fill(t.snsPending, { endpoint: endpoint! }),
    ],
    [
      /^the filter policy \((\w+)\) did not match: (.*)$/s,
      ([scope, text], t, locale) => fill(t.snsFilterMissed, { scope: scope!, reason: reason(text!, t, locale) }),
    ],
    [/^the message body is not a JSON object, so a MessageBody filter policy cannot match it$/, (_, t) => t.snsBodyNotObject],
  ];
}
