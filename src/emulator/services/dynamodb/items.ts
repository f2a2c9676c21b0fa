/**
 * PutItem, GetItem, UpdateItem and DeleteItem. A write is prepared (validated), then evaluated
 * (condition checked, new item computed) and only then committed, so TransactWriteItems can run
 * the same steps for all its actions before changing anything.
 */
import { checkItem, copyItem, itemSize, type Item } from './attribute-values.ts';
import { ConditionalCheckFailedException, constraintError, DynamoValidationException, invalidParameter } from './errors.ts';
import { updatePaths, type ConditionNode, type PathNode, type UpdateNode } from './expressions/ast.ts';
import { evaluateCondition } from './expressions/evaluate.ts';
import { parseExpressions } from './expressions/index.ts';
import { projectItem } from './expressions/paths.ts';
import { applyUpdate } from './expressions/update.ts';
import {
  booleanOf, consumedCapacity, present, projectionOf, readUnits, rejectLegacy, returnOldOnFailure, returnValuesOf, writeUnits, type Input,
} from './request.ts';
import {
  checkItemKeys, checkItemSize, checkKey, deleteStoredItem, findTable, getStoredItem, keyNames, keyOf, putStoredItem, type DynamodbState, type Table,
} from './state.ts';

/** What a write action does. */
export type WriteKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';

/** A validated write, not yet evaluated against the stored item. */
export interface PreparedWrite {
  kind: WriteKind;
  table: Table;
  key: Item;
  item?: Item;
  update?: UpdateNode;
  condition?: ConditionNode;
  returnOldOnFailure: boolean;
}

/** The outcome of evaluating a write: the item before and after (undefined when absent). */
export interface EvaluatedWrite {
  old: Item | undefined;
  next: Item | undefined;
  paths: PathNode[];
}

function requireItem(raw: unknown): Item {
  if (raw === undefined || raw === null) throw constraintError(raw, 'item', 'Member must not be null');
  return checkItem(raw);
}

/** Validates one write action (Put, Update, Delete or ConditionCheck) of a request. */
export function prepareWrite(state: DynamodbState, kind: WriteKind, input: Input): PreparedWrite {
  rejectLegacy(input);
  const table = findTable(state, input.TableName);
  const members = kind === 'Update' ? (['UpdateExpression', 'ConditionExpression'] as const) : (['ConditionExpression'] as const);
  const parsed = parseExpressions(input, [...members]);
  if (kind === 'ConditionCheck' && !parsed.condition) throw constraintError(undefined, 'conditionExpression', 'Member must not be null');
  const prepared: PreparedWrite = { kind, table, key: {}, returnOldOnFailure: returnOldOnFailure(input) };
  if (parsed.condition) prepared.condition = parsed.condition;
  if (kind === 'Put') {
    const item = requireItem(input.Item);
    checkItemKeys(table, item);
    checkItemSize(item);
    prepared.item = item;
    prepared.key = keyOf(table, item);
    return prepared;
  }
  prepared.key = checkKey(table, input.Key);
  if (parsed.update) {
    const { hash, range } = keyNames(table.KeySchema);
    for (const path of updatePaths(parsed.update)) {
      const top = path.elements[0];
      if (top === hash || top === range) throw invalidParameter(`Cannot update attribute ${String(top)}. This attribute is part of the key`);
    }
    prepared.update = parsed.update;
  }
  return prepared;
}

/** Checks the condition and computes the new item, without storing anything. */
export function evaluateWrite(write: PreparedWrite): EvaluatedWrite {
  const old = getStoredItem(write.table, write.key);
  if (write.condition && !evaluateCondition(write.condition, old ?? {})) {
    throw new ConditionalCheckFailedException(write.returnOldOnFailure && old ? copyItem(old) : undefined);
  }
  switch (write.kind) {
    case 'Put':
      return { old, next: copyItem(write.item!), paths: [] };
    case 'Delete':
      return { old, next: undefined, paths: [] };
    case 'ConditionCheck':
      return { old, next: old, paths: [] };
    case 'Update': {
      if (!write.update) return { old, next: old ?? copyItem(write.key), paths: [] };
      const { item, paths } = applyUpdate(write.update, old ?? write.key);
      checkItemKeys(write.table, item);
      checkItemSize(item, 'Item size to update has exceeded the maximum allowed size');
      return { old, next: item, paths };
    }
  }
}

/** Stores the outcome of an evaluated write. */
export function commitWrite(write: PreparedWrite, outcome: EvaluatedWrite): void {
  if (write.kind === 'ConditionCheck') return;
  if (outcome.next) putStoredItem(write.table, outcome.next);
  else deleteStoredItem(write.table, write.key);
}

function attributes(item: Item | undefined): { Attributes?: Item } {
  return item && Object.keys(item).length > 0 ? { Attributes: copyItem(item) } : {};
}

/** Runs one single-item write operation end to end. */
function write(state: DynamodbState, kind: 'Put' | 'Update' | 'Delete', input: Input): Record<string, unknown> {
  const returnValues = returnValuesOf(input, kind === 'Update' ? ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'] : ['NONE', 'ALL_OLD']);
  const prepared = prepareWrite(state, kind, input);
  const outcome = evaluateWrite(prepared);
  commitWrite(prepared, outcome);
  const capacity = consumedCapacity(input, prepared.table, writeUnits(outcome.old, outcome.next));
  switch (returnValues) {
    case 'ALL_OLD':
      return { ...attributes(outcome.old), ...capacity };
    case 'ALL_NEW':
      return { ...attributes(outcome.next), ...capacity };
    case 'UPDATED_OLD':
      return { ...attributes(outcome.old && projectItem(outcome.old, outcome.paths)), ...capacity };
    case 'UPDATED_NEW':
      return { ...attributes(outcome.next && projectItem(outcome.next, outcome.paths)), ...capacity };
    default:
      return capacity;
  }
}

/** PutItem. */
export function putItem(state: DynamodbState, input: Input): Record<string, unknown> {
  return write(state, 'Put', input);
}

/** UpdateItem: creates the item when it does not exist, as DynamoDB does. */
export function updateItem(state: DynamodbState, input: Input): Record<string, unknown> {
  return write(state, 'Update', input);
}

/** DeleteItem. */
export function deleteItem(state: DynamodbState, input: Input): Record<string, unknown> {
  return write(state, 'Delete', input);
}

/** A validated read, not yet run against the stored items. */
export interface PreparedRead {
  table: Table;
  keys: [Item, ...Item[]];
  projection: PathNode[] | undefined;
}

/** Which table and keys a read names; BatchGetItem keeps them outside the request's TableName and Key. */
export interface ReadTarget {
  tableName: unknown;
  keys: [unknown, ...unknown[]];
}

/** Rejects a batch naming one key twice in a table (BatchGetItem and BatchWriteItem share AWS's message). */
export function rejectDuplicateKeys(keys: string[]): void {
  if (new Set(keys).size !== keys.length) throw new DynamoValidationException('Provided list of item keys contains duplicates');
}

/** Validates a read the way prepareWrite validates a write, so GetItem, BatchGetItem and TransactGetItems fail bad input alike. */
export function prepareRead(state: DynamodbState, request: Input, target: ReadTarget = { tableName: request.TableName, keys: [request.Key] }): PreparedRead {
  rejectLegacy(request);
  const table = findTable(state, target.tableName);
  const keys = target.keys.map((key) => checkKey(table, key)) as PreparedRead['keys'];
  rejectDuplicateKeys(keys.map((key) => JSON.stringify(keyOf(table, key))));
  const projection = projectionOf(request, parseExpressions(request, ['ProjectionExpression']).projection);
  return { table, keys, projection };
}

/** Reads one key of a prepared read, copied and projected so callers can hand it out as is. */
export function readItem(table: Table, key: Item, projection: PathNode[] | undefined): Item | undefined {
  const item = getStoredItem(table, key);
  return item ? present(item, projection) : undefined;
}

/** GetItem. */
export function getItem(state: DynamodbState, input: Input): Record<string, unknown> {
  const { table, keys: [key], projection } = prepareRead(state, input);
  const consistent = booleanOf(input, 'ConsistentRead');
  const stored = getStoredItem(table, key);
  const capacity = consumedCapacity(input, table, readUnits(stored ? itemSize(stored) : 0, consistent));
  return stored ? { Item: present(stored, projection), ...capacity } : capacity;
}
