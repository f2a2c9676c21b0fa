/**
 * Packaging and deploying a learner's handler: esbuild bundles it (TypeScript allowed) into one
 * ESM file, fflate zips it, and the Lambda SDK creates or updates the function and waits until
 * it is ready, so a second deploy updates instead of failing. A lab's deploy also runs the
 * learner's own setup functions (its table, its rule) in the learner sandbox, and prints an
 * invoke command with an example event.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import {
  CreateFunctionCommand, GetFunctionConfigurationCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand, type LambdaClient,
} from '@aws-sdk/client-lambda';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { basename, dirname, join, relative } from 'node:path';
import type { AwsClients } from './clients.ts';
import { coreMessage } from './core-messages.ts';
import { deployMessage } from './deploy-messages.ts';
import { joined } from './i18n/texts.ts';
import { EXIT, WorkshopError } from './errors.ts';
import { LearnerProcess } from './grader/sandbox.ts';
import { confineImports } from '../sandbox/confine-imports.ts';
import type { setupCallSchema } from './lab-schema.ts';
import { targetEnvironment } from './run-env.ts';
import { DEFAULT_ACCOUNT_ID, type Target } from './target.ts';
import type { z } from 'zod';

/** The Node.js runtime labs deploy to. */
export const LAB_RUNTIME = 'nodejs22.x' as const;

/** Trust policy that lets Lambda assume a role. */
const LAMBDA_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/**
 * Bundles `exportName` of `file` as the handler `index.handler` and zips it. A missing export is
 * refused here, naming the file and the export: esbuild lets a TypeScript re-export of a name
 * that does not exist through (it could be a type), and Lambda would only say that
 * index.handler is undefined.
 */
export async function bundleHandler(file: string, exportName = 'handler'): Promise<Uint8Array> {
  const options = {
    bundle: true,
    write: false as const,
    format: 'esm' as const,
    platform: 'node' as const,
    target: 'node22',
    // Lambda's Node.js runtimes ship the AWS SDK v3, as the emulator's do.
    external: ['@aws-sdk/*', '@smithy/*'],
    logLevel: 'silent' as const,
    // The package holds the lab folder's own files only: never the kit's solutions, graders or another learner's code.
    plugins: [confineImports(dirname(file))],
  };
  let output: string;
  let exported: string[];
  try {
    // The learner's file alone first: its metafile lists what it exports at run time.
    const learner = await build({ ...options, entryPoints: [file], metafile: true as const });
    exported = Object.values(learner.metafile.outputs).find((out) => out.entryPoint !== undefined)?.exports ?? [];
    const entry = `export { ${exportName} as handler } from './${basename(file)}';`;
    const result = exported.includes(exportName)
      ? await build({ ...options, stdin: { contents: entry, resolveDir: dirname(file), loader: 'ts', sourcefile: 'lambda-entry.ts' } })
      : undefined;
    output = result?.outputFiles[0]!.text ?? '';
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> }).errors ?? [];
    const first = errors[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    const detail = first?.text ?? (error as Error).message;
    throw new WorkshopError('BUNDLE_FAILED', deployMessage('bundleFailed', { file: basename(file), where, detail }), {
      hint: coreMessage('fixAndRerun'),
      exitCode: EXIT.failed,
    });
  }
  if (!exported.includes(exportName)) {
    const others = exported.filter((name) => name !== exportName);
    const exports = others.length > 0 ? joined(others) : deployMessage('exportsNothing');
    throw new WorkshopError('HANDLER_NOT_EXPORTED', deployMessage('handlerNotExported', { file: basename(file), exportName, exports }), {
      hint: coreMessage('exportHandler', { exportName, file: basename(file) }),
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
      const reason = configuration.StateReason ?? configuration.LastUpdateStatusReason ?? deployMessage('noReason');
      throw new WorkshopError('DEPLOY_FAILED', deployMessage('deployFailed', { name, reason }));
    }
    const ready = configuration.State === 'Active' && (configuration.LastUpdateStatus === undefined || configuration.LastUpdateStatus === 'Successful');
    if (ready) return;
    if (Date.now() > deadline) {
      const late = { name, seconds: timeoutMs / 1000, state: String(configuration.State), status: String(configuration.LastUpdateStatus) };
      throw new WorkshopError('DEPLOY_TIMEOUT', deployMessage('deployTimeout', late));
    }
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

/** One setup call of a lab's deploy entry. */
export type SetupCall = z.infer<typeof setupCallSchema>;

/** Replaces `{ "$client": name }` with that SDK client and `{ "$functionArn": true }` with the ARN. */
function resolveArgs(value: unknown, clients: AwsClients, functionArn: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveArgs(item, clients, functionArn));
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$client === 'string') {
    const client = clients[record.$client as keyof AwsClients];
    if (!client || typeof client === 'function') throw new WorkshopError('BAD_LAB_FILE', coreMessage('unknownClient', { client: record.$client }), { exitCode: EXIT.failed });
    return client;
  }
  if (record.$functionArn === true) {
    if (!functionArn) throw new WorkshopError('BAD_LAB_FILE', coreMessage('arnTooEarly'), { exitCode: EXIT.failed });
    return functionArn;
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, resolveArgs(item, clients, functionArn)]));
}

/** The host's own credentials, the only host variables learner code gets, and only on the aws target. */
const AWS_CREDENTIALS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/** The variables a learner process needs to reach `target`, and nothing else of the host's. */
function learnerEnv(target: Target): Record<string, string> {
  const key = target.credentials?.accessKeyId ?? '';
  const env = targetEnvironment(target, /^\d{12}$/.test(key) ? key : DEFAULT_ACCOUNT_ID);
  // On AWS the setup calls create the learner's real resources, so they need the learner's real credentials.
  if (target.name === 'aws') for (const name of AWS_CREDENTIALS) if (process.env[name]) env[name] = process.env[name];
  return env;
}

/**
 * Runs the learner's setup calls in the learner sandbox (never in the kit's own process), with
 * read access to the lab folders only; a throw becomes a WorkshopError naming the call.
 * Resolves with what each call returned (an HTTP API's URL, say).
 */
export async function runSetupCalls(labDir: string, calls: SetupCall[], clients: AwsClients, target: Target, functionArn?: string): Promise<unknown[]> {
  const results: unknown[] = [];
  if (calls.length === 0) return results;
  const root = dirname(labDir);
  const learner = new LearnerProcess(root, learnerEnv(target));
  try {
    for (const call of calls) {
      const file = join(labDir, call.file);
      const shown = relative(root, file);
      if (shown.startsWith('..')) throw new WorkshopError('BAD_LAB_FILE', coreMessage('outsideLabs', { file: call.file }), { exitCode: EXIT.failed });
      try {
        results.push(await learner.call(file, call.export, call.args.map((arg) => resolveArgs(arg, clients, functionArn)), { timeoutMs: 120_000, memoryMb: 256 }));
      } catch (error) {
        if (error instanceof WorkshopError) throw error;
        const { name, message } = error as Error;
        throw new WorkshopError('SETUP_FAILED', coreMessage('setupFailed', { export: call.export, file: shown, name, message }), {
          hint: coreMessage('setupFailedHint', { export: call.export }),
          exitCode: EXIT.failed,
        });
      }
    }
  } finally {
    learner.close();
  }
  return results;
}

/**
 * Fails, saying what to do, when the table a function is configured with (its TABLE_NAME) does
 * not exist after the setup calls that were to create it: every invocation would fail on it.
 */
export async function requireTable(clients: AwsClients, tableName: string | undefined, calls: SetupCall[]): Promise<void> {
  if (!tableName) return;
  try {
    await clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
    const message = calls.length > 0
      ? coreMessage('tableNotCreated', { table: tableName, calls: calls.map((call) => `${call.export} (${call.file})`).join(', ') })
      : coreMessage('tableNothingCreates', { table: tableName });
    throw new WorkshopError('SETUP_INCOMPLETE', message, {
      hint: coreMessage('completeSetup'),
      exitCode: EXIT.failed,
    });
  }
}

/** Quotes a value for a POSIX shell, in single quotes. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The shell command that invokes `name` with `example` (an empty event when absent) through the
 * AWS CLI. The event goes in a file read with fileb://, which versions 1 and 2 of the CLI both
 * send as is; for the local targets the command carries their test credentials and region, so it
 * works without any AWS settings.
 */
export function invokeCommand(target: Target, name: string, example: unknown): string {
  const credentials = target.credentials
    ? `AWS_ACCESS_KEY_ID=${target.credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${target.credentials.secretAccessKey} AWS_DEFAULT_REGION=${target.region} `
    : '';
  const endpoint = target.endpoint ? ` --endpoint-url ${target.endpoint}` : '';
  const payload = shellQuote(JSON.stringify(example ?? {}));
  return `printf '%s' ${payload} > event.json && ${credentials}aws lambda invoke${endpoint} --function-name ${name} --payload fileb://event.json response.json && cat response.json`;
}
