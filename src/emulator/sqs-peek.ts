/**
 * LocalStack's SQS peek, `/_aws/sqs/messages`: a queue's messages without receiving them (no
 * receive count, visibility or receipt changes), as `ReceiveMessage` answers: AWS's XML by default,
 * LocalStack's JSON form of that XML with `Accept: application/json`, and the JSON protocol for an
 * SDK or CLI whose endpoint is this path. The queue is named by `QueueUrl` (query, form or JSON
 * body) or by the path `/_aws/sqs/messages/<region>/<account>/<queue>`. It only reads.
 */
import { randomUUID } from 'node:crypto';
import type { Emulator } from './emulator.ts';
import { AwsError } from './errors.ts';
import { codecFor } from './protocols/index.ts';
import { MissingParameter, QueueDoesNotExist } from './services/sqs/errors.ts';
import { DEFAULT_REGION, formAction, identifyCaller } from './router.ts';
import { wireAttribute } from './services/sqs/receive.ts';
import { outputToQuery } from './services/sqs/query.ts';
import type { Queue, SqsState, StoredMessage } from './services/sqs/state.ts';
import type { EmulatorRequest, EmulatorResponse, ServiceDefinition } from './types.ts';

const PREFIX = '/_aws/sqs/messages';

/** The handle every peeked message carries: it receives nothing, so it deletes nothing. */
const PEEK_HANDLE = 'SQS/BACKDOOR/ACCESS';

function flag(value: string | null | undefined): boolean {
  return value === 'true' || value === '1' || value === 'True';
}

/** Where the queue's name and what to show come from: the path, the query string, a form or a JSON body. */
function readAsk(request: EmulatorRequest): { url?: string; path?: string[]; showInvisible: boolean; showDelayed: boolean } {
  const rest = request.path.slice(PREFIX.length).split('/').filter(Boolean);
  const type = request.headers['content-type'] ?? '';
  let fields: Record<string, unknown> = Object.fromEntries(request.query.entries());
  if (request.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) fields = { ...fields, ...Object.fromEntries(new URLSearchParams(request.body.toString('utf8'))) };
  else if (request.method === 'POST' && request.body.length > 0) {
    try {
      fields = { ...fields, ...(JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) };
    } catch {
      // Not JSON: the query string is all there is.
    }
  }
  const url = typeof fields.QueueUrl === 'string' ? fields.QueueUrl : undefined;
  return {
    ...(url ? { url } : {}),
    ...(rest.length === 3 ? { path: rest.map((part) => decodeURIComponent(part)) } : {}),
    showInvisible: flag(String(fields.ShowInvisible ?? '')),
    showDelayed: flag(String(fields.ShowDelayed ?? '')),
  };
}

function findQueue(emulator: Emulator, request: EmulatorRequest, ask: ReturnType<typeof readAsk>): Queue | undefined {
  let account: string | undefined;
  let name: string | undefined;
  let region: string | undefined;
  if (ask.path) [region, account, name] = ask.path;
  else if (ask.url) {
    let path = ask.url;
    try {
      const parsed = new URL(ask.url);
      path = parsed.pathname;
      // LocalStack's standard queue URLs name the region in the host: sqs.<region>.localhost.localstack.cloud.
      region = /^sqs\.([a-z0-9-]+)\./.exec(parsed.hostname)?.[1];
    } catch {
      // A bare path such as /000000000000/orders.
    }
    const segments = path.split('/').filter(Boolean);
    [account, name] = [segments.at(-2), segments.at(-1) && decodeURIComponent(segments.at(-1)!)];
  }
  if (!account || !name) return undefined;
  const regions = [region, identifyCaller(request).region, DEFAULT_REGION].filter((value): value is string => Boolean(value));
  for (const candidate of regions) {
    const queue = emulator.store.findScope<SqsState>('sqs', account, candidate)?.queues[name];
    if (queue) return queue;
  }
  // The kit's queue URLs carry no region: the queue of that name in any region of the account.
  return emulator.store.scopesOf<SqsState>('sqs').find((scope) => scope.account === account && scope.state.queues[name!])?.state.queues[name];
}

function systemAttributes(message: StoredMessage, now: number, ask: ReturnType<typeof readAsk>): Record<string, string> {
  const values: Record<string, string | undefined> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveAt ?? 0),
    SequenceNumber: message.sequenceNumber,
    MessageDeduplicationId: message.dedupId,
    MessageGroupId: message.groupId,
    AWSTraceHeader: message.traceHeader,
    DeadLetterQueueSourceArn: message.deadLetterSourceArn,
  };
  if (ask.showInvisible) values.IsVisible = String(message.invisibleUntil <= now);
  if (ask.showDelayed) values.IsDelayed = String(message.delayUntil > now);
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The queue's messages as ReceiveMessage's output would hold them, all attributes included, nothing changed. */
function peek(emulator: Emulator, queue: Queue, ask: ReturnType<typeof readAsk>): Array<Record<string, unknown>> {
  const now = Date.now();
  const retention = emulator.scaled(Number(queue.attributes.MessageRetentionPeriod) * 1000);
  return queue.messages
    .filter((message) => message.sentAt + retention > now)
    .filter((message) => (ask.showDelayed || message.delayUntil <= now) && (ask.showInvisible || message.invisibleUntil <= now))
    .map((message) => {
      const view: Record<string, unknown> = { MessageId: message.messageId, ReceiptHandle: PEEK_HANDLE, MD5OfBody: message.md5OfBody, Body: message.body, Attributes: systemAttributes(message, now, ask) };
      if (Object.keys(message.attributes).length > 0) {
        view.MD5OfMessageAttributes = message.md5OfAttributes;
        view.MessageAttributes = Object.fromEntries(Object.entries(message.attributes).map(([name, value]) => [name, wireAttribute(value)]));
      }
      return view;
    });
}

/** LocalStack's JSON rendering of the XML answer: the same element names, lists as arrays. */
function xmlShapedJson(messages: Array<Record<string, unknown>>, requestId: string): unknown {
  const Message = messages.map((message) => ({
    MessageId: message.MessageId,
    MD5OfBody: message.MD5OfBody,
    Body: message.Body,
    Attribute: Object.entries(message.Attributes as Record<string, string>).map(([Name, Value]) => ({ Name, Value })),
    ...(message.MessageAttributes
      ? { MD5OfMessageAttributes: message.MD5OfMessageAttributes, MessageAttribute: Object.entries(message.MessageAttributes as Record<string, unknown>).map(([Name, Value]) => ({ Name, Value })) }
      : {}),
    ReceiptHandle: PEEK_HANDLE,
  }));
  return { ReceiveMessageResponse: { ReceiveMessageResult: { Message }, ResponseMetadata: { RequestId: requestId } } };
}

/** The `/_aws/sqs/messages` route. */
export function sqsPeekRoute(emulator: Emulator): (request: EmulatorRequest) => Promise<EmulatorResponse | undefined> {
  return async (request) => {
    if (request.path !== PREFIX && !request.path.startsWith(`${PREFIX}/`)) return undefined;
    const service = emulator.services.get('sqs') as ServiceDefinition<SqsState> | undefined;
    if (!service) return undefined;
    const requestId = randomUUID();
    const target = request.headers['x-amz-target'];
    const json = target !== undefined;
    const codec = codecFor(json ? 'json' : 'query');
    const action = json ? target.slice(target.indexOf('.') + 1) : (formAction(request) ?? 'ReceiveMessage');
    const fail = (error: AwsError): EmulatorResponse => codec.encodeError(error, service, requestId);
    if (request.method !== 'GET' && request.method !== 'POST' && request.method !== 'HEAD') return fail(new AwsError('InvalidAction', 'The SQS peek only reads: use GET, or POST a ReceiveMessage.', { status: 405 }));
    if (action !== 'ReceiveMessage') return fail(new AwsError('InvalidAction', `The SQS peek at ${PREFIX} answers ReceiveMessage only, not ${action}: send other calls to the emulator's own endpoint.`));
    const ask = readAsk(request);
    if (!ask.url && !ask.path) return fail(new MissingParameter('QueueUrl'));
    const queue = findQueue(emulator, request, ask);
    if (!queue) return fail(new QueueDoesNotExist());
    // Where signatures are verified (grading), a caller reads only its own account's queues, as SQS's own ReceiveMessage allows.
    if (emulator.verifiesSignatures) {
      const caller = await emulator.workshopAccount(request);
      if ('refused' in caller) return fail(new AwsError('AccessDenied', `The SQS peek refused the request: ${caller.refused}.`, { status: 403 }));
      if (caller.account !== queue.account) return fail(new QueueDoesNotExist());
    }
    const messages = peek(emulator, queue, ask);
    if (!json && (request.headers.accept ?? '').includes('application/json')) {
      return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: JSON.stringify(xmlShapedJson(messages, requestId)) };
    }
    const output = { Messages: messages };
    return codec.encode(json ? output : outputToQuery('ReceiveMessage', output), 'ReceiveMessage', service, requestId);
  };
}
