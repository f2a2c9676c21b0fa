/**
 * Secondary indexes are computed from the table's items when read (an item is in an index when
 * it carries the index's key attributes), which keeps them consistent with every write for free.
 */
import { attribute, itemSize, setAttribute, type Item } from './attribute-values.ts';
import { DynamoValidationException } from './errors.ts';
import { allItems, keyNames, type IndexDefinition, type Table } from './state.ts';

/** What Query and Scan read: the table itself, or one of its indexes. */
export interface View {
  table: Table;
  index: IndexDefinition | undefined;
  hash: string;
  range: string | undefined;
}

/** The view for `indexName` (the table itself when absent). */
export function viewOf(table: Table, indexName: unknown): View {
  if (indexName === undefined || indexName === null) return { table, index: undefined, ...keyNames(table.KeySchema) };
  const index = table.indexes.find((candidate) => candidate.IndexName === indexName);
  if (!index) throw new DynamoValidationException(`The table does not have the specified index: ${String(indexName)}`);
  return { table, index, ...keyNames(index.KeySchema) };
}

/** True when an item appears in the view (an index holds only items with its key attributes). */
export function inView(view: View, item: Item): boolean {
  if (!view.index) return true;
  return attribute(item, view.hash) !== undefined && (view.range === undefined || attribute(item, view.range) !== undefined);
}

/** The attributes an index stores of an item, as its projection says. */
export function projectForIndex(view: View, item: Item): Item {
  const index = view.index;
  if (!index || index.Projection.ProjectionType === 'ALL') return item;
  const keep = new Set<string>([...Object.values(keyNames(view.table.KeySchema)), view.hash, view.range].filter((name): name is string => name !== undefined));
  for (const name of index.Projection.NonKeyAttributes ?? []) keep.add(name);
  const projected: Item = {};
  for (const name of keep) {
    const value = attribute(item, name);
    if (value !== undefined) setAttribute(projected, name, value);
  }
  return projected;
}

/** Item count and size of an index, for DescribeTable. */
export function indexStats(table: Table, index: IndexDefinition): { ItemCount: number; IndexSizeBytes: number } {
  const view: View = { table, index, ...keyNames(index.KeySchema) };
  let count = 0;
  let bytes = 0;
  for (const item of allItems(table)) {
    if (!inView(view, item)) continue;
    count++;
    bytes += itemSize(projectForIndex(view, item));
  }
  return { ItemCount: count, IndexSizeBytes: bytes };
}

/** The key attributes that identify an item's position in a view (table key plus index key). */
export function positionKeyNames(view: View): string[] {
  const names = new Set<string>(Object.values(keyNames(view.table.KeySchema)).filter((name): name is string => name !== undefined));
  names.add(view.hash);
  if (view.range) names.add(view.range);
  return [...names];
}
