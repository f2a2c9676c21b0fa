/**
 * Amazon SNS: standard and FIFO topics, subscriptions (sqs, lambda, http, https, email,
 * email-json, sms), filter policies on attributes or the message body, Publish and PublishBatch,
 * and asynchronous delivery with SNS's retry policies and dead-letter queues. Speaks the query
 * protocol, as every SDK (v3 included) and the AWS CLI send it.
 * A queue takes SNS's messages only when its policy allows sns.amazonaws.com sqs:SendMessage for
 * the topic, and a function only when its resource policy allows sns.amazonaws.com: otherwise the
 * delivery fails (to the dead-letter queue if there is one) and the trace says which policy is missing.
 * The SubscribeURL and UnsubscribeURL work unsigned, as AWS's do; nothing else does.
 * LIMITATIONS: http and https endpoints must be on loopback; email and SMS are recorded in the
 * trace, never sent; signatures in messages are placeholders (SigningCertURL points at no real
 * certificate); topic policies are stored but not enforced (another account cannot reach a topic);
 * KMS encryption, delivery status logging, data protection policies, message archiving and replay,
 * mobile push (platform applications and endpoints), firehose subscriptions, SMS sandbox and
 * opt-out operations are not emulated; the 100,000-topic and 12,500,000-subscription quotas are
 * not enforced; delivery retries for sqs and lambda stop when the emulator stops.
 */
import { randomUUID } from 'node:crypto';
import { missingAuthentication } from '../../authentication.ts';
import type { Emulator } from '../../emulator.ts';
import type { Operation, OperationContext, ServiceDefinition } from '../../types.ts';
import { requestConfirmation } from './confirmation.ts';
import { SnsDeliveries } from './delivery.ts';
import { InternalError, NotEmulated } from './errors.ts';
import { prepareBatch, prepareMessage, publishTopic } from './publish.ts';
import { createSnsState, listOutput, parseTopicArn, type SnsState, type Topic } from './state.ts';
import { confirmSubscription, getSubscriptionAttributes, listSubscriptions, listSubscriptionsByTopic, setSubscriptionAttributes, subscribe, unsubscribe } from './subscriptions.ts';
import { createTopic, deleteTopic, getTopicAttributes, listTagsForResource, listTopics, setTopicAttributes, tagResource, untagResource } from './topics.ts';
import type { Notification } from './envelope.ts';

type Context = OperationContext<SnsState>;

/** The SNS service and its deliveries, one per emulator. */
export interface SnsService extends ServiceDefinition<SnsState> {
  /** The fan-out machinery, for benchmarks and tests that wait for deliveries. */
  readonly deliveries: () => SnsDeliveries | undefined;
}

const UNSIGNED = new Set(['ConfirmSubscription', 'Unsubscribe']);

/** Builds the SNS service (a factory: each emulator has its own deliveries). */
export function createSnsService(): SnsService {
  let emulator: Emulator | undefined;
  let deliveries: SnsDeliveries | undefined;
  const timers = new Set<NodeJS.Timeout>();
  const started = (): { emulator: Emulator; deliveries: SnsDeliveries } => {
    if (!emulator || !deliveries) throw new InternalError('SNS is not started');
    return { emulator, deliveries };
  };
  const fanOut = (context: Context, topic: Topic, notification: Notification): void => {
    const subscriptions = Object.values(context.state.subscriptions).filter((subscription) => subscription.TopicArn === topic.Arn);
    started().deliveries.fanOut({ account: context.account, region: context.region }, topic, notification, subscriptions);
  };
  /** The state of the account and region an ARN names, for the unsigned URLs (the caller is nobody). */
  const ownerState = (context: Context, arn: unknown): SnsState => {
    const parts = parseTopicArn(typeof arn === 'string' ? arn.split(':').slice(0, 6).join(':') : arn);
    if (!context.anonymous || !parts) return context.state;
    context.emulator.store.markDirty('sns', parts.account, parts.region);
    return context.emulator.store.scope(service, parts.account, parts.region) as SnsState;
  };

  const operations: Record<string, Operation<SnsState>> = {
    CreateTopic: (input, context) => createTopic(input, context),
    DeleteTopic: (input, context) => deleteTopic(input, context),
    ListTopics: (input, context) => listTopics(input, context),
    GetTopicAttributes: (input, context) => getTopicAttributes(input, context),
    SetTopicAttributes: (input, context) => setTopicAttributes(input, context),
    TagResource: (input, context) => tagResource(input, context),
    UntagResource: (input, context) => untagResource(input, context),
    ListTagsForResource: (input, context) => listTagsForResource(input, context),
    Subscribe: (input, context) => subscribe(input, context, (subscription, { account, region }) => requestConfirmation(started().emulator, { account, region }, subscription, timers)),
    ConfirmSubscription: (input, context) => confirmSubscription(input, ownerState(context, input.TopicArn)),
    Unsubscribe: (input, context) => unsubscribe(input, { ...context, state: ownerState(context, input.SubscriptionArn) }),
    ListSubscriptions: (input, context) => listSubscriptions(input, context),
    ListSubscriptionsByTopic: (input, context) => listSubscriptionsByTopic(input, context),
    GetSubscriptionAttributes: (input, context) => getSubscriptionAttributes(input, context),
    SetSubscriptionAttributes: (input, context) => setSubscriptionAttributes(input, context),
    Publish(input, context) {
      if (typeof input.PhoneNumber === 'string' && input.TopicArn === undefined && input.TargetArn === undefined) {
        const messageId = randomUUID();
        context.emulator.trace.record({ account: context.account, region: context.region, kind: 'delivery', eventId: messageId, target: input.PhoneNumber, outcome: 'delivered', detail: `recorded, not sent: an SMS to ${input.PhoneNumber}: ${String(input.Message ?? '').slice(0, 140)}` });
        return { MessageId: messageId };
      }
      const topic = publishTopic(context.state, input);
      const { notification, duplicate } = prepareMessage(context.emulator, topic, input);
      if (!duplicate) fanOut(context, topic, notification);
      return { MessageId: notification.MessageId, ...(notification.SequenceNumber ? { SequenceNumber: notification.SequenceNumber } : {}) };
    },
    PublishBatch(input, context) {
      const { topic, published, Failed } = prepareBatch(context.emulator, context.state, input);
      for (const entry of published) if (!entry.duplicate) fanOut(context, topic, entry.notification);
      const Successful = published.map(({ Id, notification }) => ({ Id, MessageId: notification.MessageId, ...(notification.SequenceNumber ? { SequenceNumber: notification.SequenceNumber } : {}) }));
      return { Successful: listOutput(Successful), Failed: listOutput(Failed) };
    },
  };
  for (const name of ['AddPermission', 'RemovePermission', 'CreatePlatformApplication', 'CreatePlatformEndpoint', 'CheckIfPhoneNumberIsOptedOut', 'GetSMSAttributes', 'SetSMSAttributes', 'GetDataProtectionPolicy', 'PutDataProtectionPolicy']) {
    operations[name] = () => {
      throw new NotEmulated(name);
    };
  }

  const service: SnsService = {
    name: 'sns',
    signingNames: ['sns'],
    protocol: 'query',
    xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
    // Lists and maps are written as `{ member: [...] }` and `{ entry: [...] }`, so each keeps its own element names.
    xmlListStyle: 'flattened',
    acceptsUnsigned: true,
    createState: createSnsState,
    deliveries: () => deliveries,
    operations: Object.fromEntries(Object.entries(operations).map(([name, operation]) => [name, (input, context) => {
      if (context.anonymous && !UNSIGNED.has(name)) throw missingAuthentication('query');
      return operation(input, context);
    }])),
    start(running) {
      emulator = running;
      deliveries = new SnsDeliveries(running);
    },
    stop() {
      deliveries?.stop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
  return service;
}
