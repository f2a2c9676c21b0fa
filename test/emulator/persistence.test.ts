import { CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogGroupsCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, GetRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
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
    expect(readdirSync(stateDir)).toEqual(expect.arrayContaining(['iam.json', 'logs.json']));

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
    // Writes go through a temporary file and a rename: nothing is left half-written.
    expect(readdirSync(stateDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('sets a corrupt state file aside, says so, and starts that service empty', async () => {
    writeFileSync(join(stateDir, 'iam.json'), '{"version": 1, "scopes": {"123456789012": {"roles": ');
    messages.length = 0;
    await withEmulator(async ({ iam, logs }) => {
      const roles = await iam.send(new ListRolesCommand({}));
      expect(roles.Roles).toEqual([]);
      // Another service's state is untouched.
      const read = await logs.send(new GetLogEventsCommand({ logGroupName: '/kept/group', logStreamName: 's', startFromHead: true }));
      expect(read.events?.map((event) => event.message)).toEqual(['before restart', 'after restart']);
    });
    const aside = readdirSync(stateDir).filter((name) => /^iam\.json\.corrupt-\d+$/.test(name));
    expect(aside).toHaveLength(1);
    expect(messages.some((message) => message.includes(join(stateDir, 'iam.json')) && message.includes(aside[0]!))).toBe(true);
    expect(readdirSync(stateDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('starts with a folder that does not exist yet', async () => {
    const fresh = join(stateDir, 'nested', 'deeper');
    const running = await startEmulator({ port: 0, stateDir: fresh, log: () => {} });
    await running.stop();
    expect(existsSync(fresh)).toBe(true);
  });
});
