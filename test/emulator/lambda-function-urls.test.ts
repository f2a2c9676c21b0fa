/**
 * Function URL configs through the real SDK and the AWS CLI: AWS's answers and errors for the
 * five operations, a URL per function or alias, the permission statements a public URL needs,
 * and URLs that survive a restart with --state and keep answering.
 */
import {
  AddPermissionCommand, CreateAliasCommand, CreateFunctionUrlConfigCommand, DeleteFunctionCommand, DeleteFunctionUrlConfigCommand,
  GetFunctionUrlConfigCommand, ListFunctionUrlConfigsCommand, PublishVersionCommand, UpdateFunctionUrlConfigCommand, type LambdaClient,
} from '@aws-sdk/client-lambda';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';
import { callUrl } from './lambda-function-urls-http.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';
const URL_SHAPE = (port: string) => new RegExp(`^http://[a-z0-9]{32}\\.lambda-url\\.us-east-1\\.localhost\\.localstack\\.cloud:${port}/$`);

/** The two statements a public URL needs since October 2025. */
async function allowPublic(lambda: LambdaClient, name: string, qualifier?: string): Promise<void> {
  await lambda.send(new AddPermissionCommand({ FunctionName: name, Qualifier: qualifier, StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: name, Qualifier: qualifier, StatementId: 'invoke', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
}

describe('function URL configs', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });
  let lambda: LambdaClient;
  let port: string;

  beforeAll(async () => {
    lambda = emulator.clients.lambda;
    port = new URL(emulator.running.url).port;
    await createFunction(lambda, 'hook');
    await lambda.send(new PublishVersionCommand({ FunctionName: 'hook' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'hook', Name: 'live', FunctionVersion: '1' }));
  });

  it('creates a URL with AWS\'s answer and refuses a second one for the same function', async () => {
    const created = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'hook', AuthType: 'NONE' }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({ FunctionArn: `${ARN}:hook`, AuthType: 'NONE' });
    expect(created.FunctionUrl).toMatch(URL_SHAPE(port));
    expect(created.CreationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(created.InvokeMode).toBeUndefined();
    await expect(lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'hook', AuthType: 'AWS_IAM' }))).rejects.toMatchObject({
      name: 'ResourceConflictException', $metadata: { httpStatusCode: 409 },
      message: `Failed to create function url config for [functionArn = ${ARN}:hook]. Error message:  FunctionUrlConfig exists for this Lambda function`,
    });
  });

  it('gets, updates and lists URLs, an alias having its own, and keeps what an update leaves out', async () => {
    const cors = { AllowOrigins: ['http://shop.example'], AllowMethods: ['GET'], MaxAge: 60 };
    const aliased = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'hook', Qualifier: 'live', AuthType: 'NONE', Cors: cors, InvokeMode: 'BUFFERED' }));
    expect(aliased).toMatchObject({ FunctionArn: `${ARN}:hook:live`, Cors: cors, InvokeMode: 'BUFFERED' });
    const got = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'hook:live' }));
    expect(got).toMatchObject({ FunctionUrl: aliased.FunctionUrl, AuthType: 'NONE', Cors: cors, InvokeMode: 'BUFFERED', CreationTime: aliased.CreationTime });
    expect(got.LastModifiedTime).toBeDefined();
    const updated = await lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'hook', Qualifier: 'live', AuthType: 'AWS_IAM' }));
    expect(updated).toMatchObject({ FunctionUrl: aliased.FunctionUrl, AuthType: 'AWS_IAM', Cors: cors, InvokeMode: 'BUFFERED' });
    const listed = await lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'hook' }));
    expect(listed.FunctionUrlConfigs?.map((config) => config.FunctionArn)).toEqual([`${ARN}:hook`, `${ARN}:hook:live`]);
    const page = await lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'hook', MaxItems: 1 }));
    expect(page.FunctionUrlConfigs).toHaveLength(1);
    const next = await lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'hook', Marker: page.NextMarker }));
    expect(next.FunctionUrlConfigs?.[0]?.FunctionArn).toBe(`${ARN}:hook:live`);
    expect(next.NextMarker).toBeUndefined();
  });

  it('answers AWS\'s errors for what does not exist and what it does not accept', async () => {
    const missing = { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } };
    await expect(lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'nope', AuthType: 'NONE' }))).rejects.toMatchObject({ ...missing, message: 'Function does not exist' });
    await expect(lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'hook', Qualifier: 'gone', AuthType: 'NONE' }))).rejects.toMatchObject({ ...missing, message: 'Function does not exist' });
    await expect(lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({ ...missing, message: 'The resource you requested does not exist.' });
    await expect(lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'nope', AuthType: 'NONE' }))).rejects.toMatchObject({ ...missing, message: 'Function does not exist' });
    await expect(lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({ ...missing, message: 'Function does not exist' });
    await expect(lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'hook', Qualifier: '$LATEST' }))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    await expect(lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'hook', AuthType: 'OPEN' as 'NONE' }))).rejects.toMatchObject({
      name: 'ValidationException', message: expect.stringContaining("Value 'OPEN' at 'authType' failed to satisfy constraint: Member must satisfy enum value set"),
    });
    await createFunction(lambda, 'stream');
    await expect(lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'stream', AuthType: 'NONE', InvokeMode: 'RESPONSE_STREAM' }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException', message: expect.stringContaining('RESPONSE_STREAM is not emulated'),
    });
  });

  it('deletes a URL, and deleting the function takes its URLs along', async () => {
    await createFunction(lambda, 'brief');
    await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'brief', AuthType: 'NONE' }));
    const deleted = await lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: 'brief' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expect(lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: 'brief' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'The resource you requested does not exist.' });
    await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'brief', AuthType: 'NONE' }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'brief' }));
    await createFunction(lambda, 'brief');
    await expect(lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'brief' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('stores the permission statements of a public URL with the conditions AWS writes', async () => {
    await createFunction(lambda, 'public');
    const url = await lambda.send(new AddPermissionCommand({ FunctionName: 'public', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
    expect(JSON.parse(url.Statement!)).toEqual({
      Sid: 'url', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: `${ARN}:public`, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    });
    const invoke = await lambda.send(new AddPermissionCommand({ FunctionName: 'public', StatementId: 'invoke', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
    expect(JSON.parse(invoke.Statement!).Condition).toEqual({ Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } });
  });
});

const run = promisify(execFile);
const { hasAws } = await realClients('lambda-function-urls');

describe.skipIf(!hasAws)('the AWS CLI', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });

  it('creates and reads a function URL with aws lambda', async () => {
    await createFunction(emulator.clients.lambda, 'cli-url');
    const aws = async (...args: string[]) => JSON.parse((await run('aws', ['--endpoint-url', emulator.running.url, '--output', 'json', 'lambda', ...args], { env: clientEnv(), timeout: 30_000 })).stdout);
    const created = await aws('create-function-url-config', '--function-name', 'cli-url', '--auth-type', 'NONE', '--cors', 'AllowOrigins=http://shop.example,AllowMethods=GET');
    expect(created).toMatchObject({ AuthType: 'NONE', FunctionArn: `${ARN}:cli-url`, Cors: { AllowOrigins: ['http://shop.example'], AllowMethods: ['GET'] } });
    expect((await aws('get-function-url-config', '--function-name', 'cli-url')).FunctionUrl).toBe(created.FunctionUrl);
  });
});

describe('function URLs with --state', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'function-urls-'));
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('keep their id and settings across a restart, and answer on the new port', async () => {
    const first = await startEmulator({ port: 0, stateDir, log: () => {}, settings: { lambdaStateDelayMs: 0 } });
    const clients = clientsAt(first.url);
    let created;
    try {
      await createFunction(clients.lambda, 'kept');
      await allowPublic(clients.lambda, 'kept');
      created = await clients.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'kept', AuthType: 'NONE', Cors: { AllowOrigins: ['*'] } }));
    } finally {
      clients.destroy();
      await first.stop();
    }
    const second = await startEmulator({ port: 0, stateDir, log: () => {}, settings: { lambdaStateDelayMs: 0 } });
    const again = clientsAt(second.url);
    try {
      const got = await again.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'kept' }));
      const id = (url: string | undefined) => new URL(url!).hostname.split('.')[0];
      expect(id(got.FunctionUrl)).toBe(id(created.FunctionUrl));
      expect(got).toMatchObject({ AuthType: 'NONE', Cors: { AllowOrigins: ['*'] }, CreationTime: created.CreationTime });
      expect(new URL(got.FunctionUrl!).port).toBe(new URL(second.url).port);
      const answer = await callUrl(second.url, got.FunctionUrl!, { path: '/ping' });
      expect(answer).toMatchObject({ status: 200, json: { echo: { rawPath: '/ping' } } });
    } finally {
      again.destroy();
      await second.stop();
    }
  });
});
