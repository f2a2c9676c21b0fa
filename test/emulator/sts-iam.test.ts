import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AttachRolePolicyCommand, CreateRoleCommand, DeleteRoleCommand, DetachRolePolicyCommand, GetRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe('STS and IAM through the real SDK', () => {
  const emulator = useEmulator();

  it('reports the account chosen by the access key id', async () => {
    const own = await emulator.clients.sts.send(new GetCallerIdentityCommand({}));
    expect(own.Account).toBe('000000000000');
    const other = await emulator.clientsFor('111122223333').sts.send(new GetCallerIdentityCommand({}));
    expect(other).toMatchObject({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:root' });
  });

  it('creates, reads, lists and deletes an execution role', async () => {
    const { iam } = emulator.clients;
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'order-handler-role', AssumeRolePolicyDocument: TRUST }));
    expect(created.Role?.Arn).toBe('arn:aws:iam::000000000000:role/order-handler-role');
    expect(created.Role?.CreateDate).toBeInstanceOf(Date);
    const got = await iam.send(new GetRoleCommand({ RoleName: 'order-handler-role' }));
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? '')).toBe(TRUST);
    const listed = await iam.send(new ListRolesCommand({}));
    expect(listed.Roles?.map((role) => role.RoleName)).toContain('order-handler-role');

    const policy = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'order-handler-role', PolicyArn: policy }));
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'order-handler-role' }))).rejects.toMatchObject({ name: 'DeleteConflictException' });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'order-handler-role', PolicyArn: policy }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'order-handler-role' }));
    await expect(iam.send(new GetRoleCommand({ RoleName: 'order-handler-role' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('answers AWS errors for bad input', async () => {
    const { iam } = emulator.clients;
    await iam.send(new CreateRoleCommand({ RoleName: 'twice', AssumeRolePolicyDocument: TRUST }));
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'twice', AssumeRolePolicyDocument: TRUST }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: '{not json' }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'has space', AssumeRolePolicyDocument: TRUST }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('keeps accounts apart', async () => {
    const a = emulator.clientsFor('210987654321').iam;
    const b = emulator.clientsFor('123412341234').iam;
    await a.send(new CreateRoleCommand({ RoleName: 'mine', AssumeRolePolicyDocument: TRUST }));
    await expect(b.send(new GetRoleCommand({ RoleName: 'mine' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});
