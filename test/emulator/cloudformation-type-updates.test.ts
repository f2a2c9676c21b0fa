/**
 * Per resource type, through change sets and the SDK v3 client: an in-place update changes the
 * resource (Replacement False), and a changed name property (Replacement True) creates the new
 * resource, points the stack's references at it and deletes the old one.
 */
import { CreateChangeSetCommand, DescribeChangeSetCommand, ExecuteChangeSetCommand, ListStackResourcesCommand, waitUntilStackUpdateComplete } from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { GetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { useEmulator, type EmulatorFixture } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { cfnClientOf, createAndWait, deleteAndWait, describe as describeStack, json } from './cloudformation-support.ts';

type Read = (emulator: EmulatorFixture, physicalId: string) => Promise<unknown>;
interface Case {
  type: string;
  properties: (name: string, value: string) => Record<string, unknown>;
  /** The property an in-place update changes, its two values, and how to read it back. */
  inPlace: { from: string; to: string; read: Read };
  /** Whether the old resource still exists. */
  exists: Read;
}

const ROLE = 'arn:aws:iam::000000000000:role/type-updates';
const sns = (emulator: EmulatorFixture) => new SNSClient(sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: emulator.running.url } })));
const gone = async (work: Promise<unknown>) => work.then(() => true, () => false);

const CASES: Case[] = [
  {
    type: 'AWS::SQS::Queue',
    properties: (name, value) => ({ QueueName: name, VisibilityTimeout: Number(value) }),
    inPlace: { from: '30', to: '75', read: async (e, url) => (await e.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }))).Attributes!.VisibilityTimeout },
    exists: (e, url) => gone(e.clients.sqs.send(new GetQueueUrlCommand({ QueueName: url.split('/').pop()! }))),
  },
  {
    type: 'AWS::SNS::Topic',
    properties: (name, value) => ({ TopicName: name, DisplayName: value }),
    inPlace: { from: 'Orders', to: 'Shop orders', read: async (e, arn) => (await sns(e).send(new GetTopicAttributesCommand({ TopicArn: arn }))).Attributes!.DisplayName },
    exists: (e, arn) => gone(sns(e).send(new GetTopicAttributesCommand({ TopicArn: arn }))),
  },
  {
    type: 'AWS::DynamoDB::Table',
    properties: (name, value) => ({
      TableName: name, BillingMode: value, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      ...(value === 'PROVISIONED' ? { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } } : {}),
    }),
    inPlace: { from: 'PAY_PER_REQUEST', to: 'PROVISIONED', read: async (e, name) => (await e.clients.dynamodb.send(new DescribeTableCommand({ TableName: name }))).Table!.BillingModeSummary?.BillingMode ?? 'PROVISIONED' },
    exists: (e, name) => gone(e.clients.dynamodb.send(new DescribeTableCommand({ TableName: name }))),
  },
  {
    type: 'AWS::Lambda::Function',
    properties: (name, value) => ({ FunctionName: name, MemorySize: Number(value), Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: 'exports.handler = async () => 1;' } }),
    inPlace: { from: '128', to: '256', read: async (e, name) => String((await e.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))).MemorySize) },
    exists: (e, name) => gone(e.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))),
  },
];

describe('CloudFormation updates of each resource type', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);
  const template = (c: Case, name: string, value: string) => json({ Resources: { R: { Type: c.type, Properties: c.properties(name, value) } }, Outputs: { Ref: { Value: { Ref: 'R' } } } });
  const physical = async (stack: string) => (await cfn().send(new ListStackResourcesCommand({ StackName: stack }))).StackResourceSummaries!.find((item) => item.LogicalResourceId === 'R')!.PhysicalResourceId!;

  /** Creates an UPDATE change set, returns R's change, executes it and waits. */
  async function change(stack: string, body: string, name: string): Promise<Record<string, unknown>> {
    const { Id } = await cfn().send(new CreateChangeSetCommand({ StackName: stack, ChangeSetName: name, ChangeSetType: 'UPDATE', TemplateBody: body }));
    const plan = await eventually(async () => {
      const answer = await cfn().send(new DescribeChangeSetCommand({ ChangeSetName: Id }));
      return answer.Status === 'CREATE_COMPLETE' ? answer : undefined;
    });
    await cfn().send(new ExecuteChangeSetCommand({ ChangeSetName: Id }));
    await waitUntilStackUpdateComplete({ client: cfn(), maxWaitTime: 60, minDelay: 0.2, maxDelay: 0.5 }, { StackName: stack }).catch(() => undefined);
    expect((await describeStack(cfn(), stack)).StackStatus).toBe('UPDATE_COMPLETE');
    return plan.Changes![0]!.ResourceChange as Record<string, unknown>;
  }

  for (const c of CASES) {
    it(`${c.type}: updates in place, and replaces on a new name`, async () => {
      const stack = `t-${c.type.split('::')[2]!.toLowerCase()}`;
      const first = `${stack}-a`;
      await createAndWait(cfn(), stack, template(c, first, c.inPlace.from));
      const before = await physical(stack);
      const inPlace = await change(stack, template(c, first, c.inPlace.to), 'inplace');
      expect(inPlace).toMatchObject({ Action: 'Modify', Replacement: 'False' });
      expect(await physical(stack)).toBe(before);
      expect(await c.inPlace.read(emulator, before)).toBe(c.inPlace.to);

      const replaced = await change(stack, template(c, `${stack}-b`, c.inPlace.to), 'replace');
      expect(replaced).toMatchObject({ Action: 'Modify', Replacement: 'True' });
      const after = await physical(stack);
      expect(after).not.toBe(before);
      expect(await c.exists(emulator, after)).toBe(true);
      expect(await c.exists(emulator, before)).toBe(false);
      // The stack's references follow the new resource.
      expect((await describeStack(cfn(), stack)).Outputs?.[0]?.OutputValue).toBe(after);
      await deleteAndWait(cfn(), stack);
    }, 60_000);
  }
});
