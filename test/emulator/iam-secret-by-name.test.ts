/**
 * A secret called by its name is authorized as its real ARN, as on AWS: a role policy that names
 * the secret's full ARN (random suffix included) lets GetSecretValue by name through, and still
 * refuses another secret by name.
 */
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const ACCOUNT = '000000000000';

describe('GetSecretValue by name under --iam enforce', () => {
  const emulator = useEmulator({ settings: { iam: 'enforce' } });

  it('matches a policy written with the secret\'s full ARN, and only that secret', async () => {
    const config = { endpoint: emulator.running.url, region: 'us-east-1', credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'test' }, maxAttempts: 1 };
    const owner = new SecretsManagerClient(config);
    const { ARN } = await owner.send(new CreateSecretCommand({ Name: 'payments/key', SecretString: 'sk_1' }));
    await owner.send(new CreateSecretCommand({ Name: 'admin/password', SecretString: 'hunter2' }));
    const { iam, sts } = emulator.clients;
    await iam.send(new CreateRoleCommand({ RoleName: 'payer', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'payer', PolicyName: 'key', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: ARN }] }) }));
    const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/payer`, RoleSessionName: 'payments' }));
    const role = new SecretsManagerClient({ ...config, credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! } });
    try {
      expect((await role.send(new GetSecretValueCommand({ SecretId: 'payments/key' }))).SecretString).toBe('sk_1');
      expect((await role.send(new GetSecretValueCommand({ SecretId: ARN }))).SecretString).toBe('sk_1');
      await expect(role.send(new GetSecretValueCommand({ SecretId: 'admin/password' }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    } finally {
      owner.destroy();
      role.destroy();
    }
  });
});
