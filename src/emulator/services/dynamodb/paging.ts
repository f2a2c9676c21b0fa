/**
 * The order Query and Scan return items in, and the walk over one page: Limit counts items read
 * before the filter, a page stops at 1 MB read, and LastEvaluatedKey names where the next page
 * starts. Scan order follows a hash of the partition key, so Segment/TotalSegments split it as
 * DynamoDB does.
 */
import { createHash } from 'node:crypto';
import { attribute, compareValues, itemSize, keyString, setAttribute, type AttributeValue, type Item } from './attribute-values.ts';
import type { ConditionNode } from './expressions/ast.ts';
import { evaluateCondition } from './expressions/evaluate.ts';
import { inView, positionKeyNames, projectForIndex, type View } from './indexes.ts';
import { keyNames } from './state.ts';

/** DynamoDB's page limit: a Query or Scan reads at most 1 MB per call. */
export const PAGE_BYTES = 1024 * 1024;

const tokens = new Map<string, number>();

/** A 32-bit hash of a partition key value: the scan order and the segment an item falls in. */
export function hashToken(value: AttributeValue): number {
  const text = keyString(value);
  let token = tokens.get(text);
  if (token === undefined) {
    token = createHash('md5').update(text).digest().readUInt32BE(0);
    if (tokens.size > 100_000) tokens.clear();
    tokens.set(text, token);
  }
  return token;
}

/** The segment (0 to total-1) of a partition key. */
export function segmentOf(value: AttributeValue, total: number): number {
  return Math.floor((hashToken(value) * total) / 2 ** 32);
}

function compareAt(a: Item, b: Item, name: string): number {
  const left = attribute(a, name);
  const right = attribute(b, name);
  if (!left || !right) return left ? 1 : right ? -1 : 0;
  return compareValues(left, right) ?? 0;
}

/** Orders items of a view: by partition (hash token for Scan), then sort key, then table key. */
export function comparatorFor(view: View, scan: boolean): (a: Item, b: Item) => number {
  const table = keyNames(view.table.KeySchema);
  const tail = [view.range, table.hash, table.range].filter((name): name is string => name !== undefined && name !== view.hash);
  return (a, b) => {
    if (scan) {
      const byToken = hashToken(attribute(a, view.hash)!) - hashToken(attribute(b, view.hash)!);
      if (byToken !== 0) return byToken;
      const byHash = compareAt(a, b, view.hash);
      if (byHash !== 0) return byHash;
    }
    for (const name of tail) {
      const order = compareAt(a, b, name);
      if (order !== 0) return order;
    }
    return 0;
  };
}

/** Options of one page. */
export interface WalkOptions {
  view: View;
  /** Items in return order. */
  ordered: Item[];
  /** The order `ordered` follows, to find where ExclusiveStartKey falls. */
  compare: (a: Item, b: Item) => number;
  start?: Item | undefined;
  limit?: number | undefined;
  filter?: ConditionNode | undefined;
}

/** One page of results. */
export interface WalkResult {
  matched: Item[];
  scanned: number;
  bytes: number;
  lastKey?: Item;
}

/** The key attributes that name an item's position in a view, as LastEvaluatedKey carries them. */
export function positionOf(view: View, item: Item): Item {
  const key: Item = {};
  for (const name of positionKeyNames(view)) {
    const value = attribute(item, name);
    if (value) setAttribute(key, name, structuredClone(value));
  }
  return key;
}

/** Reads one page: skips past the start key, stops at Limit or 1 MB, applies the filter. */
export function walk(options: WalkOptions): WalkResult {
  const { view, ordered, compare, start, limit, filter } = options;
  let index = 0;
  if (start) while (index < ordered.length && compare(ordered[index]!, start) <= 0) index++;
  const result: WalkResult = { matched: [], scanned: 0, bytes: 0 };
  for (; index < ordered.length; index++) {
    const stored = ordered[index]!;
    const seen = projectForIndex(view, stored);
    result.scanned++;
    result.bytes += itemSize(seen);
    // A local index fetches unprojected attributes from the table; a global one cannot.
    if (!filter || evaluateCondition(filter, view.index?.global ? seen : stored)) result.matched.push(stored);
    if ((limit !== undefined && result.scanned >= limit) || result.bytes >= PAGE_BYTES) {
      if (index < ordered.length - 1 || limit !== undefined) result.lastKey = positionOf(view, stored);
      break;
    }
  }
  return result;
}

/** The items of a view in Scan order, optionally only those of one segment. */
export function scanOrder(view: View, items: Iterable<Item>, segment?: { segment: number; total: number }): Item[] {
  const picked: Item[] = [];
  for (const item of items) {
    if (!inView(view, item)) continue;
    if (segment && segmentOf(attribute(item, view.hash)!, segment.total) !== segment.segment) continue;
    picked.push(item);
  }
  return picked.sort(comparatorFor(view, true));
}
