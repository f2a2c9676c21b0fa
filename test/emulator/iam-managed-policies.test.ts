/**
 * Customer managed policies through the real SDK, as AWS answers (the messages are those recorded
 * from AWS in LocalStack's IAM snapshots): creation, versions and their limit, deletion conflicts,
 * listing by scope, path and attachment, and the entities a policy is attached to.
 */
import {
  AttachRolePolicyCommand, CreatePolicyCommand, CreatePolicyVersionCommand, CreateRoleCommand, DeletePolicyCommand, DeletePolicyVersionCommand,
  DetachRolePolicyCommand, GetPolicyCommand, GetPolicyVersionCommand, ListEntitiesForPolicyCommand, ListPoliciesCommand, ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const policy = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Orders', Effect: 'Allow', Action: [action], Resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders' }] });

describe('customer managed policies', () => {
  const emulator = useEmulator();
  const iam = () => emulator.clients.iam;

  it('creates a policy with path, description and tags, and reads it back as AWS shows it', async () => {
    const created = await iam().send(new CreatePolicyCommand({ PolicyName: 'orders-read', Path: '/shop/', Description: 'read orders', PolicyDocument: policy('dynamodb:GetItem'), Tags: [{ Key: 'lab', Value: '10' }] }));
    expect(created.Policy).toMatchObject({
      PolicyName: 'orders-read', Arn: 'arn:aws:iam::000000000000:policy/shop/orders-read', Path: '/shop/', DefaultVersionId: 'v1',
      AttachmentCount: 0, PermissionsBoundaryUsageCount: 0, IsAttachable: true, Tags: [{ Key: 'lab', Value: '10' }],
    });
    // CreatePolicy does not echo the description; GetPolicy does.
    expect(created.Policy?.Description).toBeUndefined();
    expect(created.Policy?.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
    const got = await iam().send(new GetPolicyCommand({ PolicyArn: created.Policy!.Arn }));
    expect(got.Policy).toMatchObject({ Description: 'read orders', Tags: [{ Key: 'lab', Value: '10' }], PolicyId: created.Policy!.PolicyId });
    expect(got.Policy?.CreateDate).toBeInstanceOf(Date);

    const version = await iam().send(new GetPolicyVersionCommand({ PolicyArn: created.Policy!.Arn, VersionId: 'v1' }));
    expect(version.PolicyVersion).toMatchObject({ VersionId: 'v1', IsDefaultVersion: true });
    // IAM returns the document URL-encoded, as it does for every policy document.
    expect(version.PolicyVersion?.Document).toBe(encodeURIComponent(policy('dynamodb:GetItem')));

    await expect(iam().send(new CreatePolicyCommand({ PolicyName: 'orders-read', PolicyDocument: policy('dynamodb:Query') }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'A policy called orders-read already exists. Duplicate names are not allowed.',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(iam().send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::000000000000:policy/nope' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException', message: 'Policy arn:aws:iam::000000000000:policy/nope was not found.', $metadata: { httpStatusCode: 404 },
    });
  });

  it('keeps at most five versions, sets the default, and never deletes the default one', async () => {
    const arn = (await iam().send(new CreatePolicyCommand({ PolicyName: 'versions', PolicyDocument: policy('dynamodb:GetItem') }))).Policy!.Arn!;
    const v2 = await iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: policy('dynamodb:Query'), SetAsDefault: true }));
    expect(v2.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    for (const action of ['dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:UpdateItem']) await iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: policy(action) }));
    await expect(iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: policy('dynamodb:DeleteItem') }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
      $metadata: { httpStatusCode: 409 },
    });
    const listed = await iam().send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(listed.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v5', false], ['v4', false], ['v3', false], ['v2', true], ['v1', false]]);
    expect((await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId).toBe('v2');

    await expect(iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }))).rejects.toMatchObject({
      name: 'DeleteConflictException', message: 'Cannot delete the default version of a policy.',
    });
    await iam().send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    await iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    // Version numbers are not reused after a deletion.
    expect((await iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: policy('dynamodb:BatchGetItem') }))).PolicyVersion?.VersionId).toBe('v6');
    await expect(iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException', message: `Policy ${arn} version v9 does not exist or is not attachable.`,
    });
    await expect(iam().send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('refuses to delete a policy while it is attached or has other versions, as AWS does', async () => {
    const arn = (await iam().send(new CreatePolicyCommand({ PolicyName: 'in-use', PolicyDocument: policy('dynamodb:GetItem') }))).Policy!.Arn!;
    await iam().send(new CreateRoleCommand({ RoleName: 'in-use-role', AssumeRolePolicyDocument: TRUST }));
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'in-use-role', PolicyArn: arn }));
    expect((await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(1);
    const entities = await iam().send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(entities).toMatchObject({ PolicyRoles: [{ RoleName: 'in-use-role' }], PolicyUsers: [], PolicyGroups: [], IsTruncated: false });
    await expect(iam().send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({
      name: 'DeleteConflictException', message: 'Cannot delete a policy attached to entities.', $metadata: { httpStatusCode: 409 },
    });
    await iam().send(new DetachRolePolicyCommand({ RoleName: 'in-use-role', PolicyArn: arn }));
    expect((await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(0);

    await iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: policy('dynamodb:Query') }));
    await expect(iam().send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    });
    await iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    await iam().send(new DeletePolicyCommand({ PolicyArn: arn }));
    await expect(iam().send(new GetPolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await expect(iam().send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({
      name: 'NoSuchEntityException', message: `Policy ${arn} does not exist or is not attachable.`,
    });
  });

  it('lists by scope, path prefix and attachment, a page at a time', async () => {
    const local = emulator.clientsFor('222233334444').iam;
    for (const name of ['b-policy', 'a-policy', 'c-policy']) await local.send(new CreatePolicyCommand({ PolicyName: name, Path: name === 'c-policy' ? '/other/' : '/', PolicyDocument: policy('sqs:SendMessage') }));
    const own = await local.send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(own.Policies?.map((p) => p.PolicyName)).toEqual(['a-policy', 'b-policy', 'c-policy']);
    // Lists carry neither description nor tags.
    expect(own.Policies?.[0]?.Tags).toBeUndefined();
    expect((await local.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/other/' }))).Policies?.map((p) => p.PolicyName)).toEqual(['c-policy']);

    const first = await local.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 2 }));
    expect(first).toMatchObject({ IsTruncated: true });
    const second = await local.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 2, Marker: first.Marker }));
    expect(second.Policies?.map((p) => p.PolicyName)).toEqual(['c-policy']);
    expect(second.IsTruncated).toBe(false);

    await local.send(new CreateRoleCommand({ RoleName: 'lister', AssumeRolePolicyDocument: TRUST }));
    await local.send(new AttachRolePolicyCommand({ RoleName: 'lister', PolicyArn: 'arn:aws:iam::222233334444:policy/b-policy' }));
    await local.send(new AttachRolePolicyCommand({ RoleName: 'lister', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));
    const attached = await local.send(new ListPoliciesCommand({ OnlyAttached: true }));
    expect(attached.Policies?.map((p) => [p.PolicyName, p.AttachmentCount])).toEqual([['b-policy', 1], ['AWSLambdaBasicExecutionRole', 1]]);
    // Another account sees none of this one's policies.
    expect((await iam().send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies?.map((p) => p.PolicyName)).not.toContain('b-policy');
  });
});
