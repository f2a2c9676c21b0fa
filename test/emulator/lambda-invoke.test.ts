/**
 * Invoke end to end: the control plane hands invocations to the execution engine
 * (src/emulator/services/lambda/execution/engine.ts), which runs handlers in child processes.
 * Every test here needs that engine; without it Invoke answers ServiceException and the first
 * test says which file is missing.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateAliasCommand,
  InvokeCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionUpdatedV2,
  type InvokeCommandOutput,
} from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, describe, expect, it } from 'vitest';
import { onPath } from '../../src/emulator/services/lambda/validation.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';
import { useEmulator } from '../support/emulator.ts';
import { ROLE, createFunction, zipOf } from '../support/lambda.ts';
import { eventually } from '../support/eventually.ts';

const ENGINE = new URL('../../src/emulator/services/lambda/execution/engine.ts', import.meta.url);
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decode = (output: InvokeCommandOutput): unknown => JSON.parse(new TextDecoder().decode(output.Payload));
const outDir = mkdtempSync(join(tmpdir(), 'lambda-invoke-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('Invoke through the real SDK', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });

  it('has an execution engine to run functions with', () => {
    expect(existsSync(ENGINE), `${ENGINE.pathname} is missing: every Invoke test in this file waits for the execution engine`).toBe(true);
  });

  it('runs a function synchronously with its environment', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'echo', { Environment: { Variables: { GREETING: 'hi' } } });
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: encode({ orderId: 'o-1' }) }));
    expect(result.StatusCode).toBe(200);
    expect(result.ExecutedVersion).toBe('$LATEST');
    expect(result.FunctionError).toBeUndefined();
    expect(decode(result)).toEqual({ echo: { orderId: 'o-1' }, greeting: 'hi', version: '$LATEST' });
  });

  it('resolves versions, aliases and name:qualifier', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'staged', { Publish: true, files: { 'index.js': 'exports.handler = async () => "one";' } });
    await lambda.send(new CreateAliasCommand({ FunctionName: 'staged', Name: 'live', FunctionVersion: '1' }));
    expect(decode(await lambda.send(new InvokeCommand({ FunctionName: 'staged' })))).toBe('one');
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'staged', ZipFile: zipOf({ 'index.js': 'exports.handler = async () => "two";' }) }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 10 }, { FunctionName: 'staged' });

    const latest = await lambda.send(new InvokeCommand({ FunctionName: 'staged' }));
    expect([latest.ExecutedVersion, decode(latest)]).toEqual(['$LATEST', 'two']);
    const viaAlias = await lambda.send(new InvokeCommand({ FunctionName: 'staged', Qualifier: 'live' }));
    expect([viaAlias.ExecutedVersion, decode(viaAlias)]).toEqual(['1', 'one']);
    const viaName = await lambda.send(new InvokeCommand({ FunctionName: 'staged:1' }));
    expect([viaName.ExecutedVersion, decode(viaName)]).toEqual(['1', 'one']);
  });

  it('reports unhandled errors and returns the log tail', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'failing', {
      files: { 'index.js': 'exports.handler = async () => { console.log("about to fail"); throw new TypeError("boom"); };' },
    });
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'failing', LogType: 'Tail' }));
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(decode(result)).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
    const log = Buffer.from(result.LogResult ?? '', 'base64').toString('utf8');
    expect(log).toContain('about to fail');
    expect(log).toMatch(/REPORT RequestId: /);
  });

  it('queues Event invocations and answers 202', async () => {
    const { lambda, logs } = emulator.clients;
    await createFunction(lambda, 'async-writer', {
      files: { 'index.js': 'exports.handler = async (event) => { console.log("EVENT " + JSON.stringify(event)); };' },
    });
    const queued = await lambda.send(new InvokeCommand({ FunctionName: 'async-writer', InvocationType: 'Event', Payload: encode({ id: 42 }) }));
    expect(queued.StatusCode).toBe(202);
    expect(queued.Payload?.length ?? 0).toBe(0);
    const line = await eventually(async () => {
      const found = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/async-writer', filterPattern: 'EVENT' })).catch(() => undefined);
      return found?.events?.[0]?.message;
    });
    expect(JSON.parse(line.slice(line.indexOf('EVENT ') + 6))).toEqual({ id: 42 });
  });

  it('keeps a function inside its own folder, as Lambda keeps /var/task read-only', async () => {
    const { lambda } = emulator.clients;
    const secret = join(outDir, 'secret.txt');
    writeFileSync(secret, 'instructor only');
    await createFunction(lambda, 'snoop', {
      Environment: { Variables: { SECRET_FILE: secret } },
      files: {
        'index.js': [
          'const fs = require("fs"); const os = require("os"); const path = require("path");',
          'exports.handler = async () => {',
          '  const attempt = (fn) => { try { fn(); return "allowed"; } catch (e) { return e.code; } };',
          '  const scratch = path.join(os.tmpdir(), "scratch.txt");',
          '  return {',
          '    readOutside: attempt(() => fs.readFileSync(process.env.SECRET_FILE)),',
          '    deleteOwnCode: attempt(() => fs.rmSync(path.join(process.env.LAMBDA_TASK_ROOT, "index.js"))),',
          '    useTmp: attempt(() => { fs.writeFileSync(scratch, "x"); fs.readFileSync(scratch); }),',
          '  };',
          '};',
        ].join('\n'),
      },
    });
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'snoop' }));
    expect(decode(result)).toEqual({ readOutside: 'ERR_ACCESS_DENIED', deleteOwnCode: 'ERR_ACCESS_DENIED', useTmp: 'allowed' });
  });

  describe.skipIf(!onPath('python3'))('with python3 installed', () => {
    it('runs a Python function', async () => {
      const { lambda } = emulator.clients;
      await createFunction(lambda, 'py', {
        Runtime: 'python3.12',
        Handler: 'app.handler',
        files: { 'app.py': 'def handler(event, context):\n    return {"doubled": event["n"] * 2}\n' },
      });
      const result = await lambda.send(new InvokeCommand({ FunctionName: 'py', Payload: encode({ n: 21 }) }));
      expect(decode(result)).toEqual({ doubled: 42 });
    });
  });
});

const run = promisify(execFile);
const { hasAws } = await realClients('lambda-invoke');

describe.skipIf(!hasAws)('the AWS CLI', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });

  it('creates and invokes a function with aws lambda', async () => {
    const env = clientEnv();
    const aws = (...args: string[]) => run('aws', ['--endpoint-url', emulator.running.url, '--output', 'json', 'lambda', ...args], { env, timeout: 30_000 });
    const zipFile = join(outDir, 'cli.zip');
    writeFileSync(zipFile, zipOf({ 'index.js': 'exports.handler = async (event) => ({ total: event.a + event.b });' }));
    const created = JSON.parse((await aws('create-function', '--function-name', 'cli-fn', '--runtime', 'nodejs22.x', '--handler', 'index.handler',
      '--role', ROLE, '--zip-file', `fileb://${zipFile}`)).stdout);
    expect(created).toMatchObject({ FunctionName: 'cli-fn', Runtime: 'nodejs22.x' });
    await aws('wait', 'function-active-v2', '--function-name', 'cli-fn');

    const payload = join(outDir, 'payload.json');
    const answer = join(outDir, 'answer.json');
    writeFileSync(payload, JSON.stringify({ a: 2, b: 3 }));
    const invoked = JSON.parse((await aws('invoke', '--function-name', 'cli-fn', '--payload', `fileb://${payload}`, answer)).stdout);
    expect(invoked).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(JSON.parse(readFileSync(answer, 'utf8'))).toEqual({ total: 5 });
  });
});
