/** AWS::Logs::LogGroup through CloudWatch Logs' CreateLogGroup, PutRetentionPolicy and DeleteLogGroup. */
import type { Provisioner } from './types.ts';
import { ignoringNotFound, numberOf, tagMap } from './types.ts';

/** AWS::Logs::LogGroup: Ref is the log group name; Arn (ending in `:*`) for Fn::GetAtt. */
export const logsLogGroup: Provisioner = {
  properties: ['LogGroupName', 'RetentionInDays', 'Tags', 'KmsKeyId', 'LogGroupClass'],
  replaceOn: ['LogGroupName', 'LogGroupClass'],
  nameProperty: 'LogGroupName',
  async create(properties, context) {
    const name = properties.LogGroupName ?? context.generatedName(512);
    const tags = tagMap(properties.Tags);
    await context.call('logs', 'CreateLogGroup', { logGroupName: name, ...(tags ? { tags } : {}) });
    if (properties.RetentionInDays !== undefined) await context.call('logs', 'PutRetentionPolicy', { logGroupName: name, retentionInDays: numberOf(properties.RetentionInDays) });
    return { physicalId: name, attributes: { Arn: `arn:aws:logs:${context.region}:${context.account}:log-group:${name}:*` } };
  },
  async update(properties, existing, context) {
    if (properties.RetentionInDays === undefined) await context.call('logs', 'DeleteRetentionPolicy', { logGroupName: existing.physicalId });
    else await context.call('logs', 'PutRetentionPolicy', { logGroupName: existing.physicalId, retentionInDays: numberOf(properties.RetentionInDays) });
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('logs', 'DeleteLogGroup', { logGroupName: existing.physicalId }));
  },
};
