/**
 * The real AWS CDK against the emulator: `cdk bootstrap` (the modern bootstrap stack: staging
 * bucket with its policy, ECR repository, IAM roles and policies, the version parameter) and
 * `cdk deploy` of a small app (function, table, queue, EventBridge rule, HTTP API), run as child
 * processes; then the stacks and the app's resources are checked through the SDK.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStackEventsCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, describe, expect, it } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { runCdk, writeCdkApp } from '../support/cdk-app.ts';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { cfnClientOf } from './cloudformation-support.ts';

const ACCOUNT = '000000000000';
const BUCKET = `cdk-hnb659fds-assets-${ACCOUNT}-us-east-1`;

describe('the AWS CDK CLI', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);
  const folder = mkdtempSync(join(tmpdir(), 'cdk-app-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  writeCdkApp(folder);

  it('bootstraps the environment and deploys an app whose function, table, queue, rule and API work', async () => {
    const url = emulator.running.url;
    const bootstrap = await runCdk(folder, url, ['bootstrap', `aws://${ACCOUNT}/us-east-1`]);
    expect(bootstrap.code, bootstrap.output).toBe(0);
    expect(bootstrap.output).toContain('bootstrapped');
    const toolkit = (await cfn().send(new DescribeStacksCommand({ StackName: 'CDKToolkit' }))).Stacks![0]!;
    expect(toolkit.StackStatus).toBe('CREATE_COMPLETE');
    expect(toolkit.Outputs).toEqual(expect.arrayContaining([expect.objectContaining({ OutputKey: 'BucketName', OutputValue: BUCKET })]));
    // `cdk deploy` refuses an environment whose version parameter it cannot read.
    const ssm = new SSMClient(sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: url } })));
    const version = (await ssm.send(new GetParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version' }))).Parameter!.Value;
    ssm.destroy();
    expect(Number(version)).toBeGreaterThanOrEqual(6);
    await emulator.clients.iam.send(new GetRoleCommand({ RoleName: `cdk-hnb659fds-deploy-role-${ACCOUNT}-us-east-1` }));
    // What the emulator's S3 cannot apply is said in the bucket's event, never dropped silently.
    const events = (await cfn().send(new DescribeStackEventsCommand({ StackName: 'CDKToolkit' }))).StackEvents!;
    const bucket = events.find((event) => event.LogicalResourceId === 'StagingBucket' && event.ResourceStatus === 'CREATE_COMPLETE')!;
    expect(bucket.ResourceStatusReason).toMatch(/^Recorded but not applied .*BucketEncryption, VersioningConfiguration, PublicAccessBlockConfiguration/);

    const outputsFile = join(folder, 'outputs.json');
    const deploy = await runCdk(folder, url, ['deploy', '--require-approval', 'never', '--outputs-file', outputsFile]);
    expect(deploy.code, deploy.output).toBe(0);
    const shop = (await cfn().send(new DescribeStacksCommand({ StackName: 'CdkShop' }))).Stacks![0]!;
    expect(shop.StackStatus).toBe('CREATE_COMPLETE');
    // The template went up to the staging bucket through the file-publishing role.
    const assets = await emulator.clients.s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(assets.Contents!.some((object) => object.Key!.endsWith('.json'))).toBe(true);

    const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')).CdkShop as Record<string, string>;
    const placed = await emulator.clients.eventbridge.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 'o-1', total: 42 }) }] }));
    expect(placed.FailedEntryCount).toBe(0);
    // The rule invokes the function, whose role (the CDK's grants) lets it write the table and the queue.
    const stored = await eventually(async () => (await emulator.clients.dynamodb.send(new GetItemCommand({ TableName: outputs.TableName, Key: { id: { S: 'o-1' } } }))).Item, 60_000, 200);
    expect(stored.total).toEqual({ N: '42' });
    const message = await eventually(async () => (await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: outputs.QueueUrl, WaitTimeSeconds: 1 }))).Messages?.[0], 30_000, 100);
    expect(JSON.parse(message.Body!)).toEqual({ placed: 'o-1' });
    const answer = await fetch(`${outputs.ApiUrl}/orders?id=o-1`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ id: 'o-1', total: 42 });
    expect((await fetch(`${outputs.ApiUrl}/orders?id=nope`)).status).toBe(404);
    // The CDK's role sessions (file publishing, deploy, the function's) were checked and never refused.
    const refused = emulator.running.emulator.trace.list({ account: ACCOUNT }).filter((entry) => entry.kind === 'access-denied' && entry.iam?.mode === 'enforce');
    expect(refused).toEqual([]);
  }, 480_000);
});
