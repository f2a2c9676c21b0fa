/**
 * A function deployed in the emulator reads its configuration as a shop's function would: a
 * SecureString parameter and a secret, through the SDK clients inside its sandbox, which find the
 * emulator through the environment Lambda gives them (AWS_ENDPOINT_URL, the account's keys).
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { secretsAt, ssmAt } from './ssm-support.ts';

const HANDLER = `const { SSMClient, GetParameterCommand } = require('@aws-sdk/client-ssm');
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const ssm = new SSMClient({});
const secrets = new SecretsManagerClient({});
exports.handler = async () => {
  const plain = await ssm.send(new GetParameterCommand({ Name: '/shop/checkout/currency' }));
  const secure = await ssm.send(new GetParameterCommand({ Name: '/shop/checkout/api-key', WithDecryption: true }));
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: 'shop/payments' }));
  let missing = null;
  try { await ssm.send(new GetParameterCommand({ Name: '/shop/checkout/none' })); } catch (error) { missing = error.name; }
  return { currency: plain.Parameter.Value, apiKey: secure.Parameter.Value, password: JSON.parse(secret.SecretString).password, missing };
};
`;

describe('a function reads a parameter and a secret', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });

  it('through the SDK from inside its sandbox', async () => {
    const ssm = ssmAt(emulator.running.url);
    const secrets = secretsAt(emulator.running.url);
    try {
      await ssm.send(new PutParameterCommand({ Name: '/shop/checkout/currency', Value: 'EUR', Type: 'String' }));
      await ssm.send(new PutParameterCommand({ Name: '/shop/checkout/api-key', Value: 'sk_test_7', Type: 'SecureString' }));
      await secrets.send(new CreateSecretCommand({ Name: 'shop/payments', SecretString: JSON.stringify({ password: 'hunter2' }) }));
      await createFunction(emulator.clients.lambda, 'reads-config', { files: { 'index.js': HANDLER }, Timeout: 30 });
      const output = await emulator.clients.lambda.send(new InvokeCommand({ FunctionName: 'reads-config' }));
      const payload = new TextDecoder().decode(output.Payload);
      expect(output.FunctionError, payload).toBeUndefined();
      expect(JSON.parse(payload)).toEqual({ currency: 'EUR', apiKey: 'sk_test_7', password: 'hunter2', missing: 'ParameterNotFound' });
    } finally {
      ssm.destroy();
      secrets.destroy();
    }
  });
});
