import { describe, expect, it } from 'vitest';
import { fillTemplate, readJsonPath, targetInput } from '../../src/emulator/services/events/input.ts';
import type { Target } from '../../src/emulator/services/events/model.ts';

// The example event and templates of the EventBridge user guide, "input transformation".
const event = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
};
const paths = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
const context = { ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example', ruleName: 'example', ingestionTime: '2015-11-11T21:29:55Z' };

function transform(template: string, inputPaths: Record<string, string> = paths): string {
  const target: Target = { Id: 't', Arn: 'arn:aws:sqs:us-east-1:123456789012:q', InputTransformer: { InputPathsMap: inputPaths, InputTemplate: template } };
  return targetInput(target, event, context);
}

describe('EventBridge target input', () => {
  it('sends the whole event when nothing else is configured', () => {
    expect(JSON.parse(targetInput({ Id: 't', Arn: 'a' }, event, context))).toEqual(event);
  });

  it('sends a constant Input as given', () => {
    expect(targetInput({ Id: 't', Arn: 'a', Input: '{"fixed":true}' }, event, context)).toBe('{"fixed":true}');
  });

  it('sends the part at InputPath', () => {
    expect(JSON.parse(targetInput({ Id: 't', Arn: 'a', InputPath: '$.detail' }, event, context))).toEqual(event.detail);
    expect(readJsonPath(event, '$.resources[0]')).toBe(event.resources[0]);
    expect(readJsonPath(event, '$.detail.missing')).toBeUndefined();
  });

  it('fills a simple string template', () => {
    expect(transform('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
  });

  it('fills simple JSON: variables outside quotes become JSON values', () => {
    expect(JSON.parse(transform('{"instance" : <instance>, "state": <state>}'))).toEqual({ instance: 'i-0123456789', state: 'RUNNING' });
  });

  it('fills JSON with strings and variables inside quotes', () => {
    expect(JSON.parse(transform('{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance is <instance> in <state>"}'))).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
      instanceStatus: 'instance is i-0123456789 in RUNNING',
    });
  });

  it('mixes variables and static values, minified', () => {
    expect(transform('{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}')).toBe(
      '{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}',
    );
  });

  it('offers the reserved variables', () => {
    const out = JSON.parse(transform('{"ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "original": <aws.events.event>, "full": <aws.events.event.json>, "at": "<aws.events.event.ingestion-time>"}'));
    expect(out.ruleArn).toBe(context.ruleArn);
    expect(out.ruleName).toBe('example');
    expect(out.original.id).toBe(event.id);
    expect(out.original.detail).toBeUndefined();
    expect(out.full.detail).toEqual(event.detail);
    expect(out.at).toBe(context.ingestionTime);
    expect(transform('"<aws.events.rule-name> triggered"')).toBe('"example triggered"');
  });

  it('leaves out a variable whose path is missing', () => {
    expect(JSON.parse(transform('{"a": <gone>, "b": "x<gone>y"}', { gone: '$.detail.nothing' }))).toEqual({ a: null, b: 'xy' });
  });

  it('keeps text that is not a known variable, and non-JSON results as text', () => {
    expect(fillTemplate('a <b> c', new Map())).toBe('a <b> c');
    expect(transform('instance <instance> is <state>')).toBe('instance "i-0123456789" is "RUNNING"');
  });
});
