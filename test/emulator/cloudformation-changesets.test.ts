/** Change sets through the SDK v3 client (Add, Modify with and without replacement, Remove), and `aws cloudformation deploy`. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateChangeSetCommand, DeleteChangeSetCommand, DescribeChangeSetCommand, ExecuteChangeSetCommand, GetTemplateCommand, ListChangeSetsCommand,
  waitUntilChangeSetCreateComplete, waitUntilStackCreateComplete, waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';
import { cfnClientOf, deleteAndWait, describe as describeStack, json } from './cloudformation-support.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('cloudformation-changesets');
const waiting = { maxWaitTime: 30, minDelay: 0.2, maxDelay: 0.5 };
const table = (key: string) => ({ Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }], KeySchema: [{ AttributeName: key, KeyType: 'HASH' }] } });

describe('CloudFormation change sets', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);

  it('creates a stack through a CREATE change set, then lists Add, Modify and Remove for an update', async () => {
    const client = cfn();
    const first = json({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } }, T: table('id'), Old: { Type: 'AWS::SNS::Topic' } } });
    const created = await client.send(new CreateChangeSetCommand({ StackName: 'planned', ChangeSetName: 'first', ChangeSetType: 'CREATE', TemplateBody: first }));
    expect((await describeStack(client, 'planned')).StackStatus).toBe('REVIEW_IN_PROGRESS');
    await waitUntilChangeSetCreateComplete({ client, ...waiting }, { ChangeSetName: created.Id! });
    const plan = await client.send(new DescribeChangeSetCommand({ ChangeSetName: 'first', StackName: 'planned' }));
    expect(plan).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', StackId: created.StackId });
    expect(plan.Changes!.map((change) => [change.ResourceChange!.Action, change.ResourceChange!.LogicalResourceId]).sort()).toEqual([['Add', 'Old'], ['Add', 'Q'], ['Add', 'T']]);
    await client.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id! }));
    await waitUntilStackCreateComplete({ client, ...waiting }, { StackName: 'planned' });
    expect((await client.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id! }))).ExecutionStatus).toBe('EXECUTE_COMPLETE');

    const second = json({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60 } }, T: table('sku'), New: { Type: 'AWS::SNS::Topic' } } });
    await client.send(new CreateChangeSetCommand({ StackName: 'planned', ChangeSetName: 'second', TemplateBody: second, Description: 'grow' }));
    await waitUntilChangeSetCreateComplete({ client, ...waiting }, { ChangeSetName: 'second', StackName: 'planned' });
    const update = await client.send(new DescribeChangeSetCommand({ ChangeSetName: 'second', StackName: 'planned' }));
    const byId = Object.fromEntries(update.Changes!.map((change) => [change.ResourceChange!.LogicalResourceId, change.ResourceChange!]));
    expect(byId.Q).toMatchObject({ Action: 'Modify', Replacement: 'False', Details: [{ Target: { Attribute: 'Properties', Name: 'VisibilityTimeout', RequiresRecreation: 'Never' }, Evaluation: 'Static', ChangeSource: 'DirectModification' }] });
    expect(byId.T).toMatchObject({ Action: 'Modify', Replacement: 'True' });
    expect(byId.T!.Details!.find((detail: { Target?: { Name?: string } }) => detail.Target!.Name === 'KeySchema')!.Target!.RequiresRecreation).toBe('Always');
    expect(byId.New).toMatchObject({ Action: 'Add', ResourceType: 'AWS::SNS::Topic' });
    expect(byId.Old).toMatchObject({ Action: 'Remove', PolicyAction: 'Delete' });
    expect((await client.send(new ListChangeSetsCommand({ StackName: 'planned' }))).Summaries!.map((item) => [item.ChangeSetName, item.ExecutionStatus])).toEqual([['first', 'EXECUTE_COMPLETE'], ['second', 'AVAILABLE']]);
    expect((await client.send(new GetTemplateCommand({ ChangeSetName: 'second', StackName: 'planned' }))).TemplateBody).toBe(second);

    await client.send(new CreateChangeSetCommand({ StackName: 'planned', ChangeSetName: 'same', TemplateBody: first }));
    await client.send(new DeleteChangeSetCommand({ ChangeSetName: 'same', StackName: 'planned' }));
    await expect(client.send(new DescribeChangeSetCommand({ ChangeSetName: 'same', StackName: 'planned' }))).rejects.toMatchObject({ name: 'ChangeSetNotFoundException', message: 'ChangeSet [same] does not exist' });

    await client.send(new ExecuteChangeSetCommand({ ChangeSetName: 'second', StackName: 'planned' }));
    await waitUntilStackUpdateComplete({ client, ...waiting }, { StackName: 'planned' });
    expect((await describeStack(client, 'planned')).StackStatus).toBe('UPDATE_COMPLETE');

    // Nothing to change: the change set fails with AWS's reason, and cannot be executed.
    await client.send(new CreateChangeSetCommand({ StackName: 'planned', ChangeSetName: 'noop', TemplateBody: second }));
    await expect(waitUntilChangeSetCreateComplete({ client, ...waiting }, { ChangeSetName: 'noop', StackName: 'planned' })).rejects.toThrow();
    const noop = await client.send(new DescribeChangeSetCommand({ ChangeSetName: 'noop', StackName: 'planned' }));
    expect(noop).toMatchObject({ Status: 'FAILED', ExecutionStatus: 'UNAVAILABLE', StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set." });
    await expect(client.send(new ExecuteChangeSetCommand({ ChangeSetName: 'noop', StackName: 'planned' }))).rejects.toMatchObject({ name: 'InvalidChangeSetStatusException' });
    await deleteAndWait(client, 'planned');
  }, 60_000);

  describe.skipIf(!hasAws)('through the AWS CLI', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cfn-deploy-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
      try {
        const { stdout, stderr } = await run('aws', ['--endpoint-url', emulator.running.url, 'cloudformation', ...args], { timeout: 120_000, env: clientEnv() });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
      }
    }

    it('deploys a YAML template with `aws cloudformation deploy`, and says when nothing changed', async () => {
      const file = join(folder, 'template.yaml');
      writeFileSync(file, 'Parameters:\n  Name: { Type: String }\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !Ref Name }\nOutputs:\n  Url: { Value: !Ref Queue }\n');
      const deployed = await aws('deploy', '--stack-name', 'cli-shop', '--template-file', file, '--parameter-overrides', 'Name=cli-orders');
      expect(deployed.code, deployed.stderr).toBe(0);
      expect(deployed.stdout).toContain('Successfully created/updated stack - cli-shop');
      await emulator.clients.sqs.send(new GetQueueUrlCommand({ QueueName: 'cli-orders' }));
      const again = await aws('deploy', '--stack-name', 'cli-shop', '--template-file', file, '--parameter-overrides', 'Name=cli-orders', '--no-fail-on-empty-changeset');
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('No changes to deploy. Stack cli-shop is up to date');
      const described = await aws('describe-stacks', '--stack-name', 'cli-shop', '--output', 'json');
      expect(JSON.parse(described.stdout).Stacks[0]).toMatchObject({ StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'Url' }] });
    }, 150_000);
  });
});
