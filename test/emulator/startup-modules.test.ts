/**
 * What `workshop emulator` loads before it answers: not the libraries only some requests need
 * (JWT signing, SigV4 verification, the lab schema's validator), which cost start-up time. Each is
 * loaded on the first request that needs it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { spawnEmulator } from '../support/emulator-process.ts';

const folder = mkdtempSync(join(tmpdir(), 'startup-modules-'));
const hook = join(folder, 'hook.mjs');
const loaded = join(folder, 'loaded.txt');
// Node's module hooks see every module the process loads; the list is read while the process runs.
writeFileSync(hook, `import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(loaded)}, url + '\\n'); return next(url, context); } });
`);
const packagesLoaded = () => new Set([...readFileSync(loaded, 'utf8').matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].map((found) => found[1]));

describe('the emulator process at start', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('answers without loading the libraries only some requests need, and S3 works on its first request', async () => {
    const emulator = await spawnEmulator([], { NODE_OPTIONS: `--import ${pathToFileURL(hook).href}` });
    const s3 = new S3Client({ ...sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: emulator.url } })), forcePathStyle: true });
    try {
      expect((await fetch(`${emulator.url}/_localstack/health`)).status).toBe(200);
      const atStart = packagesLoaded();
      expect(atStart.size).toBeGreaterThan(0);
      for (const name of ['jose', 'zod', '@smithy/signature-v4']) expect(atStart.has(name), name).toBe(false);
      await s3.send(new CreateBucketCommand({ Bucket: 'receipts' }));
      expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((bucket) => bucket.Name)).toEqual(['receipts']);
      expect(packagesLoaded().has('fast-xml-parser')).toBe(true);
    } finally {
      s3.destroy();
      emulator.child.kill('SIGKILL');
      await emulator.exited;
    }
  });
});
