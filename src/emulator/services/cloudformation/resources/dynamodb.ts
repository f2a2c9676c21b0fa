/** AWS::DynamoDB::Table through DynamoDB's CreateTable, UpdateTable and DeleteTable. */
import type { Provisioner, ProvisionContext } from './types.ts';
import { ignoringNotFound, numberOf, tagMap } from './types.ts';

function throughput(value: any): Record<string, number> | undefined {
  if (!value) return undefined;
  return { ReadCapacityUnits: numberOf(value.ReadCapacityUnits)!, WriteCapacityUnits: numberOf(value.WriteCapacityUnits)! };
}

function indexes(list: any[] | undefined): any[] | undefined {
  return list?.map((index) => ({ ...index, ...(index.ProvisionedThroughput ? { ProvisionedThroughput: throughput(index.ProvisionedThroughput) } : {}) }));
}

/** Waits until the table is ACTIVE, as CloudFormation does before it reports CREATE_COMPLETE. */
async function untilActive(name: string, context: ProvisionContext): Promise<any> {
  for (;;) {
    const { Table } = await context.call('dynamodb', 'DescribeTable', { TableName: name });
    if (Table.TableStatus === 'ACTIVE' && (Table.GlobalSecondaryIndexes ?? []).every((index: any) => index.IndexStatus === 'ACTIVE')) return Table;
    await context.sleep(100);
  }
}

function attributesOf(table: any): Record<string, unknown> {
  return { Arn: table.TableArn, ...(table.LatestStreamArn ? { StreamArn: table.LatestStreamArn } : {}) };
}

/** AWS::DynamoDB::Table: Ref is the table name; Arn and StreamArn for Fn::GetAtt. */
export const dynamodbTable: Provisioner = {
  properties: ['TableName', 'AttributeDefinitions', 'KeySchema', 'BillingMode', 'ProvisionedThroughput', 'GlobalSecondaryIndexes', 'LocalSecondaryIndexes', 'StreamSpecification', 'TimeToLiveSpecification', 'Tags', 'DeletionProtectionEnabled', 'TableClass'],
  required: ['KeySchema'],
  replaceOn: ['TableName', 'KeySchema', 'LocalSecondaryIndexes'],
  nameProperty: 'TableName',
  async create(properties, context) {
    const name = properties.TableName ?? context.generatedName(255);
    const tags = tagMap(properties.Tags);
    await context.call('dynamodb', 'CreateTable', {
      TableName: name,
      AttributeDefinitions: properties.AttributeDefinitions,
      KeySchema: properties.KeySchema,
      BillingMode: properties.BillingMode ?? 'PROVISIONED',
      ...(properties.ProvisionedThroughput ? { ProvisionedThroughput: throughput(properties.ProvisionedThroughput) } : {}),
      ...(properties.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: indexes(properties.GlobalSecondaryIndexes) } : {}),
      ...(properties.LocalSecondaryIndexes ? { LocalSecondaryIndexes: properties.LocalSecondaryIndexes } : {}),
      ...(properties.StreamSpecification ? { StreamSpecification: { StreamEnabled: true, StreamViewType: properties.StreamSpecification.StreamViewType } } : {}),
      ...(properties.TableClass ? { TableClass: properties.TableClass } : {}),
      ...(tags ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
    });
    const table = await untilActive(name, context);
    if (properties.TimeToLiveSpecification) await context.call('dynamodb', 'UpdateTimeToLive', { TableName: name, TimeToLiveSpecification: properties.TimeToLiveSpecification });
    return { physicalId: name, attributes: attributesOf(table) };
  },
  async update(properties, existing, context) {
    const name = existing.physicalId;
    const before = existing.properties;
    const change: Record<string, unknown> = {};
    if ((properties.BillingMode ?? 'PROVISIONED') !== (before.BillingMode ?? 'PROVISIONED')) change.BillingMode = properties.BillingMode ?? 'PROVISIONED';
    if (JSON.stringify(properties.ProvisionedThroughput) !== JSON.stringify(before.ProvisionedThroughput) && properties.ProvisionedThroughput) change.ProvisionedThroughput = throughput(properties.ProvisionedThroughput);
    if (JSON.stringify(properties.StreamSpecification) !== JSON.stringify(before.StreamSpecification)) {
      change.StreamSpecification = properties.StreamSpecification ? { StreamEnabled: true, StreamViewType: properties.StreamSpecification.StreamViewType } : { StreamEnabled: false };
    }
    if (JSON.stringify(properties.AttributeDefinitions) !== JSON.stringify(before.AttributeDefinitions)) change.AttributeDefinitions = properties.AttributeDefinitions;
    if (JSON.stringify(properties.GlobalSecondaryIndexes) !== JSON.stringify(before.GlobalSecondaryIndexes)) {
      const old = new Map<string, any>((before.GlobalSecondaryIndexes as any[] | undefined ?? []).map((index) => [index.IndexName, index]));
      const now = new Map<string, any>((indexes(properties.GlobalSecondaryIndexes) ?? []).map((index) => [index.IndexName, index]));
      change.GlobalSecondaryIndexUpdates = [
        ...[...old.keys()].filter((key) => !now.has(key)).map((IndexName) => ({ Delete: { IndexName } })),
        ...[...now.values()].filter((index) => !old.has(index.IndexName)).map((index) => ({ Create: index })),
      ];
      change.AttributeDefinitions = properties.AttributeDefinitions;
    }
    if (Object.keys(change).length > 0) await context.call('dynamodb', 'UpdateTable', { TableName: name, ...change });
    if (JSON.stringify(properties.TimeToLiveSpecification) !== JSON.stringify(before.TimeToLiveSpecification) && properties.TimeToLiveSpecification) {
      await context.call('dynamodb', 'UpdateTimeToLive', { TableName: name, TimeToLiveSpecification: properties.TimeToLiveSpecification });
    }
    return { physicalId: name, attributes: attributesOf(await untilActive(name, context)) };
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('dynamodb', 'DeleteTable', { TableName: existing.physicalId }));
  },
};
