/** Creates a function, or updates its code when it exists, and waits until it can be invoked. */
import {
  CreateFunctionCommand, ResourceConflictException, UpdateFunctionCodeCommand, waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2, type LambdaClient,
} from '@aws-sdk/client-lambda';

/** What a deployment needs. */
export interface DeployOptions {
  name: string;
  roleArn: string;
  zip: Uint8Array;
  handler?: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  environment?: Record<string, string>;
}

/** Deploys `options.zip` as function `options.name`; says whether it was created or updated. */
export async function deployFunction(
  lambda: LambdaClient,
  options: DeployOptions,
): Promise<{ arn: string; action: 'created' | 'updated' }> {
  const { name, zip } = options;
  try {
    const created = await lambda.send(new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: options.handler ?? 'index.handler',
      Role: options.roleArn,
      Code: { ZipFile: zip },
      MemorySize: options.memoryMb ?? 128,
      Timeout: options.timeoutSeconds ?? 10,
      Environment: { Variables: options.environment ?? {} },
    }));
    // A new function starts Pending; invoking it before it is Active fails.
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60 }, { FunctionName: name });
    return { arn: created.FunctionArn!, action: 'created' };
  } catch (error) {
    if (!(error instanceof ResourceConflictException)) throw error;
  }
  // The function exists: replace its code, then wait for LastUpdateStatus to leave InProgress.
  const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip }));
  await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 60 }, { FunctionName: name });
  return { arn: updated.FunctionArn!, action: 'updated' };
}
