import { describe, expect, it } from 'vitest';
import { sdkConfig } from '../../src/core/clients.ts';
import { isWorkshopError } from '../../src/core/errors.ts';
import { DEFAULT_EMULATOR_ENDPOINT, resolveTarget, type ResolveTargetOptions } from '../../src/core/target.ts';

function errorOf(options: ResolveTargetOptions): { code: string; message: string; hint: string | undefined } {
  try {
    resolveTarget(options);
  } catch (error) {
    if (isWorkshopError(error)) return { code: error.code, message: error.message, hint: error.hint };
    throw error;
  }
  throw new Error('expected resolveTarget to throw');
}

describe('target selection', () => {
  it('defaults to the emulator on loopback with test credentials', () => {
    const target = resolveTarget({ env: {} });
    expect(target).toMatchObject({ name: 'emulator', source: 'default', endpoint: DEFAULT_EMULATOR_ENDPOINT, region: 'us-east-1' });
    expect(target.credentials).toEqual({ accessKeyId: 'test', secretAccessKey: 'test' });
  });

  it('lets --target win over WORKSHOP_TARGET and AWS_ENDPOINT_URL', () => {
    const target = resolveTarget({ flag: 'emulator', env: { WORKSHOP_TARGET: 'aws', AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' } });
    expect(target).toMatchObject({ name: 'emulator', source: '--target', endpoint: 'http://127.0.0.1:5000' });
  });

  it('lets WORKSHOP_TARGET win over AWS_ENDPOINT_URL', () => {
    expect(resolveTarget({ env: { WORKSHOP_TARGET: 'LocalStack', AWS_ENDPOINT_URL: 'http://localhost:4566' } })).toMatchObject({
      name: 'localstack',
      source: 'WORKSHOP_TARGET',
      endpoint: 'http://localhost:4566',
    });
  });

  it('reads an AWS_ENDPOINT_URL already set as a LocalStack-style endpoint', () => {
    expect(resolveTarget({ env: { AWS_ENDPOINT_URL: 'http://localhost:4566/' } })).toMatchObject({
      name: 'localstack',
      source: 'AWS_ENDPOINT_URL',
      endpoint: 'http://localhost:4566',
    });
  });

  it('gives aws no endpoint and no fixed credentials, and takes the region from the environment', () => {
    const target = resolveTarget({ flag: 'aws', env: { AWS_REGION: 'eu-central-1' } });
    expect(target).toMatchObject({ name: 'aws', endpoint: undefined, credentials: undefined, region: 'eu-central-1' });
    expect(sdkConfig(target)).toEqual({ region: 'eu-central-1' });
  });

  it('uses AWS_DEFAULT_REGION when AWS_REGION is absent', () => {
    expect(resolveTarget({ env: { AWS_DEFAULT_REGION: 'ap-southeast-1' } }).region).toBe('ap-southeast-1');
  });

  it('signs as a 12-digit account when grading gives one', () => {
    const target = resolveTarget({ env: {}, accountId: '123456789012' });
    expect(target.credentials?.accessKeyId).toBe('123456789012');
    expect(errorOf({ env: {}, accountId: '12' }).code).toBe('BAD_ACCOUNT_ID');
  });

  it('rejects an unknown target and lists the valid ones, naming where the value came from', () => {
    const fromFlag = errorOf({ flag: 'lambda', env: {} });
    expect(fromFlag.code).toBe('UNKNOWN_TARGET');
    expect(fromFlag.message).toContain('--target');
    expect(fromFlag.hint).toBe('choose one of: emulator, localstack, aws');
    expect(errorOf({ env: { WORKSHOP_TARGET: 'cloud' } }).message).toContain('WORKSHOP_TARGET');
  });

  it('refuses aws while AWS_ENDPOINT_URL would redirect it', () => {
    const error = errorOf({ flag: 'aws', env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' } });
    expect(error.code).toBe('TARGET_CONFLICT');
    expect(error.hint).toContain('unset AWS_ENDPOINT_URL');
  });

  it('rejects an endpoint that is not an http URL', () => {
    expect(errorOf({ env: { AWS_ENDPOINT_URL: 'localhost:4566' } }).code).toBe('BAD_ENDPOINT');
    expect(errorOf({ env: { AWS_ENDPOINT_URL: 'not a url' } }).code).toBe('BAD_ENDPOINT');
  });

  it('ignores empty variables', () => {
    expect(resolveTarget({ env: { WORKSHOP_TARGET: '', AWS_ENDPOINT_URL: ' ' } }).name).toBe('emulator');
  });

  it('configures local clients for fast failure and path-style S3', async () => {
    const { createClients } = await import('../../src/core/clients.ts');
    const clients = createClients(resolveTarget({ env: {} }));
    expect(await clients.s3.config.forcePathStyle).toBe(true);
    expect(await clients.lambda.config.region()).toBe('us-east-1');
    expect(clients.lambda).toBe(clients.lambda);
    clients.destroy();
  });
});
