/**
 * aws:SecureTransport: the emulator serves plain HTTP in place of AWS's HTTPS, so a request counts
 * as TLS unless X-Forwarded-Proto (set by a TLS-terminating proxy) says the client used plain
 * HTTP. A bucket policy that denies non-TLS access, and a role policy that allows only over TLS,
 * then refuse that request as AWS refuses one sent to http://s3.amazonaws.com.
 */
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const ACCOUNT = '000000000000';
const DENY_PLAIN_HTTP = (bucket: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
});

/** An S3 client whose requests say, as a proxy would, that they came over plain HTTP. */
function plainHttp(client: S3Client): S3Client {
  client.middlewareStack.add((next) => async (args) => {
    (args.request as { headers: Record<string, string> }).headers['x-forwarded-proto'] = 'http';
    return next(args);
  }, { step: 'build', name: 'plainHttp' });
  return client;
}

async function refusedName(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as Error).name;
  }
  return 'allowed';
}

describe('aws:SecureTransport', () => {
  const emulator = useEmulator({ settings: { iam: 'enforce' } });

  it('a bucket policy denying non-TLS access refuses a plain-HTTP request and lets a TLS one through', async () => {
    const { s3 } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'tls-only' }));
    await s3.send(new PutObjectCommand({ Bucket: 'tls-only', Key: 'a.txt', Body: 'a' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'tls-only', Policy: DENY_PLAIN_HTTP('tls-only') }));
    const config = { endpoint: emulator.running.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'test' }, maxAttempts: 1 };
    const plain = plainHttp(new S3Client(config));
    try {
      expect(await refusedName(plain.send(new GetObjectCommand({ Bucket: 'tls-only', Key: 'a.txt' })))).toBe('AccessDenied');
      expect(await refusedName(plain.send(new PutObjectCommand({ Bucket: 'tls-only', Key: 'b.txt', Body: 'b' })))).toBe('AccessDenied');
      expect(await refusedName(s3.send(new GetObjectCommand({ Bucket: 'tls-only', Key: 'a.txt' })))).toBe('allowed');
    } finally {
      plain.destroy();
    }
  });

  it('a role policy conditioned on aws:SecureTransport allows the role only over TLS', async () => {
    const { iam, s3, sts } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'role-bucket' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'writer', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'writer', PolicyName: 'tls', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::role-bucket/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] }) }));
    const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/writer`, RoleSessionName: 'receipts' }));
    const config = { endpoint: emulator.running.url, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! } };
    const tls = new S3Client(config);
    const plain = plainHttp(new S3Client(config));
    try {
      expect(await refusedName(tls.send(new PutObjectCommand({ Bucket: 'role-bucket', Key: 'r.txt', Body: 'r' })))).toBe('allowed');
      expect(await refusedName(plain.send(new PutObjectCommand({ Bucket: 'role-bucket', Key: 'p.txt', Body: 'p' })))).toBe('AccessDenied');
    } finally {
      tls.destroy();
      plain.destroy();
    }
  });
});
