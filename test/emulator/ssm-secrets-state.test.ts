/**
 * Parameter Store and Secrets Manager state across restarts with a state folder: parameter
 * versions, labels, tags and SecureStrings; secrets with their versions, stages, tags and a
 * pending deletion; each in its own account and region.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParameterHistoryCommand, LabelParameterVersionCommand, ListTagsForResourceCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { killHard, spawnEmulator } from '../support/emulator-process.ts';
import { failure, secretsAt, ssmAt } from './ssm-support.ts';

const folder = mkdtempSync(join(tmpdir(), 'ssm-secrets-state-'));
const killedFolder = mkdtempSync(join(tmpdir(), 'ssm-secrets-killed-'));
afterAll(() => [folder, killedFolder].forEach((path) => rmSync(path, { recursive: true, force: true })));

describe('Parameter Store and Secrets Manager with --state', () => {
  it('keep parameters and secrets across a restart, per account and region', async () => {
    let running = await startEmulator({ port: 0, log: () => {}, stateDir: folder });
    let ssm = ssmAt(running.url);
    let secrets = secretsAt(running.url);
    let other = secretsAt(running.url, '111122223333', 'eu-west-1');
    await ssm.send(new PutParameterCommand({ Name: '/kept/url', Value: 'v1', Type: 'String', Tags: [{ Key: 'team', Value: 'orders' }] }));
    await ssm.send(new PutParameterCommand({ Name: '/kept/url', Value: 'v2', Overwrite: true }));
    await ssm.send(new LabelParameterVersionCommand({ Name: '/kept/url', ParameterVersion: 1, Labels: ['stable'] }));
    await ssm.send(new PutParameterCommand({ Name: '/kept/key', Value: 'hush', Type: 'SecureString' }));
    const created = await secrets.send(new CreateSecretCommand({ Name: 'kept/db', SecretString: 'one', Tags: [{ Key: 'env', Value: 'dev' }] }));
    const second = await secrets.send(new PutSecretValueCommand({ SecretId: 'kept/db', SecretString: 'two' }));
    await secrets.send(new CreateSecretCommand({ Name: 'kept/doomed', SecretString: 'x' }));
    await secrets.send(new DeleteSecretCommand({ SecretId: 'kept/doomed', RecoveryWindowInDays: 7 }));
    await other.send(new CreateSecretCommand({ Name: 'kept/db', SecretString: 'theirs' }));
    for (const client of [ssm, secrets, other]) client.destroy();
    await running.stop();

    running = await startEmulator({ port: 0, log: () => {}, stateDir: folder });
    ssm = ssmAt(running.url);
    secrets = secretsAt(running.url);
    other = secretsAt(running.url, '111122223333', 'eu-west-1');
    try {
      expect((await ssm.send(new GetParameterCommand({ Name: '/kept/url:stable' }))).Parameter).toMatchObject({ Value: 'v1', Version: 1 });
      expect((await ssm.send(new GetParameterHistoryCommand({ Name: '/kept/url' }))).Parameters!.map((version) => version.Value)).toEqual(['v1', 'v2']);
      expect((await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/kept/url' }))).TagList).toEqual([{ Key: 'team', Value: 'orders' }]);
      expect((await ssm.send(new GetParameterCommand({ Name: '/kept/key', WithDecryption: true }))).Parameter!.Value).toBe('hush');
      const described = await secrets.send(new DescribeSecretCommand({ SecretId: 'kept/db' }));
      expect(described).toMatchObject({ ARN: created.ARN, Tags: [{ Key: 'env', Value: 'dev' }], VersionIdsToStages: { [created.VersionId!]: ['AWSPREVIOUS'], [second.VersionId!]: ['AWSCURRENT'] } });
      expect(described.CreatedDate).toBeInstanceOf(Date);
      expect((await secrets.send(new GetSecretValueCommand({ SecretId: created.ARN }))).SecretString).toBe('two');
      expect((await failure(secrets.send(new GetSecretValueCommand({ SecretId: 'kept/doomed' })))).name).toBe('InvalidRequestException');
      expect((await other.send(new GetSecretValueCommand({ SecretId: 'kept/db' }))).SecretString).toBe('theirs');
    } finally {
      for (const client of [ssm, secrets, other]) client.destroy();
      await running.stop();
    }
  });

  it('keep what they acknowledged across a kill -9', async () => {
    let running = await spawnEmulator(['--state', killedFolder]);
    let ssm = ssmAt(running.url);
    let secrets = secretsAt(running.url);
    await ssm.send(new PutParameterCommand({ Name: '/killed/p', Value: 'acked', Type: 'String' }));
    await secrets.send(new CreateSecretCommand({ Name: 'killed/s', SecretString: 'acked' }));
    await killHard(running);
    ssm.destroy();
    secrets.destroy();
    running = await spawnEmulator(['--state', killedFolder]);
    ssm = ssmAt(running.url);
    secrets = secretsAt(running.url);
    try {
      expect((await ssm.send(new GetParameterCommand({ Name: '/killed/p' }))).Parameter!.Value).toBe('acked');
      expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'killed/s' }))).SecretString).toBe('acked');
    } finally {
      ssm.destroy();
      secrets.destroy();
      await killHard(running);
    }
  });
});
