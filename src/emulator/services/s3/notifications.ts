/**
 * Bucket notification configuration and the events S3 sends to Amazon EventBridge. With
 * `<EventBridgeConfiguration/>` every object created or deleted becomes an `Object Created` /
 * `Object Deleted` event on the bucket owner's default bus, in S3's event shape. Topic, queue and
 * Lambda configurations are validated for shape and stored, but nothing is sent to them.
 */
import { randomUUID } from 'node:crypto';
import { rawResult } from '../../protocols/codec.ts';
import { parseXmlBody, xmlList } from '../../protocols/rest-xml.ts';
import type { EventsService } from '../events/service.ts';
import { findBucket, type S3Call } from './context.ts';
import { unquote } from './etags.ts';
import { InvalidArgument, MalformedXML } from './errors.ts';
import { bucketArn, type Bucket, type NotificationConfiguration } from './model.ts';

const KINDS = [
  ['TopicConfiguration', 'Topic'],
  ['QueueConfiguration', 'Queue'],
  ['CloudFunctionConfiguration', 'CloudFunction'],
] as const;

const EVENT_NAME = /^s3:(ObjectCreated|ObjectRemoved|ObjectRestore|ReducedRedundancyLostObject|Replication|LifecycleExpiration|LifecycleTransition|IntelligentTiering|ObjectTagging|ObjectAcl)(:[A-Za-z*]+)?$/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function filterOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const key = (value as Record<string, unknown>).S3Key;
  const rules = xmlList(typeof key === 'object' && key !== null ? (key as Record<string, unknown>).FilterRule : undefined).map((rule) => {
    const item = (rule ?? {}) as Record<string, unknown>;
    const name = text(item.Name)?.toLowerCase();
    if (name !== 'prefix' && name !== 'suffix') throw new InvalidArgument('filter rule name must be either prefix or suffix', 'FilterRule', String(item.Name ?? ''));
    return { Name: name, Value: typeof item.Value === 'string' ? item.Value : '' };
  });
  return { S3Key: { FilterRule: rules } };
}

function configurationOf(value: unknown, arnElement: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new MalformedXML();
  const item = value as Record<string, unknown>;
  const arn = text(item[arnElement]);
  const events = xmlList(item.Event).map((event) => String(event).trim());
  if (!arn || events.length === 0) throw new MalformedXML();
  for (const event of events) if (!EVENT_NAME.test(event)) throw new InvalidArgument('The event is not supported for notifications', event, event);
  const filter = filterOf(item.Filter);
  return { Id: text(item.Id) ?? randomUUID(), [arnElement]: arn, Event: events, ...(filter ? { Filter: filter } : {}) };
}

/** PutBucketNotificationConfiguration: replaces the whole configuration. */
export function PutBucketNotificationConfiguration(call: S3Call) {
  const bucket = findBucket(call);
  const root = parseXmlBody(call.body).NotificationConfiguration;
  if (root === undefined) throw new MalformedXML();
  const element = typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : {};
  const next: NotificationConfiguration = { TopicConfiguration: [], QueueConfiguration: [], CloudFunctionConfiguration: [], eventBridge: 'EventBridgeConfiguration' in element };
  for (const [kind, arnElement] of KINDS) next[kind] = xmlList(element[kind]).map((item) => configurationOf(item, arnElement));
  bucket.notification = next;
  return rawResult({});
}

/** GetBucketNotificationConfiguration. */
export function GetBucketNotificationConfiguration(call: S3Call) {
  const { notification } = findBucket(call);
  return rawResult({
    body: {
      TopicConfiguration: notification.TopicConfiguration,
      QueueConfiguration: notification.QueueConfiguration,
      CloudFunctionConfiguration: notification.CloudFunctionConfiguration,
      ...(notification.eventBridge ? { EventBridgeConfiguration: {} } : {}),
    },
  });
}

let sequence = 0;

// S3's sequencer orders events of one key: a hexadecimal value that grows with every change.
function sequencer(): string {
  sequence = (sequence + 1) % 0x10000;
  return (BigInt(Date.now()) * 0x10000n + BigInt(sequence)).toString(16).toUpperCase().padStart(16, '0');
}

/** What changed: an object created (with its size and ETag) or deleted. */
export type ObjectChange =
  | { kind: 'created'; key: string; size: number; etag: string; reason: 'PutObject' | 'CopyObject' | 'CompleteMultipartUpload' }
  | { kind: 'deleted'; key: string; reason: 'DeleteObject' };

/** Sends S3's EventBridge event for a change when the bucket has EventBridge notifications on. */
export function notifyObjectChange(call: S3Call, bucket: Bucket, change: ObjectChange): void {
  if (!bucket.notification.eventBridge) return;
  const events = call.emulator.services.get('events') as EventsService | undefined;
  if (!events || typeof events.emitServiceEvent !== 'function') return;
  const object =
    change.kind === 'created'
      ? { key: change.key, size: change.size, etag: unquote(change.etag), sequencer: sequencer() }
      : { key: change.key, sequencer: sequencer() };
  const detail: Record<string, unknown> = {
    version: '0',
    bucket: { name: bucket.name },
    object,
    'request-id': call.requestId,
    requester: call.account,
    'source-ip-address': call.sourceIp,
    reason: change.reason,
    ...(change.kind === 'deleted' ? { 'deletion-type': 'Permanently Deleted' } : {}),
  };
  try {
    events.emitServiceEvent(
      { account: call.bucketOwner ?? call.account, region: bucket.region },
      { source: 'aws.s3', detailType: change.kind === 'created' ? 'Object Created' : 'Object Deleted', detail, resources: [bucketArn(bucket.name)] },
    );
  } catch (error) {
    call.emulator.log(`s3 could not send an event for ${bucket.name}/${change.key} to EventBridge: ${(error as Error).message}`);
  }
}
