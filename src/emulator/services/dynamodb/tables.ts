/**
 * CreateTable, DescribeTable, ListTables, UpdateTable and DeleteTable. A new table is CREATING,
 * and a global secondary index added by UpdateTable is CREATING (its table UPDATING), for the
 * emulator's dynamodbStateDelayMs (status.ts); the SDK's waiters see them ACTIVE after it.
 */
import { randomUUID } from 'node:crypto';
import type { OperationContext } from '../../types.ts';
import { itemSize } from './attribute-values.ts';
import { constraintError, DynamoValidationException, invalidParameter, LimitExceededException, ResourceInUseException, ResourceNotFoundException } from './errors.ts';
import { indexStats } from './indexes.ts';
import type { Input } from './request.ts';
import { allItems, checkTableName, findTable, type DynamodbState, type IndexDefinition, type Table, type Throughput } from './state.ts';
import { applyStreamRequest, checkStreamSpecification, streamView } from './streams/specification.ts';
import { stopStream } from './streams/model.ts';
import { activeAfterDelay, indexCreating, refuseWhileCreating, refuseWhileIndexing, tableStatus, type TableStatus } from './status.ts';
import {
  checkAttributeDefinitions, checkBilling, checkDefined, checkIndex, checkIndexes, checkKeySchema, checkThroughput, usedDefinitions,
} from './table-validation.ts';

type Context = OperationContext<DynamodbState>;

function throughputView(table: Table, own: Throughput | undefined): Record<string, unknown> {
  const units = table.BillingMode === 'PAY_PER_REQUEST' ? { ReadCapacityUnits: 0, WriteCapacityUnits: 0 } : own ?? { ReadCapacityUnits: 0, WriteCapacityUnits: 0 };
  return { NumberOfDecreasesToday: 0, ...units };
}

function indexView(table: Table, index: IndexDefinition, now: number): Record<string, unknown> {
  const base = { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection, ...indexStats(table, index), IndexArn: `${table.TableArn}/index/${index.IndexName}` };
  if (!index.global) return base;
  const creating = indexCreating(table, index, now);
  // AWS shows Backfilling only for an index added to an existing table.
  const added = creating && index.activeAt !== undefined;
  return { ...base, IndexStatus: creating ? 'CREATING' : 'ACTIVE', ...(added ? { Backfilling: false } : {}), ProvisionedThroughput: throughputView(table, index.ProvisionedThroughput) };
}

/** A table as DescribeTable shows it: its status now, unless the answer of a change names another. */
export function tableView(table: Table, status: TableStatus = tableStatus(table), now = Date.now()): Record<string, unknown> {
  let count = 0;
  let bytes = 0;
  for (const item of allItems(table)) {
    count++;
    bytes += itemSize(item);
  }
  const locals = table.indexes.filter((index) => !index.global);
  const globals = table.indexes.filter((index) => index.global);
  return {
    AttributeDefinitions: table.AttributeDefinitions,
    TableName: table.TableName,
    KeySchema: table.KeySchema,
    TableStatus: status,
    CreationDateTime: table.CreationDateTime,
    ProvisionedThroughput: throughputView(table, table.ProvisionedThroughput),
    TableSizeBytes: bytes,
    ItemCount: count,
    TableArn: table.TableArn,
    TableId: table.TableId,
    ...(table.BillingMode === 'PAY_PER_REQUEST' ? { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: table.LastUpdateToPayPerRequestDateTime ?? table.CreationDateTime } } : {}),
    ...(locals.length > 0 ? { LocalSecondaryIndexes: locals.map((index) => indexView(table, index, now)) } : {}),
    ...(globals.length > 0 ? { GlobalSecondaryIndexes: globals.map((index) => indexView(table, index, now)) } : {}),
    ...(table.TableClass !== 'STANDARD' ? { TableClassSummary: { TableClass: table.TableClass } } : {}),
    DeletionProtectionEnabled: table.DeletionProtectionEnabled,
    ...streamView(table),
  };
}

function tableClassOf(value: unknown): string {
  const tableClass = value ?? 'STANDARD';
  if (tableClass !== 'STANDARD' && tableClass !== 'STANDARD_INFREQUENT_ACCESS') throw constraintError(tableClass, 'tableClass', 'Member must satisfy enum value set: [STANDARD, STANDARD_INFREQUENT_ACCESS]');
  return tableClass;
}

/** CreateTable. */
export function createTable(input: Input, { state, account, region, emulator }: Context): Record<string, unknown> {
  const name = checkTableName(input.TableName);
  const KeySchema = checkKeySchema(input.KeySchema, 'keySchema');
  const AttributeDefinitions = checkAttributeDefinitions(input.AttributeDefinitions);
  const billing = checkBilling(input);
  checkDefined(KeySchema, AttributeDefinitions);
  const indexes = checkIndexes(input, { KeySchema, BillingMode: billing.mode });
  for (const index of indexes) checkDefined(index.KeySchema, AttributeDefinitions);
  if (usedDefinitions({ KeySchema, indexes, AttributeDefinitions }).length !== AttributeDefinitions.length) {
    throw invalidParameter('Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  }
  const streamRequest = checkStreamSpecification(input.StreamSpecification);
  if (state.tables.has(name)) throw new ResourceInUseException(`Table already exists: ${name}`);
  const now = new Date();
  const table: Table = {
    TableName: name,
    TableId: randomUUID(),
    TableArn: `arn:aws:dynamodb:${region}:${account}:table/${name}`,
    CreationDateTime: now,
    activeAt: activeAfterDelay(emulator, now.getTime()),
    KeySchema,
    AttributeDefinitions,
    BillingMode: billing.mode,
    ...(billing.throughput ? { ProvisionedThroughput: billing.throughput } : {}),
    indexes,
    DeletionProtectionEnabled: input.DeletionProtectionEnabled === true,
    TableClass: tableClassOf(input.TableClass),
    Tags: Array.isArray(input.Tags) ? input.Tags.map((tag: any) => ({ Key: String(tag.Key), Value: String(tag.Value ?? '') })) : [],
    items: new Map(),
  };
  applyStreamRequest(state, table, streamRequest, { region, emulator }, true);
  state.tables.set(name, table);
  // AWS answers CREATING whatever the wait, even when the emulator is set to none.
  return { TableDescription: tableView(table, 'CREATING') };
}

/** DescribeTable. */
export function describeTable(input: Input, { state }: Context): Record<string, unknown> {
  return { Table: tableView(findTable(state, input.TableName, { control: true })) };
}

/** ListTables: names in order, paged by ExclusiveStartTableName and Limit. */
export function listTables(input: Input, { state }: Context): Record<string, unknown> {
  const limit = input.Limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw constraintError(limit, 'limit', `Member must have value ${limit < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`);
  const start = input.ExclusiveStartTableName;
  const names = [...state.tables.keys()].sort().filter((name) => typeof start !== 'string' || name > start);
  const page = names.slice(0, limit);
  return { TableNames: page, ...(names.length > limit ? { LastEvaluatedTableName: page[page.length - 1] } : {}) };
}

function updateIndexes(table: Table, updates: unknown, activeAt: number): void {
  if (!Array.isArray(updates)) return;
  const structural = updates.filter((update: any) => update?.Create || update?.Delete);
  // An index still being built counts as the one online index change a table may have.
  const building = table.indexes.some((index) => indexCreating(table, index));
  if (structural.length > 1 || (structural.length > 0 && building)) throw new LimitExceededException('Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table');
  for (const update of updates as any[]) {
    if (update?.Create) {
      const index = checkIndex(update.Create, true, table);
      if (table.indexes.some((existing) => existing.IndexName === index.IndexName)) throw new DynamoValidationException('Attempting to create an index which already exists');
      checkDefined(index.KeySchema, table.AttributeDefinitions);
      table.indexes.push({ ...index, activeAt });
    } else if (update?.Delete) {
      const position = table.indexes.findIndex((index) => index.global && index.IndexName === update.Delete.IndexName);
      if (position < 0) throw new ResourceNotFoundException(`Requested resource not found: Index: ${String(update.Delete.IndexName)} not found`);
      table.indexes.splice(position, 1);
    } else if (update?.Update) {
      const index = table.indexes.find((candidate) => candidate.global && candidate.IndexName === update.Update.IndexName);
      if (!index) throw new ResourceNotFoundException(`Requested resource not found: Index: ${String(update.Update.IndexName)} not found`);
      if (table.BillingMode === 'PAY_PER_REQUEST') throw invalidParameter('ProvisionedThroughput cannot be specified for an index when BillingMode is PAY_PER_REQUEST');
      index.ProvisionedThroughput = checkThroughput(update.Update.ProvisionedThroughput, 'globalSecondaryIndexUpdates.member.update.provisionedThroughput');
    }
  }
}

/** UpdateTable: billing mode, throughput, GSIs, deletion protection and table class. */
export function updateTable(input: Input, { state, emulator, region }: Context): Record<string, unknown> {
  const table = findTable(state, input.TableName, { control: true });
  refuseWhileCreating(table);
  // Work on a copy so a request rejected half-way changes nothing.
  const draft: Table = { ...table, indexes: table.indexes.map((index) => ({ ...index })), AttributeDefinitions: [...table.AttributeDefinitions] };
  if (input.AttributeDefinitions !== undefined) {
    for (const definition of checkAttributeDefinitions(input.AttributeDefinitions)) {
      const existing = draft.AttributeDefinitions.find((candidate) => candidate.AttributeName === definition.AttributeName);
      if (!existing) draft.AttributeDefinitions.push(definition);
      else if (existing.AttributeType !== definition.AttributeType) throw invalidParameter(`Cannot change the type of attribute ${definition.AttributeName}`);
    }
  }
  if (input.BillingMode !== undefined && input.BillingMode !== draft.BillingMode) {
    const billing = checkBilling(input);
    draft.BillingMode = billing.mode;
    if (billing.throughput) draft.ProvisionedThroughput = billing.throughput;
    else delete draft.ProvisionedThroughput;
    if (billing.mode === 'PAY_PER_REQUEST') {
      draft.LastUpdateToPayPerRequestDateTime = new Date();
      for (const index of draft.indexes) delete index.ProvisionedThroughput;
    } else {
      for (const index of draft.indexes) if (index.global) index.ProvisionedThroughput ??= { ...billing.throughput! };
    }
  } else if (input.ProvisionedThroughput !== undefined) {
    if (draft.BillingMode === 'PAY_PER_REQUEST') throw invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    draft.ProvisionedThroughput = checkThroughput(input.ProvisionedThroughput, 'provisionedThroughput');
  }
  updateIndexes(draft, input.GlobalSecondaryIndexUpdates, activeAfterDelay(emulator));
  if (input.DeletionProtectionEnabled !== undefined) draft.DeletionProtectionEnabled = input.DeletionProtectionEnabled === true;
  if (input.TableClass !== undefined) draft.TableClass = tableClassOf(input.TableClass);
  draft.AttributeDefinitions = usedDefinitions(draft);
  // Last, so a request refused for another reason starts or stops no stream.
  applyStreamRequest(state, draft, checkStreamSpecification(input.StreamSpecification), { region, emulator }, false);
  state.tables.set(draft.TableName, draft);
  return { TableDescription: tableView(draft, 'UPDATING') };
}

/** DeleteTable, refused while deletion protection is on. */
export function deleteTable(input: Input, { state }: Context): Record<string, unknown> {
  const table = findTable(state, input.TableName, { control: true });
  refuseWhileCreating(table);
  refuseWhileIndexing(table);
  if (table.DeletionProtectionEnabled) {
    throw new DynamoValidationException('Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.');
  }
  const view = tableView(table, 'DELETING');
  // Its stream stays readable, DISABLED, for a day, as on AWS.
  stopStream(table);
  state.tables.delete(table.TableName);
  return { TableDescription: view };
}
