/**
 * Queues: names, URLs and ARNs, create (idempotent for the same attributes), find, list and
 * delete. A queue URL is `${emulator.url}/<account>/<name>`; any URL whose last two path segments
 * are account and name is accepted, so LocalStack-style URLs work too.
 */
import type { Emulator } from '../../emulator.ts';
import type { OperationContext } from '../../types.ts';
import { applyAttributes, checkAttributes, defaultAttributes, firstDifference } from './attributes.ts';
import { InvalidAddress, InvalidParameterValue, MissingParameter, QueueDoesNotExist, QueueNameExists } from './errors.ts';
import type { QueueLookup } from './redrive.ts';
import type { Queue, SqsState } from './state.ts';
import { dict } from '../../dict.ts';

/** The context SQS operations run in. */
export type SqsContext = OperationContext<SqsState>;

const ARN = /^arn:aws[\w-]*:sqs:([\w-]+):(\d{12}):([\w-]{1,80}(?:\.fifo)?)$/;
const NAME = /^[\w-]{1,80}$/;

/** The origin queue URLs start with. */
export function queueUrlBase(emulator: Emulator): string {
  return emulator.url || 'http://localhost:4566';
}

/** The URL of a queue as this emulator hands it out. */
export function queueUrl(emulator: Emulator, account: string, name: string): string {
  return `${queueUrlBase(emulator)}/${account}/${name}`;
}

/** Splits a queue ARN (`arn:aws:sqs:region:account:name`), or `undefined` when it is not one. */
export function parseQueueArn(arn: string): { region: string; account: string; name: string } | undefined {
  const match = ARN.exec(arn);
  return match ? { region: match[1]!, account: match[2]!, name: match[3]! } : undefined;
}

/**
 * The QueueUrl for a queue ARN, for services given ARNs (EventBridge targets, Lambda
 * destinations) that then call SQS through `emulator.call`.
 */
export function queueUrlFromArn(emulator: Emulator, arn: string): string {
  const parts = parseQueueArn(arn);
  if (!parts) throw new InvalidParameterValue(`${arn} is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>).`);
  return queueUrl(emulator, parts.account, parts.name);
}

/** Reads the account and queue name from the last two path segments of a queue URL. */
export function parseQueueUrl(url: unknown): { account: string; name: string } {
  if (typeof url !== 'string' || url === '') throw new MissingParameter('QueueUrl');
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // A bare path such as /000000000000/orders is accepted as well.
  }
  const segments = path.split('/').filter(Boolean);
  const account = segments.at(-2);
  const name = segments.at(-1);
  if (!account || !name || !/^\d{12}$/.test(account)) throw new InvalidAddress(url);
  return { account, name: decodeURIComponent(name) };
}

/** The queue a QueueUrl names in the caller's account and region. */
export function findQueue(context: SqsContext, url: unknown): Queue {
  const { account, name } = parseQueueUrl(url);
  // Another account's queue needs a queue policy on AWS; the emulator keeps accounts apart.
  const queue = account === context.account ? context.state.queues[name] : undefined;
  if (!queue) throw new QueueDoesNotExist();
  return queue;
}

/** Finds queues of the caller's account and region by ARN. */
export function lookupIn(context: SqsContext): QueueLookup {
  return (arn) => {
    const parts = parseQueueArn(arn);
    if (!parts || parts.account !== context.account || parts.region !== context.region) return undefined;
    return context.state.queues[parts.name];
  };
}

function checkName(name: string, fifoRequested: boolean): boolean {
  const fifo = name.endsWith('.fifo');
  if (fifoRequested && !fifo) {
    throw new InvalidParameterValue('The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.');
  }
  const base = fifo ? `${name.slice(0, -5)}_fifo` : name;
  if ((fifo && !fifoRequested) || !NAME.test(base)) {
    throw new InvalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
  }
  return fifo;
}

function checkTags(tags: unknown): Record<string, string> {
  if (tags === undefined || tags === null) return dict();
  if (typeof tags !== 'object' || Array.isArray(tags)) throw new InvalidParameterValue('Tags must be a map of keys to values.');
  const entries = Object.entries(tags as Record<string, unknown>);
  for (const [key] of entries) {
    if (key.length === 0 || key.length > 128) throw new InvalidParameterValue(`Tag key ${key} must be 1 to 128 characters long.`);
  }
  return dict(entries.map(([key, value]) => [key, String(value ?? '')] as const));
}

/** CreateQueue: a new queue, or the existing one when every attribute matches. */
export function createQueue(context: SqsContext, input: Record<string, unknown>): Queue {
  const name = input.QueueName;
  if (typeof name !== 'string' || name === '') throw new MissingParameter('QueueName');
  const attributesIn = (input.Attributes ?? {}) as Record<string, unknown>;
  const fifoFlag = typeof attributesIn === 'object' && attributesIn !== null ? String(attributesIn.FifoQueue ?? '').toLowerCase() : '';
  const fifo = checkName(name, fifoFlag === 'true');
  const arn = `arn:aws:sqs:${context.region}:${context.account}:${name}`;
  const checked = checkAttributes(attributesIn, { fifo, creating: true, sourceArn: arn, lookup: lookupIn(context) });
  const tags = checkTags(input.tags ?? input.Tags);
  const existing = context.state.queues[name];
  if (existing) {
    const differs = firstDifference(existing, checked);
    if (differs) throw new QueueNameExists(differs);
    return existing;
  }
  const now = Math.floor(Date.now() / 1000);
  const queue: Queue = {
    name,
    account: context.account,
    region: context.region,
    arn,
    fifo,
    attributes: defaultAttributes(fifo),
    tags,
    createdAt: now,
    lastModifiedAt: now,
    messages: [],
    dedup: dict(),
    attempts: dict(),
    sequence: '0',
  };
  applyAttributes(queue, checked);
  context.state.queues[name] = queue;
  return queue;
}

/** SetQueueAttributes. */
export function setQueueAttributes(context: SqsContext, queue: Queue, attributes: unknown): void {
  if (attributes === undefined || attributes === null) throw new MissingParameter('Attributes');
  const checked = checkAttributes(attributes, { fifo: queue.fifo, creating: false, sourceArn: queue.arn, lookup: lookupIn(context) });
  applyAttributes(queue, checked);
  queue.lastModifiedAt = Math.floor(Date.now() / 1000);
}

/** Reads an optional integer parameter within a range, as SQS reports a bad one. */
export function integerParam(value: unknown, name: string, min: number, max: number, reason: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : /^-?\d+$/.test(String(value).trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new InvalidParameterValue(`Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);
  }
  return number;
}

/** One page of a sorted list, with SQS's opaque NextToken. */
export function page<T>(items: T[], maxResults: unknown, nextToken: unknown): { items: T[]; next?: string } {
  const max = integerParam(maxResults, 'MaxResults', 1, 1000, 'MaxResults must be an integer between 1 and 1000.');
  let start = 0;
  if (typeof nextToken === 'string' && nextToken !== '') {
    start = Number(Buffer.from(nextToken, 'base64').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(start) || start < 0) throw new InvalidParameterValue('Invalid or expired next token.');
  }
  const size = max ?? 1000;
  const slice = items.slice(start, start + size);
  const more = max !== undefined && start + size < items.length;
  return { items: slice, ...(more ? { next: Buffer.from(`offset:${start + size}`).toString('base64') } : {}) };
}
