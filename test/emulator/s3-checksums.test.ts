/**
 * Integrity on S3 writes: the SDK's default CRC32 (a header for buffered bodies, an aws-chunked
 * trailer for streams), every additional algorithm, Content-MD5, `x-amz-content-sha256`, and the
 * signed aws-chunked framings other clients use, checked byte for byte.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type ChecksumAlgorithm } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { crc32c, crc64nvme } from '../../src/emulator/services/s3/crc.ts';
import { useEmulator } from '../support/emulator.ts';

const BUCKET = 'integrity';
const crc32Of = (body: Buffer) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(body));
  return bytes.toString('base64');
};
const md5Hex = (body: Buffer) => createHash('md5').update(body).digest('hex');

function pattern(size: number): Buffer {
  const buffer = Buffer.alloc(size);
  for (let index = 0; index < size; index++) buffer[index] = (index * 31 + (index >> 12)) & 0xff;
  return buffer;
}

/** Frames `body` as aws-chunked, with optional chunk signatures and trailers, as SigV4 streaming clients do. */
function awsChunked(body: Buffer, chunkSize: number, options: { signed?: boolean; trailers?: string[] } = {}): Buffer {
  const signature = options.signed ? `;chunk-signature=${'0'.repeat(64)}` : '';
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += chunkSize) {
    const chunk = body.subarray(offset, offset + chunkSize);
    pieces.push(Buffer.from(`${chunk.length.toString(16)}${signature}\r\n`), chunk, Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`0${signature}\r\n`));
  for (const trailer of options.trailers ?? []) pieces.push(Buffer.from(`${trailer}\r\n`));
  pieces.push(Buffer.from('\r\n'));
  return Buffer.concat(pieces);
}

const S3_AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00';

describe('S3 checksums and aws-chunked uploads', () => {
  const emulator = useEmulator();
  const s3 = () => emulator.clients.s3;
  const read = async (Key: string) => Buffer.from(await (await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToByteArray());
  // Signed as a client would (the emulator reads the scope, not the signature).
  const rawPut = (key: string, body: Buffer, headers: Record<string, string>) => fetch(`${emulator.running.url}/${BUCKET}/${key}`, { method: 'PUT', body, headers: { authorization: S3_AUTHORIZATION, ...headers } });

  beforeAll(async () => {
    await s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  it('implements CRC32C and CRC64NVME to their published check values', () => {
    const check = Buffer.from('123456789');
    expect(crc32c(check).toString('hex')).toBe('e3069283');
    expect(crc64nvme(check).toString('hex')).toBe('ae8b14860a799888');
  });

  it('stores a small buffered body sent with the default CRC32 header', async () => {
    const body = Buffer.from('receipt #1: 2 x coffee, 1 x bagel');
    const put = await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'small.txt', Body: body }));
    expect(put).toMatchObject({ ChecksumCRC32: crc32Of(body), ChecksumType: 'FULL_OBJECT', ETag: `"${md5Hex(body)}"` });
    expect((await read('small.txt')).equals(body)).toBe(true);
  });

  it('stores an 8 MB streamed body (aws-chunked, CRC32 trailer) byte for byte', async () => {
    const body = pattern(8 * 1024 * 1024 + 123);
    const put = await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'large.bin', Body: Readable.from([body.subarray(0, 3_000_000), body.subarray(3_000_000)]), ContentLength: body.length }));
    expect(put).toMatchObject({ ChecksumCRC32: crc32Of(body), ETag: `"${md5Hex(body)}"` });
    const stored = await read('large.bin');
    expect(stored.length).toBe(body.length);
    expect(stored.equals(body)).toBe(true);
    const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'large.bin', ChecksumMode: 'ENABLED' }));
    expect(head).toMatchObject({ ContentLength: body.length, ChecksumCRC32: crc32Of(body), ChecksumType: 'FULL_OBJECT' });
  });

  it('verifies every algorithm the SDK computes, in headers and in trailers', async () => {
    const body = pattern(70_000);
    for (const algorithm of ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as ChecksumAlgorithm[]) {
      const member = `Checksum${algorithm}` as const;
      const buffered = await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: `alg-${algorithm}`, Body: body, ChecksumAlgorithm: algorithm }));
      const streamed = await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: `alg-${algorithm}-stream`, Body: Readable.from([body]), ContentLength: body.length, ChecksumAlgorithm: algorithm }));
      expect(buffered[member]).toBeDefined();
      expect(streamed[member]).toBe(buffered[member]);
      // With ChecksumMode ENABLED (the SDK's default) the SDK checks the stored value against the bytes.
      expect((await read(`alg-${algorithm}-stream`)).equals(body)).toBe(true);
    }
  });

  it('rejects bodies whose checksum or Content-MD5 does not match', async () => {
    const body = Buffer.from('the real bytes');
    await expect(s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad', Body: body, ChecksumCRC32: crc32Of(Buffer.from('other bytes')) }))).rejects.toMatchObject({
      name: 'BadDigest',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad', Body: body, ChecksumSHA256: 'not-base64!' }))).rejects.toMatchObject({ name: 'InvalidRequest' });
    const wrongMd5 = createHash('md5').update('nope').digest('base64');
    await expect(s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad', Body: body, ContentMD5: wrongMd5 }))).rejects.toMatchObject({ name: 'BadDigest' });
    await expect(s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad', Body: body, ContentMD5: 'abc' }))).rejects.toMatchObject({ name: 'InvalidDigest' });
    await expect(s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'bad' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('decodes signed and unsigned aws-chunked framings from other clients', async () => {
    const body = pattern(200_000);
    const common = { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(body.length) };
    const signed = await rawPut('signed.bin', awsChunked(body, 65_536, { signed: true }), { ...common, 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' });
    expect(signed.status).toBe(200);
    expect((await read('signed.bin')).equals(body)).toBe(true);
    const trailers = [`x-amz-checksum-crc32:${crc32Of(body)}`, `x-amz-trailer-signature:${'1'.repeat(64)}`];
    const withTrailer = await rawPut('trailer.bin', awsChunked(body, 8192, { signed: true, trailers }), {
      ...common, 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', 'x-amz-trailer': 'x-amz-checksum-crc32',
    });
    expect(withTrailer.status).toBe(200);
    expect(withTrailer.headers.get('x-amz-checksum-crc32')).toBe(crc32Of(body));
    expect((await read('trailer.bin')).equals(body)).toBe(true);
    const badTrailer = await rawPut('bad-trailer.bin', awsChunked(body, 8192, { trailers: [`x-amz-checksum-crc32:${crc32Of(Buffer.from('x'))}`] }), {
      ...common, 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-trailer': 'x-amz-checksum-crc32',
    });
    expect(badTrailer.status).toBe(400);
    expect(await badTrailer.text()).toContain('<Code>BadDigest</Code>');
    const short = await rawPut('short.bin', awsChunked(body, 8192), { ...common, 'x-amz-decoded-content-length': String(body.length + 1), 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('<Code>IncompleteBody</Code>');
    const broken = await rawPut('broken.bin', Buffer.from('zz\r\nnot chunked'), { ...common, 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' });
    expect(broken.status).toBe(400);
  });

  it('checks a signed payload hash and gives unchecksummed objects S3 default CRC64NVME', async () => {
    const body = Buffer.from('plain upload');
    const mismatch = await rawPut('sha.bin', body, { 'x-amz-content-sha256': createHash('sha256').update('other').digest('hex') });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    const plain = await rawPut('plain.bin', body, { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') });
    expect(plain.status).toBe(200);
    const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'plain.bin', ChecksumMode: 'ENABLED' }));
    expect(head).toMatchObject({ ChecksumCRC64NVME: crc64nvme(body).toString('base64'), ChecksumType: 'FULL_OBJECT', ContentType: 'binary/octet-stream' });
  });
});
