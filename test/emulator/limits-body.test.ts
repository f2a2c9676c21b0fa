/**
 * Request body limits per service, applied while the body is read (from the headers when a
 * Content-Length is declared): each service's own error for a body it would never take, and
 * memory that stays bounded when clients send far more than that.
 */
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { send, signedAs } from './limits-http.ts';

const MiB = 1024 * 1024;

/** Sends a request line and headers that declare `declared` bytes, then only a little of the body, and reads the answer. */
function declareAndStall(port: number, head: string, declared: number, waitMs = 5_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(text);
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      // The whole answer is in once its declared body, or its last chunk, is.
      const [headers, body = ''] = text.split('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(headers ?? '')?.[1];
      if (length !== undefined ? Buffer.byteLength(body) >= Number(length) : text.endsWith('\r\n0\r\n\r\n')) done();
    });
    socket.on('error', done);
    socket.write(`${head}Content-Length: ${declared}\r\n\r\n{"a":"`);
  });
}

function* repeated(chunk: Buffer, total: number): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, total - sent));
}

function statusOf(raw: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
}

function bodyOf(raw: string): string {
  const headEnd = raw.indexOf('\r\n\r\n');
  let rest = raw.slice(headEnd + 4);
  if (!/transfer-encoding: chunked/i.test(raw.slice(0, headEnd))) return rest;
  let body = '';
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!size) return body;
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 4 + size);
  }
}

describe('request body limits per service', () => {
  const emulator = useEmulator();
  const port = () => emulator.running.port;

  // AWS: a DynamoDB request is at most 16 MB ("The total request size exceeds 16 MB").
  it('refuses a DynamoDB request declared over 16 MB before reading it, and one that grows past it', async () => {
    const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\nAuthorization: ${signedAs('dynamodb')}\r\n`;
    const declared = await declareAndStall(port(), head, 16 * MiB + 1);
    expect(statusOf(declared)).toBe(413);
    expect(JSON.parse(bodyOf(declared))).toMatchObject({ __type: 'RequestEntityTooLarge' });
    const chunked = await send(port(), {
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem', authorization: signedAs('dynamodb') },
      body: repeated(Buffer.alloc(MiB, 'a'), 20 * MiB),
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).message).toContain('16777216 bytes DynamoDB accepts');
  });

  // AWS Lambda: a synchronous Invoke payload is at most 6 MB (RequestTooLargeException, 413), an
  // Event payload 1 MB, and a directly uploaded package 50 MB zipped: "Request must be smaller
  // than 70167211 bytes for the CreateFunction operation" (RequestEntityTooLargeException, 413).
  it('answers Lambda\'s own errors for an oversized Invoke or code upload as soon as the headers show it', async () => {
    const invoke = (type: string) => `POST /2015-03-31/functions/any/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Invocation-Type: ${type}\r\nAuthorization: ${signedAs('lambda')}\r\n`;
    const sync = await declareAndStall(port(), invoke('RequestResponse'), 6 * MiB + 1);
    expect(statusOf(sync)).toBe(413);
    expect(sync).toMatch(/x-amzn-errortype: RequestTooLargeException/i);
    expect(JSON.parse(bodyOf(sync)).message).toBe('Request must be smaller than 6291456 bytes for the InvokeFunction operation');
    const event = await declareAndStall(port(), invoke('Event'), MiB + 1);
    expect(statusOf(event)).toBe(413);
    expect(JSON.parse(bodyOf(event)).message).toBe('Request must be smaller than 1048576 bytes for the InvokeAsync operation');
    const create = await declareAndStall(port(), `POST /2015-03-31/functions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${signedAs('lambda')}\r\n`, 70_167_212);
    expect(statusOf(create)).toBe(413);
    expect(create).toMatch(/x-amzn-errortype: RequestEntityTooLargeException/i);
    expect(JSON.parse(bodyOf(create)).message).toBe('Request must be smaller than 70167211 bytes for the CreateFunction operation');
    const update = await declareAndStall(port(), `PUT /2015-03-31/functions/any/code HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${signedAs('lambda')}\r\n`, 70_167_212);
    expect(JSON.parse(bodyOf(update)).message).toBe('Request must be smaller than 70167211 bytes for the UpdateFunctionCode operation');
  });

  // S3: a single PUT uploads at most 5 GB; more is EntityTooLarge (400) with the sizes.
  it('keeps S3 uploads large and refuses a PUT over 5 GB with EntityTooLarge', async () => {
    const put = await declareAndStall(port(), `PUT /bucket/key HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${signedAs('s3')}\r\n`, 5 * 1024 * MiB + 1);
    expect(statusOf(put)).toBe(400);
    expect(bodyOf(put)).toContain('<Code>EntityTooLarge</Code>');
    expect(bodyOf(put)).toContain(`<ProposedSize>${5 * 1024 * MiB + 1}</ProposedSize>`);
  });

  // The emulator holds object bodies in memory: one upload past 512 MB is refused with what to do, so it cannot take the emulator down.
  it('refuses a single PUT over the 512 MB the emulator holds in memory, saying so', async () => {
    const put = await declareAndStall(port(), `PUT /bucket/key HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${signedAs('s3')}\r\n`, 512 * MiB + 1);
    expect(statusOf(put)).toBe(400);
    expect(bodyOf(put)).toContain('<Code>EntityTooLarge</Code>');
    expect(bodyOf(put)).toContain('the emulator holds in memory');
  });

  // SQS: a message is at most 1 MiB, which SQS itself checks; only a body no valid request reaches is refused early.
  it('leaves the SQS message size to SQS and refuses a body far beyond any message', async () => {
    const { sqs } = emulator.clients;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'limits-queue' }));
    const tooLong = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(MiB + 1) })).catch((error: Error) => error);
    expect((tooLong as Error).name).toBe('InvalidParameterValue');
    const form = await declareAndStall(port(), `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nAuthorization: ${signedAs('sqs')}\r\n`, 9 * MiB);
    expect(statusOf(form)).toBe(413);
    expect(bodyOf(form)).toContain('<Code>RequestEntityTooLarge</Code>');
  });

  it('holds memory bounded while four 200 MB DynamoDB bodies arrive at once, and stays healthy', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const chunk = Buffer.alloc(MiB, 'a');
    const answers = await Promise.all(Array.from({ length: 4 }, () => send(port(), {
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.BatchWriteItem', authorization: signedAs('dynamodb') },
      body: repeated(chunk, 200 * MiB),
    }, 120_000)));
    clearInterval(sampler);
    expect(answers.map((answer) => answer.status)).toEqual([413, 413, 413, 413]);
    const grownMb = Math.round((peak - before) / MiB);
    // Four bodies held whole would be 800 MB and more; refused at 16 MB each they cost a few dozen.
    expect(grownMb, `rss grew ${grownMb} MB`).toBeLessThan(300);
    const health = await send(port(), { method: 'GET', path: '/_localstack/health' });
    expect(health.status).toBe(200);
  }, 180_000);
});
