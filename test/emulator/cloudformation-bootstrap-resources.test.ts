/**
 * The resource types and settings the CDK's bootstrap stack needs, each through CloudFormation and
 * checked through the services' own APIs: S3 bucket configuration (lifecycle applied, the rest
 * recorded and said so), bucket policies, customer managed policies, the AWS managed policies the
 * bootstrap roles attach, recorded ECR and KMS resources, and the aws:ResourceAccount key the
 * bootstrap roles' policies are conditioned on.
 */
import { DescribeStackEventsCommand, DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { CreateRoleCommand, GetPolicyCommand, GetPolicyVersionCommand, ListAttachedRolePoliciesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetBucketLifecycleConfigurationCommand, GetBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { cfnClientOf, createAndWait, json, updateAndWait } from './cloudformation-support.ts';

const ACCOUNT = '000000000000';
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }] };

async function completeReason(client: ReturnType<ReturnType<typeof cfnClientOf>>, stack: string, logicalId: string): Promise<string | undefined> {
  const { StackEvents } = await client.send(new DescribeStackEventsCommand({ StackName: stack }));
  return StackEvents!.find((event) => event.LogicalResourceId === logicalId && /_COMPLETE$/.test(event.ResourceStatus!))?.ResourceStatusReason;
}

describe('CloudFormation resources of the CDK bootstrap stack', () => {
  const emulator = useEmulator({ settings: { iam: 'enforce' } });
  const cfn = cfnClientOf(emulator);

  it('applies a bucket\'s lifecycle rules and records, in its event, the settings S3 here cannot apply; a bucket policy is put on it', async () => {
    const template = json({
      Resources: {
        Staging: {
          Type: 'AWS::S3::Bucket',
          Properties: {
            BucketName: 'staging-assets',
            AccessControl: 'Private',
            BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
            PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
            VersioningConfiguration: { Status: 'Enabled' },
            LifecycleConfiguration: { Rules: [
              { Id: 'CleanupOldVersions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
              { Id: 'AbortIncompleteMultipartUploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
              { Id: 'OldLogs', Status: 'Enabled', Prefix: 'logs/', ExpirationInDays: 7 },
            ] },
          },
        },
        StagingPolicy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { Ref: 'Staging' },
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'AllowSSLRequestsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [{ 'Fn::GetAtt': ['Staging', 'Arn'] }, { 'Fn::Sub': '${Staging.Arn}/*' }], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
          },
        },
      },
    });
    const stack = await createAndWait(cfn(), 'bucket-settings', template);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const { Rules } = await emulator.clients.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'staging-assets' }));
    expect(Rules).toMatchObject([
      { ID: 'CleanupOldVersions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
      { ID: 'AbortIncompleteMultipartUploads', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
      { ID: 'OldLogs', Filter: { Prefix: 'logs/' }, Expiration: { Days: 7 } },
    ]);
    expect(await completeReason(cfn(), 'bucket-settings', 'Staging')).toBe("Recorded but not applied by the workshop emulator's S3: BucketEncryption, VersioningConfiguration, PublicAccessBlockConfiguration, AccessControl (it has no encryption, versioning, public access block or ACL settings; objects are stored unencrypted and unversioned). Deploy to LocalStack or AWS to have them applied.");
    const policy = JSON.parse((await emulator.clients.s3.send(new GetBucketPolicyCommand({ Bucket: 'staging-assets' }))).Policy!);
    expect(policy.Statement[0]).toMatchObject({ Sid: 'AllowSSLRequestsOnly', Effect: 'Deny', Resource: ['arn:aws:s3:::staging-assets', 'arn:aws:s3:::staging-assets/*'] });

    // Taking the lifecycle out of the template removes the rules from the bucket.
    const without = JSON.parse(template);
    delete without.Resources.Staging.Properties.LifecycleConfiguration;
    expect((await updateAndWait(cfn(), 'bucket-settings', JSON.stringify(without))).StackStatus).toBe('UPDATE_COMPLETE');
    await expect(emulator.clients.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'staging-assets' }))).rejects.toMatchObject({ name: 'NoSuchLifecycleConfiguration' });
  });

  it('creates a customer managed policy attached to a role, versions it on update, and attaches the AWS managed policies the bootstrap roles name', async () => {
    const template = (action: string) => json({
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust, ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AWSCloudFormationReadOnlyAccess'] } },
        Boundary: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'bootstrap-boundary', Description: 'Bootstrap Permission Boundary', Path: '/', Roles: [{ Ref: 'Role' }], PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] } } },
      },
      Outputs: { Arn: { Value: { Ref: 'Boundary' } } },
    });
    const stack = await createAndWait(cfn(), 'managed-policy', template('s3:*'));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const arn = `arn:aws:iam::${ACCOUNT}:policy/bootstrap-boundary`;
    expect(stack.Outputs).toEqual([expect.objectContaining({ OutputKey: 'Arn', OutputValue: arn })]);
    const role = (await cfn().send(new DescribeStackResourceCommand({ StackName: 'managed-policy', LogicalResourceId: 'Role' }))).StackResourceDetail!.PhysicalResourceId!;
    const attached = (await emulator.clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies!.map((item) => item.PolicyName).sort();
    expect(attached).toEqual(['AWSCloudFormationReadOnlyAccess', 'AdministratorAccess', 'ReadOnlyAccess', 'bootstrap-boundary']);
    const admin = await emulator.clients.iam.send(new GetPolicyVersionCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(admin.PolicyVersion!.Document!))).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

    expect((await updateAndWait(cfn(), 'managed-policy', template('sqs:*'))).StackStatus).toBe('UPDATE_COMPLETE');
    const policy = (await emulator.clients.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    expect(policy).toMatchObject({ DefaultVersionId: 'v2', AttachmentCount: 1 });
    const current = await emulator.clients.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    expect(JSON.parse(decodeURIComponent(current.PolicyVersion!.Document!)).Statement[0].Action).toBe('sqs:*');
  });

  it('records an ECR repository and a KMS key and alias, with the ARNs templates read, and says nothing serves them', async () => {
    const stack = await createAndWait(cfn(), 'recorded', json({
      Resources: {
        Repo: { Type: 'AWS::ECR::Repository', Properties: { RepositoryName: 'cdk-container-assets', ImageTagMutability: 'IMMUTABLE', LifecyclePolicy: { LifecyclePolicyText: '{"rules":[]}' } } },
        Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [] } } },
        Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/cdk-assets-key', TargetKeyId: { Ref: 'Key' } } },
      },
      Outputs: { Uri: { Value: { 'Fn::GetAtt': ['Repo', 'RepositoryUri'] } }, KeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] } }, Alias: { Value: { Ref: 'Alias' } } },
    }));
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const outputs = Object.fromEntries(stack.Outputs!.map((output) => [output.OutputKey, output.OutputValue]));
    expect(outputs).toMatchObject({ Uri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/cdk-container-assets`, Alias: 'alias/cdk-assets-key' });
    expect(outputs.KeyArn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f-]{36}$`));
    expect(await completeReason(cfn(), 'recorded', 'Repo')).toMatch(/^Recorded only: the workshop emulator has no ECR service/);
    expect(await completeReason(cfn(), 'recorded', 'Key')).toMatch(/^Recorded only: the workshop emulator has no KMS service/);
  });

  it('lets a role session through a policy conditioned on aws:ResourceAccount, as the CDK file-publishing role\'s is', async () => {
    await emulator.clients.iam.send(new CreateRoleCommand({ RoleName: 'publisher', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const statement = (account: string) => ({ Effect: 'Allow', Action: ['s3:PutObject*'], Resource: ['arn:aws:s3:::staging-assets/*'], Condition: { StringEquals: { 'aws:ResourceAccount': [account] } } });
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'publisher', PolicyName: 'other', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [statement('111111111111')] }) }));
    const { Credentials } = await emulator.clients.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/publisher`, RoleSessionName: 'aws-cdk' }));
    const s3 = new S3Client({ endpoint: emulator.running.url, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! } });
    try {
      const put = () => s3.send(new PutObjectCommand({ Bucket: 'staging-assets', Key: 'asset.json', Body: '{}' }));
      await expect(put()).rejects.toMatchObject({ name: 'AccessDenied' });
      await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'publisher', PolicyName: 'own', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [statement(ACCOUNT)] }) }));
      await put();
    } finally {
      s3.destroy();
    }
  });
});
