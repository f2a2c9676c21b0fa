import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { runCli } from '../support/cli.ts';

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
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
  });

  it('recognises the workshop emulator on the port', async () => {
    const run = await runCli(['doctor', '--port', String(emulator.port)], { env: { PATH: nodeOnlyPath } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`✔ port ${emulator.port}: the workshop emulator`);
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
