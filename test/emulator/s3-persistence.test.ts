/** S3 state across a restart with a state folder: bytes, metadata, uploads and the global bucket names. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, ListMultipartUploadsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { clientsAt } from '../support/emulator.ts';

describe('S3 state persistence', () => {
  const folder = mkdtempSync(join(tmpdir(), 's3-state-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps objects, uploads and bucket ownership across a restart', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
    const first = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    const before = clientsAt(first.url);
    try {
      await before.s3.send(new CreateBucketCommand({ Bucket: 'kept-receipts' }));
      await before.s3.send(new PutObjectCommand({ Bucket: 'kept-receipts', Key: 'r.bin', Body: bytes, Metadata: { order: 'o-3' }, ContentType: 'application/x-receipt' }));
      await before.s3.send(new CreateMultipartUploadCommand({ Bucket: 'kept-receipts', Key: 'pending.bin' }));
    } finally {
      before.destroy();
      await first.stop();
    }
    const second = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    const after = clientsAt(second.url);
    const stranger = clientsAt(second.url, '123456789012');
    try {
      const got = await after.s3.send(new GetObjectCommand({ Bucket: 'kept-receipts', Key: 'r.bin' }));
      expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(bytes);
      expect(got).toMatchObject({ Metadata: { order: 'o-3' }, ContentType: 'application/x-receipt' });
      expect((await after.s3.send(new ListMultipartUploadsCommand({ Bucket: 'kept-receipts' }))).Uploads?.map((upload) => upload.Key)).toEqual(['pending.bin']);
      await expect(stranger.s3.send(new CreateBucketCommand({ Bucket: 'kept-receipts' }))).rejects.toMatchObject({ name: 'BucketAlreadyExists' });
    } finally {
      after.destroy();
      stranger.destroy();
      await second.stop();
    }
  });
});
