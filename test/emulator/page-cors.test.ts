/**
 * The lesson site's pages may call AWS APIs on the learner's kit (the resource explorer's actions:
 * Invoke, SendMessage, PutEvents, the SQS peek) and read the answers: preflights are answered and
 * answers carry CORS headers, for the allowed origins only. A foreign page gets neither and
 * changes nothing; the SDK (no Origin) sees no CORS headers; S3 keeps its own rules.
 */
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { CreateEventBusCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_ORIGINS } from '../../src/emulator/access.ts';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { jsonHeaders, preflight, rawRequest, signedPost } from './page-calls-support.ts';

const emulator = useEmulator({ settings: { lambdaStateDelayMs: 10 } });
const SITE = DEFAULT_ALLOWED_ORIGINS[0]!;
const FOREIGN = 'https://shop.example';
const INVOKE = '/2015-03-31/functions/page-echo/invocations';
const INVOKE_HEADERS = { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse', 'x-amz-log-type': 'Tail' };
const base = () => emulator.running.url;
const queueUrl = (name: string) => `${base()}/000000000000/${name}`;
const waiting = async (name: string) =>
  (await emulator.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl(name), AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes?.ApproximateNumberOfMessages;

describe('calls to AWS APIs from the lesson site', () => {
  it('answers the preflights of Invoke, of JSON-protocol calls and of the SQS peek', async () => {
    const asked = ['authorization', 'content-type', 'x-amz-date', 'x-amz-target', 'x-amz-log-type'];
    for (const path of [INVOKE, '/', '/_aws/sqs/messages']) {
      const answer = await preflight(base(), path, SITE, path === INVOKE ? asked.filter((name) => name !== 'x-amz-target') : asked);
      expect(answer.status, path).toBe(204);
      expect(answer.headers['access-control-allow-origin'], path).toBe(SITE);
      expect(String(answer.headers['access-control-allow-methods'])).toContain('POST');
      expect(String(answer.headers['access-control-allow-headers']).split(', ')).toEqual(expect.arrayContaining(path === INVOKE ? ['authorization', 'x-amz-log-type'] : ['authorization', 'x-amz-target']));
    }
  });

  it('lets the page read Invoke\'s status, function error, payload and log tail', async () => {
    await createFunction(emulator.clients.lambda, 'page-echo', { files: { 'index.js': 'exports.handler = async (event) => { console.log("got", event.orderId); if (event.fail) throw new Error("refused"); return { ok: event.orderId }; };' } });
    const answer = await signedPost(base(), INVOKE, { origin: SITE, service: 'lambda', headers: INVOKE_HEADERS, body: '{"orderId":"o-7"}' });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(SITE);
    const exposed = String(answer.headers['access-control-expose-headers']).split(', ');
    expect(exposed).toEqual(expect.arrayContaining(['x-amz-function-error', 'x-amz-log-result', 'x-amz-executed-version', 'x-amzn-requestid']));
    expect(JSON.parse(answer.body)).toEqual({ ok: 'o-7' });
    expect(Buffer.from(String(answer.headers['x-amz-log-result']), 'base64').toString()).toContain('got o-7');
    const failed = await signedPost(base(), INVOKE, { origin: SITE, service: 'lambda', headers: INVOKE_HEADERS, body: '{"fail":true}' });
    expect(failed.headers['x-amz-function-error']).toBe('Unhandled');
    expect(failed.headers['access-control-allow-origin']).toBe(SITE);
  });

  it('lets the page send a message, peek at it without receiving it, and put an event', async () => {
    await emulator.clients.sqs.send(new CreateQueueCommand({ QueueName: 'page-orders' }));
    const sent = await signedPost(base(), '/', { origin: SITE, service: 'sqs', headers: jsonHeaders('AmazonSQS.SendMessage', '1.0'), body: JSON.stringify({ QueueUrl: queueUrl('page-orders'), MessageBody: 'from the page' }) });
    expect(sent.status).toBe(200);
    expect(sent.headers['access-control-allow-origin']).toBe(SITE);
    expect(JSON.parse(sent.body).MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const peeked = await signedPost(base(), '/_aws/sqs/messages', { origin: SITE, service: 'sqs', headers: jsonHeaders('AmazonSQS.ReceiveMessage', '1.0'), body: JSON.stringify({ QueueUrl: queueUrl('page-orders') }) });
    expect(peeked.headers['access-control-allow-origin']).toBe(SITE);
    const messages = JSON.parse(peeked.body).Messages as Array<{ Body: string; Attributes: Record<string, string> }>;
    expect(messages.map((message) => [message.Body, message.Attributes.ApproximateReceiveCount])).toEqual([['from the page', '0']]);
    expect(await waiting('page-orders')).toBe('1');

    await emulator.clients.eventbridge.send(new CreateEventBusCommand({ Name: 'page-bus' }));
    const entry = { EventBusName: 'page-bus', Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-7"}' };
    const put = await signedPost(base(), '/', { origin: SITE, service: 'events', headers: jsonHeaders('AWSEvents.PutEvents', '1.1'), body: JSON.stringify({ Entries: [entry] }) });
    expect(put.headers['access-control-allow-origin']).toBe(SITE);
    expect(JSON.parse(put.body)).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
  });

  it('lets the page read AWS\'s error code and message', async () => {
    const missing = await signedPost(base(), '/', { origin: SITE, service: 'sqs', headers: jsonHeaders('AmazonSQS.SendMessage', '1.0'), body: JSON.stringify({ QueueUrl: queueUrl('no-such-queue'), MessageBody: 'x' }) });
    expect(missing.status).toBe(400);
    expect(missing.headers['access-control-allow-origin']).toBe(SITE);
    expect(JSON.parse(missing.body).__type).toContain('QueueDoesNotExist');
  });

  it('refuses a foreign page the same calls, with no CORS headers, and nothing is sent', async () => {
    for (const path of [INVOKE, '/', '/_aws/sqs/messages']) {
      const answer = await preflight(base(), path, FOREIGN, ['authorization', 'content-type', 'x-amz-target']);
      expect(answer.status, path).toBe(403);
      expect(answer.headers['access-control-allow-origin'], path).toBeUndefined();
    }
    const sent = await signedPost(base(), '/', { origin: FOREIGN, service: 'sqs', headers: jsonHeaders('AmazonSQS.SendMessage', '1.0'), body: JSON.stringify({ QueueUrl: queueUrl('page-orders'), MessageBody: 'forged' }) });
    expect(sent.status).toBe(403);
    expect(sent.headers['access-control-allow-origin']).toBeUndefined();
    expect(await waiting('page-orders')).toBe('1');
    const invoked = await signedPost(base(), INVOKE, { origin: FOREIGN, service: 'lambda', headers: INVOKE_HEADERS, body: '{}' });
    expect(invoked.status).toBe(403);
    const peeked = await rawRequest(base(), 'GET', `/_aws/sqs/messages?QueueUrl=${encodeURIComponent(queueUrl('page-orders'))}`, { origin: FOREIGN, accept: 'application/json' });
    expect(peeked.status).toBe(403);
    expect(peeked.body).not.toContain('from the page');
  });

  it('adds no CORS headers for the SDK, and leaves S3 to its buckets\' own CORS rules', async () => {
    const sdk = await signedPost(base(), '/', { service: 'sqs', headers: jsonHeaders('AmazonSQS.ListQueues', '1.0'), body: '{}' });
    expect(sdk.status).toBe(200);
    expect(Object.keys(sdk.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    await emulator.clients.s3.send(new CreateBucketCommand({ Bucket: 'page-receipts' }));
    const s3 = await rawRequest(base(), 'GET', '/page-receipts', { origin: SITE, authorization: 'AWS4-HMAC-SHA256 Credential=000000000000/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00' });
    expect(s3.status).toBe(200);
    expect(s3.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps the workshop routes\' own CORS answers', async () => {
    const answer = await rawRequest(base(), 'OPTIONS', '/_workshop/resources', { origin: SITE, 'access-control-request-method': 'GET' });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-methods']).toBe('GET, DELETE, OPTIONS');
  });
});
