/**
 * ExecuteStatement: a SELECT reads one table or index (a Query when the WHERE clause pins the
 * partition key, a Scan otherwise, as on DynamoDB) a page at a time, with Limit and NextToken;
 * INSERT, UPDATE and DELETE run through the same prepare/evaluate/commit steps as PutItem,
 * UpdateItem and DeleteItem, so they store and persist items the same way.
 */
import { createHash } from 'node:crypto';
import { attribute, checkAttributeValue, copyItem, typeOf, valuesEqual, type AttributeValue, type Item } from '../attribute-values.ts';
import { constraintError, DynamoValidationException } from '../errors.ts';
import { projectItem } from '../expressions/paths.ts';
import { inView, projectForIndex, viewOf } from '../indexes.ts';
import { commitWrite, type EvaluatedWrite } from '../items.ts';
import { comparatorFor, scanOrder, walk } from '../paging.ts';
import { booleanOf, consumedCapacity, present, readUnits, returnOldOnFailure, writeUnits, type Input } from '../request.ts';
import { allItems, attributeType, findTable, type DynamodbState, type Table } from '../state.ts';
import { refuseReadWhileBackfilling } from '../status.ts';
import { keyTypeMismatch } from './errors.ts';
import { parseStatement, type SelectStatement, type Statement } from './parser.ts';
import { evaluatePlanned, planWrite, splitWhere, type PlannedWrite } from './plan.ts';

/** Checks a Statement member as AWS's request validation does. */
export function statementText(raw: unknown, member = 'statement'): string {
  if (typeof raw !== 'string') throw constraintError(raw, member, 'Member must not be null');
  if (raw.length < 1) throw constraintError(raw, member, 'Member must have length greater than or equal to 1');
  if (raw.length > 8192) throw constraintError(raw, member, 'Member must have length less than or equal to 8192');
  return raw;
}

/** The Parameters of a statement, each checked as an attribute value. */
export function parametersOf(raw: unknown, member = 'parameters'): AttributeValue[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.length < 1) throw constraintError(raw, member, 'Member must have length greater than or equal to 1');
  return raw.map((value) => checkAttributeValue(value));
}

/** Parses a request's Statement with its Parameters. */
export function statementOf(request: Input, member = 'statement'): Statement {
  return parseStatement(statementText(request.Statement, member), parametersOf(request.Parameters, member === 'statement' ? 'parameters' : `${member}.parameters`));
}

/** What RETURNING hands back of a write that ran. */
export function returnedItems(planned: PlannedWrite, outcome: EvaluatedWrite): Item[] {
  const pick = (item: Item | undefined, updated: boolean): Item[] => {
    if (!item) return [];
    const shown = updated ? projectItem(item, outcome.paths) : copyItem(item);
    return Object.keys(shown).length > 0 ? [shown] : [];
  };
  switch (planned.returning) {
    case 'ALL_OLD':
      return pick(outcome.old, false);
    case 'ALL_NEW':
      return pick(outcome.next, false);
    case 'UPDATED_OLD':
      return pick(outcome.old, true);
    case 'UPDATED_NEW':
      return pick(outcome.next, true);
    default:
      return [];
  }
}

/** Ties a NextToken to the statement and parameters it pages, as DynamoDB refuses one used elsewhere. */
function fingerprint(input: Input): string {
  return createHash('sha256').update(JSON.stringify([input.Statement, input.Parameters ?? null])).digest('base64url').slice(0, 22);
}

function startOf(input: Input): Item | undefined {
  const token = input.NextToken;
  if (token === undefined || token === null) return undefined;
  let decoded: { f?: unknown; k?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
  } catch {
    throw new DynamoValidationException('Invalid NextToken');
  }
  if (typeof decoded?.k !== 'object' || decoded.k === null) throw new DynamoValidationException('Invalid NextToken');
  if (decoded.f !== fingerprint(input)) throw new DynamoValidationException('NextToken does not match request');
  return decoded.k as Item;
}

/** The table or index a SELECT reads; PartiQL's message for an unknown index names no index, unlike Query's. */
function viewFor(table: Table, index: string | undefined): ReturnType<typeof viewOf> {
  if (index !== undefined && !table.indexes.some((candidate) => candidate.IndexName === index)) {
    throw new DynamoValidationException('The table does not have the specified index');
  }
  return viewOf(table, index);
}

function checkOrderBy(statement: SelectStatement, view: ReturnType<typeof viewOf>, hashValue: AttributeValue | undefined): void {
  if (statement.orderBy === undefined) return;
  if (!statement.where) throw new DynamoValidationException('Must have WHERE clause in the statement when using ORDER BY clause.');
  if (statement.orderBy !== view.hash && statement.orderBy !== view.range) {
    throw new DynamoValidationException(`Variable reference ${statement.orderBy} in ORDER BY clause must be part of the primary key`);
  }
  if (!hashValue) throw new DynamoValidationException('Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.');
}

function select(state: DynamodbState, statement: SelectStatement, input: Input): Record<string, unknown> {
  const table = findTable(state, statement.table);
  const view = viewFor(table, statement.index);
  refuseReadWhileBackfilling(table, view.index);
  const consistent = booleanOf(input, 'ConsistentRead');
  if (consistent && view.index?.global) throw new DynamoValidationException('Strongly consistent read is not supported on Global Secondary Indexes');
  const limit = input.Limit ?? undefined;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw constraintError(limit, 'limit', 'Member must have value greater than or equal to 1');
  const hashValue = splitWhere(statement.where, [view.hash]).pinned[view.hash];
  if (hashValue && typeOf(hashValue) !== attributeType(table, view.hash)) throw keyTypeMismatch(view.hash);
  checkOrderBy(statement, view, hashValue);
  let ordered: Item[];
  let compare: (a: Item, b: Item) => number;
  if (hashValue) {
    // The WHERE clause pins one partition: read it in sort-key order, as Query does.
    const ascending = comparatorFor(view, false);
    compare = statement.descending ? (a, b) => ascending(b, a) : ascending;
    ordered = [...allItems(table)].filter((item) => inView(view, item) && valuesEqual(attribute(item, view.hash)!, hashValue)).sort(compare);
  } else {
    compare = comparatorFor(view, true);
    ordered = scanOrder(view, allItems(table));
  }
  const result = walk({ view, ordered, compare, start: startOf(input), limit, filter: statement.where });
  const items = result.matched.map((stored) => present(view.index ? projectForIndex(view, stored) : stored, statement.projection));
  const next = result.lastKey ? { NextToken: Buffer.from(JSON.stringify({ f: fingerprint(input), k: result.lastKey })).toString('base64url'), LastEvaluatedKey: result.lastKey } : {};
  return { Items: items, ...next, ...consumedCapacity(input, table, readUnits(result.bytes, consistent)) };
}

/** ExecuteStatement. */
export function executeStatement(state: DynamodbState, input: Input): Record<string, unknown> {
  const statement = statementOf(input);
  if (statement.kind === 'select') return select(state, statement, input);
  const planned = planWrite(state, statement, returnOldOnFailure(input));
  const outcome = evaluatePlanned(planned);
  commitWrite(planned.write, outcome);
  return { Items: returnedItems(planned, outcome), ...consumedCapacity(input, planned.write.table, writeUnits(outcome.old, outcome.next)) };
}
