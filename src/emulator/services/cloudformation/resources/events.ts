/** AWS::Events::Rule with its Targets through EventBridge's PutRule, PutTargets and DeleteRule. */
import type { Provisioner, ProvisionContext } from './types.ts';
import { ignoringNotFound, jsonText } from './types.ts';

function ruleInput(name: string, properties: Record<string, any>): Record<string, unknown> {
  return {
    Name: name,
    ...(properties.EventBusName ? { EventBusName: properties.EventBusName } : {}),
    ...(properties.EventPattern !== undefined ? { EventPattern: jsonText(properties.EventPattern) } : {}),
    ...(properties.ScheduleExpression ? { ScheduleExpression: properties.ScheduleExpression } : {}),
    State: properties.State ?? 'ENABLED',
    ...(properties.Description !== undefined ? { Description: properties.Description } : {}),
    ...(properties.RoleArn ? { RoleArn: properties.RoleArn } : {}),
  };
}

function targetsOf(properties: Record<string, any>): Array<Record<string, unknown>> {
  return (properties.Targets ?? []).map((target: Record<string, any>) => ({ ...target, ...(target.Input !== undefined ? { Input: jsonText(target.Input) } : {}) }));
}

async function putTargets(context: ProvisionContext, name: string, bus: string | undefined, targets: Array<Record<string, unknown>>): Promise<void> {
  if (targets.length === 0) return;
  const answer = await context.call('events', 'PutTargets', { Rule: name, ...(bus ? { EventBusName: bus } : {}), Targets: targets });
  const failed = answer.FailedEntries ?? [];
  if (failed.length > 0) throw new Error(`PutTargets failed for target ${failed[0].TargetId}: ${failed[0].ErrorMessage} (${failed[0].ErrorCode})`);
}

/** AWS::Events::Rule: Ref is the rule name (`bus|name` on a custom bus); Arn for Fn::GetAtt. */
export const eventsRule: Provisioner = {
  properties: ['Name', 'EventBusName', 'EventPattern', 'ScheduleExpression', 'State', 'Description', 'RoleArn', 'Targets'],
  replaceOn: ['Name', 'EventBusName'],
  nameProperty: 'Name',
  async create(properties, context) {
    const name = properties.Name ?? context.generatedName(64);
    const { RuleArn } = await context.call('events', 'PutRule', ruleInput(name, properties));
    await putTargets(context, name, properties.EventBusName, targetsOf(properties));
    const custom = properties.EventBusName && properties.EventBusName !== 'default';
    return { physicalId: custom ? `${properties.EventBusName}|${name}` : name, attributes: { Arn: RuleArn } };
  },
  async update(properties, existing, context) {
    const name = existing.physicalId.split('|').pop()!;
    await context.call('events', 'PutRule', ruleInput(name, properties));
    const now = targetsOf(properties);
    const gone = (existing.properties.Targets as any[] | undefined ?? []).map((target) => String(target.Id)).filter((id) => !now.some((target) => target.Id === id));
    if (gone.length > 0) await context.call('events', 'RemoveTargets', { Rule: name, ...(properties.EventBusName ? { EventBusName: properties.EventBusName } : {}), Ids: gone });
    await putTargets(context, name, properties.EventBusName, now);
    return existing;
  },
  async delete(existing, context) {
    const name = existing.physicalId.split('|').pop()!;
    const bus = existing.properties.EventBusName as string | undefined;
    const ids = (existing.properties.Targets as any[] | undefined ?? []).map((target) => String(target.Id));
    if (ids.length > 0) await ignoringNotFound(context.call('events', 'RemoveTargets', { Rule: name, ...(bus ? { EventBusName: bus } : {}), Ids: ids }));
    await ignoringNotFound(context.call('events', 'DeleteRule', { Name: name, ...(bus ? { EventBusName: bus } : {}) }));
  },
};
