import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DOCTOR_ACCOUNT_ID } from '../../src/core/doctor-invoke.ts';
import { EMULATOR_HEADER } from '../../src/core/probe.ts';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { runCli } from '../support/cli.ts';
import { freePort } from '../support/ports.ts';

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A folder on PATH with a `docker` that answers --version but finds no engine, as on a machine without the daemon. */
function fakeDockerDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-docker-'));
  const script = join(dir, 'docker');
  writeFileSync(script, '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Docker version 99.0.0"; exit 0; fi\necho "Cannot connect to the Docker daemon" >&2\nexit 1\n');
  chmodSync(script, 0o755);
  return dir;
}

describe('workshop doctor', () => {
  let emulator: RunningEmulator;
  let fakeLocalStack: Server;
  let notHttp: ReturnType<typeof createTcpServer>;
  let dockerDir: string;
  const nodeOnlyPath = dirname(process.execPath);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, log: () => {} });
    fakeLocalStack = createServer((_request, reply) => {
      reply.writeHead(200, { 'content-type': 'application/json' });
      reply.end(JSON.stringify({ services: { lambda: 'available' }, edition: 'community', version: '4.14.0' }));
    });
    notHttp = createTcpServer((socket) => socket.end('SSH-2.0-OpenSSH\r\n'));
    dockerDir = fakeDockerDir();
  });

  afterAll(async () => {
    await emulator.stop();
    fakeLocalStack.close();
    notHttp.close();
    rmSync(dockerDir, { recursive: true, force: true });
  });

  it('passes on a free port and says Docker is only needed for LocalStack', async () => {
    const run = await runCli(['doctor', '--port', String(await freePort())], { env: { PATH: nodeOnlyPath } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✔ Node.js: \d+\.\d+\.\d+/);
    expect(run.stdout).toMatch(/✔ port \d+: free/);
    expect(run.stdout).toContain('! Docker: not installed: fine for the default emulator target');
    expect(run.stdout).toContain('Ready: run `npm start`');
    expect(run.stdout).toMatch(/✔ Lambda: a test function was deployed and invoked on a temporary emulator in \d+ ms/);
  });

  it('recognises the workshop emulator on the port and runs a test function there, leaving nothing behind', async () => {
    const run = await runCli(['doctor', '--port', String(emulator.port)], { env: { PATH: nodeOnlyPath } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`✔ port ${emulator.port}: the workshop emulator`);
    expect(run.stdout).toContain(`✔ Lambda: a test function was deployed and invoked on the emulator at ${emulator.url}`);
    const lambda = new LambdaClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: DOCTOR_ACCOUNT_ID, secretAccessKey: 'test' } });
    expect((await lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    lambda.destroy();
  });

  it('fails with the fix when functions cannot run on the emulator that holds the port', async () => {
    // Answers health as the emulator does, and every AWS call with an error: a broken execution path.
    const broken = createServer((request, reply) => {
      if (request.url === '/_localstack/health') {
        reply.writeHead(200, { 'content-type': 'application/json', [EMULATOR_HEADER]: '0.0.0' });
        return void reply.end('{"services":{}}');
      }
      reply.writeHead(500, { 'content-type': 'application/json' });
      reply.end(JSON.stringify({ __type: 'ServiceException', message: 'the runtime could not start' }));
    });
    const port = await listen(broken);
    try {
      const run = await runCli(['doctor', '--port', String(port)], { env: { PATH: nodeOnlyPath } });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`✖ Lambda: deploying a test function on the emulator at http://127.0.0.1:${port} failed`);
      expect(run.stdout).toContain('fix: run `npx workshop emulator`');
    } finally {
      broken.close();
    }
  });

  it('recognises LocalStack by its health answer and says how to use it', async () => {
    const port = await listen(fakeLocalStack);
    const run = await runCli(['doctor', '--port', String(port)], { env: { PATH: `${dockerDir}:${nodeOnlyPath}` } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✔ LocalStack: answers on');
    expect(run.stdout).toContain('community 4.14.0');
    expect(run.stdout).toContain('fix: use --target localstack');
    expect(run.stdout).toContain('! Docker: the client is installed but no engine answers');
  });

  it('fails, with the fix, when another program holds the port', async () => {
    const port = await listen(notHttp);
    const run = await runCli(['doctor', '--port', String(port)], { env: { PATH: nodeOnlyPath } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✖ port ${port}: taken by another program`);
    expect(run.stdout).toContain(`--port ${port + 1}`);
    expect(run.stderr).toContain('1 problem to fix');
  });
});
