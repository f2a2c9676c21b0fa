/**
 * S3 with clients built on botocore: the AWS CLI (`aws s3 cp` of a 10 MB file both ways, which is
 * a multipart upload and ranged downloads; `aws s3 ls`; `aws s3api`) and boto3. Each group is
 * skipped, with a warning that says why, when its client is not installed.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);

const { hasAws, hasBoto3 } = await realClients('s3-cli');

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('S3 with the AWS CLI and boto3', () => {
  const emulator = useEmulator();
  const folder = mkdtempSync(join(tmpdir(), 's3-cli-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('aws', ['--endpoint-url', emulator.running.url, ...args], { timeout: 60_000, env: clientEnv(), maxBuffer: 16 * 1024 * 1024 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  describe.skipIf(!hasAws)('the AWS CLI', () => {
    it('copies a 10 MB file up and down with `aws s3 cp`, lists it and heads it', async () => {
      const original = Buffer.alloc(10 * 1024 * 1024);
      for (let index = 0; index < original.length; index += 4) original.writeUInt32LE(Math.imul(index, 2246822519) >>> 0, index);
      const source = join(folder, 'receipts.bin');
      const target = join(folder, 'receipts.down');
      writeFileSync(source, original);
      expect((await aws('s3', 'mb', 's3://cli-receipts')).code).toBe(0);
      const up = await aws('s3', 'cp', source, 's3://cli-receipts/2024/receipts.bin', '--no-progress');
      expect(up.code, up.stderr).toBe(0);
      // Independent calls run together: each CLI start costs about a second.
      const [listed, buckets, top, head, down, missing] = await Promise.all([
        aws('s3', 'ls', 's3://cli-receipts/', '--recursive'),
        aws('s3', 'ls'),
        aws('s3', 'ls', 's3://cli-receipts/'),
        aws('s3api', 'head-object', '--bucket', 'cli-receipts', '--key', '2024/receipts.bin', '--output', 'json'),
        aws('s3', 'cp', 's3://cli-receipts/2024/receipts.bin', target, '--no-progress'),
        aws('s3api', 'head-object', '--bucket', 'cli-receipts', '--key', 'nope'),
      ]);
      expect(listed.stdout).toMatch(/10485760 2024\/receipts\.bin/);
      expect(buckets.stdout).toContain('cli-receipts');
      expect(top.stdout).toContain('PRE 2024/');
      expect(head.code, head.stderr).toBe(0);
      const headed = JSON.parse(head.stdout) as { ContentLength: number; ETag: string };
      expect(headed.ContentLength).toBe(original.length);
      // 10 MB crosses the CLI's 8 MB threshold, so it went up as a multipart upload.
      expect(headed.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
      expect(down.code, down.stderr).toBe(0);
      expect(sha(readFileSync(target))).toBe(sha(original));
      expect([254, 255]).toContain(missing.code);
      expect(missing.stderr).toContain('404');
    });
  });

  describe.skipIf(!hasBoto3)('boto3', () => {
    const SCRIPT = String.raw`
import json, sys, urllib.request, boto3
from botocore.exceptions import ClientError
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
out = {}
s3.create_bucket(Bucket="py-receipts")
for key in ["a b.txt", "dir/c+d.txt", "dir/e.txt"]:
    s3.put_object(Bucket="py-receipts", Key=key, Body=key.encode(), Metadata={"origin": "boto3"})
out["get"] = s3.get_object(Bucket="py-receipts", Key="a b.txt")["Body"].read().decode()
listed = s3.list_objects_v2(Bucket="py-receipts", Delimiter="/")
out["keys"] = [item["Key"] for item in listed.get("Contents", [])]
out["prefixes"] = [item["Prefix"] for item in listed.get("CommonPrefixes", [])]
out["all"] = [item["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket="py-receipts", PaginationConfig={"PageSize": 1}) for item in page.get("Contents", [])]
out["meta"] = s3.head_object(Bucket="py-receipts", Key="dir/e.txt")["Metadata"]
url = s3.generate_presigned_url("get_object", Params={"Bucket": "py-receipts", "Key": "dir/c+d.txt"}, ExpiresIn=60)
out["presigned"] = urllib.request.urlopen(url).read().decode()
try:
    s3.get_object(Bucket="py-receipts", Key="missing")
except ClientError as error:
    out["missing"] = [error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps(out))
`;

    it('puts, gets, lists (url-encoded keys), pages, heads and presigns with boto3', async () => {
      const { stdout } = await run('python3', ['-c', SCRIPT, emulator.running.url], { timeout: 60_000, env: clientEnv() });
      expect(JSON.parse(stdout)).toEqual({
        get: 'a b.txt',
        keys: ['a b.txt'],
        prefixes: ['dir/'],
        all: ['a b.txt', 'dir/c+d.txt', 'dir/e.txt'],
        meta: { origin: 'boto3' },
        presigned: 'dir/c+d.txt',
        missing: ['NoSuchKey', 404],
      });
    });
  });
});
