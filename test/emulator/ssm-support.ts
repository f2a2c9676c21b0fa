/** Test helpers for Parameter Store and Secrets Manager: real SDK clients pointed at an emulator, per account and region. */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';

function configAt(url: string, accountId?: string, region?: string) {
  const config = sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: url }, accountId }));
  return region ? { ...config, region } : config;
}

/** An SSM client for `url`, signing as `accountId` in `region` (defaults: the kit's account, us-east-1). */
export function ssmAt(url: string, accountId?: string, region?: string): SSMClient {
  return new SSMClient(configAt(url, accountId, region));
}

/** A Secrets Manager client for `url`, signing as `accountId` in `region`. */
export function secretsAt(url: string, accountId?: string, region?: string): SecretsManagerClient {
  return new SecretsManagerClient(configAt(url, accountId, region));
}

/** The error a promise rejects with: its code (the SDK's `name`), message and HTTP status. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const failed = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: failed.name, message: failed.message, status: failed.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail, and it succeeded');
}
