/** AWS::SecretsManager::Secret through Secrets Manager's CreateSecret, UpdateSecret and DeleteSecret. */
import { randomInt } from 'node:crypto';
import type { Provisioner } from './types.ts';
import { ignoringNotFound, numberOf } from './types.ts';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** A password as GenerateSecretString describes it (CloudFormation generates it; the default is 32 characters of every kind). */
function generated(spec: Record<string, any>): string {
  let alphabet = [spec.ExcludeLowercase === true || spec.ExcludeLowercase === 'true' ? '' : LOWER, spec.ExcludeUppercase === true || spec.ExcludeUppercase === 'true' ? '' : UPPER, spec.ExcludeNumbers === true || spec.ExcludeNumbers === 'true' ? '' : DIGITS, spec.ExcludePunctuation === true || spec.ExcludePunctuation === 'true' ? '' : PUNCTUATION].join('');
  if (spec.IncludeSpace === true || spec.IncludeSpace === 'true') alphabet += ' ';
  const excluded = new Set(String(spec.ExcludeCharacters ?? ''));
  const chars = [...alphabet].filter((char) => !excluded.has(char));
  const password = Array.from({ length: numberOf(spec.PasswordLength) ?? 32 }, () => chars[randomInt(chars.length)]).join('');
  if (spec.SecretStringTemplate === undefined) return password;
  const template = JSON.parse(String(spec.SecretStringTemplate));
  template[String(spec.GenerateStringKey)] = password;
  return JSON.stringify(template);
}

function valueOf(properties: Record<string, any>): string {
  if (properties.SecretString !== undefined) return String(properties.SecretString);
  return generated(properties.GenerateSecretString ?? {});
}

/** AWS::SecretsManager::Secret: Ref is the secret's ARN; Id for Fn::GetAtt. */
export const secretsManagerSecret: Provisioner = {
  properties: ['Name', 'Description', 'SecretString', 'GenerateSecretString', 'KmsKeyId', 'Tags'],
  replaceOn: ['Name'],
  nameProperty: 'Name',
  async create(properties, context) {
    const answer = await context.call('secretsmanager', 'CreateSecret', {
      Name: properties.Name ?? context.generatedName(256),
      SecretString: valueOf(properties),
      ...(properties.Description !== undefined ? { Description: properties.Description } : {}),
      ...(properties.KmsKeyId !== undefined ? { KmsKeyId: properties.KmsKeyId } : {}),
      ...(properties.Tags ? { Tags: properties.Tags } : {}),
    });
    return { physicalId: answer.ARN, attributes: { Id: answer.ARN } };
  },
  async update(properties, existing, context) {
    const valueChanged = JSON.stringify([properties.SecretString, properties.GenerateSecretString]) !== JSON.stringify([existing.properties.SecretString, existing.properties.GenerateSecretString]);
    await context.call('secretsmanager', 'UpdateSecret', {
      SecretId: existing.physicalId,
      ...(valueChanged ? { SecretString: valueOf(properties) } : {}),
      Description: properties.Description ?? '',
    });
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('secretsmanager', 'DeleteSecret', { SecretId: existing.physicalId, ForceDeleteWithoutRecovery: true }));
  },
};
