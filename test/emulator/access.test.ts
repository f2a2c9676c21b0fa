/**
 * No web page can drive the emulator: the requests a hostile page can make without a preflight
 * (a form POST, a text/plain POST, an image GET), with or without an Origin header, and through a
 * rebound DNS name, are refused before any service runs. The SDK, the lesson site's origin and
 * presigned S3 URLs keep working. Unsigned calls get AWS's own error in each protocol.
 */
import { GetObjectCommand, PutObjectCommand, CreateBucketCommand } from '@aws-sdk/client-s3';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const emulator = useEmulator({ access: { allowOrigins: ['https://trusted.example'] } });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request with exactly these headers (fetch would not let a test set Host). */
function raw(method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  const url = new URL(path, emulator.running.url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const SIGNED = { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00' };
const queueNames = async () => (await emulator.clients.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];

describe('requests a web page can send', () => {
  it('refuses a cross-site form POST, and nothing is created', async () => {
    const answer = await raw('POST', '/', { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, 'Action=CreateQueue&QueueName=from-a-page');
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).message).toContain('does not answer web pages from https://evil.example');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect((await queueNames()).some((url) => url.endsWith('/from-a-page'))).toBe(false);
  });

  it('refuses a text/plain POST that would create a function, even signed', async () => {
    const answer = await raw('POST', '/2015-03-31/functions', { ...SIGNED, origin: 'https://evil.example', 'content-type': 'text/plain' }, '{"FunctionName":"x"}');
    expect(answer.status).toBe(403);
    expect((await emulator.clients.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
  });

  it('refuses an image or navigation GET from another site, which carries no Origin', async () => {
    const answer = await raw('GET', '/?Action=CreateQueue&QueueName=from-an-image', { ...SIGNED, 'sec-fetch-site': 'cross-site' });
    expect(answer.status).toBe(403);
    const sameSite = await raw('GET', '/?Action=CreateQueue&QueueName=from-an-image', { ...SIGNED, 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(403);
    expect((await queueNames()).some((url) => url.endsWith('/from-an-image'))).toBe(false);
  });

  it('refuses a page on another port of localhost, and a sandboxed page (Origin: null)', async () => {
    for (const origin of ['http://localhost:9999', 'null']) {
      expect((await raw('GET', '/_workshop/progress', { origin })).status, origin).toBe(403);
    }
  });

  it('opens no door to the emulator\'s own routes for a presigned-looking query', async () => {
    for (const path of ['/_workshop/trace', '/_workshop/resources', '/_workshop/progress']) {
      const answer = await raw('GET', `${path}?X-Amz-Signature=00&X-Amz-Credential=test/20260101/us-east-1/s3/aws4_request`, { origin: 'https://evil.example' });
      expect(answer.status, path).toBe(403);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('refuses a preflight from a foreign page without CORS headers', async () => {
    const answer = await raw('OPTIONS', '/_workshop/trace', { origin: 'https://evil.example', 'access-control-request-method': 'GET' });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers the lesson site and configured origins, with CORS headers on the workshop routes', async () => {
    for (const origin of ['http://127.0.0.1:4321', 'http://localhost:4321', 'https://trusted.example']) {
      const answer = await raw('GET', '/_workshop/trace', { origin });
      expect(answer.status, origin).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe(origin);
    }
  });

  it('adds an origin while running (a lesson site that had to take another port)', async () => {
    expect((await raw('GET', '/_workshop/trace', { origin: 'http://127.0.0.1:4999' })).status).toBe(403);
    emulator.running.emulator.access.allowOrigin('http://127.0.0.1:4999');
    expect((await raw('GET', '/_workshop/trace', { origin: 'http://127.0.0.1:4999' })).status).toBe(200);
  });

  it('lets any page use a presigned S3 URL to read an object, as on AWS, but not to write one', async () => {
    await emulator.clients.s3.send(new CreateBucketCommand({ Bucket: 'receipts' }));
    await emulator.clients.s3.send(new PutObjectCommand({ Bucket: 'receipts', Key: 'r1.txt', Body: 'paid' }));
    const url = new URL(await getSignedUrl(emulator.clients.s3, new GetObjectCommand({ Bucket: 'receipts', Key: 'r1.txt' }), { expiresIn: 60 }));
    const read = await raw('GET', url.pathname + url.search, { origin: 'https://shop.example' });
    expect(read.status).toBe(200);
    expect(read.body).toBe('paid');
    const put = new URL(await getSignedUrl(emulator.clients.s3, new PutObjectCommand({ Bucket: 'receipts', Key: 'r1.txt' }), { expiresIn: 60 }));
    expect((await raw('PUT', put.pathname + put.search, { origin: 'https://shop.example' }, 'forged')).status).toBe(403);
  });
});

describe('the Host a request names', () => {
  it('refuses a rebound DNS name on every route, health and workshop routes included', async () => {
    for (const path of ['/', '/_localstack/health', '/_workshop/trace']) {
      const answer = await raw('GET', path, { host: `evil.example:${emulator.running.port}` });
      expect(answer.status, path).toBe(403);
      expect(answer.body).toContain('answers only to this machine\'s own names');
    }
  });

  it('answers the machine\'s own names and LocalStack\'s', async () => {
    const port = emulator.running.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `sqs.us-east-1.localhost.localstack.cloud:${port}`, `localhost.localstack.cloud:${port}`, 'receipts.s3.localhost']) {
      expect((await raw('GET', '/_localstack/health', { host })).status, host).toBe(200);
    }
  });
});

describe('calls without a signature', () => {
  it('get AWS\'s missing-authentication error of each protocol', async () => {
    const query = await raw('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=ListQueues&Version=2012-11-05');
    expect(query.status).toBe(403);
    expect(query.body).toContain('<Code>MissingAuthenticationToken</Code>');
    const json = await raw('POST', '/', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' }, '{}');
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body).__type).toBe('MissingAuthenticationTokenException');
    const restJson = await raw('GET', '/2015-03-31/functions/', {});
    expect(restJson.status).toBe(403);
    expect(restJson.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
    const restXml = await raw('GET', '/receipts/r1.txt', {});
    expect(restXml.status).toBe(403);
    expect(restXml.body).toContain('<Code>AccessDenied</Code>');
  });

  it('are not needed for the emulator\'s own routes', async () => {
    expect((await raw('GET', '/_localstack/health', {})).status).toBe(200);
  });
});
