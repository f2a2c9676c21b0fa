/** Lambda deployment packages from the emulator's S3 (Code.S3Bucket/S3Key), through the SDK v3 Lambda client. */
import { CreateFunctionCommand, InvokeCommand, UpdateFunctionCodeCommand, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2 } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { ROLE, zipOf } from '../support/lambda.ts';

describe('Lambda code from S3', () => {
  const emulator = useEmulator();

  it('creates and updates a function from S3 objects, and answers AWS errors for a missing one', async () => {
    const { s3, lambda } = emulator.clients;
    await s3.send(new CreateBucketCommand({ Bucket: 'code-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'code-bucket', Key: 'v1.zip', Body: zipOf({ 'index.js': 'exports.handler = async () => "v1";' }) }));
    await s3.send(new PutObjectCommand({ Bucket: 'code-bucket', Key: 'v2.zip', Body: zipOf({ 'index.js': 'exports.handler = async () => "v2";' }) }));
    await lambda.send(new CreateFunctionCommand({ FunctionName: 's3-code', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'code-bucket', S3Key: 'v1.zip' } }));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 20 }, { FunctionName: 's3-code' });
    const payload = async () => JSON.parse(Buffer.from((await lambda.send(new InvokeCommand({ FunctionName: 's3-code' }))).Payload!).toString());
    expect(await payload()).toBe('v1');
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 's3-code', S3Bucket: 'code-bucket', S3Key: 'v2.zip' }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 20 }, { FunctionName: 's3-code' });
    expect(await payload()).toBe('v2');
    await expect(lambda.send(new CreateFunctionCommand({ FunctionName: 's3-missing', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'code-bucket', S3Key: 'none.zip' } }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.',
    });
    await expect(lambda.send(new CreateFunctionCommand({ FunctionName: 's3-nobucket', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { S3Bucket: 'no-such-bucket', S3Key: 'a.zip' } }))).rejects.toThrow('S3 Error Code: NoSuchBucket');
  }, 60_000);
});
