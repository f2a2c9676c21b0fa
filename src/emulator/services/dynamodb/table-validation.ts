/** The checks CreateTable and UpdateTable make on key schemas, attribute definitions, indexes and billing. */
import { constraintError, DynamoValidationException, invalidParameter } from './errors.ts';
import type { IndexDefinition, KeySchemaElement, Projection, Table, Throughput } from './state.ts';
import { checkTableName, keyNames } from './state.ts';

type Input = Record<string, any>;

/** Checks a KeySchema: a HASH element, then optionally a RANGE element with another name. */
export function checkKeySchema(raw: unknown, member: string): KeySchemaElement[] {
  if (!Array.isArray(raw)) throw constraintError(raw, member, 'Member must not be null');
  if (raw.length < 1 || raw.length > 2) throw constraintError(raw, member, `Member must have length ${raw.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 2'}`);
  const schema = raw.map((element: any, i): KeySchemaElement => {
    if (typeof element?.AttributeName !== 'string' || element.AttributeName.length < 1 || element.AttributeName.length > 255) {
      throw constraintError(element?.AttributeName, `${member}.${i + 1}.member.attributeName`, 'Member must have length less than or equal to 255');
    }
    if (element.KeyType !== 'HASH' && element.KeyType !== 'RANGE') throw constraintError(element.KeyType, `${member}.${i + 1}.member.keyType`, 'Member must satisfy enum value set: [HASH, RANGE]');
    return { AttributeName: element.AttributeName, KeyType: element.KeyType };
  });
  if (schema[0]!.KeyType !== 'HASH') throw new DynamoValidationException('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (schema[1] && schema[1].KeyType !== 'RANGE') throw new DynamoValidationException('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (schema[1] && schema[1].AttributeName === schema[0]!.AttributeName) throw new DynamoValidationException('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  return schema;
}

/** Checks AttributeDefinitions: names with type S, N or B, each once. */
export function checkAttributeDefinitions(raw: unknown): Table['AttributeDefinitions'] {
  if (!Array.isArray(raw)) throw constraintError(raw, 'attributeDefinitions', 'Member must not be null');
  const definitions = raw.map((definition: any, i) => {
    if (typeof definition?.AttributeName !== 'string' || definition.AttributeName === '') throw constraintError(definition?.AttributeName, `attributeDefinitions.${i + 1}.member.attributeName`, 'Member must not be null');
    if (!['S', 'N', 'B'].includes(definition.AttributeType)) throw constraintError(definition.AttributeType, `attributeDefinitions.${i + 1}.member.attributeType`, 'Member must satisfy enum value set: [B, N, S]');
    return { AttributeName: definition.AttributeName as string, AttributeType: definition.AttributeType as 'S' | 'N' | 'B' };
  });
  const names = definitions.map((definition) => definition.AttributeName);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw invalidParameter(`Duplicate AttributeName attributes found: ${duplicate}`);
  return definitions;
}

/** Checks that every key attribute has a definition. */
export function checkDefined(schema: KeySchemaElement[], definitions: Table['AttributeDefinitions']): void {
  const defined = definitions.map((definition) => definition.AttributeName);
  const missing = schema.map((element) => element.AttributeName).filter((name) => !defined.includes(name));
  if (missing.length > 0) {
    throw invalidParameter(`Some index key attributes are not defined in AttributeDefinitions. Keys: [${missing.join(', ')}], AttributeDefinitions: [${defined.join(', ')}]`);
  }
}

/** Checks ProvisionedThroughput's two members. */
export function checkThroughput(raw: any, member: string): Throughput {
  for (const unit of ['ReadCapacityUnits', 'WriteCapacityUnits']) {
    const value = raw?.[unit];
    if (!Number.isInteger(value) || value < 1) throw constraintError(value, `${member}.${unit[0]!.toLowerCase()}${unit.slice(1)}`, 'Member must have value greater than or equal to 1');
  }
  return { ReadCapacityUnits: raw.ReadCapacityUnits, WriteCapacityUnits: raw.WriteCapacityUnits };
}

/** The billing mode and table throughput of a CreateTable request. */
export function checkBilling(input: Input): { mode: Table['BillingMode']; throughput?: Throughput } {
  const mode = input.BillingMode ?? 'PROVISIONED';
  if (mode !== 'PROVISIONED' && mode !== 'PAY_PER_REQUEST') throw constraintError(mode, 'billingMode', 'Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]');
  const given = input.ProvisionedThroughput;
  if (mode === 'PAY_PER_REQUEST') {
    if (given) throw invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    return { mode };
  }
  if (!given) throw invalidParameter('ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED');
  return { mode, throughput: checkThroughput(given, 'provisionedThroughput') };
}

function checkProjection(raw: any, indexName: string): Projection {
  if (!raw || typeof raw !== 'object') throw constraintError(raw, 'projection', 'Member must not be null');
  const type = raw.ProjectionType ?? 'ALL';
  if (!['ALL', 'KEYS_ONLY', 'INCLUDE'].includes(type)) throw constraintError(type, 'projection.projectionType', 'Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]');
  const nonKey = raw.NonKeyAttributes;
  if (type === 'INCLUDE' && (!Array.isArray(nonKey) || nonKey.length === 0)) throw invalidParameter(`ProjectionType is INCLUDE, but NonKeyAttributes is not specified for index: ${indexName}`);
  if (type !== 'INCLUDE' && nonKey !== undefined && nonKey !== null) throw invalidParameter(`ProjectionType is ${type}, but NonKeyAttributes is specified`);
  return type === 'INCLUDE' ? { ProjectionType: type, NonKeyAttributes: nonKey.map(String) } : { ProjectionType: type };
}

/** Checks one GSI or LSI definition of a CreateTable (or a GSI Create of an UpdateTable). */
export function checkIndex(raw: any, global: boolean, table: { KeySchema: KeySchemaElement[]; BillingMode: Table['BillingMode'] }): IndexDefinition {
  const name = checkTableName(raw?.IndexName, 'indexName');
  const schema = checkKeySchema(raw.KeySchema, `${global ? 'globalSecondaryIndexes' : 'localSecondaryIndexes'}.member.keySchema`);
  const index: IndexDefinition = { IndexName: name, KeySchema: schema, Projection: checkProjection(raw.Projection, name), global };
  if (!global) {
    const tableKeys = keyNames(table.KeySchema);
    if (!tableKeys.range) throw invalidParameter('Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
    const own = keyNames(schema);
    if (own.hash !== tableKeys.hash) {
      throw invalidParameter(`Index KeySchema does not have the same leading hash key as table KeySchema for index: ${name}. index hash key: ${own.hash}, table hash key: ${tableKeys.hash}`);
    }
    if (!own.range) throw invalidParameter(`Index KeySchema does not have a range key for index: ${name}`);
    return index;
  }
  if (table.BillingMode === 'PROVISIONED') {
    if (!raw.ProvisionedThroughput) throw invalidParameter(`ProvisionedThroughput must be specified for index: ${name}`);
    index.ProvisionedThroughput = checkThroughput(raw.ProvisionedThroughput, 'globalSecondaryIndexes.member.provisionedThroughput');
  } else if (raw.ProvisionedThroughput) {
    throw invalidParameter(`ProvisionedThroughput should not be specified for index: ${name} when BillingMode is PAY_PER_REQUEST`);
  }
  return index;
}

/** Checks the LocalSecondaryIndexes and GlobalSecondaryIndexes of a CreateTable request. */
export function checkIndexes(input: Input, table: { KeySchema: KeySchemaElement[]; BillingMode: Table['BillingMode'] }): IndexDefinition[] {
  const indexes: IndexDefinition[] = [];
  for (const [member, global, limit] of [['LocalSecondaryIndexes', false, 5], ['GlobalSecondaryIndexes', true, 20]] as const) {
    const list = input[member];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || list.length === 0) throw invalidParameter(`List of ${member} is empty`);
    if (list.length > limit) throw invalidParameter(`Number of ${member} exceeds per-table limit of ${limit}`);
    for (const raw of list) indexes.push(checkIndex(raw, global, table));
  }
  const names = indexes.map((index) => index.IndexName);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw invalidParameter(`Duplicate index name: ${duplicate}`);
  return indexes;
}

/** Keeps only the definitions some key of the table or an index uses. */
export function usedDefinitions(table: Pick<Table, 'KeySchema' | 'indexes' | 'AttributeDefinitions'>): Table['AttributeDefinitions'] {
  const used = new Set([...table.KeySchema, ...table.indexes.flatMap((index) => index.KeySchema)].map((element) => element.AttributeName));
  return table.AttributeDefinitions.filter((definition) => used.has(definition.AttributeName));
}
