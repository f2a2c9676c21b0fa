/** AWS::Events::EventBus through CloudFormation: made with its name, a rule on it, its Arn for Fn::GetAtt, gone with the stack; Name is required. */
import { DescribeEventBusCommand, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { cfnClientOf, createAndWait, deleteAndWait, eventLines, json } from './cloudformation-support.ts';

describe('AWS::Events::EventBus', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);

  it('creates the bus and a rule on it, answers Ref and Arn, and deletes both with the stack', async () => {
    const template = {
      Resources: {
        Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: { 'Fn::Sub': '${AWS::StackName}-events' } } },
        Placed: { Type: 'AWS::Events::Rule', Properties: { EventBusName: { Ref: 'Bus' }, EventPattern: { source: ['shop.orders'] } } },
      },
      Outputs: { Name: { Value: { Ref: 'Bus' } }, Arn: { Value: { 'Fn::GetAtt': ['Bus', 'Arn'] } } },
    };
    const stack = await createAndWait(cfn(), 'bus-stack', json(template));
    expect(stack.StackStatus, (await eventLines(cfn(), 'bus-stack')).join('\n')).toBe('CREATE_COMPLETE');
    const outputs = Object.fromEntries(stack.Outputs!.map((output) => [output.OutputKey, output.OutputValue]));
    expect(outputs.Name).toBe('bus-stack-events');
    const bus = await emulator.clients.eventbridge.send(new DescribeEventBusCommand({ Name: 'bus-stack-events' }));
    expect(outputs.Arn).toBe(bus.Arn);
    expect((await emulator.clients.eventbridge.send(new ListRulesCommand({ EventBusName: 'bus-stack-events' }))).Rules).toHaveLength(1);
    expect(await deleteAndWait(cfn(), 'bus-stack')).toBe('DELETE_COMPLETE');
    await expect(emulator.clients.eventbridge.send(new DescribeEventBusCommand({ Name: 'bus-stack-events' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('fails the resource when Name is missing, as CloudFormation does', async () => {
    const stack = await createAndWait(cfn(), 'bus-unnamed', json({ Resources: { Bus: { Type: 'AWS::Events::EventBus', Properties: {} } } }));
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect((await eventLines(cfn(), 'bus-unnamed')).join('\n')).toContain('required key [Name] not found');
  });
});
