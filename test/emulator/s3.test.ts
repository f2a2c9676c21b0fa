/**
 * S3 through the real SDK: buckets and the global namespace, objects with metadata, ranges,
 * conditional reads, ETags, copies, deletes, listings, and S3's errors with their names and statuses.
 */
import { createHash } from 'node:crypto';
import {
  CopyObjectCommand, CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetBucketLocationCommand, GetObjectCommand,
  GetObjectTaggingCommand, HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsCommand, ListObjectsV2Command, PutObjectCommand,
  PutObjectTaggingCommand, S3Client, type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const md5 = (body: string | Buffer) => `"${createHash('md5').update(body).digest('hex')}"`;
const text = async (answer: { Body?: { transformToString(): Promise<string> } }) => answer.Body!.transformToString();

describe('S3 buckets and objects through the real SDK', () => {
  const emulator = useEmulator();
  const s3 = () => emulator.clients.s3;

  it('creates, finds, lists, locates and deletes buckets', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'shop-receipts' }));
    await s3().send(new CreateBucketCommand({ Bucket: 'shop-archive', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    expect((await s3().send(new HeadBucketCommand({ Bucket: 'shop-receipts' }))).BucketRegion).toBe('us-east-1');
    const listed = await s3().send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((bucket) => bucket.Name)).toEqual(expect.arrayContaining(['shop-archive', 'shop-receipts']));
    expect(listed.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect((await s3().send(new GetBucketLocationCommand({ Bucket: 'shop-receipts' }))).LocationConstraint).toBeUndefined();
    expect((await s3().send(new GetBucketLocationCommand({ Bucket: 'shop-archive' }))).LocationConstraint).toBe('eu-west-1');
    // Re-creating one's own us-east-1 bucket with the same configuration is a no-op on S3; elsewhere it is a conflict.
    await s3().send(new CreateBucketCommand({ Bucket: 'shop-receipts' }));
    await expect(s3().send(new CreateBucketCommand({ Bucket: 'shop-archive', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }))).rejects.toMatchObject({
      name: 'BucketAlreadyOwnedByYou',
      $metadata: { httpStatusCode: 409 },
    });
    await s3().send(new PutObjectCommand({ Bucket: 'shop-archive', Key: 'old.txt', Body: 'x' }));
    await expect(s3().send(new DeleteBucketCommand({ Bucket: 'shop-archive' }))).rejects.toMatchObject({ name: 'BucketNotEmpty', $metadata: { httpStatusCode: 409 } });
    await s3().send(new DeleteObjectCommand({ Bucket: 'shop-archive', Key: 'old.txt' }));
    expect((await s3().send(new DeleteBucketCommand({ Bucket: 'shop-archive' }))).$metadata.httpStatusCode).toBe(204);
    await expect(s3().send(new HeadBucketCommand({ Bucket: 'shop-archive' }))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('refuses bad bucket names and location constraints', async () => {
    for (const name of ['Upper', 'ab', 'a..b', '192.168.1.1', '-dash', 'xn--punycode', `${'a'.repeat(64)}`]) {
      await expect(s3().send(new CreateBucketCommand({ Bucket: name }))).rejects.toMatchObject({ name: 'InvalidBucketName', $metadata: { httpStatusCode: 400 } });
    }
    await expect(s3().send(new CreateBucketCommand({ Bucket: 'east-constraint', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as BucketLocationConstraint } }))).rejects.toMatchObject({
      name: 'InvalidLocationConstraint',
    });
  });

  it('keeps bucket names global and objects per account', async () => {
    const other = emulator.clientsFor('111122223333').s3;
    await s3().send(new CreateBucketCommand({ Bucket: 'global-name' }));
    await s3().send(new PutObjectCommand({ Bucket: 'global-name', Key: 'secret.txt', Body: 'mine' }));
    await expect(other.send(new CreateBucketCommand({ Bucket: 'global-name' }))).rejects.toMatchObject({ name: 'BucketAlreadyExists', $metadata: { httpStatusCode: 409 } });
    await expect(other.send(new GetObjectCommand({ Bucket: 'global-name', Key: 'secret.txt' }))).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect((await other.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
    await other.send(new CreateBucketCommand({ Bucket: 'their-name' }));
    await expect(s3().send(new ListObjectsV2Command({ Bucket: 'their-name' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    // Once deleted, the name is free for anyone.
    await s3().send(new DeleteObjectCommand({ Bucket: 'global-name', Key: 'secret.txt' }));
    await s3().send(new DeleteBucketCommand({ Bucket: 'global-name' }));
    await other.send(new CreateBucketCommand({ Bucket: 'global-name' }));
    await expect(s3().send(new HeadBucketCommand({ Bucket: 'global-name' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });

  it('round-trips bytes, metadata, content headers and ETags', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'objects' }));
    const body = JSON.stringify({ order: 'o-1', total: 1999 });
    const put = await s3().send(new PutObjectCommand({
      Bucket: 'objects', Key: 'receipts/2024/o-1.json', Body: body, ContentType: 'application/json', ContentEncoding: 'identity',
      CacheControl: 'max-age=60', ContentDisposition: 'attachment; filename="o-1.json"', Metadata: { 'order-id': 'o-1', customer: 'ada' },
    }));
    expect(put.ETag).toBe(md5(body));
    const got = await s3().send(new GetObjectCommand({ Bucket: 'objects', Key: 'receipts/2024/o-1.json' }));
    expect(await text(got)).toBe(body);
    expect(got).toMatchObject({
      ETag: md5(body), ContentType: 'application/json', ContentEncoding: 'identity', CacheControl: 'max-age=60',
      ContentDisposition: 'attachment; filename="o-1.json"', ContentLength: Buffer.byteLength(body), Metadata: { 'order-id': 'o-1', customer: 'ada' },
    });
    const head = await s3().send(new HeadObjectCommand({ Bucket: 'objects', Key: 'receipts/2024/o-1.json' }));
    expect(head).toMatchObject({ ContentLength: Buffer.byteLength(body), ETag: md5(body), ContentType: 'application/json' });
    const odd = 'spaces and ünïcödé/+plus=&?#.txt';
    await s3().send(new PutObjectCommand({ Bucket: 'objects', Key: odd, Body: Buffer.from([0, 255, 1, 254]) }));
    const bytes = await (await s3().send(new GetObjectCommand({ Bucket: 'objects', Key: odd }))).Body!.transformToByteArray();
    expect(Buffer.from(bytes)).toEqual(Buffer.from([0, 255, 1, 254]));
    expect((await s3().send(new HeadObjectCommand({ Bucket: 'objects', Key: odd }))).ContentType).toBe('application/octet-stream');
  });

  it('serves ranges, conditional reads and response header overrides', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'ranges' }));
    const { ETag } = await s3().send(new PutObjectCommand({ Bucket: 'ranges', Key: 'digits', Body: '0123456789' }));
    const part = await s3().send(new GetObjectCommand({ Bucket: 'ranges', Key: 'digits', Range: 'bytes=2-5' }));
    expect(part.$metadata.httpStatusCode).toBe(206);
    expect(part.ContentRange).toBe('bytes 2-5/10');
    expect(await text(part)).toBe('2345');
    expect(await text(await s3().send(new GetObjectCommand({ Bucket: 'ranges', Key: 'digits', Range: 'bytes=-3' })))).toBe('789');
    expect(await text(await s3().send(new GetObjectCommand({ Bucket: 'ranges', Key: 'digits', Range: 'bytes=7-100' })))).toBe('789');
    await expect(s3().send(new GetObjectCommand({ Bucket: 'ranges', Key: 'digits', Range: 'bytes=10-' }))).rejects.toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
    await expect(s3().send(new GetObjectCommand({ Bucket: 'ranges', Key: 'digits', IfNoneMatch: ETag }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 304 } });
    await expect(s3().send(new GetObjectCommand({ Bucket: 'ranges', Key: 'digits', IfMatch: '"other"' }))).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    await expect(s3().send(new HeadObjectCommand({ Bucket: 'ranges', Key: 'digits', IfMatch: '"other"' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    const future = new Date(Date.now() + 60_000);
    await expect(s3().send(new GetObjectCommand({ Bucket: 'ranges', Key: 'digits', IfModifiedSince: future }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 304 } });
    await expect(s3().send(new GetObjectCommand({ Bucket: 'ranges', Key: 'digits', IfUnmodifiedSince: new Date(Date.now() - 3_600_000) }))).rejects.toMatchObject({ name: 'PreconditionFailed' });
    expect((await s3().send(new GetObjectCommand({ Bucket: 'ranges', Key: 'digits', IfMatch: ETag, IfModifiedSince: new Date(0) }))).$metadata.httpStatusCode).toBe(200);
    const renamed = await s3().send(new GetObjectCommand({ Bucket: 'ranges', Key: 'digits', ResponseContentType: 'text/csv', ResponseContentDisposition: 'inline' }));
    expect(renamed).toMatchObject({ ContentType: 'text/csv', ContentDisposition: 'inline' });
  });

  it('copies with COPY and REPLACE directives, and refuses a no-op self copy', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'copies' }));
    await s3().send(new PutObjectCommand({ Bucket: 'copies', Key: 'src', Body: 'original', ContentType: 'text/plain', Metadata: { a: '1' }, Tagging: 'kind=receipt' }));
    const copied = await s3().send(new CopyObjectCommand({ Bucket: 'copies', Key: 'same', CopySource: 'copies/src' }));
    expect(copied.CopyObjectResult?.ETag).toBe(md5('original'));
    expect(await s3().send(new HeadObjectCommand({ Bucket: 'copies', Key: 'same' }))).toMatchObject({ ContentType: 'text/plain', Metadata: { a: '1' } });
    expect((await s3().send(new GetObjectTaggingCommand({ Bucket: 'copies', Key: 'same' }))).TagSet).toEqual([{ Key: 'kind', Value: 'receipt' }]);
    await s3().send(new CopyObjectCommand({ Bucket: 'copies', Key: 'new', CopySource: '/copies/src', MetadataDirective: 'REPLACE', ContentType: 'text/markdown', Metadata: { b: '2' } }));
    expect(await s3().send(new HeadObjectCommand({ Bucket: 'copies', Key: 'new' }))).toMatchObject({ ContentType: 'text/markdown', Metadata: { b: '2' } });
    await expect(s3().send(new CopyObjectCommand({ Bucket: 'copies', Key: 'src', CopySource: 'copies/src' }))).rejects.toMatchObject({ name: 'InvalidRequest', $metadata: { httpStatusCode: 400 } });
    await expect(s3().send(new CopyObjectCommand({ Bucket: 'copies', Key: 'x', CopySource: 'copies/missing' }))).rejects.toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    await expect(s3().send(new CopyObjectCommand({ Bucket: 'copies', Key: 'x', CopySource: 'copies/src', CopySourceIfMatch: '"nope"' }))).rejects.toMatchObject({ name: 'PreconditionFailed' });
    await s3().send(new PutObjectTaggingCommand({ Bucket: 'copies', Key: 'new', Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }));
    expect((await s3().send(new GetObjectTaggingCommand({ Bucket: 'copies', Key: 'new' }))).TagSet).toEqual([{ Key: 'a', Value: 'b' }]);
  });

  it('deletes one or many objects', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'deletes' }));
    for (const key of ['a', 'b', ' c ']) await s3().send(new PutObjectCommand({ Bucket: 'deletes', Key: key, Body: key }));
    expect((await s3().send(new DeleteObjectCommand({ Bucket: 'deletes', Key: 'never-there' }))).$metadata.httpStatusCode).toBe(204);
    const answer = await s3().send(new DeleteObjectsCommand({ Bucket: 'deletes', Delete: { Objects: [{ Key: 'a' }, { Key: ' c ' }, { Key: 'zzz' }] } }));
    expect(answer.Deleted?.map((item) => item.Key).sort()).toEqual([' c ', 'a', 'zzz']);
    const quiet = await s3().send(new DeleteObjectsCommand({ Bucket: 'deletes', Delete: { Objects: [{ Key: 'b' }], Quiet: true } }));
    expect(quiet.Deleted).toBeUndefined();
    expect((await s3().send(new ListObjectsV2Command({ Bucket: 'deletes' }))).KeyCount).toBe(0);
  });

  it('lists with prefix, delimiter, pagination and start-after (v2 and v1)', async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'listing' }));
    const keys = ['2024/01/a.json', '2024/01/b.json', '2024/02/c.json', '2025/01/d.json', 'readme.txt', 'receipts.csv'];
    for (const key of keys) await s3().send(new PutObjectCommand({ Bucket: 'listing', Key: key, Body: key }));
    const top = await s3().send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    expect(top.CommonPrefixes?.map((item) => item.Prefix)).toEqual(['2024/', '2025/']);
    expect(top.Contents?.map((item) => item.Key)).toEqual(['readme.txt', 'receipts.csv']);
    expect(top.KeyCount).toBe(4);
    const months = await s3().send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: '2024/', Delimiter: '/' }));
    expect(months.CommonPrefixes?.map((item) => item.Prefix)).toEqual(['2024/01/', '2024/02/']);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3().send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 2, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((item) => item.Key!));
      token = page.NextContinuationToken;
      expect(page.IsTruncated).toBe(token !== undefined);
      pages++;
    } while (token);
    expect(seen).toEqual(keys);
    expect(pages).toBe(3);
    const after = await s3().send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: '2025/01/d.json', FetchOwner: true }));
    expect(after.Contents?.map((item) => item.Key)).toEqual(['readme.txt', 'receipts.csv']);
    expect(after.Contents?.[0]?.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(after.Contents?.[0]).toMatchObject({ Size: 10, ETag: md5('readme.txt'), StorageClass: 'STANDARD' });
    const v1 = await s3().send(new ListObjectsCommand({ Bucket: 'listing', Delimiter: '/', MaxKeys: 1 }));
    expect(v1).toMatchObject({ IsTruncated: true, NextMarker: '2024/' });
    const v1next = await s3().send(new ListObjectsCommand({ Bucket: 'listing', Delimiter: '/', Marker: v1.NextMarker }));
    expect(v1next.CommonPrefixes?.map((item) => item.Prefix)).toEqual(['2025/']);
    await expect(s3().send(new ListObjectsV2Command({ Bucket: 'listing', ContinuationToken: 'garbage!' }))).rejects.toMatchObject({ name: 'InvalidArgument' });
  });

  it('answers S3 errors with their names, statuses and details', async () => {
    await expect(s3().send(new GetObjectCommand({ Bucket: 'no-such-bucket-here', Key: 'k' }))).rejects.toMatchObject({
      name: 'NoSuchBucket', BucketName: 'no-such-bucket-here', $metadata: { httpStatusCode: 404 },
    });
    await s3().send(new CreateBucketCommand({ Bucket: 'errors' }));
    await expect(s3().send(new GetObjectCommand({ Bucket: 'errors', Key: 'missing.txt' }))).rejects.toMatchObject({ name: 'NoSuchKey', Key: 'missing.txt', $metadata: { httpStatusCode: 404 } });
    await expect(s3().send(new HeadObjectCommand({ Bucket: 'errors', Key: 'missing.txt' }))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
    await expect(s3().send(new PutObjectCommand({ Bucket: 'errors', Key: 'k'.repeat(1025), Body: 'x' }))).rejects.toMatchObject({ name: 'KeyTooLongError' });
    await expect(s3().send(new PutObjectCommand({ Bucket: 'errors', Key: 'tagged', Body: 'x', Tagging: 'a=1&a=2' }))).rejects.toMatchObject({ name: 'InvalidArgument' });
    await s3().send(new PutObjectCommand({ Bucket: 'errors', Key: 'once', Body: 'x', IfNoneMatch: '*' }));
    await expect(s3().send(new PutObjectCommand({ Bucket: 'errors', Key: 'once', Body: 'y', IfNoneMatch: '*' }))).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    await expect(s3().send(new GetObjectCommand({ Bucket: 'errors', Key: 'once', VersionId: 'v1' }))).rejects.toMatchObject({ name: 'InvalidArgument' });
    await expect(s3().send(new PutObjectCommand({ Bucket: 'errors', Key: 'x', Body: 'x', ExpectedBucketOwner: '999999999999' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    const raw = await fetch(`${emulator.running.url}/errors?versioning`, { method: 'PUT', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00' } });
    expect(raw.status).toBe(501);
    expect(await raw.text()).toContain('<Code>NotImplemented</Code>');
  });

  it('creates buckets in the region of a regional client, as S3 requires', async () => {
    const client = new S3Client({ region: 'eu-central-1', endpoint: emulator.running.url, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      await client.send(new CreateBucketCommand({ Bucket: 'frankfurt-receipts' }));
      expect((await client.send(new GetBucketLocationCommand({ Bucket: 'frankfurt-receipts' }))).LocationConstraint).toBe('eu-central-1');
      await expect(client.send(new CreateBucketCommand({ Bucket: 'elsewhere', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }))).rejects.toMatchObject({
        name: 'IllegalLocationConstraintException',
      });
    } finally {
      client.destroy();
    }
  });
});
