/**
 * How clients reach S3: virtual-host style (the bucket in the Host header) next to the path style
 * the kit's clients use, and presigned GET and PUT URLs made by `@aws-sdk/s3-request-presigner`.
 * `*.localhost.localstack.cloud` needs DNS, so the virtual-host client resolves every name to
 * 127.0.0.1 through its own HTTP agent: the SDK still builds and sends the real Host header.
 */
import { Agent, request as httpRequest, type AgentOptions } from 'node:http';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const loopback: AgentOptions['lookup'] = (_host, options, callback) => {
  if ((options as { all?: boolean }).all) (callback as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/** Sends one raw request with a chosen Host header (fetch does not let a caller set Host). */
function rawRequest(port: number, host: string, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // Signed as a client would (the emulator reads the scope, not the signature).
    const authorization = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00';
    const call = httpRequest({ host: '127.0.0.1', port, method, path, headers: { host, authorization, ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }) } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    call.on('error', reject);
    call.end(body);
  });
}

describe('S3 addressing and presigned URLs', () => {
  const emulator = useEmulator();
  const s3 = () => emulator.clients.s3;
  const agent = new Agent({ lookup: loopback, keepAlive: true });
  let virtualHost: S3Client;

  beforeAll(async () => {
    const port = emulator.running.port;
    virtualHost = new S3Client({
      region: 'us-east-1',
      endpoint: `http://s3.localhost.localstack.cloud:${port}`,
      forcePathStyle: false,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: { httpAgent: agent },
    });
    await s3().send(new CreateBucketCommand({ Bucket: 'addressed' }));
  });
  afterAll(() => {
    virtualHost?.destroy();
    agent.destroy();
  });

  it('serves virtual-host style requests from an SDK client', async () => {
    const seen: string[] = [];
    virtualHost.middlewareStack.add((next) => async (args) => {
      seen.push(String((args.request as { hostname?: string }).hostname));
      return next(args);
    }, { step: 'finalizeRequest', name: 'recordHost' });
    await virtualHost.send(new PutObjectCommand({ Bucket: 'addressed', Key: 'vhost/receipt.txt', Body: 'by host' }));
    expect(seen[0]).toBe('addressed.s3.localhost.localstack.cloud');
    const got = await s3().send(new GetObjectCommand({ Bucket: 'addressed', Key: 'vhost/receipt.txt' }));
    expect(await got.Body!.transformToString()).toBe('by host');
    const listed = await virtualHost.send(new ListObjectsV2Command({ Bucket: 'addressed', Prefix: 'vhost/' }));
    expect(listed.Contents?.map((item) => item.Key)).toEqual(['vhost/receipt.txt']);
  });

  it('reads the bucket from bucket.localhost and bucket.s3.localhost.localstack.cloud Host headers', async () => {
    const port = emulator.running.port;
    await s3().send(new PutObjectCommand({ Bucket: 'addressed', Key: 'a/b.txt', Body: 'hello host' }));
    expect(await rawRequest(port, `addressed.localhost:${port}`, 'GET', '/a/b.txt')).toEqual({ status: 200, text: 'hello host' });
    expect(await rawRequest(port, `addressed.s3.localhost.localstack.cloud:${port}`, 'GET', '/a/b.txt')).toEqual({ status: 200, text: 'hello host' });
    // Path style still works through the LocalStack-style S3 host.
    expect((await rawRequest(port, `s3.localhost.localstack.cloud:${port}`, 'GET', '/addressed/a/b.txt')).text).toBe('hello host');
    const listing = await rawRequest(port, `addressed.localhost:${port}`, 'GET', '/?list-type=2&prefix=a/');
    expect(listing.text).toContain('<Key>a/b.txt</Key>');
    const missing = await rawRequest(port, `nothing-here.localhost:${port}`, 'GET', '/x');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<Code>NoSuchBucket</Code>');
  });

  it('accepts presigned GET and PUT URLs made with the SDK presigner', async () => {
    const putUrl = await getSignedUrl(s3(), new PutObjectCommand({ Bucket: 'addressed', Key: 'presigned/upload.json', ContentType: 'application/json' }), { expiresIn: 300 });
    const uploaded = await fetch(putUrl, { method: 'PUT', body: '{"order":"o-7"}', headers: { 'content-type': 'application/json' } });
    expect(uploaded.status).toBe(200);
    const getUrl = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'addressed', Key: 'presigned/upload.json' }), { expiresIn: 300 });
    const downloaded = await fetch(getUrl);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('application/json');
    expect(await downloaded.text()).toBe('{"order":"o-7"}');
  });

  it('rejects expired and malformed presigned URLs', async () => {
    await s3().send(new PutObjectCommand({ Bucket: 'addressed', Key: 'old.txt', Body: 'old' }));
    const expired = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'addressed', Key: 'old.txt' }), { expiresIn: 60, signingDate: new Date(Date.now() - 3_600_000) });
    const answer = await fetch(expired);
    expect(answer.status).toBe(403);
    const text = await answer.text();
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain('<Message>Request has expired</Message>');
    const valid = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'addressed', Key: 'old.txt' }), { expiresIn: 60 });
    const tooLong = await fetch(valid.replace('X-Amz-Expires=60', 'X-Amz-Expires=604801'));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('<Code>AuthorizationQueryParametersError</Code>');
  });

  it('puts presigned uploads in the account whose key signed the URL', async () => {
    const other = emulator.clientsFor('444455556666').s3;
    await other.send(new CreateBucketCommand({ Bucket: 'other-account-bucket' }));
    const url = await getSignedUrl(other, new PutObjectCommand({ Bucket: 'other-account-bucket', Key: 'k.txt' }), { expiresIn: 60 });
    expect((await fetch(url, { method: 'PUT', body: 'theirs' })).status).toBe(200);
    expect(await (await other.send(new GetObjectCommand({ Bucket: 'other-account-bucket', Key: 'k.txt' }))).Body!.transformToString()).toBe('theirs');
    await expect(s3().send(new GetObjectCommand({ Bucket: 'other-account-bucket', Key: 'k.txt' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
