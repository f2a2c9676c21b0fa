/**
 * DynamoDB state as rows: one per table (its definition), one per item, one for the rest (the
 * transaction tokens). A PutItem writes its item's row and nothing else that did not change.
 */
import { takeChanges, track } from '../../persistence/changes.ts';
import { rowKey, rowPrefix, SavedNames, SKELETON, type Persistence, type RowWriter, type SavedRow, type SetAside } from '../../persistence/rows.ts';
import { kindOf, shapeProblem } from '../../persistence/whole-scope.ts';
import type { Item } from './attribute-values.ts';
import { isStreamRow, loadStreamRows, saveStreams } from './streams/persistence.ts';
import { allItems, createDynamodbState, itemRowKey, itemSlots, type DynamodbState, type Table } from './state.ts';

const tablesSaved = new SavedNames<DynamodbState>();

/** How DynamoDB's state is written to and read from the state database. */
export const dynamodbPersistence: Persistence<DynamodbState> = {
  save(state, rows) {
    rows.putIfChanged(SKELETON, { tokens: state.tokens });
    for (const [name, table] of state.tables) {
      const { items: _items, stream: _stream, ...definition } = table;
      rows.putIfChanged(rowKey('table', name), definition);
      // The item map is the container: UpdateTable replaces the table's record, never its items.
      if (track(table.items)) writeAllItems(table, rows);
      else for (const [key, item] of takeChanges(table.items) ?? []) item === undefined ? rows.delete(key) : rows.put(key, item);
    }
    tablesSaved.sweep(state, state.tables.keys(), (name) => {
      rows.delete(rowKey('table', name));
      rows.deletePrefix(rowPrefix('item', name));
    });
    saveStreams(state, rows);
  },

  load(rows, _scope, setAside) {
    const state = createDynamodbState();
    const items: SavedRow[] = [];
    const streams: SavedRow[] = [];
    for (const row of rows) {
      const kind = JSON.parse(row.key)[0];
      if (row.key === SKELETON) loadTokens(state, row, setAside);
      else if (kind === 'table') loadTable(state, row, setAside);
      else if (kind === 'item') items.push(row);
      else if (isStreamRow(kind)) streams.push(row);
      else setAside(row, 'no part of DynamoDB state has a row with this key');
    }
    for (const row of items) loadItem(state, row, setAside);
    loadStreamRows(state, streams, setAside);
    for (const table of state.tables.values()) track(table.items);
    tablesSaved.remember(state, state.tables.keys());
    return state;
  },
};

function writeAllItems(table: Table, rows: RowWriter): void {
  // A table the database has not seen (new, or put back whole): its rows replace any of that name.
  takeChanges(table.items);
  rows.deletePrefix(rowPrefix('item', table.TableName));
  for (const item of allItems(table)) rows.put(itemRowKey(table.TableName, ...itemSlots(table, item)), item);
}

function loadTokens(state: DynamodbState, row: SavedRow, setAside: SetAside): void {
  const tokens = (row.value as { tokens?: unknown })?.tokens;
  if (tokens instanceof Map) state.tokens = tokens as DynamodbState['tokens'];
  else setAside(row, `tokens are ${kindOf(tokens)}, not a map`);
}

function loadTable(state: DynamodbState, row: SavedRow, setAside: SetAside): void {
  const table = row.value as Table;
  const problem = shapeProblem(table, { TableName: '', KeySchema: [], AttributeDefinitions: [], indexes: [], Tags: [], TableArn: '' });
  const hash = Array.isArray(table?.KeySchema) && table.KeySchema.some((element) => element?.KeyType === 'HASH' && typeof element.AttributeName === 'string');
  if (problem || typeof table.TableName !== 'string' || !hash) {
    setAside(row, problem ?? 'the table has no name or no partition key');
    return;
  }
  table.items = new Map();
  state.tables.set(table.TableName, table);
}

function loadItem(state: DynamodbState, row: SavedRow, setAside: SetAside): void {
  const table = state.tables.get(JSON.parse(row.key)[1]);
  if (!table) {
    setAside(row, 'the item belongs to a table that is not in the saved state');
    return;
  }
  const item = row.value as Item;
  const problem = itemProblem(item);
  if (problem) {
    setAside(row, problem);
    return;
  }
  let slots: [string, string];
  try {
    slots = itemSlots(table, item);
  } catch {
    setAside(row, `the item lacks the key attributes of table ${table.TableName}`);
    return;
  }
  const [partition, sort] = slots;
  if (itemRowKey(table.TableName, partition, sort) !== row.key) {
    setAside(row, 'the item\'s key attributes do not match its row');
    return;
  }
  let byPartition = table.items.get(partition);
  if (!byPartition) table.items.set(partition, (byPartition = new Map()));
  byPartition.set(sort, item);
}

function itemProblem(item: unknown): string | undefined {
  if (kindOf(item) !== 'record') return `the item is ${kindOf(item)}, not a record`;
  for (const [name, value] of Object.entries(item as Item)) {
    const members = kindOf(value) === 'record' ? Object.keys(value) : [];
    if (members.length !== 1 || !TYPES.has(members[0]!)) return `attribute ${name} is not an attribute value`;
  }
  return undefined;
}

const TYPES = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);
