/** CloudFormation templates without an emulator: YAML short forms, intrinsic functions, conditions, parameters and the dependency graph. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/emulator/services/cloudformation/errors.ts';
import { dependencies, runGraph } from '../../src/emulator/services/cloudformation/graph.ts';
import { evaluateConditions, NO_VALUE, references, resolve, type Scope } from '../../src/emulator/services/cloudformation/intrinsics.ts';
import { loadYamlParser, parseTemplate, type Template } from '../../src/emulator/services/cloudformation/template.ts';
import { cidrBlocks } from '../../src/emulator/services/cloudformation/cidr.ts';

function scope(overrides: Partial<Scope> = {}): Scope {
  const resources: Record<string, { ref: string; attributes: Record<string, unknown> }> = {
    Queue: { ref: 'https://sqs/q', attributes: { Arn: 'arn:aws:sqs:us-east-1:000000000000:q', QueueName: 'q' } },
  };
  return {
    region: 'eu-west-1',
    names: { 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '000000000000', 'AWS::StackName': 'shop', Env: 'prod', Zones: ['a', 'b'] },
    conditions: { IsProd: true, IsDev: false },
    mappings: { Sizes: { prod: { Memory: 512 }, dev: { Memory: 128 } } },
    ref: (id) => resources[id]?.ref ?? (() => { throw new Error(`no ${id}`); })(),
    getAtt: (id, attribute) => resources[id]!.attributes[attribute],
    importValue: (name) => (name === 'shared-bus' ? 'arn:bus' : (() => { throw new Error('No export named ' + name); })()),
    ...overrides,
  };
}

describe('YAML templates', () => {
  beforeAll(loadYamlParser);

  it('reads every short form into its long form', () => {
    const template = parseTemplate(`
AWSTemplateFormatVersion: 2010-09-09
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${AWS::StackName}-orders'
      Arn: !GetAtt Table.StreamArn
      Nested: !GetAtt [Table, Arn]
      Joined: !Join [',', [!Ref Env, !Select [0, !GetAZs '']]]
      Choice: !If [IsProd, !Ref AWS::NoValue, 3]
      Mapped: !FindInMap [Sizes, !Ref Env, Memory]
      Coded: !Base64 hello
      Parts: !Split [',', 'a,b']
      Imported: !ImportValue shared-bus
      Blocks: !Cidr ['10.0.0.0/16', 2, 8]
      SubList: !Sub ['\${A}-x', { A: !Ref Env }]
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Either: !Or [!Condition IsProd, !Not [!Equals [a, b]]]
`);
    const properties = template.Resources.Queue!.Properties!;
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(properties.QueueName).toEqual({ 'Fn::Sub': '${AWS::StackName}-orders' });
    expect(properties.Arn).toEqual({ 'Fn::GetAtt': ['Table', 'StreamArn'] });
    expect(properties.Nested).toEqual({ 'Fn::GetAtt': ['Table', 'Arn'] });
    expect(properties.Joined).toEqual({ 'Fn::Join': [',', [{ Ref: 'Env' }, { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }]] });
    expect(properties.Choice).toEqual({ 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 3] });
    expect(properties.SubList).toEqual({ 'Fn::Sub': ['${A}-x', { A: { Ref: 'Env' } }] });
    expect(template.Conditions!.Either).toEqual({ 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] }] });
  });

  it('answers AWS ValidationErrors for malformed templates', () => {
    expect(() => parseTemplate('Resources: [')).toThrow(ValidationError);
    expect(() => parseTemplate('{"Resources": {}}')).toThrow('At least one Resources member must be defined.');
    expect(() => parseTemplate('Resources:\n  my-queue:\n    Type: AWS::SQS::Queue\n')).toThrow('Resource name my-queue is non alphanumeric.');
    expect(() => parseTemplate('Resources:\n  Queue:\n    Properties: {}\n')).toThrow('Every Resources object must contain a Type member.');
    expect(() => parseTemplate('Transform: MyMacro\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n')).toThrow(/transform MyMacro is not supported by the workshop emulator/);
  });
});

describe('intrinsic functions', () => {
  it('evaluates each function over parameters, pseudo parameters, resources and exports', () => {
    const s = scope();
    expect(resolve({ 'Fn::Sub': '${AWS::StackName}-${Env}-${Queue}-${Queue.Arn}-${!Literal}' }, s)).toBe('shop-prod-https://sqs/q-arn:aws:sqs:us-east-1:000000000000:q-${Literal}');
    expect(resolve({ 'Fn::Sub': ['${Name}.${AWS::Region}', { Name: { Ref: 'Env' } }] }, s)).toBe('prod.eu-west-1');
    expect(resolve({ 'Fn::Join': ['-', ['a', { Ref: 'Env' }, 'c']] }, s)).toBe('a-prod-c');
    expect(resolve({ 'Fn::Select': ['1', { Ref: 'Zones' }] }, s)).toBe('b');
    expect(resolve({ 'Fn::Split': ['|', 'x|y'] }, s)).toEqual(['x', 'y']);
    expect(resolve({ 'Fn::If': ['IsProd', 'big', 'small'] }, s)).toBe('big');
    expect(resolve({ 'Fn::If': ['IsDev', 'big', 'small'] }, s)).toBe('small');
    expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Memory'] }, s)).toBe(512);
    expect(resolve({ 'Fn::Base64': 'hi' }, s)).toBe('aGk=');
    expect(resolve({ 'Fn::GetAZs': '' }, s)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(resolve({ 'Fn::GetAtt': ['Queue', 'QueueName'] }, s)).toBe('q');
    expect(resolve({ 'Fn::GetAtt': 'Queue.Arn' }, s)).toBe('arn:aws:sqs:us-east-1:000000000000:q');
    expect(resolve({ 'Fn::ImportValue': 'shared-bus' }, s)).toBe('arn:bus');
    expect(resolve({ 'Fn::Cidr': ['10.0.0.0/16', 3, 8] }, s)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
  });

  it('removes properties and list items that resolve to AWS::NoValue', () => {
    const s = scope();
    expect(resolve({ Ref: 'AWS::NoValue' }, s)).toBe(NO_VALUE);
    expect(resolve({ A: 1, B: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 2] }, C: ['x', { Ref: 'AWS::NoValue' }] }, s)).toEqual({ A: 1, C: ['x'] });
  });

  it('fails with a template error for a missing mapping, index or attribute', () => {
    const s = scope();
    expect(() => resolve({ 'Fn::FindInMap': ['Sizes', 'test', 'Memory'] }, s)).toThrow('Unable to get mapping for Sizes::test::Memory');
    expect(() => resolve({ 'Fn::Select': [5, ['a']] }, s)).toThrow('Fn::Select cannot select nonexistent value at index 5');
    expect(() => resolve({ 'Fn::Length': [1] }, s)).toThrow('not supported by the workshop emulator');
    expect(() => cidrBlocks('2001:db8::/56', 2, 64)).toThrow('IPv6 blocks are not supported');
  });

  it('evaluates conditions that name other conditions, and refuses cycles', () => {
    const template = { Resources: {}, Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, Big: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] }] }, Small: { 'Fn::Or': [{ Condition: 'Big' }, { 'Fn::Equals': ['x', 'y'] }] } } } as unknown as Template;
    expect(evaluateConditions(template, scope())).toEqual({ IsProd: true, Big: true, Small: true });
    const looped = { Resources: {}, Conditions: { A: { 'Fn::Not': [{ Condition: 'B' }] }, B: { 'Fn::Not': [{ Condition: 'A' }] } } } as unknown as Template;
    expect(() => evaluateConditions(looped, scope())).toThrow('circular condition dependency');
  });

  it('lists the names a value refers to, Fn::Sub variables included', () => {
    expect([...references({ A: { Ref: 'Queue' }, B: { 'Fn::GetAtt': 'Table.Arn' }, C: { 'Fn::Sub': ['${Topic}-${X}-${!Not}-${Fn.Arn}', { X: { Ref: 'Env' } }] } })].sort()).toEqual(['Env', 'Fn', 'Queue', 'Table', 'Topic']);
  });
});

describe('the dependency graph', () => {
  const template = (resources: Record<string, unknown>) => ({ Parameters: { Env: {} }, Resources: resources }) as unknown as Template;

  it('orders resources by Ref, GetAtt, Sub and DependsOn, running independent ones together', async () => {
    const graph = dependencies(template({
      Table: { Type: 'T' },
      Queue: { Type: 'T', Properties: { Name: { Ref: 'Env' } } },
      Fn: { Type: 'T', Properties: { A: { 'Fn::GetAtt': ['Table', 'Arn'] }, B: { 'Fn::Sub': '${Queue}' } } },
      Rule: { Type: 'T', DependsOn: 'Fn' },
    }), ['Table', 'Queue', 'Fn', 'Rule']);
    expect(graph.get('Fn')).toEqual(new Set(['Table', 'Queue']));
    const order: string[] = [];
    const running = new Set<string>();
    let together = 0;
    await runGraph(graph, async (node) => {
      running.add(node);
      together = Math.max(together, running.size);
      await new Promise((done) => setTimeout(done, 5));
      running.delete(node);
      order.push(node);
    });
    expect(order.indexOf('Fn')).toBeGreaterThan(Math.max(order.indexOf('Table'), order.indexOf('Queue')));
    expect(order.at(-1)).toBe('Rule');
    expect(together).toBe(2);
  });

  it('stops starting resources after a failure and reports the failed ones', async () => {
    const graph = dependencies(template({ A: { Type: 'T' }, B: { Type: 'T', DependsOn: 'A' } }), ['A', 'B']);
    const ran: string[] = [];
    const failed = await runGraph(graph, async (node) => {
      ran.push(node);
      if (node === 'A') throw new Error('boom');
    });
    expect(failed).toEqual(['A']);
    expect(ran).toEqual(['A']);
  });

  it('refuses unknown names and cycles as CloudFormation does', () => {
    expect(() => dependencies(template({ A: { Type: 'T', Properties: { X: { Ref: 'Missing' } } } }), ['A'])).toThrow('Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template');
    expect(() => dependencies(template({ A: { Type: 'T', DependsOn: 'B' }, B: { Type: 'T', Properties: { X: { Ref: 'A' } } } }), ['A', 'B'])).toThrow('Circular dependency between resources: [A, B]');
  });
});
