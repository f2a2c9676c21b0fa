/**
 * What a subscriber receives: the SNS notification envelope (SQS, http/https, email-json), the
 * `Records[].Sns` event a Lambda function gets, the x-amz-sns-* headers of an http POST, and the
 * SubscriptionConfirmation message. Signatures are placeholders: the emulator signs nothing.
 */
import type { MessageAttribute } from './filter-policy.ts';

/** One published message, as it is fanned out to subscriptions. */
export interface Notification {
  MessageId: string;
  TopicArn: string;
  Message: string;
  Subject?: string;
  Timestamp: string;
  MessageAttributes: Record<string, MessageAttribute>;
  /** With MessageStructure json: the message per protocol (`default` for the rest). */
  perProtocol?: Record<string, string>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  SequenceNumber?: string;
}

const SIGNATURE = Buffer.from('emulator-unsigned-notification').toString('base64');

/** The certificate URL SNS puts in messages (the emulator's messages are not signed with it). */
export function signingCertUrl(region: string): string {
  return `https://sns.${region}.amazonaws.com/SimpleNotificationService-emulator.pem`;
}

/** The message a protocol gets: its own under MessageStructure json, else the message. */
export function messageFor(notification: Notification, protocol: string): string {
  return notification.perProtocol?.[protocol] ?? notification.perProtocol?.default ?? notification.Message;
}

function attributesOf(notification: Notification): Record<string, { Type: string; Value: string }> {
  return Object.fromEntries(Object.entries(notification.MessageAttributes).map(([name, value]) => [name, { Type: value.DataType, Value: value.StringValue ?? value.BinaryValue ?? '' }]));
}

function regionOf(topicArn: string): string {
  return topicArn.split(':')[3] ?? 'us-east-1';
}

/** The JSON envelope an SQS queue, an http endpoint or an email-json address receives. */
export function envelope(notification: Notification, protocol: string, unsubscribeUrl: string): Record<string, unknown> {
  const attributes = attributesOf(notification);
  return {
    Type: 'Notification',
    MessageId: notification.MessageId,
    ...(notification.SequenceNumber ? { SequenceNumber: notification.SequenceNumber } : {}),
    TopicArn: notification.TopicArn,
    ...(notification.Subject !== undefined ? { Subject: notification.Subject } : {}),
    Message: messageFor(notification, protocol),
    Timestamp: notification.Timestamp,
    SignatureVersion: '1',
    Signature: SIGNATURE,
    SigningCertURL: signingCertUrl(regionOf(notification.TopicArn)),
    UnsubscribeURL: unsubscribeUrl,
    ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
  };
}

/** The event a Lambda function subscribed to a topic is invoked with. */
export function lambdaEvent(notification: Notification, subscriptionArn: string, unsubscribeUrl: string): Record<string, unknown> {
  return {
    Records: [{
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: subscriptionArn,
      Sns: {
        Type: 'Notification',
        MessageId: notification.MessageId,
        TopicArn: notification.TopicArn,
        Subject: notification.Subject ?? null,
        Message: messageFor(notification, 'lambda'),
        Timestamp: notification.Timestamp,
        SignatureVersion: '1',
        Signature: SIGNATURE,
        SigningCertUrl: signingCertUrl(regionOf(notification.TopicArn)),
        UnsubscribeUrl: unsubscribeUrl,
        MessageAttributes: attributesOf(notification),
      },
    }],
  };
}

/** The headers of an http/https POST from SNS. */
export function httpHeaders(type: 'Notification' | 'SubscriptionConfirmation', messageId: string, topicArn: string, subscriptionArn: string | undefined, raw: boolean): Record<string, string> {
  return {
    'content-type': 'text/plain; charset=UTF-8',
    'user-agent': 'Amazon Simple Notification Service Agent',
    'x-amz-sns-message-type': type,
    'x-amz-sns-message-id': messageId,
    'x-amz-sns-topic-arn': topicArn,
    ...(subscriptionArn ? { 'x-amz-sns-subscription-arn': subscriptionArn } : {}),
    ...(raw ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
  };
}

/** The SubscriptionConfirmation message an http/https endpoint is sent. */
export function confirmationMessage(messageId: string, topicArn: string, token: string, subscribeUrl: string): Record<string, unknown> {
  return {
    Type: 'SubscriptionConfirmation',
    MessageId: messageId,
    Token: token,
    TopicArn: topicArn,
    Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: subscribeUrl,
    Timestamp: new Date().toISOString(),
    SignatureVersion: '1',
    Signature: SIGNATURE,
    SigningCertURL: signingCertUrl(regionOf(topicArn)),
  };
}
