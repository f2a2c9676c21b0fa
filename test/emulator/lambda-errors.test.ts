import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  UpdateFunctionConfigurationCommand,
  type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { ECHO_HANDLER, ROLE, createFunction, zipOf } from '../support/lambda.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';
const base = (name: string): CreateFunctionCommandInput => ({
  FunctionName: name,
  Runtime: 'nodejs22.x',
  Handler: 'index.handler',
  Role: ROLE,
  Code: { ZipFile: zipOf({ 'index.js': ECHO_HANDLER }) },
});

const stateDir = mkdtempSync(join(tmpdir(), 'lambda-errors-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe('Lambda answers AWS errors for client mistakes', () => {
  const emulator = useEmulator({ stateDir, settings: { lambdaStateDelayMs: 0, syncPayloadLimitBytes: 1000, asyncPayloadLimitBytes: 500 } });
  const create = (input: Partial<CreateFunctionCommandInput>, name = 'bad') => emulator.clients.lambda.send(new CreateFunctionCommand({ ...base(name), ...input }));

  it('rejects bad roles, timeouts, memory sizes, names and environments', async () => {
    const bad = { $metadata: { httpStatusCode: 400 } };
    await expect(create({ Role: 'my-role' })).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("at 'role'"), ...bad });
    await expect(create({ Role: undefined })).rejects.toMatchObject({ name: 'ValidationException', ...bad });
    await expect(create({ Timeout: 0 })).rejects.toMatchObject({ name: 'ValidationException', ...bad });
    await expect(create({ Timeout: 901 })).rejects.toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    });
    await expect(create({ MemorySize: 64 })).rejects.toMatchObject({ name: 'ValidationException', ...bad });
    await expect(create({ MemorySize: 20480 })).rejects.toMatchObject({ name: 'InvalidParameterValueException', ...bad });
    await expect(create({}, 'has space')).rejects.toMatchObject({ name: 'InvalidParameterValueException', ...bad });
    await expect(create({ Environment: { Variables: { AWS_REGION: 'eu-west-1' } } })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('Reserved keys used in this request: AWS_REGION'),
    });
    await expect(create({ Environment: { Variables: { 'bad-key': 'x' } } })).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(create({ Handler: undefined })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
    });
  });

  it('rejects runtimes it cannot run, listing the valid ones like AWS', async () => {
    const unknown = create({ Runtime: 'nodejs99.x' as never });
    await expect(unknown).rejects.toMatchObject({ name: 'InvalidParameterValueException', $metadata: { httpStatusCode: 400 } });
    await expect(unknown).rejects.toThrow(/Value nodejs99\.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[.*nodejs22\.x.*\] or be a valid ARN/);
    await expect(create({ Runtime: 'java21' })).rejects.toThrow(/valid on AWS but the emulator runs only/);
    const path = process.env.PATH;
    process.env.PATH = '';
    try {
      await expect(create({ Runtime: 'python3.12', Handler: 'app.handler' })).rejects.toMatchObject({
        name: 'InvalidParameterValueException',
        message: expect.stringContaining('needs python3'),
      });
    } finally {
      process.env.PATH = path;
    }
  });

  it('refuses duplicates and unknown functions', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'twice');
    await expect(create({}, 'twice')).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: 'Function already exist: twice',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'nobody' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${ARN}:nobody`,
      $metadata: { httpStatusCode: 404 },
    });
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'twice', Qualifier: '7' }))).rejects.toMatchObject({
      message: `Function not found: ${ARN}:twice:7`,
    });
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'nobody' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:twice' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('checks RevisionId and CodeSha256 preconditions', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'guarded');
    await expect(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'guarded', Timeout: 5, RevisionId: 'stale' }))).rejects.toMatchObject({
      name: 'PreconditionFailedException',
      $metadata: { httpStatusCode: 412 },
    });
    await expect(lambda.send(new PublishVersionCommand({ FunctionName: 'guarded', RevisionId: 'stale' }))).rejects.toMatchObject({ name: 'PreconditionFailedException' });
    await expect(lambda.send(new PublishVersionCommand({ FunctionName: 'guarded', CodeSha256: 'abc' }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('CodeSHA256 (abc) is different from current CodeSHA256 in $LATEST'),
    });
  });

  it('rejects corrupt packages and packages whose entries escape, writing nothing outside', async () => {
    await expect(create({ Code: { ZipFile: new TextEncoder().encode('not a zip at all') } })).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Could not unzip uploaded file. Please check your file, then try to upload again.',
    });
    const before = readdirSync(stateDir).sort();
    const escaping: Array<Record<string, string>> = [
      { '../escaped.js': 'owned' },
      { '../../escaped.js': 'owned' },
      { 'ok/../../escaped.js': 'owned' },
      { '/tmp/escaped-absolute.js': 'owned' },
      { '..\\escaped.js': 'owned' },
    ];
    for (const files of escaping) {
      await expect(create({ Code: { ZipFile: zipOf({ 'index.js': ECHO_HANDLER, ...files }) } }, 'slip')).rejects.toMatchObject({
        name: 'InvalidParameterValueException',
        message: expect.stringContaining('points outside'),
      });
    }
    expect(readdirSync(stateDir).sort()).toEqual(before);
    expect(readdirSync(join(stateDir, '..')).filter((name) => name.startsWith('escaped'))).toEqual([]);
    expect(readdirSync(join(stateDir, 'lambda-code')).filter((name) => name.startsWith('escaped') || name.endsWith('.tmp'))).toEqual([]);
    await expect(emulator.clients.lambda.send(new GetFunctionCommand({ FunctionName: 'slip' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('checks invocation payloads, states and throttles before running anything', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'strict');
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'strict', Payload: new TextEncoder().encode('{"broken": ') }))).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      message: expect.stringContaining('Could not parse request body into json'),
      $metadata: { httpStatusCode: 400 },
    });
    const big = new TextEncoder().encode(JSON.stringify({ text: 'x'.repeat(1200) }));
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'strict', Payload: big }))).rejects.toMatchObject({
      name: 'RequestTooLargeException',
      message: 'Request must be smaller than 1000 bytes for the InvokeFunction operation',
      $metadata: { httpStatusCode: 413 },
    });
    const medium = new TextEncoder().encode(JSON.stringify({ text: 'x'.repeat(600) }));
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'strict', Payload: medium, InvocationType: 'Event' }))).rejects.toMatchObject({
      name: 'RequestTooLargeException',
    });
    const dry = await lambda.send(new InvokeCommand({ FunctionName: 'strict', InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'strict', ReservedConcurrentExecutions: 0 }));
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'strict', Payload: new TextEncoder().encode('{}') }))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      $metadata: { httpStatusCode: 429 },
    });
  });

  it('keeps accounts apart', async () => {
    const a = emulator.clientsFor('210987654321').lambda;
    const b = emulator.clientsFor('123412341234').lambda;
    await createFunction(a, 'mine', { Role: 'arn:aws:iam::210987654321:role/r' });
    await expect(b.send(new GetFunctionCommand({ FunctionName: 'mine' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(b.send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:us-east-1:210987654321:function:mine' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await createFunction(b, 'mine', { Role: 'arn:aws:iam::123412341234:role/r' });
    const seenByA = await a.send(new GetFunctionCommand({ FunctionName: 'mine' }));
    expect(seenByA.Configuration?.FunctionArn).toBe('arn:aws:lambda:us-east-1:210987654321:function:mine');
  });
});
