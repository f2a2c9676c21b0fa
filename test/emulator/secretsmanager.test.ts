/**
 * AWS Secrets Manager through the real SDK client: each operation and each error AWS gives, in
 * AWS's words (recorded AWS answers: LocalStack's snapshots, moto's copies of AWS's messages).
 */
import {
  CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand, ListSecretVersionIdsCommand,
  PutSecretValueCommand, RestoreSecretCommand, TagResourceCommand, UntagResourceCommand, UpdateSecretCommand, type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { failure, secretsAt } from './ssm-support.ts';

const emulator = useEmulator();
let secrets: SecretsManagerClient;
beforeAll(() => {
  secrets = secretsAt(emulator.running.url);
  return () => secrets.destroy();
});

const TOKEN_A = 'a'.repeat(8) + '-aaaa-4aaa-8aaa-' + 'a'.repeat(12);
const TOKEN_B = 'b'.repeat(8) + '-bbbb-4bbb-8bbb-' + 'b'.repeat(12);
const MARKED = 'You can\'t perform this operation on the secret because it was marked for deletion.';

describe('CreateSecret and GetSecretValue', () => {
  it('creates a secret with an ARN that ends in six random characters, and reads its value', async () => {
    const created = await secrets.send(new CreateSecretCommand({ Name: 'shop/db', SecretString: '{"password":"p1"}', Description: 'the db' }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:shop\/db-[A-Za-z0-9]{6}$/);
    expect(created.Name).toBe('shop/db');
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    const value = await secrets.send(new GetSecretValueCommand({ SecretId: 'shop/db' }));
    expect(value).toMatchObject({ ARN: created.ARN, Name: 'shop/db', SecretString: '{"password":"p1"}', VersionId: created.VersionId, VersionStages: ['AWSCURRENT'] });
    expect(value.CreatedDate).toBeInstanceOf(Date);
    // The full ARN and the ARN without its suffix name the secret too.
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: created.ARN }))).SecretString).toBe('{"password":"p1"}');
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: created.ARN!.slice(0, -7) }))).SecretString).toBe('{"password":"p1"}');
  });

  it('gives each secret of the same name a new suffix', async () => {
    const first = await secrets.send(new CreateSecretCommand({ Name: 'suffix-check', SecretString: 'x' }));
    await secrets.send(new DeleteSecretCommand({ SecretId: 'suffix-check', ForceDeleteWithoutRecovery: true }));
    const second = await secrets.send(new CreateSecretCommand({ Name: 'suffix-check', SecretString: 'x' }));
    expect(second.ARN).not.toBe(first.ARN);
  });

  it('keeps binary values as bytes', async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'shop/cert', SecretBinary: Buffer.from([0, 1, 2, 250]) }));
    const value = await secrets.send(new GetSecretValueCommand({ SecretId: 'shop/cert' }));
    expect(Buffer.from(value.SecretBinary!)).toEqual(Buffer.from([0, 1, 2, 250]));
    expect(value.SecretString).toBeUndefined();
  });

  it('answers ResourceExistsException for a name taken, and ResourceNotFoundException for one never made', async () => {
    expect(await failure(secrets.send(new CreateSecretCommand({ Name: 'shop/db', SecretString: 'again' })))).toEqual({
      name: 'ResourceExistsException', status: 400, message: 'The operation failed because the secret shop/db already exists.',
    });
    expect(await failure(secrets.send(new GetSecretValueCommand({ SecretId: 'nope' })))).toEqual({
      name: 'ResourceNotFoundException', status: 400, message: 'Secrets Manager can\'t find the specified secret.',
    });
    expect((await failure(secrets.send(new CreateSecretCommand({ Name: 'both', SecretString: 's', SecretBinary: Buffer.from('b') })))).name).toBe('InvalidParameterException');
    expect((await failure(secrets.send(new CreateSecretCommand({ Name: 'bad name' })))).message).toBe('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  });

  it('is idempotent for a repeated ClientRequestToken and value, and refuses the token for another value', async () => {
    const first = await secrets.send(new CreateSecretCommand({ Name: 'idem', SecretString: 'v1', ClientRequestToken: TOKEN_A }));
    const again = await secrets.send(new CreateSecretCommand({ Name: 'idem', SecretString: 'v1', ClientRequestToken: TOKEN_A }));
    expect([again.ARN, again.VersionId]).toEqual([first.ARN, TOKEN_A]);
    const other = await failure(secrets.send(new CreateSecretCommand({ Name: 'idem', SecretString: 'v2', ClientRequestToken: TOKEN_A })));
    expect(other.name).toBe('ResourceExistsException');
    expect(other.message).toBe(`You can't use ClientRequestToken ${TOKEN_A} because that value is already in use for a version of secret ${first.ARN}.`);
    expect((await failure(secrets.send(new CreateSecretCommand({ Name: 'short-token', SecretString: 'v', ClientRequestToken: 'short' })))).message).toContain(
      "at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32",
    );
  });

  it('has no value until one is put', async () => {
    const created = await secrets.send(new CreateSecretCommand({ Name: 'empty' }));
    expect(created.VersionId).toBeUndefined();
    expect(await failure(secrets.send(new GetSecretValueCommand({ SecretId: 'empty' })))).toEqual({
      name: 'ResourceNotFoundException', status: 400, message: 'Secrets Manager can\'t find the specified secret value for staging label: AWSCURRENT',
    });
  });
});

describe('versions and stages', () => {
  it('moves AWSCURRENT to a new value and AWSPREVIOUS to the old one', async () => {
    const { VersionId: v1 } = await secrets.send(new CreateSecretCommand({ Name: 'rotating', SecretString: 'one' }));
    const put = await secrets.send(new PutSecretValueCommand({ SecretId: 'rotating', SecretString: 'two', ClientRequestToken: TOKEN_B }));
    expect(put).toMatchObject({ Name: 'rotating', VersionId: TOKEN_B, VersionStages: ['AWSCURRENT'] });
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'rotating' }))).SecretString).toBe('two');
    expect(await secrets.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'AWSPREVIOUS' }))).toMatchObject({ SecretString: 'one', VersionId: v1 });
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionId: v1 }))).SecretString).toBe('one');
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: 'rotating' }));
    expect(described.VersionIdsToStages).toEqual({ [v1!]: ['AWSPREVIOUS'], [TOKEN_B]: ['AWSCURRENT'] });
    // A third value drops the first version, which has no label left.
    const third = await secrets.send(new PutSecretValueCommand({ SecretId: 'rotating', SecretString: 'three' }));
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: 'rotating' }))).VersionIdsToStages).toEqual({ [TOKEN_B]: ['AWSPREVIOUS'], [third.VersionId!]: ['AWSCURRENT'] });
    const listed = await secrets.send(new ListSecretVersionIdsCommand({ SecretId: 'rotating' }));
    expect(listed.Versions!.map((version) => version.VersionId).sort()).toEqual([TOKEN_B, third.VersionId!].sort());
  });

  it('answers for versions and stages it does not have', async () => {
    const unknown = '0'.repeat(8) + '-0000-4000-8000-' + '0'.repeat(12);
    expect(await failure(secrets.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionId: unknown })))).toEqual({
      name: 'ResourceNotFoundException', status: 400, message: `Secrets Manager can't find the specified secret value for VersionId: ${unknown}`,
    });
    expect((await failure(secrets.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'AWSPENDING' })))).message).toBe(
      'Secrets Manager can\'t find the specified secret value for staging label: AWSPENDING',
    );
    expect(await failure(secrets.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionId: TOKEN_B, VersionStage: 'AWSCURRENT' })))).toEqual({
      name: 'InvalidRequestException', status: 400, message: 'You provided a VersionStage that is not associated to the provided VersionId.',
    });
  });

  it('updates the description and, with a value, makes a new version', async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'updated', SecretString: 'a' }));
    expect((await secrets.send(new UpdateSecretCommand({ SecretId: 'updated', Description: 'now described' }))).VersionId).toBeUndefined();
    const withValue = await secrets.send(new UpdateSecretCommand({ SecretId: 'updated', SecretString: 'b' }));
    expect(withValue.VersionId).toBeTruthy();
    expect(await secrets.send(new GetSecretValueCommand({ SecretId: 'updated' }))).toMatchObject({ SecretString: 'b', VersionId: withValue.VersionId });
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: 'updated' }))).Description).toBe('now described');
  });
});

describe('DeleteSecret and RestoreSecret', () => {
  it('schedules deletion, refuses use until restored, and refuses a name scheduled for deletion', async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'x' }));
    const before = Date.now();
    const deleted = await secrets.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }));
    expect(deleted.DeletionDate!.getTime() - before).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(await failure(secrets.send(new GetSecretValueCommand({ SecretId: 'doomed' })))).toEqual({ name: 'InvalidRequestException', status: 400, message: MARKED });
    expect((await failure(secrets.send(new PutSecretValueCommand({ SecretId: 'doomed', SecretString: 'y' })))).message).toBe(MARKED);
    expect((await failure(secrets.send(new DeleteSecretCommand({ SecretId: 'doomed' })))).message).toBe(MARKED);
    expect(await failure(secrets.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'z' })))).toEqual({
      name: 'InvalidRequestException', status: 400, message: 'You can\'t create this secret because a secret with this name is already scheduled for deletion.',
    });
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: 'doomed' }))).DeletedDate).toBeInstanceOf(Date);
    expect((await secrets.send(new ListSecretsCommand({}))).SecretList!.map((secret) => secret.Name)).not.toContain('doomed');
    expect((await secrets.send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList!.map((secret) => secret.Name)).toContain('doomed');
    await secrets.send(new RestoreSecretCommand({ SecretId: 'doomed' }));
    expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'doomed' }))).SecretString).toBe('x');
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: 'doomed' }))).DeletedDate).toBeUndefined();
  });

  it('checks the recovery window and forces deletion at once', async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'forced', SecretString: 'x' }));
    expect(await failure(secrets.send(new DeleteSecretCommand({ SecretId: 'forced', RecoveryWindowInDays: 6 })))).toEqual({
      name: 'InvalidParameterException', status: 400, message: 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
    });
    expect(await failure(secrets.send(new DeleteSecretCommand({ SecretId: 'forced', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })))).toEqual({
      name: 'InvalidParameterException', status: 400, message: 'You can\'t use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.',
    });
    await secrets.send(new DeleteSecretCommand({ SecretId: 'forced', ForceDeleteWithoutRecovery: true }));
    expect((await failure(secrets.send(new DescribeSecretCommand({ SecretId: 'forced' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('ListSecrets and tags', () => {
  beforeAll(async () => {
    for (let index = 0; index < 5; index++) await secrets.send(new CreateSecretCommand({ Name: `list/item-${index}`, SecretString: 'v', Tags: [{ Key: 'team', Value: index % 2 ? 'odd' : 'even' }] }));
  });

  it('filters by name prefix and tag, negates with !, and pages', async () => {
    const byName = await secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['list/'] }] }));
    expect(byName.SecretList!.map((secret) => secret.Name)).toEqual(['list/item-0', 'list/item-1', 'list/item-2', 'list/item-3', 'list/item-4']);
    expect(byName.SecretList![0]!.SecretVersionsToStages).toBeDefined();
    // A description filter ignores case; a name filter does not.
    await secrets.send(new UpdateSecretCommand({ SecretId: 'list/item-2', Description: 'Payment Gateway key' }));
    expect((await secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'description', Values: ['payment gate'] }] }))).SecretList!.map((secret) => secret.Name)).toEqual(['list/item-2']);
    expect((await secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['LIST/'] }] }))).SecretList).toEqual([]);
    const odd = await secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['list/'] }, { Key: 'tag-value', Values: ['odd'] }] }));
    expect(odd.SecretList!.map((secret) => secret.Name)).toEqual(['list/item-1', 'list/item-3']);
    const notOdd = await secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['list/'] }, { Key: 'tag-value', Values: ['!odd'] }] }));
    expect(notOdd.SecretList!.map((secret) => secret.Name)).toEqual(['list/item-0', 'list/item-2', 'list/item-4']);
    const first = await secrets.send(new ListSecretsCommand({ MaxResults: 2, Filters: [{ Key: 'name', Values: ['list/'] }], SortOrder: 'desc' }));
    expect(first.SecretList!.map((secret) => secret.Name)).toEqual(['list/item-4', 'list/item-3']);
    const second = await secrets.send(new ListSecretsCommand({ MaxResults: 2, Filters: [{ Key: 'name', Values: ['list/'] }], SortOrder: 'desc', NextToken: first.NextToken }));
    expect(second.SecretList!.map((secret) => secret.Name)).toEqual(['list/item-2', 'list/item-1']);
    expect((await failure(secrets.send(new ListSecretsCommand({ Filters: [{ Key: 'colour' as never, Values: ['x'] }] })))).name).toBe('ValidationException');
  });

  it('tags and untags a secret', async () => {
    await secrets.send(new TagResourceCommand({ SecretId: 'list/item-0', Tags: [{ Key: 'team', Value: 'ops' }, { Key: 'env', Value: 'dev' }] }));
    await secrets.send(new UntagResourceCommand({ SecretId: 'list/item-0', TagKeys: ['env'] }));
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: 'list/item-0' }))).Tags).toEqual([{ Key: 'team', Value: 'ops' }]);
    expect((await failure(secrets.send(new TagResourceCommand({ SecretId: 'missing', Tags: [] })))).name).toBe('ResourceNotFoundException');
  });
});

describe('accounts and regions', () => {
  it('keeps secrets apart per account and per region', async () => {
    await secrets.send(new CreateSecretCommand({ Name: 'scoped', SecretString: 'mine' }));
    const other = secretsAt(emulator.running.url, '111122223333');
    const elsewhere = secretsAt(emulator.running.url, undefined, 'eu-west-1');
    try {
      expect((await failure(other.send(new GetSecretValueCommand({ SecretId: 'scoped' })))).name).toBe('ResourceNotFoundException');
      const created = await elsewhere.send(new CreateSecretCommand({ Name: 'scoped', SecretString: 'eu' }));
      expect(created.ARN).toMatch(/^arn:aws:secretsmanager:eu-west-1:000000000000:secret:scoped-/);
      expect((await elsewhere.send(new GetSecretValueCommand({ SecretId: 'scoped' }))).SecretString).toBe('eu');
    } finally {
      other.destroy();
      elsewhere.destroy();
    }
  });
});
