/**
 * With a secret table (cohort grading), the emulator verifies every call's SigV4 signature as AWS
 * does: the SDK, the AWS CLI and presigned URLs signed with the right secret work in every
 * protocol; a wrong secret or an unknown key gets AWS's error; functions sign with their account's
 * secret, which the emulator hands them.
 */
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { CreateFunctionCommand, InvokeCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import { CreateQueueCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createClients, type AwsClients } from '../../src/core/clients.ts';
import { NodeSha256, accountSecret, signedRouteHeaders } from '../../src/emulator/signature.ts';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';
import { waitUntilReady } from '../../src/core/deploy.ts';

const RUN_SECRET = 'run-secret-for-this-file';
const OWN = '111111111111';
const emulator = useEmulator({ secrets: (key) => (/^\d{12}$/.test(key) && key !== '999999999999' ? accountSecret(RUN_SECRET, key) : undefined) });
const { hasAws } = await realClients('signatures');

function clientsWith(accessKeyId: string, secretAccessKey: string): AwsClients {
  return createClients({ name: 'emulator', source: 'default', region: 'us-east-1', endpoint: emulator.running.url, credentials: { accessKeyId, secretAccessKey } });
}

describe('verified signatures', () => {
  it('accepts the SDK signing with the right secret, in every protocol', async () => {
    const clients = clientsWith(OWN, accountSecret(RUN_SECRET, OWN));
    try {
      expect((await clients.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(OWN);
      expect((await clients.dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      expect((await clients.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
      await clients.sqs.send(new CreateQueueCommand({ QueueName: 'signed-queue' }));
      expect((await clients.sqs.send(new ListQueuesCommand({}))).QueueUrls).toHaveLength(1);
      await clients.s3.send(new CreateBucketCommand({ Bucket: 'signed-bucket' }));
      await clients.s3.send(new PutObjectCommand({ Bucket: 'signed-bucket', Key: 'a b/ü+c.txt', Body: 'body' }));
      expect(await (await clients.s3.send(new GetObjectCommand({ Bucket: 'signed-bucket', Key: 'a b/ü+c.txt' }))).Body!.transformToString()).toBe('body');
      const url = await getSignedUrl(clients.s3, new GetObjectCommand({ Bucket: 'signed-bucket', Key: 'a b/ü+c.txt' }), { expiresIn: 60 });
      expect(await (await fetch(url)).text()).toBe('body');
      const tampered = url.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000');
      expect((await fetch(tampered)).status).toBe(403);
    } finally {
      clients.destroy();
    }
  });

  it('refuses a wrong secret with each protocol\'s error', async () => {
    const clients = clientsWith(OWN, 'guessed');
    try {
      await expect(clients.sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
      await expect(clients.dynamodb.send(new ListTablesCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400 } });
      await expect(clients.lambda.send(new ListFunctionsCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } });
      await expect(clients.s3.send(new GetObjectCommand({ Bucket: 'signed-bucket', Key: 'a b/ü+c.txt' }))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    } finally {
      clients.destroy();
    }
  });

  it('refuses a key it does not know', async () => {
    const clients = clientsWith('999999999999', 'anything');
    try {
      await expect(clients.sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
      await expect(clients.dynamodb.send(new ListTablesCommand({}))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
      await expect(clients.s3.send(new GetObjectCommand({ Bucket: 'signed-bucket', Key: 'x' }))).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    } finally {
      clients.destroy();
    }
  });

  it('gives a function its own account\'s secret, so its SDK calls are accepted', async () => {
    const clients = clientsWith(OWN, accountSecret(RUN_SECRET, OWN));
    const code = "import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';\nexport const handler = async () => (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Account;\n";
    try {
      await clients.lambda.send(new CreateFunctionCommand({ FunctionName: 'who-am-i', Role: `arn:aws:iam::${OWN}:role/r`, Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: zipSync({ 'index.mjs': new TextEncoder().encode(code) }) } }));
      await waitUntilReady(clients.lambda, 'who-am-i');
      const answer = await clients.lambda.send(new InvokeCommand({ FunctionName: 'who-am-i' }));
      expect(answer.FunctionError, new TextDecoder().decode(answer.Payload)).toBeUndefined();
      expect(JSON.parse(new TextDecoder().decode(answer.Payload))).toBe(OWN);
    } finally {
      clients.destroy();
    }
  });

  it('takes the caller only from the signature that checked out: a second, forged scope is refused', async () => {
    const clients = clientsWith(OWN, accountSecret(RUN_SECRET, OWN));
    try {
      const url = await getSignedUrl(clients.s3, new GetObjectCommand({ Bucket: 'signed-bucket', Key: 'a b/ü+c.txt' }), { expiresIn: 60 });
      const forged = await fetch(url, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=222222222222/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=zz' } });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('Only one auth mechanism allowed');
    } finally {
      clients.destroy();
    }
  });

  it('refuses an expired presigned URL and a request signed too long ago, as AWS does', async () => {
    const clients = clientsWith(OWN, accountSecret(RUN_SECRET, OWN));
    try {
      const old = await getSignedUrl(clients.s3, new GetObjectCommand({ Bucket: 'signed-bucket', Key: 'a b/ü+c.txt' }), { expiresIn: 60, signingDate: new Date(Date.now() - 120_000) });
      const expired = await fetch(old);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('Request has expired');
      const url = new URL(`${emulator.running.url}/`);
      const body = '{}';
      const signer = new SignatureV4({ credentials: { accessKeyId: OWN, secretAccessKey: accountSecret(RUN_SECRET, OWN) }, region: 'us-east-1', service: 'dynamodb', sha256: NodeSha256 });
      const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers: { host: url.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' }, body }, { signingDate: new Date(Date.now() - 20 * 60_000) });
      const skewed = await fetch(url, { method: 'POST', body, headers: Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host')) as Record<string, string> });
      expect(skewed.status).toBe(400);
      expect(((await skewed.json()) as { __type: string; message: string }).message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
    } finally {
      clients.destroy();
    }
  });

  it('serves the trace and the resource list only to the signer\'s own account', async () => {
    const credentials = { accessKeyId: OWN, secretAccessKey: accountSecret(RUN_SECRET, OWN) };
    const read = async (path: string, signWith = credentials) => {
      const url = new URL(path, emulator.running.url);
      return fetch(url, { headers: await signedRouteHeaders(url, 'GET', signWith, 'us-east-1') });
    };
    expect((await read(`/_workshop/trace?account=${OWN}`)).status).toBe(200);
    expect((await read('/_workshop/resources')).status).toBe(200);
    const other = await read('/_workshop/trace?account=222222222222');
    expect(other.status).toBe(403);
    expect(((await other.json()) as { message: string }).message).toContain('only its own account');
    expect((await read('/_workshop/resources?account=222222222222')).status).toBe(403);
    expect((await read(`/_workshop/trace?account=${OWN}`, { accessKeyId: OWN, secretAccessKey: 'guessed' })).status).toBe(403);
    expect((await fetch(`${emulator.running.url}/_workshop/trace`)).status).toBe(403);
  });

  describe.skipIf(!hasAws)('the AWS CLI', () => {
    const aws = async (secret: string, ...args: string[]) => {
      try {
        const { stdout } = await promisify(execFile)('aws', ['--endpoint-url', emulator.running.url, ...args, '--output', 'json'], { env: clientEnv({ AWS_ACCESS_KEY_ID: OWN, AWS_SECRET_ACCESS_KEY: secret }), timeout: 30_000 });
        return { code: 0, out: stdout };
      } catch (error) {
        return { code: 1, out: String((error as { stderr?: string }).stderr ?? '') };
      }
    };

    it('signs query, JSON and REST calls the emulator accepts, and a wrong secret is refused', async () => {
      expect(JSON.parse((await aws(accountSecret(RUN_SECRET, OWN), 'sts', 'get-caller-identity')).out).Account).toBe(OWN);
      expect((await aws(accountSecret(RUN_SECRET, OWN), 'dynamodb', 'list-tables')).code).toBe(0);
      expect((await aws(accountSecret(RUN_SECRET, OWN), 'sqs', 'list-queues')).code).toBe(0);
      expect((await aws(accountSecret(RUN_SECRET, OWN), 's3api', 'list-objects-v2', '--bucket', 'signed-bucket')).code).toBe(0);
      const wrong = await aws('guessed', 'sts', 'get-caller-identity');
      expect(wrong.code).toBe(1);
      expect(wrong.out).toContain('SignatureDoesNotMatch');
    }, 60_000);
  });
});
