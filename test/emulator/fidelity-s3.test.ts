/**
 * S3 answers as AWS does where a learner's mistake meets it: a multipart upload completed without
 * parts, storage classes a regular bucket does not have, `x-amz-tagging` headers that are not a
 * query string of distinct keys, re-creating one's own bucket, reading one part of an object, and
 * bucket tags.
 */
import {
  CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteBucketTaggingCommand, GetBucketTaggingCommand, GetObjectCommand,
  HeadObjectCommand, PutBucketTaggingCommand, PutObjectCommand, UploadPartCommand, type StorageClass,
} from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';

const BUCKET = 'fidelity-s3';
const MiB = 1024 * 1024;

describe('S3 fidelity', () => {
  const emulator = useEmulator();
  const s3 = () => emulator.clients.s3;
  const refusal = (name: string, message: string, status = 400) => ({ name, message, $metadata: { httpStatusCode: status } });

  beforeAll(async () => {
    await emulator.clients.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  it('refuses CompleteMultipartUpload without parts', async () => {
    const { UploadId } = await s3().send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'empty.bin' }));
    await expect(s3().send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'empty.bin', UploadId, MultipartUpload: { Parts: [] } }))).rejects.toMatchObject(
      refusal('InvalidRequest', 'You must specify at least one part'),
    );
  });

  it.each(['OUTPOSTS', 'EXPRESS_ONEZONE', 'SNOW', 'CHEAPEST'])('refuses the storage class %s on a regular bucket', async (StorageClass) => {
    await expect(s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'classy.txt', Body: 'x', StorageClass: StorageClass as StorageClass }))).rejects.toMatchObject(
      refusal('InvalidStorageClass', 'The storage class you specified is not valid'),
    );
  });

  it.each([
    ['a repeated key', 'a=1&a=2'],
    ['a malformed escape', 'a=%zz'],
    ['bytes that are not UTF-8', 'a=%FF'],
    ['a tag without a key', '=1'],
  ])('refuses an x-amz-tagging header with %s', async (_what, Tagging) => {
    await expect(s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tagged.txt', Body: 'x', Tagging }))).rejects.toMatchObject({
      ...refusal('InvalidArgument', "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates."),
      ArgumentName: 'x-amz-tagging',
      ArgumentValue: Tagging,
    });
  });

  it('refuses more than 10 tags on an object as a bad request', async () => {
    const Tagging = Array.from({ length: 11 }, (_, index) => `k${index}=v`).join('&');
    await expect(s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tagged.txt', Body: 'x', Tagging }))).rejects.toMatchObject(
      refusal('BadRequest', 'Object tags cannot be greater than 10'),
    );
  });

  it('answers BucketAlreadyOwnedByYou when re-creating an own us-east-1 bucket with another configuration', async () => {
    await expect(s3().send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }))).rejects.toMatchObject(
      refusal('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409),
    );
  });

  it('keeps the documented us-east-1 legacy: the same configuration again answers 200 and changes nothing', async () => {
    await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'kept.txt', Body: 'kept' }));
    await s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
    expect(await (await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'kept.txt' }))).Body!.transformToString()).toBe('kept');
  });

  describe('GetObject with partNumber', () => {
    const first = Buffer.alloc(5 * MiB, 'a');
    const second = Buffer.from('the last part');

    beforeAll(async () => {
      const { UploadId } = await s3().send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'parts.bin' }));
      const one = await s3().send(new UploadPartCommand({ Bucket: BUCKET, Key: 'parts.bin', UploadId, PartNumber: 1, Body: first }));
      const two = await s3().send(new UploadPartCommand({ Bucket: BUCKET, Key: 'parts.bin', UploadId, PartNumber: 2, Body: second }));
      await s3().send(new CompleteMultipartUploadCommand({
        Bucket: BUCKET, Key: 'parts.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: one.ETag }, { PartNumber: 2, ETag: two.ETag }] },
      }));
      await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'single.txt', Body: 'one piece' }));
    });

    it("answers one part's bytes with 206 and the part count", async () => {
      const got = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'parts.bin', PartNumber: 2 }));
      expect(got.$metadata.httpStatusCode).toBe(206);
      expect(got).toMatchObject({ PartsCount: 2, ContentLength: second.length, ContentRange: `bytes ${first.length}-${first.length + second.length - 1}/${first.length + second.length}` });
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(second)).toBe(true);
      const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'parts.bin', PartNumber: 1 }));
      expect(head).toMatchObject({ PartsCount: 2, ContentLength: first.length });
    });

    it('answers 416 InvalidPartNumber for a part that does not exist', async () => {
      await expect(s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'parts.bin', PartNumber: 3 }))).rejects.toMatchObject({
        ...refusal('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416),
        PartNumberRequested: '3',
        ActualPartCount: '2',
      });
      await expect(s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'single.txt', PartNumber: 2 }))).rejects.toMatchObject(
        refusal('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416),
      );
    });

    it('answers the whole object for part 1 of an object uploaded in one piece', async () => {
      const got = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'single.txt', PartNumber: 1 }));
      expect(await got.Body!.transformToString()).toBe('one piece');
      expect(got.PartsCount).toBeUndefined();
    });
  });

  describe('bucket tagging', () => {
    it('says NoSuchTagSet before any tags are set, and after they are deleted', async () => {
      const noTags = { ...refusal('NoSuchTagSet', 'The TagSet does not exist', 404), BucketName: BUCKET };
      await expect(s3().send(new GetBucketTaggingCommand({ Bucket: BUCKET }))).rejects.toMatchObject(noTags);
      const put = await s3().send(new PutBucketTaggingCommand({ Bucket: BUCKET, Tagging: { TagSet: [{ Key: 'team', Value: 'orders' }, { Key: 'stage', Value: '' }] } }));
      expect(put.$metadata.httpStatusCode).toBe(204);
      expect((await s3().send(new GetBucketTaggingCommand({ Bucket: BUCKET }))).TagSet).toEqual([{ Key: 'team', Value: 'orders' }, { Key: 'stage', Value: '' }]);
      expect((await s3().send(new DeleteBucketTaggingCommand({ Bucket: BUCKET }))).$metadata.httpStatusCode).toBe(204);
      await expect(s3().send(new GetBucketTaggingCommand({ Bucket: BUCKET }))).rejects.toMatchObject(noTags);
    });

    it('refuses repeated keys and more than 50 tags', async () => {
      const put = (TagSet: Array<{ Key: string; Value: string }>) => s3().send(new PutBucketTaggingCommand({ Bucket: BUCKET, Tagging: { TagSet } }));
      await expect(put([{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }])).rejects.toMatchObject(refusal('InvalidTag', 'Cannot provide multiple Tags with the same key'));
      const many = Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: '' }));
      await expect(put(many)).rejects.toMatchObject(refusal('BadRequest', 'Bucket tag count cannot be greater than 50'));
    });
  });

  it('keeps bucket tags and part sizes across a restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fidelity-s3-'));
    const run = async (work: (s3: ReturnType<typeof clientsAt>['s3']) => Promise<void>) => {
      const running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
      const clients = clientsAt(running.url);
      try {
        await work(clients.s3);
      } finally {
        clients.destroy();
        await running.stop();
      }
    };
    try {
      await run(async (client) => {
        await client.send(new CreateBucketCommand({ Bucket: 'kept-tags' }));
        await client.send(new PutBucketTaggingCommand({ Bucket: 'kept-tags', Tagging: { TagSet: [{ Key: 'team', Value: 'orders' }] } }));
        const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: 'kept-tags', Key: 'two.bin' }));
        const one = await client.send(new UploadPartCommand({ Bucket: 'kept-tags', Key: 'two.bin', UploadId, PartNumber: 1, Body: Buffer.alloc(5 * MiB, 'b') }));
        const two = await client.send(new UploadPartCommand({ Bucket: 'kept-tags', Key: 'two.bin', UploadId, PartNumber: 2, Body: 'tail' }));
        await client.send(new CompleteMultipartUploadCommand({
          Bucket: 'kept-tags', Key: 'two.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: one.ETag }, { PartNumber: 2, ETag: two.ETag }] },
        }));
      });
      await run(async (client) => {
        expect((await client.send(new GetBucketTaggingCommand({ Bucket: 'kept-tags' }))).TagSet).toEqual([{ Key: 'team', Value: 'orders' }]);
        const part = await client.send(new GetObjectCommand({ Bucket: 'kept-tags', Key: 'two.bin', PartNumber: 2 }));
        expect(await part.Body!.transformToString()).toBe('tail');
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
