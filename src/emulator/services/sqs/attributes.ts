/**
 * Queue attributes: names, defaults, validation and the view GetQueueAttributes answers with.
 * Values are strings, as SQS keeps and returns them; booleans are written in lower case.
 */
import { InvalidAttributeName, InvalidAttributeValue } from './errors.ts';
import { checkRedriveAllowPolicy, checkRedrivePolicy, type QueueLookup } from './redrive.ts';
import type { Queue } from './state.ts';

const INTEGER_RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

const BOOLEANS = new Set(['FifoQueue', 'ContentBasedDeduplication', 'SqsManagedSseEnabled']);
const CHOICES: Record<string, string[]> = {
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};
const FIFO_ONLY = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);
/** Attributes that an empty string removes. */
const REMOVABLE = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId']);
const SETTABLE = new Set([...Object.keys(INTEGER_RANGES), ...BOOLEANS, ...Object.keys(CHOICES), ...REMOVABLE]);

/** Attributes SQS computes; GetQueueAttributes reads them, nothing sets them. */
export const COMPUTED_ATTRIBUTES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
] as const;

/** The order `All` lists attributes in, after the computed ones. */
const ALL_ORDER = [
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
];

/** The attributes a new queue has when CreateQueue sets nothing. */
export function defaultAttributes(fifo: boolean): Record<string, string> {
  const defaults: Record<string, string> = {
    VisibilityTimeout: '30',
    MaximumMessageSize: '1048576',
    MessageRetentionPeriod: '345600',
    DelaySeconds: '0',
    ReceiveMessageWaitTimeSeconds: '0',
    SqsManagedSseEnabled: 'true',
  };
  if (fifo) Object.assign(defaults, { FifoQueue: 'true', ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
  return defaults;
}

function unknown(name: string): InvalidAttributeName {
  return new InvalidAttributeName(`Unknown Attribute ${name}.`);
}

function invalid(name: string): InvalidAttributeValue {
  return new InvalidAttributeValue(`Invalid value for the parameter ${name}.`);
}

function checkOne(name: string, raw: string, context: AttributeContext): string {
  const range = INTEGER_RANGES[name];
  if (range) {
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < range[0] || Number(raw) > range[1]) throw invalid(name);
    return String(Number(raw));
  }
  if (BOOLEANS.has(name)) {
    const lower = raw.toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw invalid(name);
    return lower;
  }
  const choices = CHOICES[name];
  if (choices) {
    if (!choices.includes(raw)) throw invalid(name);
    return raw;
  }
  if (raw === '') return '';
  if (name === 'Policy') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw invalid(name);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid(name);
    return raw;
  }
  if (name === 'RedrivePolicy') return checkRedrivePolicy(raw, context);
  if (name === 'RedriveAllowPolicy') return checkRedriveAllowPolicy(raw);
  return raw;
}

/** What attribute checks need to know about the queue and its neighbours. */
export interface AttributeContext {
  fifo: boolean;
  creating: boolean;
  sourceArn: string;
  lookup: QueueLookup;
}

/**
 * Validates CreateQueue's or SetQueueAttributes' attribute map and returns it normalized; an
 * empty string stands for "remove" on the attributes that can be removed.
 */
export function checkAttributes(input: unknown, context: AttributeContext): Record<string, string> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new InvalidAttributeValue('Attributes must be a map of attribute names to values.');
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    if (!SETTABLE.has(name)) throw unknown(name);
    // A standard queue knows no FIFO attribute, not even FifoQueue=false.
    if (FIFO_ONLY.has(name) && !context.fifo) throw unknown(name);
    if (name === 'FifoQueue' && !context.creating) throw new InvalidAttributeValue('Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.');
    checked[name] = checkOne(name, String(value ?? ''), context);
  }
  const scope = checked.DeduplicationScope;
  if (checked.FifoThroughputLimit === 'perMessageGroupId' && scope === 'queue') throw invalid('FifoThroughputLimit');
  return checked;
}

/** Applies checked attributes to a queue. */
export function applyAttributes(queue: Queue, checked: Record<string, string>): void {
  for (const [name, value] of Object.entries(checked)) {
    if (value === '' && REMOVABLE.has(name)) delete queue.attributes[name];
    else queue.attributes[name] = value;
  }
  if (checked.KmsMasterKeyId) {
    queue.attributes.KmsDataKeyReusePeriodSeconds ??= '300';
    if (checked.SqsManagedSseEnabled === undefined) queue.attributes.SqsManagedSseEnabled = 'false';
  }
}

/** The first attribute whose requested value differs from the queue's, for CreateQueue's idempotency. */
export function firstDifference(queue: Queue, checked: Record<string, string>): string | undefined {
  // Only what the request names counts: SQS refuses "only if the request includes attributes whose
  // values differ from those of the existing queue", so a bare CreateQueue finds a changed queue.
  const wanted = { attributes: { ...queue.attributes } } as Queue;
  applyAttributes(wanted, checked);
  const names = new Set([...Object.keys(wanted.attributes), ...Object.keys(queue.attributes)]);
  for (const name of names) if (wanted.attributes[name] !== queue.attributes[name]) return name;
  return undefined;
}

/** Message counts by state, for the Approximate* attributes. */
export interface MessageCounts {
  visible: number;
  inflight: number;
  delayed: number;
}

/** Checks GetQueueAttributes' names and returns the answer's map. */
export function attributesView(queue: Queue, names: unknown, counts: MessageCounts): Record<string, string> {
  const requested = Array.isArray(names) ? names.map(String) : [];
  for (const name of requested) {
    if (name !== 'All' && !SETTABLE.has(name) && !(COMPUTED_ATTRIBUTES as readonly string[]).includes(name)) throw unknown(name);
  }
  const all = requested.includes('All');
  const computed: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inflight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(queue.createdAt),
    LastModifiedTimestamp: String(queue.lastModifiedAt),
  };
  const view: Record<string, string> = {};
  for (const name of [...COMPUTED_ATTRIBUTES, ...ALL_ORDER]) {
    if (!all && !requested.includes(name)) continue;
    const value = computed[name] ?? queue.attributes[name];
    if (value !== undefined) view[name] = value;
  }
  return view;
}
