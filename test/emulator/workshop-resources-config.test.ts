import { CreateSecretCommand, DeleteSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResourceSnapshot } from '../../src/emulator/workshop-resources.ts';
import { useEmulator } from '../support/emulator.ts';
import { secretsAt, ssmAt } from './ssm-support.ts';

describe('the resource explorer route for parameters and secrets', () => {
  const emulator = useEmulator();
  let clients: { ssm: ReturnType<typeof ssmAt>; secrets: ReturnType<typeof secretsAt> } | undefined;
  const sdk = () => (clients ??= { ssm: ssmAt(emulator.running.url), secrets: secretsAt(emulator.running.url) });
  afterAll(() => { clients?.ssm.destroy(); clients?.secrets.destroy(); });
  const snapshot = async () => (await (await fetch(`${emulator.running.url}/_workshop/resources`)).json()) as ResourceSnapshot;

  it('lists parameters with their type and latest version, and secrets with their versions, but never a value', async () => {
    await sdk().ssm.send(new PutParameterCommand({ Name: '/shop/tax-rate', Value: '0.08', Type: 'String' }));
    await sdk().ssm.send(new PutParameterCommand({ Name: '/shop/tax-rate', Value: 'rate-nine-percent', Type: 'String', Overwrite: true }));
    await sdk().ssm.send(new PutParameterCommand({ Name: '/shop/payment-key', Value: 'pk-live-very-secret', Type: 'SecureString' }));
    const { ARN } = await sdk().secrets.send(new CreateSecretCommand({ Name: 'shop/db-password', SecretString: 'hunter2-db' }));
    await sdk().secrets.send(new PutSecretValueCommand({ SecretId: 'shop/db-password', SecretString: 'hunter3-db' }));
    await sdk().secrets.send(new CreateSecretCommand({ Name: 'shop/old-token', SecretString: 'old-token-value' }));
    await sdk().secrets.send(new DeleteSecretCommand({ SecretId: 'shop/old-token', RecoveryWindowInDays: 7 }));

    const answer = await snapshot();
    expect(answer.parameters.map(({ name, type, version, tier }) => ({ name, type, version, tier }))).toEqual([
      { name: '/shop/payment-key', type: 'SecureString', version: 1, tier: 'Standard' },
      { name: '/shop/tax-rate', type: 'String', version: 2, tier: 'Standard' },
    ]);
    expect(answer.secrets).toEqual([
      expect.objectContaining({ name: 'shop/db-password', arn: ARN, versions: 2 }),
      expect.objectContaining({ name: 'shop/old-token', versions: 1, deletion: expect.any(String) }),
    ]);
    expect(answer.secrets[0]!.deletion).toBeUndefined();
    const text = JSON.stringify(answer);
    for (const value of ['rate-nine-percent', 'pk-live-very-secret', 'hunter2-db', 'hunter3-db', 'old-token-value']) expect(text).not.toContain(value);
  });
});
