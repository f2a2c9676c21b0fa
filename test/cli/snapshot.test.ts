/**
 * `workshop snapshot`: a learner saves the running emulator's state before a risky step, breaks
 * things, and loads it back; through the real CLI against `workshop emulator --state` run as a
 * child process, checked with the SDK. It refuses clearly when no emulator runs, when the target
 * is not the emulator, for a bad name, and no web page can save or load.
 */
import { DeleteTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { CLI_ENTRY, runCli } from '../support/cli.ts';
import { createTableAndWait } from '../support/dynamodb.ts';
import { clientsAt } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function startEmulatorIn(cwd: string, state: string) {
  const child = spawn(process.execPath, [CLI_ENTRY, 'emulator', '--port', '0', '--state', state], { cwd, env: { ...process.env, NO_COLOR: '1', WORKSHOP_LANG: 'en' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = eventually(() => /listening on (http:\/\/\S+)/.exec(output)?.[1], 20_000);
  return { url, stop: async () => (child.kill('SIGTERM'), exited) };
}

const env = (url: string, extra: Record<string, string> = {}) => ({ ...process.env, WORKSHOP_TARGET: 'emulator', AWS_ENDPOINT_URL: url, WORKSHOP_LANG: 'en', ...extra });
const TABLE = { TableName: 'orders', BillingMode: 'PAY_PER_REQUEST' as const, KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }] };

describe('workshop snapshot', () => {
  it('saves before a risky step and loads it back: the deleted table and its item return, and stay after a restart', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'snapshot-'));
    dirs.push(cwd);
    const state = join(cwd, '.workshop', 'emulator-state');
    const first = startEmulatorIn(cwd, state);
    const url = await first.url;
    const clients = clientsAt(url);
    try {
      await createTableAndWait(clients.dynamodb, TABLE);
      await clients.dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'o-1' }, total: { N: '42' } } }));
      await clients.s3.send(new CreateBucketCommand({ Bucket: 'receipts' }));
      await clients.s3.send(new PutObjectCommand({ Bucket: 'receipts', Key: 'o-1.txt', Body: 'r'.repeat(50_000) }));

      const saved = await runCli(['snapshot', 'save', 'before-risk'], { env: env(url), cwd });
      expect(saved.stderr).toBe('');
      expect(saved.code).toBe(0);
      expect(saved.stdout).toContain('Saved snapshot before-risk');
      expect(existsSync(join(cwd, '.workshop', 'snapshots', 'before-risk', 'state.db'))).toBe(true);

      await clients.dynamodb.send(new DeleteTableCommand({ TableName: 'orders' }));
      await clients.s3.send(new DeleteObjectCommand({ Bucket: 'receipts', Key: 'o-1.txt' }));

      const listed = await runCli(['snapshot', 'list'], { env: env(url), cwd });
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/before-risk\s+saved .*\d{4}.*\s+\d+(\.\d)? KB/);

      const loaded = await runCli(['snapshot', 'load', 'before-risk'], { env: env(url), cwd });
      expect(loaded.code).toBe(0);
      expect(loaded.stdout).toContain('Loaded snapshot before-risk');
      const item = await clients.dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'o-1' } } }));
      expect(item.Item).toEqual({ id: { S: 'o-1' }, total: { N: '42' } });
      const object = await clients.s3.send(new GetObjectCommand({ Bucket: 'receipts', Key: 'o-1.txt' }));
      expect((await object.Body!.transformToString()).length).toBe(50_000);
    } finally {
      clients.destroy();
      expect(await first.stop()).toBe(0);
    }

    // What was loaded is the emulator's state on disk too.
    const second = startEmulatorIn(cwd, state);
    const again = clientsAt(await second.url);
    try {
      const item = await again.dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'o-1' } } }));
      expect(item.Item?.total).toEqual({ N: '42' });
      const deleted = await runCli(['snapshot', 'delete', 'before-risk'], { env: env(await second.url), cwd });
      expect(deleted.stdout).toContain('Deleted snapshot before-risk');
      expect((await runCli(['snapshot', 'list'], { env: env(await second.url), cwd })).stdout).toContain('No snapshot yet');
      const forged = await fetch(`${await second.url}/_workshop/snapshots/from-a-page`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' } });
      expect(forged.status).toBe(403);
      expect((await fetch(`${await second.url}/_workshop/snapshots/x/load`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
      expect(existsSync(join(cwd, '.workshop', 'snapshots', 'from-a-page'))).toBe(false);
    } finally {
      again.destroy();
      await second.stop();
    }
  });

  it('refuses a bad name, another target, no running emulator and one that keeps state in memory only', async () => {
    const badName = await runCli(['snapshot', 'save', '../escape'], { env: env('http://127.0.0.1:4566') });
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('may hold only letters, digits, - and _');

    const localstack = await runCli(['snapshot', 'list', '--target', 'localstack'], { env: env('http://127.0.0.1:4566') });
    expect(localstack.code).toBe(1);
    expect(localstack.stderr).toContain('snapshots are a feature of the kit\'s own emulator');

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    const none = await runCli(['snapshot', 'save', 'x'], { env: env(`http://127.0.0.1:${port}`) });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('run `npm start`');
    const noneZh = await runCli(['snapshot', 'save', 'x'], { env: env(`http://127.0.0.1:${port}`, { WORKSHOP_LANG: 'zh-cn' }) });
    expect(noneZh.stderr).toContain('请先在另一个终端里运行 `npm start`');

    const memory = await startEmulator({ port: 0, log: () => {} });
    try {
      const refused = await runCli(['snapshot', 'save', 'x'], { env: env(memory.url) });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('keeps its state in memory only');
    } finally {
      await memory.stop();
    }
  });
});
