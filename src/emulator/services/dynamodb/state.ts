/**
 * DynamoDB state of one account and region: tables with their schema, indexes and items. Items
 * are kept by partition key, then sort key, in the store's state so they persist with it.
 */
import { attribute, checkItem, itemSize, keyString, MAX_ITEM_BYTES, setAttribute, typeOf, type AttributeValue, type Item } from './attribute-values.ts';
import { constraintError, DynamoValidationException, invalidParameter, ResourceNotFoundException } from './errors.ts';
import { tableCreating } from './status.ts';
import { captureChange, type ChangeIdentity } from './streams/capture.ts';
import type { DynamodbStream } from './streams/model.ts';
import { noteChange } from '../../persistence/changes.ts';
import { rowKey } from '../../persistence/rows.ts';

/** One element of a key schema. */
export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

/** The attributes an index copies. */
export interface Projection {
  ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  NonKeyAttributes?: string[];
}

/** Read and write capacity of a provisioned table or GSI. */
export interface Throughput {
  ReadCapacityUnits: number;
  WriteCapacityUnits: number;
}

/** A local or global secondary index. */
export interface IndexDefinition {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: Projection;
  global: boolean;
  ProvisionedThroughput?: Throughput;
  /** Epoch ms at which an index added by UpdateTable stops being CREATING. */
  activeAt?: number;
}

/** A table as the emulator keeps it. */
export interface Table {
  TableName: string;
  TableId: string;
  TableArn: string;
  CreationDateTime: Date;
  /** Epoch ms at which the new table stops being CREATING (absent in state saved before statuses took time). */
  activeAt?: number;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: 'S' | 'N' | 'B' }>;
  BillingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  ProvisionedThroughput?: Throughput;
  LastUpdateToPayPerRequestDateTime?: Date;
  indexes: IndexDefinition[];
  /** The TTL attribute when Time to Live is enabled. */
  ttlAttribute?: string;
  DeletionProtectionEnabled: boolean;
  TableClass: string;
  Tags: Array<{ Key: string; Value: string }>;
  /** partition key string -> sort key string ('' without a sort key) -> item. */
  items: Map<string, Map<string, Item>>;
  /** The enabled stream changes are recorded on; saved with the streams, not in the table's row. */
  stream?: DynamodbStream;
  /** The last stream enabled on the table; kept after it is disabled, as DescribeTable shows it. */
  latestStreamArn?: string;
  latestStreamLabel?: string;
}

/** A ClientRequestToken remembered for TransactWriteItems' 10-minute idempotency window. */
export interface TokenRecord {
  fingerprint: string;
  at: number;
}

/** DynamoDB state of one account and region. */
export interface DynamodbState {
  tables: Map<string, Table>;
  tokens: Map<string, TokenRecord>;
}

/** A fresh, empty state. */
export function createDynamodbState(): DynamodbState {
  return { tables: new Map(), tokens: new Map() };
}

/** Fills in members a saved state may lack (written by an older emulator), so loading never breaks an operation. */
export function completeState(state: DynamodbState): DynamodbState {
  if (!(state.tables instanceof Map)) state.tables = new Map();
  if (!(state.tokens instanceof Map)) state.tokens = new Map();
  return state;
}

/** The partition and sort key names of a key schema. */
export function keyNames(schema: KeySchemaElement[]): { hash: string; range: string | undefined } {
  return {
    hash: schema.find((element) => element.KeyType === 'HASH')!.AttributeName,
    range: schema.find((element) => element.KeyType === 'RANGE')?.AttributeName,
  };
}

/** The declared type of a key attribute. */
export function attributeType(table: Table, name: string): 'S' | 'N' | 'B' {
  return table.AttributeDefinitions.find((definition) => definition.AttributeName === name)?.AttributeType ?? 'S';
}

const TABLE_NAME = /^[a-zA-Z0-9_.-]+$/;

/** Checks a TableName parameter as AWS's request validation does. */
export function checkTableName(name: unknown, member = 'tableName'): string {
  if (typeof name !== 'string') throw constraintError(name, member, 'Member must not be null');
  if (name.length < 3) throw constraintError(name, member, 'Member must have length greater than or equal to 3');
  if (name.length > 255) throw constraintError(name, member, 'Member must have length less than or equal to 255');
  if (!TABLE_NAME.test(name)) throw constraintError(name, member, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  return name;
}

/**
 * Returns the named table or throws ResourceNotFoundException. The table APIs (`control`) see a
 * table in any status and name it in that message; reads and writes find only an ACTIVE table,
 * as AWS answers a table still CREATING like one that does not exist.
 */
export function findTable(state: DynamodbState, name: unknown, { control = false } = {}): Table {
  const tableName = checkTableName(name);
  const table = state.tables.get(tableName);
  if (!table) throw new ResourceNotFoundException(control ? `Requested resource not found: Table: ${tableName} not found` : undefined);
  if (!control && tableCreating(table)) throw new ResourceNotFoundException();
  return table;
}

function emptyKeyMessage(value: AttributeValue, name: string): string | undefined {
  if ('S' in value && value.S === '') return `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`;
  if ('B' in value && value.B === '') return `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: ${name}`;
  return undefined;
}

function checkKeySize(table: Table, item: Item): void {
  const { hash, range } = keyNames(table.KeySchema);
  const size = (value: AttributeValue | undefined) => (value ? itemSize({ x: value }) - 1 : 0);
  if (size(attribute(item, hash)) > 2048) throw invalidParameter('Size of hashkey has exceeded the maximum size limit of2048 bytes');
  if (range && size(attribute(item, range)) > 1024) throw invalidParameter('Aggregated size of all range keys has exceeded the size limit of 1024 bytes');
}

/** Validates a `Key` parameter against the table's schema and returns it. */
export function checkKey(table: Table, raw: unknown): Item {
  if (raw === undefined || raw === null) throw constraintError(raw, 'key', 'Member must not be null');
  const key = checkItem(raw);
  const { hash, range } = keyNames(table.KeySchema);
  const names = Object.keys(key);
  const expected = range ? [hash, range] : [hash];
  if (names.length !== expected.length || !expected.every((name) => attribute(key, name) && typeOf(attribute(key, name)!) === attributeType(table, name))) {
    throw new DynamoValidationException('The provided key element does not match the schema');
  }
  for (const name of expected) {
    const empty = emptyKeyMessage(attribute(key, name)!, name);
    if (empty) throw new DynamoValidationException(empty);
  }
  checkKeySize(table, key);
  return key;
}

/** Checks that an item carries the table's key, and valid index keys. */
export function checkItemKeys(table: Table, item: Item): void {
  const { hash, range } = keyNames(table.KeySchema);
  for (const name of range ? [hash, range] : [hash]) {
    const value = attribute(item, name);
    if (!value) throw invalidParameter(`Missing the key ${name} in the item`);
    const actual = typeOf(value);
    if (actual !== attributeType(table, name)) throw invalidParameter(`Type mismatch for key ${name} expected: ${attributeType(table, name)} actual: ${actual}`);
    const empty = emptyKeyMessage(value, name);
    if (empty) throw new DynamoValidationException(empty);
  }
  checkKeySize(table, item);
  for (const index of table.indexes) {
    for (const { AttributeName: name } of index.KeySchema) {
      const value = attribute(item, name);
      if (!value) continue;
      const actual = typeOf(value);
      if (actual !== attributeType(table, name)) {
        throw invalidParameter(`Type mismatch for Index Key ${name} Expected: ${attributeType(table, name)} Actual: ${actual} IndexName: ${index.IndexName}`);
      }
      if (('S' in value && value.S === '') || ('B' in value && value.B === '')) {
        throw new DynamoValidationException(`One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${'S' in value ? 'string' : 'binary'} value. IndexName: ${index.IndexName}, IndexKey: ${name}`);
      }
    }
  }
}

/** Throws when an item is over DynamoDB's 400 KB limit. */
export function checkItemSize(item: Item, message = 'Item size has exceeded the maximum allowed size'): void {
  if (itemSize(item) > MAX_ITEM_BYTES) throw new DynamoValidationException(message);
}

/** Only the key attributes of an item (or key). */
export function keyOf(table: Table, item: Item): Item {
  const { hash, range } = keyNames(table.KeySchema);
  const key: Item = {};
  setAttribute(key, hash, attribute(item, hash)!);
  if (range) setAttribute(key, range, attribute(item, range)!);
  return key;
}

function slots(table: Table, key: Item): [string, string] {
  const { hash, range } = keyNames(table.KeySchema);
  return [keyString(attribute(key, hash)!), range ? keyString(attribute(key, range)!) : ''];
}

/** The stored item with this key, if any. */
export function getStoredItem(table: Table, key: Item): Item | undefined {
  const [partition, sort] = slots(table, key);
  return table.items.get(partition)?.get(sort);
}

/** Stores an item (replacing the one with the same key); the table's stream, if any, records the change. */
export function putStoredItem(table: Table, item: Item): void {
  const [partition, sort] = slots(table, item);
  let byPartition = table.items.get(partition);
  if (!byPartition) {
    byPartition = new Map();
    table.items.set(partition, byPartition);
  }
  const old = byPartition.get(sort);
  byPartition.set(sort, item);
  noteChange(table.items, itemRowKey(table.TableName, partition, sort), item);
  captureChange(table, old, item);
}

/** Removes the item with this key, if any; `identity` names who did when DynamoDB itself did (Time to Live). */
export function deleteStoredItem(table: Table, key: Item, identity?: ChangeIdentity): void {
  const [partition, sort] = slots(table, key);
  const byPartition = table.items.get(partition);
  if (!byPartition) return;
  const old = byPartition.get(sort);
  if (byPartition.delete(sort)) noteChange(table.items, itemRowKey(table.TableName, partition, sort), undefined);
  if (byPartition.size === 0) table.items.delete(partition);
  if (old) captureChange(table, old, undefined, identity);
}

/** The state database's key of an item's row. */
export function itemRowKey(tableName: string, partition: string, sort: string): string {
  return rowKey('item', tableName, partition, sort);
}

/** Where an item goes in its table's maps: partition and sort key strings. */
export function itemSlots(table: Table, item: Item): [string, string] {
  return slots(table, item);
}

/** Every stored item of a table. */
export function* allItems(table: Table): Generator<Item> {
  for (const byPartition of table.items.values()) yield* byPartition.values();
}

/** The items of one partition (unordered). */
export function partitionItems(table: Table, hashValue: AttributeValue): Item[] {
  return [...(table.items.get(keyString(hashValue))?.values() ?? [])];
}
