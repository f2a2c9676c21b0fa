/**
 * Packaging and deploying a learner's handler: esbuild bundles it (TypeScript allowed) into one
 * ESM file, fflate zips it, and the Lambda SDK creates or updates the function and waits until
 * it is ready, so a second deploy updates instead of failing.
 */
import { CreateRoleCommand, GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import {
  CreateFunctionCommand, GetFunctionConfigurationCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, type LambdaClient,
} from '@aws-sdk/client-lambda';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { basename, dirname } from 'node:path';
import { EXIT, WorkshopError } from './errors.ts';

/** The Node.js runtime labs deploy to. */
export const LAB_RUNTIME = 'nodejs22.x' as const;

/** Trust policy that lets Lambda assume a role. */
const LAMBDA_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Bundles `exportName` of `file` as the handler `index.handler` and zips it. */
export async function bundleHandler(file: string, exportName = 'handler'): Promise<Uint8Array> {
  let output: string;
  try {
    const result = await build({
      stdin: { contents: `export { ${exportName} as handler } from './${basename(file)}';`, resolveDir: dirname(file), loader: 'ts', sourcefile: 'lambda-entry.ts' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      // Lambda's Node.js runtimes ship the AWS SDK v3, as the emulator's do.
      external: ['@aws-sdk/*', '@smithy/*'],
      logLevel: 'silent',
    });
    output = result.outputFiles[0]!.text;
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> }).errors ?? [];
    const first = errors[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    throw new WorkshopError('BUNDLE_FAILED', `${basename(file)} does not compile: ${where}${first?.text ?? (error as Error).message}`, {
      hint: 'fix that line, save, and run the command again',
      exitCode: EXIT.failed,
    });
  }
  return zipSync({ 'index.mjs': new TextEncoder().encode(output) });
}

/** Returns the ARN of an execution role for Lambda, creating it when missing. */
export async function ensureExecutionRole(iam: IAMClient, roleName: string): Promise<string> {
  try {
    return (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!.Arn!;
  } catch (error) {
    if ((error as Error).name !== 'NoSuchEntityException') throw error;
  }
  return (await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: LAMBDA_TRUST }))).Role!.Arn!;
}

/** What {@link deployFunction} needs. */
export interface DeployOptions {
  name: string;
  role: string;
  zip: Uint8Array;
  environment?: Record<string, string>;
  timeout?: number;
  memorySize?: number;
}

/**
 * Waits until the function is Active and its last update Successful. It polls from 50 ms up to
 * 1 s between calls (the SDK's waiters start at 1 s, which would dominate a local check).
 */
export async function waitUntilReady(lambda: LambdaClient, name: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    if (configuration.State === 'Failed' || configuration.LastUpdateStatus === 'Failed') {
      throw new WorkshopError('DEPLOY_FAILED', `function ${name} failed to become ready: ${configuration.StateReason ?? configuration.LastUpdateStatusReason ?? 'no reason given'}`);
    }
    const ready = configuration.State === 'Active' && (configuration.LastUpdateStatus === undefined || configuration.LastUpdateStatus === 'Successful');
    if (ready) return;
    if (Date.now() > deadline) throw new WorkshopError('DEPLOY_TIMEOUT', `function ${name} was not ready after ${timeoutMs / 1000} s (State ${configuration.State}, LastUpdateStatus ${configuration.LastUpdateStatus})`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Creates the function, or updates its code and configuration; waits until it can be invoked. */
export async function deployFunction(lambda: LambdaClient, options: DeployOptions): Promise<{ arn: string; created: boolean }> {
  const configuration = {
    FunctionName: options.name,
    Role: options.role,
    Handler: 'index.handler',
    Runtime: LAB_RUNTIME,
    Timeout: options.timeout ?? 3,
    MemorySize: options.memorySize ?? 128,
    Environment: { Variables: options.environment ?? {} },
  };
  let exists = true;
  try {
    await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: options.name }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    exists = false;
  }
  if (!exists) {
    const created = await lambda.send(new CreateFunctionCommand({ ...configuration, Code: { ZipFile: options.zip } }));
    await waitUntilReady(lambda, options.name);
    return { arn: created.FunctionArn!, created: true };
  }
  await waitUntilReady(lambda, options.name);
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: options.name, ZipFile: options.zip }));
  await waitUntilReady(lambda, options.name);
  const updated = await lambda.send(new UpdateFunctionConfigurationCommand(configuration));
  await waitUntilReady(lambda, options.name);
  return { arn: updated.FunctionArn!, created: false };
}
