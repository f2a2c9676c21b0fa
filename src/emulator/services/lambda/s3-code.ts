/**
 * Deployment packages named by `S3Bucket`/`S3Key`: Lambda reads the object from the emulator's S3
 * as the caller's account, and answers AWS's error when it cannot.
 */
import { isAwsError } from '../../errors.ts';
import { InvalidParameterValueException } from './errors.ts';
import type { LambdaContext } from './model.ts';

/** `source` with `S3Bucket`/`S3Key` replaced by the object's bytes in `ZipFile`; as given when it names no object. */
export async function withS3Package<T extends Record<string, any> | undefined>(context: LambdaContext, source: T): Promise<T> {
  if (!source || typeof source !== 'object' || (!source.S3Bucket && !source.S3Key) || source.ZipFile) return source;
  const bucket = String(source.S3Bucket ?? '');
  const key = String(source.S3Key ?? '');
  if (!bucket || !key) throw new InvalidParameterValueException('Please provide both S3Bucket and S3Key to deploy code from S3.');
  const headers: Record<string, string> = {};
  try {
    const answer = await context.emulator.call('s3', 'GetObject', { Bucket: bucket, Key: key, headers, query: new URLSearchParams(), body: Buffer.alloc(0) }, { account: context.account, region: context.region });
    const { S3Bucket: _bucket, S3Key: _key, S3ObjectVersion: _version, ...rest } = source;
    return { ...rest, ZipFile: Buffer.from(answer.body) } as unknown as T;
  } catch (error) {
    if (!isAwsError(error)) throw error;
    const message = error.code === 'NoSuchKey' ? 'The specified key does not exist.' : error.code === 'NoSuchBucket' ? 'The specified bucket does not exist' : error.message;
    throw new InvalidParameterValueException(`Error occurred while GetObject. S3 Error Code: ${error.code}. S3 Error Message: ${message}`);
  }
}
