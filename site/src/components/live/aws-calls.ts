/**
 * The resource explorer's calls to the learner's kit, through the same AWS APIs a client uses:
 * Lambda's REST Invoke, SQS's JSON protocol (SendMessage, and ReceiveMessage at LocalStack's peek
 * route, which changes nothing), EventBridge's PutEvents. Each is signed as the account the
 * explorer shows, with the kit's usual secret. AWS's error code and message come back as they are.
 */
import { signRequest } from './sigv4.ts';

/** Where a call goes and as whom: the kit's origin, the account and the resource's region. */
export interface CallTarget {
  endpoint: string;
  account: string;
  region: string;
}

/** An error AWS answered with: its code and message as it sent them. */
export class AwsAnswerError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
  }
}

/** What Invoke answered: Lambda's status code, function error, payload and log tail (decoded). */
export interface InvokeAnswer {
  statusCode: number;
  functionError?: string;
  executedVersion?: string;
  payload: string;
  logTail?: string;
}

/** A message as the peek shows it. */
export interface PeekedMessage {
  MessageId: string;
  Body: string;
  Attributes?: Record<string, string>;
}

/** The secret the kit's own clients sign with; the emulator accepts any secret unless it grades. */
const KIT_SECRET = 'test';

async function errorOf(response: Response): Promise<AwsAnswerError> {
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: the status and the text are all there is.
  }
  const type = response.headers.get('x-amzn-errortype') ?? (typeof body.__type === 'string' ? body.__type : undefined) ?? (typeof body.code === 'string' ? body.code : undefined);
  const code = type ? type.split(':')[0]!.split('#').pop()! : `HTTP ${response.status}`;
  const message = typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : text;
  return new AwsAnswerError(code, message, response.status);
}

async function send(target: CallTarget, service: string, path: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Response> {
  const url = `${target.endpoint}${path}`;
  const signed = await signRequest({ method: 'POST', url, headers, body }, { accessKeyId: target.account, secretAccessKey: KIT_SECRET }, target.region, service);
  const response = await fetch(url, { method: 'POST', headers: signed, body, cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function jsonCall<T>(target: CallTarget, service: string, path: string, amzTarget: string, version: '1.0' | '1.1', input: unknown): Promise<T> {
  const headers = { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': amzTarget };
  const response = await send(target, service, path, headers, JSON.stringify(input), 10_000);
  return (await response.json()) as T;
}

function decodeBase64(text: string): string {
  const bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Invokes a function synchronously with `payload` (JSON text, or empty), asking for the log tail. */
export async function invokeFunction(target: CallTarget, name: string, payload: string): Promise<InvokeAnswer> {
  const headers = { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse', 'x-amz-log-type': 'Tail' };
  // A function may run for minutes; the page waits as long as a learner reasonably would.
  const response = await send(target, 'lambda', `/2015-03-31/functions/${encodeURIComponent(name)}/invocations`, headers, payload, 120_000);
  const functionError = response.headers.get('x-amz-function-error') ?? undefined;
  const executedVersion = response.headers.get('x-amz-executed-version') ?? undefined;
  const log = response.headers.get('x-amz-log-result');
  return {
    statusCode: response.status,
    ...(functionError ? { functionError } : {}),
    ...(executedVersion ? { executedVersion } : {}),
    payload: await response.text(),
    ...(log ? { logTail: decodeBase64(log) } : {}),
  };
}

/** The URL the kit hands out for a queue of `account`. */
export function queueUrlOf(target: CallTarget, name: string): string {
  return `${target.endpoint}/${target.account}/${name}`;
}

/** SendMessage; a FIFO queue's group id and deduplication id are sent only when given. */
export function sendMessage(target: CallTarget, queue: string, body: string, groupId?: string, dedupId?: string): Promise<{ MessageId: string; SequenceNumber?: string }> {
  return jsonCall(target, 'sqs', '/', 'AmazonSQS.SendMessage', '1.0', {
    QueueUrl: queueUrlOf(target, queue),
    MessageBody: body,
    ...(groupId ? { MessageGroupId: groupId } : {}),
    ...(dedupId ? { MessageDeduplicationId: dedupId } : {}),
  });
}

/** The queue's messages, read through LocalStack's peek: nothing is received, so nothing changes. */
export async function peekMessages(target: CallTarget, queue: string): Promise<PeekedMessage[]> {
  const answer = await jsonCall<{ Messages?: PeekedMessage[] }>(target, 'sqs', '/_aws/sqs/messages', 'AmazonSQS.ReceiveMessage', '1.0', { QueueUrl: queueUrlOf(target, queue) });
  return answer.Messages ?? [];
}

/** PutEvents with one entry; the answer holds its EventId, or its ErrorCode and ErrorMessage. */
export function putEvent(target: CallTarget, bus: string, source: string, detailType: string, detail: string): Promise<{ FailedEntryCount: number; Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }> }> {
  return jsonCall(target, 'events', '/', 'AWSEvents.PutEvents', '1.1', { Entries: [{ EventBusName: bus, Source: source, DetailType: detailType, Detail: detail }] });
}
