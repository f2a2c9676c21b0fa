import { CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogGroupsCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.ts';
import { clientsAt } from '../support/emulator.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('state kept in a folder across restarts', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'emulator-state-'));
  const messages: string[] = [];
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  /** Runs `body` against a fresh emulator on the state folder, then stops it (which writes state). */
  async function withEmulator(body: (clients: ReturnType<typeof clientsAt>, running: RunningEmulator) => Promise<void>): Promise<void> {
    const running = await startEmulator({ port: 0, stateDir, log: (message) => messages.push(message) });
    const clients = clientsAt(running.url, '123456789012');
    try {
      await body(clients, running);
    } finally {
      clients.destroy();
      await running.stop();
    }
  }

  it('keeps IAM roles, log groups and log events after a restart', async () => {
    const now = Date.now();
    await withEmulator(async ({ iam, logs }) => {
      await iam.send(new CreateRoleCommand({ RoleName: 'kept-role', AssumeRolePolicyDocument: TRUST }));
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/kept/group', tags: { team: 'shop' } }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: '/kept/group', logStreamName: 's' }));
      await logs.send(new PutLogEventsCommand({ logGroupName: '/kept/group', logStreamName: 's', logEvents: [{ timestamp: now, message: 'before restart' }] }));
    });
    expect(readdirSync(stateDir)).toContain('state.db');

    await withEmulator(async ({ iam, logs }) => {
      const role = await iam.send(new GetRoleCommand({ RoleName: 'kept-role' }));
      expect(role.Role?.Arn).toBe('arn:aws:iam::123456789012:role/kept-role');
      expect(role.Role?.CreateDate).toBeInstanceOf(Date);
      const groups = await logs.send(new DescribeLogGroupsCommand({}));
      expect(groups.logGroups?.map((group) => group.logGroupName)).toEqual(['/kept/group']);
      const read = await logs.send(new GetLogEventsCommand({ logGroupName: '/kept/group', logStreamName: 's', startFromHead: true }));
      expect(read.events?.map((event) => [event.timestamp, event.message])).toEqual([[now, 'before restart']]);
      // Loaded state keeps working: more events go into the same stream.
      await logs.send(new PutLogEventsCommand({ logGroupName: '/kept/group', logStreamName: 's', logEvents: [{ timestamp: now + 1, message: 'after restart' }] }));
    });
  });

  it('imports a state folder an older emulator wrote as JSON files, once, and sets a corrupt one aside', async () => {
    const older = mkdtempSync(join(tmpdir(), 'emulator-state-json-'));
    const created = '2026-01-02T03:04:05.000Z';
    const role = { RoleName: 'old-role', RoleId: 'AROAOLD', Arn: 'arn:aws:iam::123456789012:role/old-role', Path: '/', CreateDate: { $date: created }, AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 3600, Tags: [], attached: [], inline: {} };
    writeFileSync(join(older, 'iam.json'), JSON.stringify({ version: 1, scopes: { '123456789012': { roles: { 'old-role': role } } } }));
    writeFileSync(join(older, 'logs.json'), '{"version": 1, "scopes": {"123456789012/us-east-1": {"groups": ');
    const said: string[] = [];
    for (const round of [1, 2]) {
      const running = await startEmulator({ port: 0, stateDir: older, log: (message) => said.push(message) });
      const clients = clientsAt(running.url, '123456789012');
      try {
        const got = await clients.iam.send(new GetRoleCommand({ RoleName: 'old-role' }));
        expect(got.Role?.CreateDate?.toISOString(), `round ${round}`).toBe(created);
        expect((await clients.logs.send(new DescribeLogGroupsCommand({}))).logGroups).toEqual([]);
      } finally {
        clients.destroy();
        await running.stop();
      }
    }
    const names = readdirSync(older);
    expect(names).toEqual(expect.arrayContaining(['state.db', 'iam.json.imported']));
    expect(names.filter((name) => /^logs\.json\.corrupt-\d+$/.test(name))).toHaveLength(1);
    expect(said.filter((message) => message.includes('logs.json') && message.includes('starts empty'))).toHaveLength(1);
    rmSync(older, { recursive: true, force: true });
  });

  it('starts with a folder that does not exist yet', async () => {
    const fresh = join(stateDir, 'nested', 'deeper');
    const running = await startEmulator({ port: 0, stateDir: fresh, log: () => {} });
    await running.stop();
    expect(existsSync(fresh)).toBe(true);
  });
});
