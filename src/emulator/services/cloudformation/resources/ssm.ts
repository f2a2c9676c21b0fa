/** AWS::SSM::Parameter through Parameter Store's PutParameter and DeleteParameter. */
import type { Provisioner, ProvisionContext } from './types.ts';
import { ignoringNotFound } from './types.ts';

async function put(context: ProvisionContext, name: string, properties: Record<string, any>, overwrite: boolean): Promise<void> {
  await context.call('ssm', 'PutParameter', {
    Name: name,
    Value: String(properties.Value),
    Type: properties.Type,
    ...(properties.Description !== undefined ? { Description: properties.Description } : {}),
    ...(properties.AllowedPattern !== undefined ? { AllowedPattern: properties.AllowedPattern } : {}),
    ...(properties.Tier !== undefined ? { Tier: properties.Tier } : {}),
    ...(properties.DataType !== undefined ? { DataType: properties.DataType } : {}),
    ...(!overwrite && properties.Tags ? { Tags: Object.entries(properties.Tags).map(([Key, Value]) => ({ Key, Value: String(Value) })) } : {}),
    ...(overwrite ? { Overwrite: true } : {}),
  });
}

/** AWS::SSM::Parameter: Ref is the parameter name; Type and Value for Fn::GetAtt. */
export const ssmParameter: Provisioner = {
  properties: ['Name', 'Type', 'Value', 'Description', 'AllowedPattern', 'Tier', 'Tags', 'DataType', 'Policies'],
  required: ['Type', 'Value'],
  replaceOn: ['Name'],
  nameProperty: 'Name',
  async create(properties, context) {
    const name = properties.Name ?? `CFN-${context.generatedName(1000)}`;
    await put(context, name, properties, false);
    return { physicalId: name, attributes: { Type: properties.Type, Value: String(properties.Value) } };
  },
  async update(properties, existing, context) {
    await put(context, existing.physicalId, properties, true);
    return { ...existing, attributes: { Type: properties.Type, Value: String(properties.Value) } };
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('ssm', 'DeleteParameter', { Name: existing.physicalId }));
  },
};
