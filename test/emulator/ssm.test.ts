/**
 * SSM Parameter Store through the real SDK client: each operation and each error AWS gives, in
 * AWS's words (recorded AWS answers: LocalStack's snapshots, moto's copies of AWS's messages and
 * the service model's own error documentation).
 */
import {
  AddTagsToResourceCommand, DeleteParameterCommand, DeleteParametersCommand, DescribeParametersCommand, GetParameterCommand,
  GetParameterHistoryCommand, GetParametersByPathCommand, GetParametersCommand, LabelParameterVersionCommand, ListTagsForResourceCommand,
  PutParameterCommand, RemoveTagsFromResourceCommand, UnlabelParameterVersionCommand, type SSMClient,
} from '@aws-sdk/client-ssm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { failure, ssmAt } from './ssm-support.ts';

const emulator = useEmulator();
let ssm: SSMClient;
beforeAll(() => {
  ssm = ssmAt(emulator.running.url);
  return () => ssm.destroy();
});

const put = (Name: string, Value: string, more: Record<string, unknown> = {}) => ssm.send(new PutParameterCommand({ Name, Value, Type: 'String', ...more }));

describe('PutParameter and GetParameter', () => {
  it('creates version 1, refuses a second put without Overwrite and counts versions with it', async () => {
    expect(await put('/shop/db/host', 'db1')).toMatchObject({ Version: 1, Tier: 'Standard' });
    expect(await failure(put('/shop/db/host', 'db2'))).toEqual({
      name: 'ParameterAlreadyExists', status: 400,
      message: 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    });
    // Overwrite keeps the type when the request leaves it out.
    expect(await ssm.send(new PutParameterCommand({ Name: '/shop/db/host', Value: 'db2', Overwrite: true }))).toMatchObject({ Version: 2 });
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/shop/db/host' }));
    expect(Parameter).toMatchObject({ Name: '/shop/db/host', Type: 'String', Value: 'db2', Version: 2, DataType: 'text', ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/shop/db/host' });
    expect(Parameter!.LastModifiedDate).toBeInstanceOf(Date);
  });

  it('keeps StringList values as the comma-separated text', async () => {
    await put('/shop/regions', 'eu-west-1,us-east-1', { Type: 'StringList' });
    expect((await ssm.send(new GetParameterCommand({ Name: '/shop/regions' }))).Parameter).toMatchObject({ Type: 'StringList', Value: 'eu-west-1,us-east-1' });
  });

  it('answers a SecureString encrypted without WithDecryption and in clear with it, under alias/aws/ssm by default', async () => {
    await put('/shop/api-key', 'sk_live_42', { Type: 'SecureString' });
    const hidden = (await ssm.send(new GetParameterCommand({ Name: '/shop/api-key' }))).Parameter!;
    expect(hidden.Type).toBe('SecureString');
    expect(hidden.Value).not.toContain('sk_live_42');
    expect(hidden.Value).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(hidden.Value!, 'base64').toString('utf8')).not.toContain('sk_live_42');
    // The same version reads back as the same blob, as a stored ciphertext does.
    expect((await ssm.send(new GetParameterCommand({ Name: '/shop/api-key' }))).Parameter!.Value).toBe(hidden.Value);
    expect((await ssm.send(new GetParameterCommand({ Name: '/shop/api-key', WithDecryption: true }))).Parameter!.Value).toBe('sk_live_42');
    const [described] = (await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/shop/api-key'] }] }))).Parameters!;
    expect(described).toMatchObject({ Name: '/shop/api-key', Type: 'SecureString', KeyId: 'alias/aws/ssm', Version: 1, Tier: 'Standard' });
  });

  it('answers ParameterNotFound for a missing name, and reads the CDK bootstrap version once it exists', async () => {
    expect(await failure(ssm.send(new GetParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version' })))).toEqual({
      name: 'ParameterNotFound', status: 400, message: 'Parameter /cdk-bootstrap/hnb659fds/version not found.',
    });
    await put('/cdk-bootstrap/hnb659fds/version', '21');
    expect((await ssm.send(new GetParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version' }))).Parameter).toMatchObject({ Value: '21', Version: 1 });
  });

  it('reads a parameter by its ARN, plain and hierarchical names alike', async () => {
    await put('plain-name', 'p');
    expect((await ssm.send(new GetParameterCommand({ Name: 'arn:aws:ssm:us-east-1:000000000000:parameter/plain-name' }))).Parameter).toMatchObject({ Name: 'plain-name', Value: 'p' });
    expect((await ssm.send(new GetParameterCommand({ Name: 'arn:aws:ssm:us-east-1:000000000000:parameter/shop/db/host' }))).Parameter).toMatchObject({ Name: '/shop/db/host' });
  });

  it('keeps Description and AllowedPattern, and refuses a value the pattern does not match', async () => {
    await put('/shop/port', '8080', { Description: 'the port', AllowedPattern: '\\d{1,5}' });
    expect(await failure(ssm.send(new PutParameterCommand({ Name: '/shop/port', Value: 'eighty', Overwrite: true })))).toEqual({
      name: 'ParameterPatternMismatchException', status: 400, message: 'Parameter value, cannot be validated against allowedPattern: \\d{1,5}',
    });
    const [described] = (await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Values: ['/shop/port'] }] }))).Parameters!;
    expect(described).toMatchObject({ Description: 'the port', AllowedPattern: '\\d{1,5}', Version: 1 });
  });

  it('holds 4096 characters in the Standard tier, 8192 in Advanced, and never goes back down', async () => {
    expect(await put('/shop/big', 'x'.repeat(4096))).toMatchObject({ Version: 1, Tier: 'Standard' });
    expect(await failure(put('/shop/bigger', 'x'.repeat(4097)))).toEqual({
      name: 'ValidationException', status: 400,
      message: 'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    });
    expect(await put('/shop/bigger', 'x'.repeat(8192), { Tier: 'Advanced' })).toMatchObject({ Tier: 'Advanced' });
    expect((await failure(ssm.send(new PutParameterCommand({ Name: '/shop/bigger', Value: 'small', Overwrite: true, Tier: 'Standard' })))).name).toBe('ValidationException');
    // Overwriting without a Tier keeps Advanced.
    expect(await ssm.send(new PutParameterCommand({ Name: '/shop/bigger', Value: 'small', Overwrite: true }))).toMatchObject({ Version: 2, Tier: 'Advanced' });
    expect(await put('/shop/smart', 'x'.repeat(5000), { Tier: 'Intelligent-Tiering' })).toMatchObject({ Tier: 'Advanced' });
  });

  it('takes tags on creation, not together with Overwrite, and tags by resource id', async () => {
    await put('/shop/tagged', 'v', { Tags: [{ Key: 'team', Value: 'orders' }] });
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/shop/tagged', Tags: [{ Key: 'env', Value: 'dev' }] }));
    await ssm.send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: '/shop/tagged', TagKeys: ['team'] }));
    expect((await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/shop/tagged' }))).TagList).toEqual([{ Key: 'env', Value: 'dev' }]);
    const both = await failure(ssm.send(new PutParameterCommand({ Name: '/shop/tagged', Value: 'w', Overwrite: true, Tags: [{ Key: 'a', Value: 'b' }] })));
    expect(both.name).toBe('ValidationException');
    expect(both.message).toMatch(/^Invalid request: tags and overwrite can't be used together\./);
  });

  it('asks for a Type when a parameter is created without one', async () => {
    expect(await failure(ssm.send(new PutParameterCommand({ Name: '/shop/untyped', Value: 'v' })))).toEqual({
      name: 'ValidationException', status: 400, message: 'A parameter type is required when you create a parameter.',
    });
  });
});

describe('parameter names', () => {
  it('requires a leading slash once a name has a hierarchy', async () => {
    expect(await failure(put('shop/no-slash', 'v'))).toEqual({ name: 'ValidationException', status: 400, message: 'Parameter name must be a fully qualified name.' });
  });

  it('allows 15 levels and refuses 16', async () => {
    const levels = (count: number) => `/${Array.from({ length: count }, (_, index) => `l${index}`).join('/')}`;
    expect(await put(levels(15), 'deep')).toMatchObject({ Version: 1 });
    expect(await failure(put(levels(16), 'deeper'))).toEqual({
      name: 'HierarchyLevelLimitExceededException', status: 400,
      message: 'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for parameter names in the Amazon Web Services Systems Manager User Guide.',
    });
  });

  it('keeps the aws and ssm prefixes for AWS', async () => {
    expect(await failure(put('awsThing', 'v'))).toEqual({ name: 'ValidationException', status: 400, message: 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).' });
    expect(await failure(put('/aws/service/mine', 'v'))).toEqual({ name: 'AccessDeniedException', status: 400, message: 'No access to reserved parameter name: /aws/service/mine.' });
    expect((await failure(put('/shop/bad name', 'v'))).message).toMatch(/^Parameter name: can't be prefixed with "aws" or "ssm" \(case-insensitive\)\. If formed as a path/);
  });

  it('checks the model constraints first, in the validation layer\'s words', async () => {
    expect(await failure(put('/x'.repeat(1025), 'v'))).toMatchObject({ name: 'ValidationException', message: expect.stringContaining("at 'name' failed to satisfy constraint: Member must have length less than or equal to 2048") });
  });
});

describe('GetParameters and selectors', () => {
  beforeAll(async () => {
    await put('/sel/color', 'red');
    await ssm.send(new PutParameterCommand({ Name: '/sel/color', Value: 'green', Overwrite: true }));
    await ssm.send(new PutParameterCommand({ Name: '/sel/color', Value: 'blue', Overwrite: true }));
  });

  it('reads name:version and name:label, and lists the names it could not find', async () => {
    await ssm.send(new LabelParameterVersionCommand({ Name: '/sel/color', ParameterVersion: 1, Labels: ['first'] }));
    const answer = await ssm.send(new GetParametersCommand({ Names: ['/sel/color:2', '/sel/color:first', '/sel/color', '/sel/missing', '/sel/color:9'] }));
    expect(answer.Parameters!.map((parameter) => [parameter.Value, parameter.Selector ?? null])).toEqual([['green', ':2'], ['red', ':first'], ['blue', null]]);
    expect(answer.InvalidParameters).toEqual(['/sel/missing', '/sel/color:9']);
    expect(await failure(ssm.send(new GetParameterCommand({ Name: '/sel/color:9' })))).toEqual({
      name: 'ParameterVersionNotFound', status: 400, message: 'Systems Manager could not find version 9 of /sel/color. Verify the version and try again.',
    });
  });

  it('takes at most 10 names', async () => {
    const names = Array.from({ length: 11 }, (_, index) => `/n${index}`);
    expect((await failure(ssm.send(new GetParametersCommand({ Names: names })))).message).toContain("at 'names' failed to satisfy constraint: Member must have length less than or equal to 10");
  });
});

describe('labels and history', () => {
  it('moves a label between versions, refuses bad labels and unlabels', async () => {
    await put('/lab/x', 'a');
    await ssm.send(new PutParameterCommand({ Name: '/lab/x', Value: 'b', Overwrite: true }));
    expect(await ssm.send(new LabelParameterVersionCommand({ Name: '/lab/x', ParameterVersion: 1, Labels: ['prod', 'awsy', '1st'] }))).toMatchObject({ InvalidLabels: ['awsy', '1st'], ParameterVersion: 1 });
    expect(await ssm.send(new LabelParameterVersionCommand({ Name: '/lab/x', Labels: ['prod'] }))).toMatchObject({ InvalidLabels: [], ParameterVersion: 2 });
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: '/lab/x' }));
    expect(history.Parameters!.map((version) => [version.Version, version.Value, version.Labels])).toEqual([[1, 'a', []], [2, 'b', ['prod']]]);
    expect(await ssm.send(new UnlabelParameterVersionCommand({ Name: '/lab/x', ParameterVersion: 2, Labels: ['prod', 'nope'] }))).toMatchObject({ RemovedLabels: ['prod'], InvalidLabels: ['nope'] });
    expect((await failure(ssm.send(new LabelParameterVersionCommand({ Name: '/lab/x', ParameterVersion: 7, Labels: ['l'] })))).name).toBe('ParameterVersionNotFound');
    expect((await failure(ssm.send(new GetParameterHistoryCommand({ Name: '/lab/none' })))).name).toBe('ParameterNotFound');
  });

  it('keeps a SecureString encrypted in the history unless asked', async () => {
    await put('/lab/secret', 'hush', { Type: 'SecureString' });
    expect((await ssm.send(new GetParameterHistoryCommand({ Name: '/lab/secret' }))).Parameters![0]!.Value).not.toBe('hush');
    expect((await ssm.send(new GetParameterHistoryCommand({ Name: '/lab/secret', WithDecryption: true }))).Parameters![0]).toMatchObject({ Value: 'hush', KeyId: 'alias/aws/ssm' });
  });
});

describe('GetParametersByPath and DescribeParameters', () => {
  beforeAll(async () => {
    for (let index = 0; index < 12; index++) await put(`/tree/items/i${String(index).padStart(2, '0')}`, `v${index}`);
    await put('/tree/top', 't');
    await put('/tree/items/deep/leaf', 'l', { Type: 'SecureString' });
  });

  it('lists one level, or every level with Recursive, ten at a time', async () => {
    expect((await ssm.send(new GetParametersByPathCommand({ Path: '/tree' }))).Parameters!.map((parameter) => parameter.Name)).toEqual(['/tree/top']);
    const first = await ssm.send(new GetParametersByPathCommand({ Path: '/tree/', Recursive: true }));
    expect(first.Parameters).toHaveLength(10);
    expect(first.NextToken).toBeTruthy();
    const second = await ssm.send(new GetParametersByPathCommand({ Path: '/tree/', Recursive: true, NextToken: first.NextToken }));
    const names = [...first.Parameters!, ...second.Parameters!].map((parameter) => parameter.Name);
    expect(names).toHaveLength(14);
    expect(names).toContain('/tree/items/deep/leaf');
    expect(second.NextToken).toBeUndefined();
    expect((await failure(ssm.send(new GetParametersByPathCommand({ Path: '/tree', MaxResults: 11 })))).message).toContain("at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10");
  });

  it('filters by Type, refuses keys the operation does not take, and checks the path', async () => {
    const secure = await ssm.send(new GetParametersByPathCommand({ Path: '/tree', Recursive: true, WithDecryption: true, ParameterFilters: [{ Key: 'Type', Values: ['SecureString'] }] }));
    expect(secure.Parameters!.map((parameter) => [parameter.Name, parameter.Value])).toEqual([['/tree/items/deep/leaf', 'l']]);
    expect(await failure(ssm.send(new GetParametersByPathCommand({ Path: '/tree', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] })))).toEqual({
      name: 'InvalidFilterKey', status: 400, message: 'The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId, Label].',
    });
    expect((await failure(ssm.send(new GetParametersByPathCommand({ Path: 'tree' })))).message).toMatch(/^The parameter doesn't meet the parameter name requirements\. The parameter name must begin with a forward slash "\/"\./);
    expect(await failure(ssm.send(new GetParametersByPathCommand({ Path: '/tree', NextToken: 'made-up' })))).toMatchObject({ name: 'InvalidNextToken' });
  });

  it('describes parameters by Name prefix and Path, without their values', async () => {
    const begins = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/tree/items/i0'] }] }));
    expect(begins.Parameters!.map((parameter) => parameter.Name)).toEqual(['/tree/items/i00', '/tree/items/i01', '/tree/items/i02', '/tree/items/i03', '/tree/items/i04', '/tree/items/i05', '/tree/items/i06', '/tree/items/i07', '/tree/items/i08', '/tree/items/i09']);
    expect(begins.Parameters![0]).not.toHaveProperty('Value');
    const oneLevel = await ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Option: 'OneLevel', Values: ['/tree/items/deep'] }] }));
    expect(oneLevel.Parameters!.map((parameter) => parameter.Name)).toEqual(['/tree/items/deep/leaf']);
    expect(await failure(ssm.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Option: 'Deep', Values: ['/tree'] }] })))).toMatchObject({
      name: 'InvalidFilterOption', message: 'The following filter option is not valid: Deep. Valid options include: [Recursive, OneLevel].',
    });
  });
});

describe('DeleteParameter(s)', () => {
  it('deletes one, answers ParameterNotFound after, and deletes many with the names it could not find', async () => {
    await put('/del/a', '1');
    await put('/del/b', '2');
    await ssm.send(new DeleteParameterCommand({ Name: '/del/a' }));
    expect(await failure(ssm.send(new DeleteParameterCommand({ Name: '/del/a' })))).toEqual({ name: 'ParameterNotFound', status: 400, message: 'Parameter /del/a not found.' });
    expect(await ssm.send(new DeleteParametersCommand({ Names: ['/del/b', '/del/a'] }))).toMatchObject({ DeletedParameters: ['/del/b'], InvalidParameters: ['/del/a'] });
  });
});

describe('accounts and regions', () => {
  it('keeps parameters apart per account and per region', async () => {
    await put('/scoped/p', 'mine');
    const other = ssmAt(emulator.running.url, '111122223333');
    const elsewhere = ssmAt(emulator.running.url, undefined, 'eu-west-1');
    try {
      expect((await failure(other.send(new GetParameterCommand({ Name: '/scoped/p' })))).name).toBe('ParameterNotFound');
      expect((await failure(elsewhere.send(new GetParameterCommand({ Name: '/scoped/p' })))).name).toBe('ParameterNotFound');
      await elsewhere.send(new PutParameterCommand({ Name: '/scoped/p', Value: 'eu', Type: 'String' }));
      expect((await elsewhere.send(new GetParameterCommand({ Name: '/scoped/p' }))).Parameter).toMatchObject({ Value: 'eu', ARN: 'arn:aws:ssm:eu-west-1:000000000000:parameter/scoped/p' });
    } finally {
      other.destroy();
      elsewhere.destroy();
    }
  });
});

describe('member types', () => {
  it('answers SerializationException, not a crash, for a member of the wrong JSON type', async () => {
    const answer = await fetch(emulator.running.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonSSM.LabelParameterVersion',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=00',
      },
      body: JSON.stringify({ Name: '/shop/db/host', Labels: 'not-a-list' }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ __type: 'SerializationException', message: 'Value found where not expected: Labels must be a list of strings.' });
  });
});
