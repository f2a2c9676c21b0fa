/**
 * Bucket policies through the real SDK (and the AWS CLI where installed): S3's MalformedPolicy
 * messages, NoSuchBucketPolicy, enforcement for another account, for unsigned (anonymous) calls
 * and for an explicit Deny on the owner, who still keeps the policy calls; and NoSuchBucket before
 * anything else for every bucket sub-resource.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CreateBucketCommand, DeleteBucketPolicyCommand, GetBucketAclCommand, GetBucketLifecycleConfigurationCommand, GetBucketPolicyCommand, GetBucketPolicyStatusCommand,
  GetBucketWebsiteCommand, GetObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('s3-policy');
const emulator = useEmulator();
const OTHER = '222222222222';

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const publicRead = (bucket: string) => policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` });

async function bucketWith(name: string, policyText?: string): Promise<void> {
  await emulator.clients.s3.send(new CreateBucketCommand({ Bucket: name }));
  await emulator.clients.s3.send(new PutObjectCommand({ Bucket: name, Key: 'receipt.txt', Body: 'paid' }));
  if (policyText) await emulator.clients.s3.send(new PutBucketPolicyCommand({ Bucket: name, Policy: policyText }));
}

describe('PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy', () => {
  it('keeps the policy text as sent, and answers NoSuchBucketPolicy without one', async () => {
    const { s3 } = emulator.clients;
    await bucketWith('policy-crud');
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-crud' }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist', $metadata: { httpStatusCode: 404 } });
    const text = publicRead('policy-crud');
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'policy-crud', Policy: text }));
    expect((await s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-crud' }))).Policy).toBe(text);
    expect((await s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'policy-crud' }))).PolicyStatus).toEqual({ IsPublic: true });
    expect((await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'policy-crud' }))).$metadata.httpStatusCode).toBe(204);
    expect((await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'policy-crud' }))).$metadata.httpStatusCode).toBe(204);
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-crud' }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy' });
  });

  it('refuses documents S3 refuses, in S3\'s words', async () => {
    const { s3 } = emulator.clients;
    await bucketWith('policy-checks');
    const arn = 'arn:aws:s3:::policy-checks/*';
    const cases: Array<[string, string]> = [
      ['not json', "Policies must be valid JSON and the first byte must be '{'"],
      ['{"Statement": [', 'This policy contains invalid Json'],
      ['{"Version": "2012-10-17"}', 'Missing required field Statement'],
      [policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: arn }), 'Policy has invalid action'],
      [policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::someone-elses-bucket/*' }), 'Policy has invalid resource'],
      [policy({ Effect: 'Allow', Principal: { AWS: 'not-a-principal' }, Action: 's3:GetObject', Resource: arn }), 'Invalid principal in policy'],
      [policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:role/no-such-role' }, Action: 's3:GetObject', Resource: arn }), 'Invalid principal in policy'],
      [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: arn }), 'Missing required field Principal'],
      [policy({ Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: arn }), 'Action does not apply to any resource(s) in statement'],
    ];
    for (const [text, message] of cases) {
      await expect(s3.send(new PutBucketPolicyCommand({ Bucket: 'policy-checks', Policy: text })), text).rejects.toMatchObject({ name: 'MalformedPolicy', message, $metadata: { httpStatusCode: 400 } });
    }
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: 'policy-checks' }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy' });
  });
});

describe('what a bucket policy allows', () => {
  it('lets another account in only for what the policy grants it', async () => {
    const stranger = emulator.clientsFor(OTHER).s3;
    await bucketWith('shared-receipts');
    await expect(stranger.send(new GetObjectCommand({ Bucket: 'shared-receipts', Key: 'receipt.txt' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await emulator.clients.s3.send(new PutBucketPolicyCommand({
      Bucket: 'shared-receipts',
      Policy: policy(
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::shared-receipts/*' },
        { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::shared-receipts' },
      ),
    }));
    const got = await stranger.send(new GetObjectCommand({ Bucket: 'shared-receipts', Key: 'receipt.txt' }));
    expect(await got.Body!.transformToString()).toBe('paid');
    await stranger.send(new PutObjectCommand({ Bucket: 'shared-receipts', Key: 'from-partner.txt', Body: 'hello' }));
    const listed = await emulator.clients.s3.send(new ListObjectsV2Command({ Bucket: 'shared-receipts' }));
    expect(listed.Contents?.map((item) => item.Key)).toEqual(['from-partner.txt', 'receipt.txt']);
    expect((await stranger.send(new ListObjectsV2Command({ Bucket: 'shared-receipts' }))).KeyCount).toBe(2);
    // Granted something, but not this; and the policy calls stay the owner's (405 for others, as on AWS).
    await expect(stranger.send(new GetBucketWebsiteCommand({ Bucket: 'shared-receipts' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await emulator.clients.s3.send(new PutBucketPolicyCommand({ Bucket: 'shared-receipts', Policy: policy({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:*', Resource: 'arn:aws:s3:::shared-receipts' }) }));
    await expect(stranger.send(new GetBucketPolicyCommand({ Bucket: 'shared-receipts' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 405 } });
    await expect(stranger.send(new GetObjectCommand({ Bucket: 'shared-receipts', Key: 'receipt.txt' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('answers an unsigned request only where the policy allows everyone ("*")', async () => {
    await bucketWith('anonymous-reads');
    const url = `${emulator.running.url}/anonymous-reads/receipt.txt`;
    const before = await fetch(url);
    expect(before.status).toBe(403);
    expect(await before.text()).toContain('<Code>AccessDenied</Code>');
    await emulator.clients.s3.send(new PutBucketPolicyCommand({ Bucket: 'anonymous-reads', Policy: publicRead('anonymous-reads') }));
    const after = await fetch(url);
    expect(after.status).toBe(200);
    expect(await after.text()).toBe('paid');
    // Reading is all "*" was given: no writes, no listing, no bucket list.
    expect((await fetch(url, { method: 'PUT', body: 'forged' })).status).toBe(403);
    expect((await fetch(`${emulator.running.url}/anonymous-reads`)).status).toBe(403);
    expect((await fetch(`${emulator.running.url}/`)).status).toBe(403);
    const missing = await fetch(`${emulator.running.url}/no-such-bucket-anywhere/x`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<Code>NoSuchBucket</Code>');
    // An account's own name in a policy is not everyone: an unsigned caller is not that account.
    await emulator.clients.s3.send(new PutBucketPolicyCommand({ Bucket: 'anonymous-reads', Policy: policy({ Effect: 'Allow', Principal: { AWS: '000000000000' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::anonymous-reads/*' }) }));
    expect((await fetch(url)).status).toBe(403);
  });

  it('applies an explicit Deny to the owner too, but never locks the owner out of the policy calls', async () => {
    const { s3 } = emulator.clients;
    await bucketWith('locked-receipts', policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::locked-receipts', 'arn:aws:s3:::locked-receipts/*'] }));
    await expect(s3.send(new GetObjectCommand({ Bucket: 'locked-receipts', Key: 'receipt.txt' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'locked-receipts' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await s3.send(new GetBucketPolicyCommand({ Bucket: 'locked-receipts' }))).Policy).toContain('Deny');
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'locked-receipts' }));
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'locked-receipts', Key: 'receipt.txt' }))).Body!.transformToString()).toBe('paid');
  });

  it('evaluates conditions with S3\'s keys: aws:SecureTransport holds for the API', async () => {
    const { s3 } = emulator.clients;
    await bucketWith('tls-only', policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::tls-only/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'tls-only', Key: 'receipt.txt' }))).Body!.transformToString()).toBe('paid');
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'tls-only', Policy: policy({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::tls-only/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }) }));
    await expect(s3.send(new GetObjectCommand({ Bucket: 'tls-only', Key: 'receipt.txt' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe('a bucket that does not exist', () => {
  it('is NoSuchBucket for every sub-resource, offered or not', async () => {
    const { s3 } = emulator.clients;
    for (const command of [new GetBucketPolicyCommand({ Bucket: 'nowhere-bucket' }), new GetBucketLifecycleConfigurationCommand({ Bucket: 'nowhere-bucket' }), new GetBucketWebsiteCommand({ Bucket: 'nowhere-bucket' }), new GetBucketAclCommand({ Bucket: 'nowhere-bucket' })]) {
      await expect(s3.send(command as never), command.constructor.name).rejects.toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
    }
    // The ACL sub-resource itself is still not offered.
    await bucketWith('acl-bucket');
    await expect(s3.send(new GetBucketAclCommand({ Bucket: 'acl-bucket' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 501 } });
  });
});

describe.skipIf(!hasAws)('the AWS CLI', () => {
  it('puts, reads and deletes a bucket policy with `aws s3api`', async () => {
    await bucketWith('cli-policy');
    const aws = (...args: string[]) => run('aws', ['--endpoint-url', emulator.running.url, 's3api', ...args], { env: clientEnv(), timeout: 60_000 });
    await aws('put-bucket-policy', '--bucket', 'cli-policy', '--policy', publicRead('cli-policy'));
    const got = JSON.parse((await aws('get-bucket-policy', '--bucket', 'cli-policy', '--output', 'json')).stdout) as { Policy: string };
    expect(JSON.parse(got.Policy).Statement[0].Principal).toBe('*');
    await aws('delete-bucket-policy', '--bucket', 'cli-policy');
    await expect(aws('get-bucket-policy', '--bucket', 'cli-policy')).rejects.toMatchObject({ stderr: expect.stringContaining('NoSuchBucketPolicy') });
  });
});
