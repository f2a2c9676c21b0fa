/** AWS::Serverless::SimpleTable: an AWS::DynamoDB::Table with one hash key (`id`, a String, unless PrimaryKey says otherwise). */
import type { TemplateResource } from '../template.ts';
import { InvalidSamResource } from './errors.ts';
import { resourceAttributes } from './shared.ts';

const TYPES: Record<string, string> = { String: 'S', Number: 'N', Binary: 'B' };
const PROPERTIES = ['PrimaryKey', 'ProvisionedThroughput', 'TableName', 'Tags', 'SSESpecification', 'PointInTimeRecoverySpecification'];

/** The table of one SimpleTable. */
export function expandSimpleTable(logicalId: string, resource: TemplateResource): Record<string, TemplateResource> {
  const properties = resource.Properties ?? {};
  for (const name of Object.keys(properties)) if (!PROPERTIES.includes(name)) throw new InvalidSamResource(logicalId, `property ${name} not defined for resource of type AWS::Serverless::SimpleTable`);
  const key = (properties.PrimaryKey as Record<string, unknown> | undefined) ?? { Name: 'id', Type: 'String' };
  const type = TYPES[String(key.Type)];
  if (key.Name === undefined || !type) throw new InvalidSamResource(logicalId, "'PrimaryKey' needs a Name and a Type of String, Number or Binary.");
  const tags = Object.entries((properties.Tags as Record<string, unknown> | undefined) ?? {}).map(([Key, Value]) => ({ Key, Value }));
  return {
    [logicalId]: {
      Type: 'AWS::DynamoDB::Table',
      ...resourceAttributes(resource),
      Properties: {
        AttributeDefinitions: [{ AttributeName: key.Name, AttributeType: type }],
        KeySchema: [{ AttributeName: key.Name, KeyType: 'HASH' }],
        ...(properties.ProvisionedThroughput !== undefined ? { ProvisionedThroughput: properties.ProvisionedThroughput } : { BillingMode: 'PAY_PER_REQUEST' }),
        ...(properties.TableName !== undefined ? { TableName: properties.TableName } : {}),
        ...(properties.SSESpecification !== undefined ? { SSESpecification: properties.SSESpecification } : {}),
        ...(properties.PointInTimeRecoverySpecification !== undefined ? { PointInTimeRecoverySpecification: properties.PointInTimeRecoverySpecification } : {}),
        ...(tags.length > 0 ? { Tags: tags } : {}),
      },
    },
  };
}
