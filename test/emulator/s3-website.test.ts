/**
 * Static website hosting: Put/Get/DeleteBucketWebsite through the real SDK (and the AWS CLI where
 * installed), and the website endpoint a learner opens in a browser, by LocalStack's host name,
 * AWS's, and the offline path `/_aws/s3-website/<bucket>/`: index documents, the error document,
 * HTML error pages, 403 without a public-read policy, GET and HEAD only. A page may navigate to
 * it, and it reads nothing a policy keeps private and changes nothing.
 */
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import {
  CreateBucketCommand, DeleteBucketWebsiteCommand, GetBucketWebsiteCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutBucketWebsiteCommand, PutObjectCommand,
  type WebsiteConfiguration,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('s3-website');
const emulator = useEmulator({ access: { allowHosts: ['shop.s3-website-us-east-1.amazonaws.com'] } });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request with exactly these headers (fetch would not let a test set Host). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<Answer> {
  const url = new URL(emulator.running.url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: url.hostname, port: url.port, method, path, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const publicRead = (bucket: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] });

async function site(bucket: string, files: Record<string, string>, website: WebsiteConfiguration, open = true): Promise<void> {
  const { s3 } = emulator.clients;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const [key, body] of Object.entries(files)) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/html' }));
  await s3.send(new PutBucketWebsiteCommand({ Bucket: bucket, WebsiteConfiguration: website }));
  if (open) await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: publicRead(bucket) }));
}

describe('PutBucketWebsite, GetBucketWebsite, DeleteBucketWebsite', () => {
  it('stores the configuration, answers it back, and deletes it', async () => {
    const { s3 } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'website-crud' }));
    await expect(s3.send(new GetBucketWebsiteCommand({ Bucket: 'website-crud' })))
      .rejects.toMatchObject({ name: 'NoSuchWebsiteConfiguration', message: 'The specified bucket does not have a website configuration', $metadata: { httpStatusCode: 404 } });
    const configuration: WebsiteConfiguration = {
      IndexDocument: { Suffix: 'index.html' },
      ErrorDocument: { Key: 'error.html' },
      RoutingRules: [{ Condition: { KeyPrefixEquals: 'old/' }, Redirect: { ReplaceKeyPrefixWith: 'new/', HttpRedirectCode: '301' } }],
    };
    await s3.send(new PutBucketWebsiteCommand({ Bucket: 'website-crud', WebsiteConfiguration: configuration }));
    expect(await s3.send(new GetBucketWebsiteCommand({ Bucket: 'website-crud' }))).toMatchObject(configuration);
    expect((await s3.send(new DeleteBucketWebsiteCommand({ Bucket: 'website-crud' }))).$metadata.httpStatusCode).toBe(204);
    await expect(s3.send(new GetBucketWebsiteCommand({ Bucket: 'website-crud' }))).rejects.toMatchObject({ name: 'NoSuchWebsiteConfiguration' });
  });

  it('refuses configurations S3 refuses', async () => {
    const { s3 } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'website-checks' }));
    const cases: Array<[WebsiteConfiguration, string]> = [
      [{ ErrorDocument: { Key: 'error.html' } }, 'A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty'],
      [{ IndexDocument: { Suffix: 'pages/index.html' } }, 'The IndexDocument Suffix is not well formed'],
      [{ RedirectAllRequestsTo: { HostName: 'example.com' }, IndexDocument: { Suffix: 'index.html' } }, 'RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.'],
    ];
    for (const [configuration, message] of cases) {
      await expect(s3.send(new PutBucketWebsiteCommand({ Bucket: 'website-checks', WebsiteConfiguration: configuration }))).rejects.toMatchObject({ name: 'InvalidArgument', message, $metadata: { httpStatusCode: 400 } });
    }
  });
});

describe('the website endpoint', () => {
  beforeAll(async () => {
    await site('shop', { 'index.html': '<h1>Shop</h1>', 'error.html': '<h1>Lost?</h1>', 'cart/index.html': '<h1>Cart</h1>' }, { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } });
  });

  it('serves index documents for / and folder/, by every address form', async () => {
    const port = emulator.running.port;
    for (const [path, host] of [['/', `shop.s3-website.localhost.localstack.cloud:${port}`], ['/', 'shop.s3-website-us-east-1.amazonaws.com'], ['/_aws/s3-website/shop/', `127.0.0.1:${port}`]] as const) {
      const home = await raw('GET', path, { host });
      expect(home.status, host).toBe(200);
      expect(home.body).toBe('<h1>Shop</h1>');
      expect(home.headers['content-type']).toBe('text/html');
    }
    expect((await raw('GET', '/_aws/s3-website/shop/cart/')).body).toBe('<h1>Cart</h1>');
    const folder = await raw('GET', '/_aws/s3-website/shop/cart');
    expect(folder.status).toBe(302);
    expect(folder.headers.location).toBe('/_aws/s3-website/shop/cart/');
    const head = await raw('HEAD', '/_aws/s3-website/shop/index.html');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('13');
  });

  it('answers a missing key with the error document and 404', async () => {
    const missing = await raw('GET', '/_aws/s3-website/shop/nothing-here.html');
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('<h1>Lost?</h1>');
  });

  it('answers errors as AWS\'s HTML pages, not XML', async () => {
    await site('plain-shop', { 'index.html': 'home' }, { IndexDocument: { Suffix: 'index.html' } });
    const missing = await raw('GET', '/_aws/s3-website/plain-shop/gone.html');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^text\/html/);
    expect(missing.body).toContain('<h1>404 Not Found</h1>');
    expect(missing.body).toContain('<li>Code: NoSuchKey</li>');
    expect(missing.body).toContain('<li>Key: gone.html</li>');
    const noBucket = await raw('GET', '/_aws/s3-website/no-such-shop/');
    expect(noBucket.status).toBe(404);
    expect(noBucket.body).toContain('<li>Code: NoSuchBucket</li>');
    await emulator.clients.s3.send(new CreateBucketCommand({ Bucket: 'not-a-site' }));
    const notSite = await raw('GET', '/_aws/s3-website/not-a-site/');
    expect(notSite.status).toBe(404);
    expect(notSite.body).toContain('<li>Code: NoSuchWebsiteConfiguration</li>');
    const put = await raw('PUT', '/_aws/s3-website/plain-shop/index.html', {}, 'defaced');
    expect(put.status).toBe(405);
    expect(put.body).toContain('<li>Code: MethodNotAllowed</li>');
  });

  it('is 403 where the bucket policy does not let everyone read, even for a signed request', async () => {
    await site('private-shop', { 'index.html': 'secret' }, { IndexDocument: { Suffix: 'index.html' } }, false);
    const denied = await raw('GET', '/_aws/s3-website/private-shop/', { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00' });
    expect(denied.status).toBe(403);
    expect(denied.body).toContain('<li>Code: AccessDenied</li>');
    expect(denied.body).not.toContain('secret');
  });

  it('lets a page navigate to it, but opens nothing else to pages', async () => {
    const fromPage = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const navigated = await raw('GET', '/_aws/s3-website/shop/', { 'sec-fetch-site': 'cross-site' });
    expect(navigated.status).toBe(200);
    expect(navigated.headers['access-control-allow-origin']).toBeUndefined();
    // The private site stays private, a write is refused before anything runs, and the S3 API stays closed to pages.
    expect((await raw('GET', '/_aws/s3-website/private-shop/', fromPage)).status).toBe(403);
    expect((await raw('PUT', '/_aws/s3-website/shop/index.html', fromPage, 'defaced')).status).toBe(403);
    expect((await raw('DELETE', '/shop/index.html', { ...fromPage, authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00' })).status).toBe(403);
    expect((await raw('GET', '/shop/index.html', fromPage)).status).toBe(403);
    const listed = await emulator.clients.s3.send(new ListObjectsV2Command({ Bucket: 'shop' }));
    expect(listed.Contents?.map((item) => item.Key)).toEqual(['cart/index.html', 'error.html', 'index.html']);
    expect((await raw('GET', '/_aws/s3-website/shop/index.html')).body).toBe('<h1>Shop</h1>');
  });

  it('redirects every request when told to, and follows routing rules', async () => {
    await site('moved-shop', {}, { RedirectAllRequestsTo: { HostName: 'shop.example', Protocol: 'https' } });
    const moved = await raw('GET', '/_aws/s3-website/moved-shop/cart/');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('https://shop.example/cart/');
    await site('renamed-shop', { 'new/a.html': 'a' }, { IndexDocument: { Suffix: 'index.html' }, RoutingRules: [{ Condition: { KeyPrefixEquals: 'old/' }, Redirect: { ReplaceKeyPrefixWith: 'new/' } }] });
    const renamed = await raw('GET', '/_aws/s3-website/renamed-shop/old/a.html', { host: `127.0.0.1:${emulator.running.port}` });
    expect(renamed.status).toBe(301);
    expect(renamed.headers.location).toBe(`http://127.0.0.1:${emulator.running.port}/_aws/s3-website/renamed-shop/new/a.html`);
  });
});

describe.skipIf(!hasAws)('the AWS CLI', () => {
  it('configures a website with `aws s3 website` and reads it with `aws s3api get-bucket-website`', async () => {
    await emulator.clients.s3.send(new CreateBucketCommand({ Bucket: 'cli-site' }));
    const aws = (...args: string[]) => run('aws', ['--endpoint-url', emulator.running.url, ...args], { env: clientEnv(), timeout: 60_000 });
    await aws('s3', 'website', 's3://cli-site/', '--index-document', 'index.html', '--error-document', 'error.html');
    const got = JSON.parse((await aws('s3api', 'get-bucket-website', '--bucket', 'cli-site', '--output', 'json')).stdout) as Record<string, unknown>;
    expect(got).toMatchObject({ IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } });
  });
});
