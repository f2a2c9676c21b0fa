/**
 * CloudFormation stacks through the SDK v3 client: create, describe, events, templates, delete;
 * AWS's errors for bad requests; a failing resource rolling the stack back with AWS's events;
 * DeletionPolicy Retain; SSM parameter types; the trace.
 */
import {
  CreateStackCommand, DescribeStackResourceCommand, DescribeStackResourcesCommand, GetTemplateCommand, GetTemplateSummaryCommand,
  ListStackResourcesCommand, ListStacksCommand, UpdateStackCommand, ValidateTemplateCommand, DeleteStackCommand, waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { useEmulator } from '../support/emulator.ts';
import { cfnClientOf, createAndWait, deleteAndWait, describe as describeStack, eventLines, json } from './cloudformation-support.ts';

const SHOP = `
AWSTemplateFormatVersion: '2010-09-09'
Description: The shop's orders
Parameters:
  Env:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Secret:
    Type: String
    NoEcho: true
    Default: hunter2
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Mappings:
  Timeouts:
    dev: { Seconds: 30 }
    prod: { Seconds: 90 }
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub '\${AWS::StackName}-orders-\${Env}'
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: !FindInMap [Timeouts, !Ref Env, Seconds]
      DelaySeconds: !If [IsProd, 5, !Ref AWS::NoValue]
  ProdOnly:
    Type: AWS::SQS::Queue
    Condition: IsProd
Outputs:
  TableArn:
    Value: !GetAtt Orders.Arn
  QueueUrl:
    Description: where orders wait
    Value: !Ref Queue
  Zones:
    Value: !Join [',', !GetAZs '']
`;

describe('CloudFormation stacks', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);

  it('creates a stack from YAML, answers its Describe and List calls, and deletes it', async () => {
    const stack = await createAndWait(cfn(), 'shop', SHOP);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Description).toBe("The shop's orders");
    expect(stack.Parameters).toEqual(expect.arrayContaining([{ ParameterKey: 'Env', ParameterValue: 'dev' }, { ParameterKey: 'Secret', ParameterValue: '****' }]));
    const outputs = Object.fromEntries(stack.Outputs!.map((output) => [output.OutputKey, output.OutputValue]));
    expect(outputs.TableArn).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/shop-orders-dev');
    expect(outputs.Zones).toBe('us-east-1a,us-east-1b,us-east-1c');
    const { QueueUrl } = await emulator.clients.sqs.send(new GetQueueUrlCommand({ QueueName: outputs.QueueUrl!.split('/').pop()! }));
    expect(outputs.QueueUrl!.split('/').pop()).toMatch(/^shop-Queue-[A-Z0-9]{13}$/);
    const { Attributes } = await emulator.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({ VisibilityTimeout: '30', DelaySeconds: '0' });

    const resources = (await cfn().send(new ListStackResourcesCommand({ StackName: 'shop' }))).StackResourceSummaries!;
    expect(resources.map((resource) => [resource.LogicalResourceId, resource.ResourceStatus]).sort()).toEqual([['Orders', 'CREATE_COMPLETE'], ['Queue', 'CREATE_COMPLETE']]);
    const detail = (await cfn().send(new DescribeStackResourceCommand({ StackName: 'shop', LogicalResourceId: 'Orders' }))).StackResourceDetail!;
    expect(detail).toMatchObject({ PhysicalResourceId: 'shop-orders-dev', ResourceType: 'AWS::DynamoDB::Table', StackName: 'shop' });
    const byPhysical = (await cfn().send(new DescribeStackResourcesCommand({ PhysicalResourceId: 'shop-orders-dev' }))).StackResources!;
    expect(byPhysical.map((resource) => resource.LogicalResourceId).sort()).toEqual(['Orders', 'Queue']);
    expect((await cfn().send(new GetTemplateCommand({ StackName: 'shop' }))).TemplateBody).toBe(SHOP);
    const summary = await cfn().send(new GetTemplateSummaryCommand({ StackName: 'shop' }));
    expect(summary.ResourceTypes!.sort()).toEqual(['AWS::DynamoDB::Table', 'AWS::SQS::Queue']);
    expect(summary.Parameters!.map((parameter) => parameter.ParameterKey)).toEqual(['Env', 'Secret']);
    const listed = (await cfn().send(new ListStacksCommand({ StackStatusFilter: ['CREATE_COMPLETE'] }))).StackSummaries!;
    expect(listed.map((item) => item.StackName)).toContain('shop');

    const events = await eventLines(cfn(), 'shop');
    expect(events[0]).toBe('shop CREATE_IN_PROGRESS User Initiated');
    expect(events.at(-1)).toBe('shop CREATE_COMPLETE');
    expect(events).toContain('Orders CREATE_IN_PROGRESS Resource creation Initiated');
    expect(events.indexOf('Orders CREATE_COMPLETE')).toBeGreaterThan(events.indexOf('Orders CREATE_IN_PROGRESS'));

    expect(await deleteAndWait(cfn(), 'shop')).toBe('DELETE_COMPLETE');
    expect((await emulator.clients.dynamodb.send(new ListTablesCommand({}))).TableNames).not.toContain('shop-orders-dev');
    await expect(emulator.clients.sqs.send(new GetQueueUrlCommand({ QueueName: outputs.QueueUrl!.split('/').pop()! }))).rejects.toThrow();
    // A deleted stack answers by its id only, as on AWS.
    await expect(describeStack(cfn(), 'shop')).rejects.toThrow('Stack with id shop does not exist');
    expect((await cfn().send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }))).StackSummaries!.map((item) => item.StackName)).toContain('shop');
  }, 60_000);

  it('takes parameters and conditions: prod makes the conditional queue', async () => {
    const stack = await createAndWait(cfn(), 'shop-prod', SHOP, [{ ParameterKey: 'Env', ParameterValue: 'prod' }]);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const resources = (await cfn().send(new ListStackResourcesCommand({ StackName: 'shop-prod' }))).StackResourceSummaries!;
    expect(resources.map((resource) => resource.LogicalResourceId).sort()).toEqual(['Orders', 'ProdOnly', 'Queue']);
    await deleteAndWait(cfn(), 'shop-prod');
  }, 60_000);

  it('answers AWS errors for bad requests', async () => {
    const client = cfn();
    const queue = json({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    await createAndWait(client, 'twice', queue);
    await expect(client.send(new CreateStackCommand({ StackName: 'twice', TemplateBody: queue }))).rejects.toMatchObject({ name: 'AlreadyExistsException', message: 'Stack [twice] already exists' });
    await expect(describeStack(client, 'nope')).rejects.toMatchObject({ name: 'ValidationError', message: 'Stack with id nope does not exist' });
    const role = json({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } } });
    await expect(client.send(new CreateStackCommand({ StackName: 'iam', TemplateBody: role }))).rejects.toMatchObject({ name: 'InsufficientCapabilitiesException', message: 'Requires capabilities : [CAPABILITY_IAM]' });
    const dangling = json({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'Missing' } } } } });
    await expect(client.send(new CreateStackCommand({ StackName: 'dangling', TemplateBody: dangling }))).rejects.toThrow('Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template');
    await expect(client.send(new CreateStackCommand({ StackName: 'p', TemplateBody: SHOP, Parameters: [{ ParameterKey: 'Env', ParameterValue: 'test' }] }))).rejects.toThrow("Parameter 'Env' must be one of AllowedValues");
    await expect(client.send(new CreateStackCommand({ StackName: 'p', TemplateBody: SHOP, Parameters: [{ ParameterKey: 'Color', ParameterValue: 'red' }] }))).rejects.toThrow('Parameters: [Color] do not exist in the template');
    const required = json({ Parameters: { Name: { Type: 'String' } }, Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    await expect(client.send(new CreateStackCommand({ StackName: 'p', TemplateBody: required }))).rejects.toThrow('Parameters: [Name] must have values');
    await expect(client.send(new CreateStackCommand({ StackName: '1bad', TemplateBody: queue }))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(client.send(new UpdateStackCommand({ StackName: 'twice', TemplateBody: queue }))).rejects.toMatchObject({ name: 'ValidationError', message: 'No updates are to be performed.' });
    const validated = await client.send(new ValidateTemplateCommand({ TemplateBody: SHOP }));
    expect(validated.Parameters).toEqual(expect.arrayContaining([{ ParameterKey: 'Secret', DefaultValue: 'hunter2', NoEcho: true }]));
    expect(validated.Description).toBe("The shop's orders");
    await expect(client.send(new ValidateTemplateCommand({ TemplateBody: 'Resources: [' }))).rejects.toMatchObject({ name: 'ValidationError' });
    // Deleting a stack that does not exist succeeds, as on AWS.
    await client.send(new DeleteStackCommand({ StackName: 'never-made' }));
    await deleteAndWait(client, 'twice');
  }, 60_000);

  it('rolls a stack back when a resource fails, with AWS events and the failure reason', async () => {
    const template = json({
      Resources: {
        Good: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'rollback-good' } },
        Vpc: { Type: 'AWS::EC2::VPC', DependsOn: 'Good', Properties: { CidrBlock: '10.0.0.0/16' } },
      },
    });
    const client = cfn();
    await client.send(new CreateStackCommand({ StackName: 'fails', TemplateBody: template }));
    await expect(waitUntilStackCreateComplete({ client, maxWaitTime: 30, minDelay: 0.2, maxDelay: 0.5 }, { StackName: 'fails' })).rejects.toThrow();
    const stack = await describeStack(client, 'fails');
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const events = await eventLines(client, 'fails');
    const failed = events.find((line) => line.startsWith('Vpc CREATE_FAILED'));
    expect(failed).toContain('Resource type AWS::EC2::VPC is not supported by the workshop emulator');
    expect(events).toContain('fails ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Vpc]. Rollback requested by user.');
    expect(events.slice(events.indexOf('fails ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Vpc]. Rollback requested by user.'))).toEqual(expect.arrayContaining(['Good DELETE_IN_PROGRESS', 'Good DELETE_COMPLETE', 'Vpc DELETE_COMPLETE']));
    expect(events.at(-1)).toBe('fails ROLLBACK_COMPLETE');
    await expect(emulator.clients.sqs.send(new GetQueueUrlCommand({ QueueName: 'rollback-good' }))).rejects.toThrow();
    await expect(client.send(new UpdateStackCommand({ StackName: 'fails', TemplateBody: template }))).rejects.toThrow(/is in ROLLBACK_COMPLETE state and can not be updated/);
    expect(await deleteAndWait(client, 'fails')).toBe('DELETE_COMPLETE');
  }, 60_000);

  it("reports a service's own refusal as the resource's reason, and keeps the stack with DisableRollback", async () => {
    const template = json({ Resources: { Slow: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 99999 } } } });
    const stack = await createAndWait(cfn(), 'kept', template, [], { DisableRollback: true });
    expect(stack.StackStatus).toBe('CREATE_FAILED');
    expect(stack.StackStatusReason).toBe('The following resource(s) failed to create: [Slow]. ');
    const failed = (await eventLines(cfn(), 'kept')).find((line) => line.startsWith('Slow CREATE_FAILED'));
    expect(failed).toMatch(/Resource handler returned message: ".*VisibilityTimeout.*"/);
    await deleteAndWait(cfn(), 'kept');
  }, 60_000);

  it('keeps resources with DeletionPolicy Retain when the stack is deleted', async () => {
    const template = json({
      Resources: {
        Kept: { Type: 'AWS::DynamoDB::Table', DeletionPolicy: 'Retain', Properties: { TableName: 'retained-orders', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] } },
      },
    });
    await createAndWait(cfn(), 'retain', template);
    expect(await deleteAndWait(cfn(), 'retain')).toBe('DELETE_COMPLETE');
    const { StackId } = (await cfn().send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }))).StackSummaries!.find((item) => item.StackName === 'retain')!;
    expect(await eventLines(cfn(), StackId!)).toContain('Kept DELETE_SKIPPED');
    expect((await emulator.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'retained-orders' }))).Table!.TableStatus).toBe('ACTIVE');
  }, 60_000);

  it("reads AWS::SSM::Parameter::Value parameters from the emulator's Parameter Store", async () => {
    const ssm = new SSMClient(sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: emulator.running.url } })));
    try {
      await ssm.send(new PutParameterCommand({ Name: '/shop/queue-name', Value: 'from-ssm', Type: 'String' }));
      const template = json({ Parameters: { Name: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/shop/queue-name' } }, Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'Name' } } } } });
      const stack = await createAndWait(cfn(), 'ssm', template);
      expect(stack.Parameters).toEqual([{ ParameterKey: 'Name', ParameterValue: '/shop/queue-name', ResolvedValue: 'from-ssm' }]);
      await emulator.clients.sqs.send(new GetQueueUrlCommand({ QueueName: 'from-ssm' }));
      const missing = json({ Parameters: { Name: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/shop/none' } }, Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
      await expect(cfn().send(new CreateStackCommand({ StackName: 'ssm-missing', TemplateBody: missing }))).rejects.toThrow('Unable to fetch parameters [/shop/none] from parameter store for this account.');
      await deleteAndWait(cfn(), 'ssm');
    } finally {
      ssm.destroy();
    }
  }, 60_000);

  it('writes a trace line for every stack event', async () => {
    const stack = await createAndWait(cfn(), 'traced', json({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }));
    const trace = emulator.running.emulator.trace.list({}).filter((entry) => entry.step?.execution === stack.StackId);
    expect(trace.map((entry) => entry.detail)).toEqual(expect.arrayContaining(['CloudFormation stack traced: traced (AWS::CloudFormation::Stack) CREATE_IN_PROGRESS: User Initiated', 'CloudFormation stack traced: Q (AWS::SQS::Queue) CREATE_COMPLETE', 'CloudFormation stack traced: traced (AWS::CloudFormation::Stack) CREATE_COMPLETE']));
    expect(trace).toHaveLength((await eventLines(cfn(), 'traced')).length);
    await deleteAndWait(cfn(), 'traced');
  }, 60_000);
});
