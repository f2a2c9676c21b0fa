/**
 * AWS managed policies and a role's policies through the real SDK: the AWS documents readable by
 * ARN and listed under Scope=AWS, attaching only what exists, the ten-policy quota, and DeleteRole's
 * two conflicts, in AWS's words (recorded AWS answers in LocalStack's IAM snapshots).
 */
import {
  AttachRolePolicyCommand, CreateRoleCommand, DeletePolicyCommand, DeleteRoleCommand, DeleteRolePolicyCommand, DetachRolePolicyCommand,
  GetPolicyCommand, GetPolicyVersionCommand, ListAttachedRolePoliciesCommand, ListPoliciesCommand, PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const INLINE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:000000000000:orders' }] });
const LAB_POLICIES = [
  'service-role/AWSLambdaBasicExecutionRole', 'service-role/AWSLambdaSQSQueueExecutionRole', 'service-role/AWSLambdaDynamoDBExecutionRole',
  'AmazonDynamoDBFullAccess', 'AmazonDynamoDBReadOnlyAccess', 'AmazonSQSFullAccess', 'AmazonS3FullAccess', 'AmazonS3ReadOnlyAccess',
  'AmazonEventBridgeFullAccess', 'CloudWatchLogsFullAccess', 'AWSXRayDaemonWriteAccess',
].map((name) => `arn:aws:iam::aws:policy/${name}`);

describe('AWS managed policies', () => {
  const emulator = useEmulator();
  const iam = () => emulator.clients.iam;

  it('has the policies the labs attach, with AWS documents, readable by ARN', async () => {
    const basic = await iam().send(new GetPolicyCommand({ PolicyArn: BASIC }));
    expect(basic.Policy).toMatchObject({ PolicyName: 'AWSLambdaBasicExecutionRole', Path: '/service-role/', DefaultVersionId: 'v1', IsAttachable: true, Description: 'Provides write permissions to CloudWatch Logs.' });
    const version = await iam().send(new GetPolicyVersionCommand({ PolicyArn: BASIC, VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
    });
    const sqs = await iam().send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole' }));
    const sqsDocument = await iam().send(new GetPolicyVersionCommand({ PolicyArn: sqs.Policy!.Arn, VersionId: sqs.Policy!.DefaultVersionId }));
    expect(JSON.parse(decodeURIComponent(sqsDocument.PolicyVersion!.Document!)).Statement[0].Action).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']));

    const listed = await iam().send(new ListPoliciesCommand({ Scope: 'AWS', MaxItems: 1000 }));
    expect(listed.Policies?.map((p) => p.Arn)).toEqual(expect.arrayContaining(LAB_POLICIES));
    expect((await iam().send(new ListPoliciesCommand({ Scope: 'AWS', PathPrefix: '/service-role/' }))).Policies?.map((p) => p.PolicyName)).toEqual(
      ['AWSLambdaBasicExecutionRole', 'AWSLambdaDynamoDBExecutionRole', 'AWSLambdaSQSQueueExecutionRole'],
    );
    for (const arn of LAB_POLICIES) {
      const { Policy } = await iam().send(new GetPolicyCommand({ PolicyArn: arn }));
      const document = await iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy!.DefaultVersionId }));
      expect(JSON.parse(decodeURIComponent(document.PolicyVersion!.Document!)).Version, arn).toBe('2012-10-17');
    }
  });

  it('cannot be deleted by an account', async () => {
    await expect(iam().send(new DeletePolicyCommand({ PolicyArn: BASIC }))).rejects.toMatchObject({
      name: 'AccessDenied', message: 'Cannot delete policies outside your own account.', $metadata: { httpStatusCode: 403 },
    });
    expect((await iam().send(new GetPolicyCommand({ PolicyArn: BASIC }))).Policy?.PolicyName).toBe('AWSLambdaBasicExecutionRole');
  });
});

describe('a role and its policies', () => {
  const emulator = useEmulator();
  const iam = () => emulator.clients.iam;

  it('attaches only policies that exist, and lists them by name', async () => {
    await iam().send(new CreateRoleCommand({ RoleName: 'attacher', AssumeRolePolicyDocument: TRUST }));
    const missing = 'arn:aws:iam::000000000000:policy/nonexistent-policy';
    await expect(iam().send(new AttachRolePolicyCommand({ RoleName: 'attacher', PolicyArn: missing }))).rejects.toMatchObject({
      name: 'NoSuchEntityException', message: `Policy ${missing} does not exist or is not attachable.`, $metadata: { httpStatusCode: 404 },
    });
    await expect(iam().send(new AttachRolePolicyCommand({ RoleName: 'attacher', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchAwsPolicy' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await expect(iam().send(new AttachRolePolicyCommand({ RoleName: 'attacher', PolicyArn: 'AWSLambdaBasicExecutionRole' }))).rejects.toMatchObject({
      message: 'ARN AWSLambdaBasicExecutionRole is not valid.', $metadata: { httpStatusCode: 400 },
    });
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'attacher', PolicyArn: BASIC }));
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'attacher', PolicyArn: BASIC }));
    const attached = await iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'attacher' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: BASIC }]);
    expect((await iam().send(new GetPolicyCommand({ PolicyArn: BASIC }))).Policy?.AttachmentCount).toBe(1);
    await expect(iam().send(new DetachRolePolicyCommand({ RoleName: 'attacher', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException', message: 'Policy arn:aws:iam::aws:policy/AmazonS3FullAccess was not found.',
    });
  });

  it('holds at most ten managed policies', async () => {
    await iam().send(new CreateRoleCommand({ RoleName: 'crowded', AssumeRolePolicyDocument: TRUST }));
    for (const arn of LAB_POLICIES.slice(0, 10)) await iam().send(new AttachRolePolicyCommand({ RoleName: 'crowded', PolicyArn: arn }));
    await expect(iam().send(new AttachRolePolicyCommand({ RoleName: 'crowded', PolicyArn: LAB_POLICIES[10] }))).rejects.toMatchObject({
      name: 'LimitExceededException', message: 'Cannot exceed quota for PoliciesPerRole: 10', $metadata: { httpStatusCode: 409 },
    });
    // Attaching one it already has is no new attachment.
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'crowded', PolicyArn: LAB_POLICIES[0] }));
    expect((await iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'crowded' }))).AttachedPolicies).toHaveLength(10);
  });

  it('refuses DeleteRole while managed policies are attached, then while inline ones remain', async () => {
    await iam().send(new CreateRoleCommand({ RoleName: 'leaver', AssumeRolePolicyDocument: TRUST }));
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'leaver', PolicyArn: BASIC }));
    await iam().send(new PutRolePolicyCommand({ RoleName: 'leaver', PolicyName: 'send', PolicyDocument: INLINE }));
    await expect(iam().send(new DeleteRoleCommand({ RoleName: 'leaver' }))).rejects.toMatchObject({
      name: 'DeleteConflictException', message: 'Cannot delete entity, must detach all policies first.', $metadata: { httpStatusCode: 409 },
    });
    await iam().send(new DetachRolePolicyCommand({ RoleName: 'leaver', PolicyArn: BASIC }));
    await expect(iam().send(new DeleteRoleCommand({ RoleName: 'leaver' }))).rejects.toMatchObject({
      name: 'DeleteConflictException', message: 'Cannot delete entity, must delete policies first.',
    });
    await iam().send(new DeleteRolePolicyCommand({ RoleName: 'leaver', PolicyName: 'send' }));
    await iam().send(new DeleteRoleCommand({ RoleName: 'leaver' }));
    await expect(iam().send(new DeleteRolePolicyCommand({ RoleName: 'attacher', PolicyName: 'send' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException', message: 'The role policy with name send cannot be found.',
    });
  });
});
