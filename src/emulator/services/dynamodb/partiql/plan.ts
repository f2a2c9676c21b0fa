/**
 * Turns parsed statements into the item store's own prepared reads and writes: the key comes
 * from the WHERE clause's equalities on the key attributes, and what is left of the clause
 * becomes the write's condition (or the read's filter). INSERT is a put that the key must not
 * exist for; UPDATE is an update that the item must exist for, as DynamoDB runs them.
 */
import { isAwsError } from '../../../errors.ts';
import { attribute, checkItemNesting, typeOf, type AttributeValue, type Item } from '../attribute-values.ts';
import { DynamoValidationException, invalidParameter } from '../errors.ts';
import { updatePaths, type ConditionNode, type PathNode } from '../expressions/ast.ts';
import { evaluateCondition } from '../expressions/evaluate.ts';
import { evaluateWrite, type EvaluatedWrite, type PreparedWrite } from '../items.ts';
import { present } from '../request.ts';
import {
  attributeType, checkItemKeys, checkItemSize, checkKey, findTable, getStoredItem, keyNames, keyOf, type DynamodbState, type Table,
} from '../state.ts';
import { DuplicateItemException, incompleteKey, keyAbsent, keyTypeMismatch } from './errors.ts';
import type { SelectStatement, Statement } from './parser.ts';

/** The conditions joined by the WHERE clause's top-level ANDs. */
function conjuncts(node: ConditionNode | undefined): ConditionNode[] {
  if (!node) return [];
  return node.type === 'and' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

function joined(nodes: ConditionNode[]): ConditionNode | undefined {
  return nodes.reduce<ConditionNode | undefined>((left, right) => (left ? { type: 'and', left, right } : right), undefined);
}

/** The value `name = value` (either way round) sets, when the condition is such an equality. */
function equalityOn(node: ConditionNode, name: string): AttributeValue | undefined {
  if (node.type !== 'compare' || node.operator !== '=') return undefined;
  const isName = (side: typeof node.left) => side.type === 'path' && side.elements.length === 1 && side.elements[0] === name;
  if (isName(node.left) && node.right.type === 'value') return node.right.value;
  if (isName(node.right) && node.left.type === 'value') return node.left.value;
  return undefined;
}

/** The values the WHERE clause pins the named attributes to, and the rest of the clause. */
export function splitWhere(where: ConditionNode | undefined, names: string[]): { pinned: Item; rest: ConditionNode | undefined } {
  const pinned: Item = {};
  const rest: ConditionNode[] = [];
  for (const node of conjuncts(where)) {
    const name = names.find((candidate) => !(candidate in pinned) && equalityOn(node, candidate) !== undefined);
    if (name) pinned[name] = equalityOn(node, name)!;
    else rest.push(node);
  }
  return { pinned, rest: joined(rest) };
}

/** The full primary key the WHERE clause names, checked against the table, or undefined. */
function whereKey(table: Table, where: ConditionNode | undefined): { key: Item; rest: ConditionNode | undefined } | undefined {
  const { hash, range } = keyNames(table.KeySchema);
  const names = range ? [hash, range] : [hash];
  const { pinned, rest } = splitWhere(where, names);
  if (Object.keys(pinned).length !== names.length) return undefined;
  for (const name of names) if (typeOf(pinned[name]!) !== attributeType(table, name)) throw keyTypeMismatch(name);
  return { key: checkKey(table, pinned), rest };
}

/** An UPDATE or DELETE changes one item, so a second equality on a key attribute is refused rather than read as a condition. */
function refuseSecondKeyEquality(rest: ConditionNode | undefined, names: string[]): void {
  const again = names.find((name) => conjuncts(rest).some((node) => equalityOn(node, name) !== undefined));
  if (again) throw new DynamoValidationException(`Multiple conditions on same key ${again}. Only single item Update/Insert/Delete are supported`);
}

function checkInsertKeys(table: Table, item: Item): void {
  const { hash, range } = keyNames(table.KeySchema);
  for (const name of range ? [hash, range] : [hash]) {
    const value = attribute(item, name);
    if (!value) throw keyAbsent(name);
    if (typeOf(value) !== attributeType(table, name)) throw keyTypeMismatch(name);
  }
  checkItemKeys(table, item);
}

const path = (name: string): PathNode => ({ type: 'path', elements: [name] });

/** A write statement prepared for the item store; `insert` turns a failed condition into DuplicateItem. */
export interface PlannedWrite {
  write: PreparedWrite;
  insert: boolean;
  returning: string | undefined;
}

/** Prepares INSERT, UPDATE or DELETE; `returnOld` is ReturnValuesOnConditionCheckFailure ALL_OLD. */
export function planWrite(state: DynamodbState, statement: Exclude<Statement, SelectStatement>, returnOld: boolean): PlannedWrite {
  const table = findTable(state, statement.table);
  const { hash, range } = keyNames(table.KeySchema);
  if (statement.kind === 'insert') {
    checkInsertKeys(table, statement.item);
    checkItemSize(statement.item);
    checkItemNesting(statement.item);
    const condition: ConditionNode = { type: 'call', name: 'attribute_not_exists', args: [path(hash)] };
    return { write: { kind: 'Put', table, key: keyOf(table, statement.item), item: statement.item, condition, returnOldOnFailure: false }, insert: true, returning: undefined };
  }
  const found = whereKey(table, statement.where);
  if (!found) throw incompleteKey();
  refuseSecondKeyEquality(found.rest, range ? [hash, range] : [hash]);
  if (statement.kind === 'delete') {
    const write: PreparedWrite = { kind: 'Delete', table, key: found.key, returnOldOnFailure: returnOld };
    if (found.rest) write.condition = found.rest;
    return { write, insert: false, returning: statement.returning };
  }
  for (const touched of updatePaths(statement.update)) {
    const top = touched.elements[0];
    if (top === hash || top === range) throw invalidParameter(`Cannot update attribute ${String(top)}. This attribute is part of the key`);
  }
  const exists: ConditionNode = { type: 'call', name: 'attribute_exists', args: [path(hash)] };
  const condition = found.rest ? { type: 'and' as const, left: exists, right: found.rest } : exists;
  return { write: { kind: 'Update', table, key: found.key, update: statement.update, condition, returnOldOnFailure: returnOld }, insert: false, returning: statement.returning };
}

/** Evaluates a planned write without storing it; an INSERT whose key exists is DuplicateItemException. */
export function evaluatePlanned(planned: PlannedWrite): EvaluatedWrite {
  try {
    return evaluateWrite(planned.write);
  } catch (error) {
    if (planned.insert && isAwsError(error) && error.code === 'ConditionalCheckFailedException') throw new DuplicateItemException();
    throw error;
  }
}

/** A SELECT of one item by its full key, as batches and transactions allow. */
export interface PlannedRead {
  table: Table;
  key: Item;
  projection: PathNode[] | undefined;
  filter: ConditionNode | undefined;
}

/** Prepares a single-item SELECT; `refusal` is the message for a read that is not by key or reads an index. */
export function planKeyRead(state: DynamodbState, statement: SelectStatement, refusal: string, indexRefusal = refusal): PlannedRead {
  const table = findTable(state, statement.table);
  if (statement.index !== undefined) throw new DynamoValidationException(indexRefusal);
  const found = whereKey(table, statement.where);
  if (!found) throw new DynamoValidationException(refusal);
  return { table, key: found.key, projection: statement.projection, filter: found.rest };
}

/** The item a keyed SELECT names, projected, when it exists and passes the rest of the WHERE clause. */
export function readPlanned(read: PlannedRead): Item | undefined {
  const stored = getStoredItem(read.table, read.key);
  if (!stored || (read.filter && !evaluateCondition(read.filter, stored))) return undefined;
  return present(stored, read.projection);
}
