/**
 * Multipart uploads through the real SDK's low-level commands: ETags and bytes of the assembled
 * object, part checks (order, ETag, minimum size), checksum algorithms and types, listings, copies
 * of parts and aborts.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, HeadObjectCommand,
  ListMultipartUploadsCommand, ListPartsCommand, PutObjectCommand, UploadPartCommand, UploadPartCopyCommand, type CompletedPart,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const MiB = 1024 * 1024;
const BUCKET = 'multipart';
const md5 = (body: Buffer) => createHash('md5').update(body).digest();
const sha256 = (body: Buffer) => createHash('sha256').update(body).digest();
const multipartEtag = (parts: Buffer[]) => `"${createHash('md5').update(Buffer.concat(parts.map(md5))).digest('hex')}-${parts.length}"`;

/** Deterministic bytes that differ per part, so a swapped or dropped part changes the result. */
function bytes(size: number, seed: number): Buffer {
  const buffer = Buffer.alloc(size);
  for (let index = 0; index < size; index += 4) buffer.writeUInt32LE((Math.imul(index + 1, 2654435761) ^ seed) >>> 0, Math.min(index, size - 4));
  return buffer;
}

describe('S3 multipart uploads through the real SDK', () => {
  const emulator = useEmulator();
  const s3 = () => emulator.clients.s3;
  const start = async (Key: string, extra: Partial<ConstructorParameters<typeof CreateMultipartUploadCommand>[0]> = {}) =>
    (await s3().send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, ...extra }))).UploadId!;
  const upload = async (Key: string, UploadId: string, PartNumber: number, Body: Buffer | Readable, extra: Record<string, unknown> = {}) => {
    const answer = await s3().send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber, Body, ...extra }));
    return { PartNumber, ETag: answer.ETag!, ...answer } as CompletedPart & typeof answer;
  };

  beforeAll(async () => {
    await s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  it('assembles an 8 MB object from two parts with S3 multipart ETag, bytes and metadata intact', async () => {
    const parts = [bytes(5 * MiB, 1), bytes(3 * MiB, 2)];
    const uploadId = await start('big.bin', { ContentType: 'application/pdf', Metadata: { order: 'o-9' } });
    const first = await upload('big.bin', uploadId, 1, parts[0]!);
    // A streamed part goes as aws-chunked with a CRC32 trailer.
    const second = await upload('big.bin', uploadId, 2, Readable.from([parts[1]!]), { ContentLength: parts[1]!.length });
    expect(first.ETag).toBe(`"${md5(parts[0]!).toString('hex')}"`);
    expect(second.ETag).toBe(`"${md5(parts[1]!).toString('hex')}"`);
    const listed = await s3().send(new ListPartsCommand({ Bucket: BUCKET, Key: 'big.bin', UploadId: uploadId }));
    expect(listed.Parts?.map((part) => [part.PartNumber, part.Size])).toEqual([[1, 5 * MiB], [2, 3 * MiB]]);
    const uploads = await s3().send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    expect(uploads.Uploads?.map((item) => item.UploadId)).toContain(uploadId);
    const done = await s3().send(new CompleteMultipartUploadCommand({
      Bucket: BUCKET, Key: 'big.bin', UploadId: uploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: first.ETag }, { PartNumber: 2, ETag: second.ETag }] },
    }));
    expect(done.ETag).toBe(multipartEtag(parts));
    expect(done).toMatchObject({ Bucket: BUCKET, Key: 'big.bin', ChecksumType: 'FULL_OBJECT' });
    expect(done.ChecksumCRC64NVME).toBeDefined();
    const got = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'big.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(parts))).toBe(true);
    expect(got).toMatchObject({ ETag: multipartEtag(parts), ContentType: 'application/pdf', Metadata: { order: 'o-9' }, ContentLength: 8 * MiB });
    expect((await s3().send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? []).not.toContainEqual(expect.objectContaining({ UploadId: uploadId }));
  });

  it('checks the part list: order, ETags, sizes and the upload id', async () => {
    const uploadId = await start('checked.bin');
    const one = await upload('checked.bin', uploadId, 1, bytes(1024, 3));
    const two = await upload('checked.bin', uploadId, 2, bytes(1024, 4));
    const complete = (Parts: CompletedPart[], UploadId = uploadId) =>
      s3().send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'checked.bin', UploadId, MultipartUpload: { Parts } }));
    await expect(complete([{ PartNumber: 2, ETag: two.ETag }, { PartNumber: 1, ETag: one.ETag }])).rejects.toMatchObject({ name: 'InvalidPartOrder', $metadata: { httpStatusCode: 400 } });
    await expect(complete([{ PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' }])).rejects.toMatchObject({ name: 'InvalidPart', $metadata: { httpStatusCode: 400 } });
    await expect(complete([{ PartNumber: 1, ETag: one.ETag }, { PartNumber: 3, ETag: two.ETag }])).rejects.toMatchObject({ name: 'InvalidPart' });
    await expect(complete([{ PartNumber: 1, ETag: one.ETag }, { PartNumber: 2, ETag: two.ETag }])).rejects.toMatchObject({ name: 'EntityTooSmall', $metadata: { httpStatusCode: 400 } });
    await expect(complete([{ PartNumber: 1, ETag: one.ETag }], 'not-an-upload')).rejects.toMatchObject({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });
    await expect(upload('checked.bin', uploadId, 10_001, bytes(10, 5))).rejects.toMatchObject({ name: 'InvalidArgument' });
    // A single small part is a valid (last) part.
    const single = await complete([{ PartNumber: 2, ETag: two.ETag }]);
    expect(single.ETag).toBe(multipartEtag([bytes(1024, 4)]));
  });

  it('aborts an upload', async () => {
    const uploadId = await start('aborted.bin');
    await upload('aborted.bin', uploadId, 1, bytes(100, 6));
    expect((await s3().send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'aborted.bin', UploadId: uploadId }))).$metadata.httpStatusCode).toBe(204);
    await expect(s3().send(new ListPartsCommand({ Bucket: BUCKET, Key: 'aborted.bin', UploadId: uploadId }))).rejects.toMatchObject({ name: 'NoSuchUpload' });
    await expect(s3().send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'aborted.bin', UploadId: uploadId }))).rejects.toMatchObject({ name: 'NoSuchUpload' });
    await expect(s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'aborted.bin' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('builds a composite SHA256 checksum and insists on part checksums for it', async () => {
    const parts = [bytes(5 * MiB, 7), bytes(1024, 8)];
    const uploadId = await start('composite.bin', { ChecksumAlgorithm: 'SHA256' });
    // The SDK's default CRC32 does not fit an upload created with SHA256.
    await expect(upload('composite.bin', uploadId, 1, parts[0]!)).rejects.toMatchObject({ name: 'InvalidRequest', $metadata: { httpStatusCode: 400 } });
    const uploaded = [];
    for (const [index, body] of parts.entries()) uploaded.push(await upload('composite.bin', uploadId, index + 1, body, { ChecksumAlgorithm: 'SHA256' }));
    expect(uploaded[0]!.ChecksumSHA256).toBe(sha256(parts[0]!).toString('base64'));
    const bare = uploaded.map(({ PartNumber, ETag }) => ({ PartNumber, ETag }));
    const complete = (Parts: CompletedPart[]) => s3().send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'composite.bin', UploadId: uploadId, MultipartUpload: { Parts } }));
    await expect(complete(bare)).rejects.toMatchObject({ name: 'InvalidRequest' });
    const done = await complete(uploaded.map(({ PartNumber, ETag, ChecksumSHA256 }) => ({ PartNumber, ETag, ChecksumSHA256 })));
    const expected = `${sha256(Buffer.concat(parts.map(sha256))).toString('base64')}-2`;
    expect(done).toMatchObject({ ChecksumSHA256: expected, ChecksumType: 'COMPOSITE' });
    const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'composite.bin', ChecksumMode: 'ENABLED' }));
    expect(head).toMatchObject({ ChecksumSHA256: expected, ChecksumType: 'COMPOSITE' });
    // The SDK skips validating composite checksums on GetObject, and the bytes still arrive whole.
    const got = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'composite.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(parts))).toBe(true);
  });

  it('computes a full-object CRC32 when the upload asks for FULL_OBJECT', async () => {
    const parts = [bytes(5 * MiB, 9), bytes(2048, 10)];
    const uploadId = await start('full.bin', { ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' });
    const uploaded = [];
    for (const [index, body] of parts.entries()) uploaded.push(await upload('full.bin', uploadId, index + 1, body, { ChecksumAlgorithm: 'CRC32' }));
    const done = await s3().send(new CompleteMultipartUploadCommand({
      Bucket: BUCKET, Key: 'full.bin', UploadId: uploadId, MultipartUpload: { Parts: uploaded.map(({ PartNumber, ETag }) => ({ PartNumber, ETag })) },
    }));
    const { crc32 } = await import('node:zlib');
    const whole = Buffer.alloc(4);
    whole.writeUInt32BE(crc32(Buffer.concat(parts)));
    expect(done).toMatchObject({ ChecksumCRC32: whole.toString('base64'), ChecksumType: 'FULL_OBJECT' });
    // A full-object checksum is validated by the SDK on GetObject, so a wrong one would throw here.
    const got = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'full.bin' }));
    expect((await got.Body!.transformToByteArray()).length).toBe(5 * MiB + 2048);
    await expect(s3().send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'bad', ChecksumAlgorithm: 'SHA1', ChecksumType: 'FULL_OBJECT' }))).rejects.toMatchObject({ name: 'InvalidRequest' });
  });

  it('copies parts from an existing object, whole or by range', async () => {
    const source = bytes(6 * MiB, 11);
    await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'source.bin', Body: source }));
    const uploadId = await start('assembled.bin');
    const first = await s3().send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'assembled.bin', UploadId: uploadId, PartNumber: 1, CopySource: `${BUCKET}/source.bin`, CopySourceRange: `bytes=0-${5 * MiB - 1}` }));
    const second = await s3().send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'assembled.bin', UploadId: uploadId, PartNumber: 2, CopySource: `${BUCKET}/source.bin` }));
    await expect(s3().send(new UploadPartCopyCommand({ Bucket: BUCKET, Key: 'assembled.bin', UploadId: uploadId, PartNumber: 3, CopySource: `${BUCKET}/source.bin`, CopySourceRange: 'bytes=0-99999999' }))).rejects.toMatchObject({ name: 'InvalidArgument' });
    await s3().send(new CompleteMultipartUploadCommand({
      Bucket: BUCKET, Key: 'assembled.bin', UploadId: uploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: first.CopyPartResult!.ETag }, { PartNumber: 2, ETag: second.CopyPartResult!.ETag }] },
    }));
    const got = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'assembled.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat([source.subarray(0, 5 * MiB), source]))).toBe(true);
  });
});
