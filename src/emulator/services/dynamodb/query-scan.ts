/**
 * Query and Scan over a table or one of its indexes: key conditions, filters, projections,
 * Select, Limit, ExclusiveStartKey/LastEvaluatedKey, the 1 MB page and parallel scan segments.
 */
import { attribute, checkItem, typeOf, type Item } from './attribute-values.ts';
import { constraintError, DynamoValidationException, invalidParameter } from './errors.ts';
import type { PathNode } from './expressions/ast.ts';
import { conditionAttributes } from './expressions/evaluate.ts';
import { parseExpressions, type ExpressionKind } from './expressions/index.ts';
import { matchesRange, resolveKeyCondition } from './expressions/key-condition.ts';
import { inView, positionKeyNames, projectForIndex, viewOf, type View } from './indexes.ts';
import { comparatorFor, scanOrder, walk } from './paging.ts';
import { booleanOf, consumedCapacity, present, projectionOf, readUnits, rejectLegacy, type Input } from './request.ts';
import { allItems, attributeType, findTable, partitionItems, type DynamodbState } from './state.ts';
import { refuseReadWhileBackfilling } from './status.ts';

const SELECTS = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'];

/** What both operations read from a request. */
interface ReadRequest {
  view: View;
  projection: PathNode[] | undefined;
  select: string;
  consistent: boolean;
  limit: number | undefined;
  start: Item | undefined;
  parsed: ReturnType<typeof parseExpressions>;
}

function selectOf(input: Input, view: View, projection: PathNode[] | undefined): string {
  const select = input.Select ?? (projection ? 'SPECIFIC_ATTRIBUTES' : view.index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES');
  if (!SELECTS.includes(select)) throw constraintError(select, 'select', 'Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]');
  if (projection && select !== 'SPECIFIC_ATTRIBUTES') throw invalidParameter(`Select type ${select} is incompatible with ProjectionExpression`);
  if (!projection && select === 'SPECIFIC_ATTRIBUTES') throw invalidParameter('Select type SPECIFIC_ATTRIBUTES requires ProjectionExpression or AttributesToGet');
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !view.index) throw invalidParameter('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (select === 'ALL_ATTRIBUTES' && view.index?.global && view.index.Projection.ProjectionType !== 'ALL') {
    throw invalidParameter(`Select type ALL_ATTRIBUTES is not supported for global secondary index ${view.index.IndexName} because its projection type is not ALL`);
  }
  return select;
}

function startKeyOf(input: Input, view: View): Item | undefined {
  if (input.ExclusiveStartKey === undefined || input.ExclusiveStartKey === null) return undefined;
  const start = checkItem(input.ExclusiveStartKey);
  const names = positionKeyNames(view);
  const valid = Object.keys(start).length === names.length && names.every((name) => attribute(start, name) && typeOf(attribute(start, name)!) === attributeType(view.table, name));
  if (!valid) throw new DynamoValidationException('The provided starting key is invalid: The provided key element does not match the schema');
  return start;
}

function readRequest(state: DynamodbState, input: Input, members: ExpressionKind[]): ReadRequest {
  rejectLegacy(input);
  const table = findTable(state, input.TableName);
  const view = viewOf(table, input.IndexName);
  refuseReadWhileBackfilling(table, view.index);
  const parsed = parseExpressions(input, members);
  const projection = projectionOf(input, parsed.projection);
  const consistent = booleanOf(input, 'ConsistentRead');
  if (consistent && view.index?.global) throw new DynamoValidationException('Consistent reads are not supported on global secondary indexes');
  const limit = input.Limit;
  if (limit !== undefined && limit !== null && (!Number.isInteger(limit) || limit < 1)) throw constraintError(limit, 'limit', 'Member must have value greater than or equal to 1');
  return { view, projection, select: selectOf(input, view, projection), consistent, limit: limit ?? undefined, start: startKeyOf(input, view), parsed };
}

function answer(input: Input, request: ReadRequest, result: ReturnType<typeof walk>): Record<string, unknown> {
  const { view, select, projection } = request;
  const shown = (stored: Item) => present(select === 'ALL_ATTRIBUTES' ? stored : projectForIndex(view, stored), projection);
  return {
    ...(select === 'COUNT' ? {} : { Items: result.matched.map(shown) }),
    Count: result.matched.length,
    ScannedCount: result.scanned,
    ...(result.lastKey ? { LastEvaluatedKey: result.lastKey } : {}),
    ...consumedCapacity(input, view.table, readUnits(result.bytes, request.consistent)),
  };
}

/** Query. */
export function query(state: DynamodbState, input: Input): Record<string, unknown> {
  if (typeof input.KeyConditionExpression !== 'string' && !input.KeyConditions) {
    throw new DynamoValidationException('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  }
  const request = readRequest(state, input, ['KeyConditionExpression', 'FilterExpression', 'ProjectionExpression']);
  const { view } = request;
  const condition = resolveKeyCondition(request.parsed.keyCondition!, view.hash, view.range, (name) => attributeType(view.table, name));
  if (request.parsed.filter) {
    const keys = [view.hash, view.range].filter((name): name is string => name !== undefined);
    const used = conditionAttributes(request.parsed.filter);
    const clash = keys.find((name) => used.has(name));
    if (clash) throw new DynamoValidationException(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${clash}`);
  }
  const forward = input.ScanIndexForward !== false;
  const hashString = JSON.stringify(condition.hashValue);
  const candidates = view.index
    ? [...allItems(view.table)].filter((item) => inView(view, item) && JSON.stringify(attribute(item, view.hash)) === hashString)
    : partitionItems(view.table, condition.hashValue);
  const inRange = condition.range ? candidates.filter((item) => matchesRange(attribute(item, condition.range!.name), condition.range!)) : candidates;
  const ascending = comparatorFor(view, false);
  const compare = forward ? ascending : (a: Item, b: Item) => ascending(b, a);
  if (request.start && JSON.stringify(attribute(request.start, view.hash)) !== hashString) {
    throw new DynamoValidationException('The provided starting key is outside query boundaries based on provided conditions');
  }
  const result = walk({ view, ordered: inRange.sort(compare), compare, start: request.start, limit: request.limit, filter: request.parsed.filter });
  return answer(input, request, result);
}

function segmentOfInput(input: Input): { segment: number; total: number } | undefined {
  const { Segment: segment, TotalSegments: total } = input;
  if (segment === undefined && total === undefined) return undefined;
  if (total === undefined) throw new DynamoValidationException('The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  if (segment === undefined) throw new DynamoValidationException('The Segment parameter is required but was not present in the request when parameter TotalSegments is present');
  if (!Number.isInteger(total) || total < 1 || total > 1_000_000) throw constraintError(total, 'totalSegments', 'Member must have value less than or equal to 1000000');
  if (!Number.isInteger(segment) || segment < 0) throw constraintError(segment, 'segment', 'Member must have value greater than or equal to 0');
  if (segment >= total) throw new DynamoValidationException(`The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${total}`);
  return { segment, total };
}

/** Scan, whole or one segment of a parallel scan. */
export function scan(state: DynamodbState, input: Input): Record<string, unknown> {
  const segment = segmentOfInput(input);
  const request = readRequest(state, input, ['FilterExpression', 'ProjectionExpression']);
  const ordered = scanOrder(request.view, allItems(request.view.table), segment);
  const result = walk({ view: request.view, ordered, compare: comparatorFor(request.view, true), start: request.start, limit: request.limit, filter: request.parsed.filter });
  return answer(input, request, result);
}
