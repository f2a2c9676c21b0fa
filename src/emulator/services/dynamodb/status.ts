/**
 * Table and index statuses over time. A new table, and a global secondary index added by
 * UpdateTable, is CREATING for the emulator's `dynamodbStateDelayMs`, then ACTIVE. Statuses are
 * computed from timestamps, so a table saved while CREATING is ACTIVE, or soon becomes so, after
 * a restart.
 */
import type { Emulator } from '../../emulator.ts';
import { DynamoValidationException, ResourceInUseException } from './errors.ts';
import type { IndexDefinition, Table } from './state.ts';

/** A table's status as DescribeTable reports it. */
export type TableStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE';

/** The epoch ms at which something created now becomes ACTIVE. */
export function activeAfterDelay(emulator: Emulator, now = Date.now()): number {
  return now + Math.max(0, emulator.settings.dynamodbStateDelayMs);
}

/** True while the table itself is being created. */
export function tableCreating(table: Table, now = Date.now()): boolean {
  return table.activeAt !== undefined && now < table.activeAt;
}

/** True while an index is being created (with its table, or added later). */
export function indexCreating(table: Table, index: IndexDefinition, now = Date.now()): boolean {
  return tableCreating(table, now) || (index.activeAt !== undefined && now < index.activeAt);
}

/** The table's status: CREATING, then UPDATING while an added index is built, else ACTIVE. */
export function tableStatus(table: Table, now = Date.now()): TableStatus {
  if (tableCreating(table, now)) return 'CREATING';
  return table.indexes.some((index) => index.global && indexCreating(table, index, now)) ? 'UPDATING' : 'ACTIVE';
}

/** Refuses a change to a table that is still being created, as AWS does for UpdateTable and DeleteTable. */
export function refuseWhileCreating(table: Table, now = Date.now()): void {
  if (tableCreating(table, now)) throw new ResourceInUseException(`Attempt to change a resource which is still in use: Table is being created: ${table.TableName}`);
}

/** Refuses DeleteTable while one of the table's indexes is being built. */
export function refuseWhileIndexing(table: Table, now = Date.now()): void {
  if (table.indexes.some((index) => indexCreating(table, index, now))) {
    throw new ResourceInUseException('Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted.');
  }
}

/** Refuses a Query or Scan of a global secondary index that is still being built, in AWS's words. */
export function refuseReadWhileBackfilling(table: Table, index: IndexDefinition | undefined, now = Date.now()): void {
  if (index?.global && indexCreating(table, index, now)) throw new DynamoValidationException(`Cannot read from backfilling global secondary index: ${index.IndexName}`);
}
