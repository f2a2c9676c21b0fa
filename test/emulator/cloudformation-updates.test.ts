/** Stack updates through the SDK v3 client: in place, with replacement, rolled back; outputs, exports and Fn::ImportValue. */
import { ListExportsCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { cfnClientOf, createAndWait, deleteAndWait, describe as describeStack, eventLines, json, updateAndWait } from './cloudformation-support.ts';

const table = (key: string, name?: string) => ({
  Type: 'AWS::DynamoDB::Table',
  Properties: { ...(name ? { TableName: name } : {}), BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }], KeySchema: [{ AttributeName: key, KeyType: 'HASH' }] },
});

describe('CloudFormation stack updates', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);
  const physical = async (stack: string, id: string) => (await cfn().send(new ListStackResourcesCommand({ StackName: stack }))).StackResourceSummaries!.find((item) => item.LogicalResourceId === id)?.PhysicalResourceId;

  it('updates a queue in place: same URL, new attributes, AWS update events', async () => {
    await createAndWait(cfn(), 'inplace', json({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } } } }));
    const before = await physical('inplace', 'Q');
    const stack = await updateAndWait(cfn(), 'inplace', json({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 75 } } } }));
    expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
    expect(await physical('inplace', 'Q')).toBe(before);
    const { Attributes } = await emulator.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: before, AttributeNames: ['VisibilityTimeout'] }));
    expect(Attributes!.VisibilityTimeout).toBe('75');
    const events = await eventLines(cfn(), 'inplace');
    expect(events.slice(events.indexOf('inplace UPDATE_IN_PROGRESS User Initiated'))).toEqual(['inplace UPDATE_IN_PROGRESS User Initiated', 'Q UPDATE_IN_PROGRESS', 'Q UPDATE_COMPLETE', 'inplace UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'inplace UPDATE_COMPLETE']);
    await deleteAndWait(cfn(), 'inplace');
  }, 60_000);

  it('replaces a table whose key changes: a new table, the old one deleted in cleanup', async () => {
    await createAndWait(cfn(), 'replace', json({ Resources: { T: table('id') } }));
    const old = (await physical('replace', 'T'))!;
    const stack = await updateAndWait(cfn(), 'replace', json({ Resources: { T: table('orderId') } }));
    expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
    const now = (await physical('replace', 'T'))!;
    expect(now).not.toBe(old);
    expect((await emulator.clients.dynamodb.send(new DescribeTableCommand({ TableName: now }))).Table!.KeySchema).toEqual([{ AttributeName: 'orderId', KeyType: 'HASH' }]);
    await expect(emulator.clients.dynamodb.send(new DescribeTableCommand({ TableName: old }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const events = await eventLines(cfn(), 'replace');
    expect(events).toContain('T UPDATE_IN_PROGRESS Requested update requires the creation of a new physical resource; hence creating one.');
    const cleanup = events.indexOf('replace UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    expect(events.slice(cleanup)).toEqual(['replace UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'T DELETE_IN_PROGRESS', 'T DELETE_COMPLETE', 'replace UPDATE_COMPLETE']);
    await deleteAndWait(cfn(), 'replace');
  }, 60_000);

  it('rolls a failed update back: the changed queue restored, the added resource removed', async () => {
    const first = json({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } } } });
    await createAndWait(cfn(), 'undo', first);
    const url = await physical('undo', 'Q');
    const second = json({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 45 } }, Extra: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'undo-extra' } }, Bad: { Type: 'AWS::EC2::Subnet', DependsOn: ['Q', 'Extra'] } } });
    const stack = await updateAndWait(cfn(), 'undo', second);
    expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const { Attributes } = await emulator.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }));
    expect(Attributes!.VisibilityTimeout).toBe('30');
    expect((await cfn().send(new ListStackResourcesCommand({ StackName: 'undo' }))).StackResourceSummaries!.map((item) => item.LogicalResourceId)).toEqual(['Q']);
    const events = await eventLines(cfn(), 'undo');
    expect(events).toContain('undo UPDATE_ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Bad]. ');
    expect(events.slice(events.indexOf('undo UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'))).toEqual(expect.arrayContaining(['Extra DELETE_COMPLETE', 'undo UPDATE_ROLLBACK_COMPLETE']));
    expect(events.at(-1)).toBe('undo UPDATE_ROLLBACK_COMPLETE');
    // The rolled-back stack takes updates again.
    expect((await updateAndWait(cfn(), 'undo', json({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 50 } } } }))).StackStatus).toBe('UPDATE_COMPLETE');
    await deleteAndWait(cfn(), 'undo');
  }, 60_000);

  it('refuses to replace a custom-named resource without a new name, as AWS does', async () => {
    await createAndWait(cfn(), 'named', json({ Resources: { T: table('id', 'named-orders') } }));
    const stack = await updateAndWait(cfn(), 'named', json({ Resources: { T: table('sku', 'named-orders') } }));
    expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(await eventLines(cfn(), 'named')).toContain('T UPDATE_FAILED CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename named-orders and update the stack again.');
    await deleteAndWait(cfn(), 'named');
  }, 60_000);

  it('exports outputs, imports them in another stack, and protects an export in use', async () => {
    const producer = json({ Resources: { Bus: { Type: 'AWS::SQS::Queue' } }, Outputs: { BusArn: { Value: { 'Fn::GetAtt': ['Bus', 'Arn'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-bus' } } } } });
    const made = await createAndWait(cfn(), 'producer', producer);
    const arn = made.Outputs![0]!.OutputValue!;
    expect(made.Outputs![0]!.ExportName).toBe('producer-bus');
    expect((await cfn().send(new ListExportsCommand({}))).Exports).toEqual([{ ExportingStackId: made.StackId, Name: 'producer-bus', Value: arn }]);
    const consumer = json({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::ImportValue': 'producer-bus' } } } }, Outputs: { Seen: { Value: { 'Fn::ImportValue': 'producer-bus' } } } });
    expect((await createAndWait(cfn(), 'consumer', consumer)).Outputs).toEqual([{ OutputKey: 'Seen', OutputValue: arn }]);
    const clash = await createAndWait(cfn(), 'orphan', json({ Resources: { Q: { Type: 'AWS::SQS::Queue' } }, Outputs: { X: { Value: 'x', Export: { Name: 'producer-bus' } } } }));
    expect(clash.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect((await eventLines(cfn(), 'orphan')).find((line) => line.startsWith('orphan ROLLBACK_IN_PROGRESS'))).toContain('Export with name producer-bus is already exported by stack producer');

    const blocked = await deleteAndWait(cfn(), 'producer');
    expect(blocked).toBe('DELETE_FAILED');
    expect((await describeStack(cfn(), 'producer')).StackStatusReason).toBe('Export producer-bus cannot be deleted as it is in use by consumer');
    const noImport = json({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });
    expect((await updateAndWait(cfn(), 'consumer', noImport)).StackStatus).toBe('UPDATE_COMPLETE');
    expect(await deleteAndWait(cfn(), 'producer')).toBe('DELETE_COMPLETE');
    expect((await cfn().send(new ListExportsCommand({}))).Exports ?? []).toEqual([]);
    await deleteAndWait(cfn(), 'consumer');
    await deleteAndWait(cfn(), 'orphan');
  }, 60_000);
});
