import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  InvokeCommand,
} from '@aws-sdk/client-lambda';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { clientsAt } from '../support/emulator.ts';
import { ECHO_HANDLER, createFunction, zipOf } from '../support/lambda.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'lambda-persist-'));
const running: RunningEmulator[] = [];
afterAll(async () => {
  for (const emulator of running) await emulator.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

async function start(): Promise<RunningEmulator> {
  const emulator = await startEmulator({ port: 0, stateDir, log: () => {}, settings: { lambdaStateDelayMs: 0 } });
  running.push(emulator);
  return emulator;
}

describe('Lambda state on disk', () => {
  it('keeps functions, versions, aliases, policies and packages across a restart', async () => {
    const zip = zipOf({ 'index.js': ECHO_HANDLER });
    const folder = join(stateDir, 'lambda-code', `000000000000-${createHash('sha256').update(zip).digest('hex')}`);
    const first = await start();
    const clients = clientsAt(first.url);
    await createFunction(clients.lambda, 'kept', { Publish: true, Tags: { team: 'shop' }, Code: { ZipFile: zip } });
    await clients.lambda.send(new CreateAliasCommand({ FunctionName: 'kept', Name: 'live', FunctionVersion: '1' }));
    await clients.lambda.send(new AddPermissionCommand({ FunctionName: 'kept', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' }));
    expect(readFileSync(join(folder, 'index.js'), 'utf8')).toBe(ECHO_HANDLER);
    clients.destroy();
    await first.stop();
    running.pop();
    rmSync(join(stateDir, 'lambda-code'), { recursive: true, force: true });

    const second = await start();
    const again = clientsAt(second.url);
    const got = await again.lambda.send(new GetFunctionCommand({ FunctionName: 'kept' }));
    expect(got.Configuration).toMatchObject({ State: 'Active', CodeSha256: createHash('sha256').update(zip).digest('base64') });
    expect(got.Tags).toEqual({ team: 'shop' });
    expect((await again.lambda.send(new GetAliasCommand({ FunctionName: 'kept', Name: 'live' }))).FunctionVersion).toBe('1');
    expect(JSON.parse((await again.lambda.send(new GetPolicyCommand({ FunctionName: 'kept' }))).Policy!).Statement[0].Sid).toBe('events');
    const download = await fetch(got.Code!.Location!);
    expect(strFromU8(unzipSync(new Uint8Array(await download.arrayBuffer()))['index.js']!)).toBe(ECHO_HANDLER);
    // The unpacked folder was removed above: Invoke unpacks the package kept in state again.
    const result = await again.lambda.send(new InvokeCommand({ FunctionName: 'kept', Qualifier: 'live', Payload: new TextEncoder().encode('{"n":1}') }));
    expect(JSON.parse(new TextDecoder().decode(result.Payload))).toMatchObject({ echo: { n: 1 }, version: '1' });
    expect(readFileSync(join(folder, 'index.js'), 'utf8')).toBe(ECHO_HANDLER);
    again.destroy();
  });

  it('removes a package folder once no function uses it', async () => {
    const emulator = running[0] ?? (await start());
    const { lambda } = clientsAt(emulator.url);
    const zip = zipOf({ 'index.js': 'exports.handler = async () => "shared";' });
    const folder = join(stateDir, 'lambda-code', `000000000000-${createHash('sha256').update(zip).digest('hex')}`);
    await createFunction(lambda, 'shared-a', { Code: { ZipFile: zip } });
    await createFunction(lambda, 'shared-b', { Code: { ZipFile: zip } });
    expect(existsSync(folder)).toBe(true);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'shared-a' }));
    expect(existsSync(folder)).toBe(true);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'shared-b' }));
    expect(existsSync(folder)).toBe(false);
    lambda.destroy();
  });
});
