/**
 * Time to Live: UpdateTimeToLive, DescribeTimeToLive and the background sweep that deletes
 * expired items. As on AWS, an expired item stays readable until the sweep removes it (AWS takes
 * up to a few days; the emulator sweeps every minute, scaled by the time factor), and an
 * expiry more than five years in the past is ignored.
 */
import type { Emulator } from '../../emulator.ts';
import { attribute } from './attribute-values.ts';
import { constraintError, DynamoValidationException } from './errors.ts';
import type { Input } from './request.ts';
import { allItems, completeState, deleteStoredItem, findTable, keyOf, type DynamodbState } from './state.ts';
import { TTL_IDENTITY } from './streams/capture.ts';

/** How often the sweep runs, before the time factor. */
export const TTL_SWEEP_MS = 60_000;

const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 3600;

/** UpdateTimeToLive. */
export function updateTimeToLive(state: DynamodbState, input: Input): Record<string, unknown> {
  const table = findTable(state, input.TableName);
  const specification = input.TimeToLiveSpecification;
  if (typeof specification !== 'object' || specification === null) throw constraintError(specification, 'timeToLiveSpecification', 'Member must not be null');
  const { Enabled: enabled, AttributeName: name } = specification;
  if (typeof enabled !== 'boolean') throw constraintError(enabled, 'timeToLiveSpecification.enabled', 'Member must not be null');
  if (typeof name !== 'string' || name.length < 1 || name.length > 255) {
    throw constraintError(name, 'timeToLiveSpecification.attributeName', 'Member must have length greater than or equal to 1');
  }
  if (enabled) {
    if (table.ttlAttribute !== undefined) throw new DynamoValidationException('TimeToLive is already enabled');
    table.ttlAttribute = name;
  } else {
    if (table.ttlAttribute === undefined) throw new DynamoValidationException('TimeToLive is already disabled');
    if (table.ttlAttribute !== name) throw new DynamoValidationException(`TimeToLive is active on a different AttributeName: current AttributeName is ${table.ttlAttribute}`);
    delete table.ttlAttribute;
  }
  return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: name } };
}

/** DescribeTimeToLive. */
export function describeTimeToLive(state: DynamodbState, input: Input): Record<string, unknown> {
  const table = findTable(state, input.TableName);
  const description = table.ttlAttribute !== undefined ? { TimeToLiveStatus: 'ENABLED', AttributeName: table.ttlAttribute } : { TimeToLiveStatus: 'DISABLED' };
  return { TimeToLiveDescription: description };
}

/** Deletes the expired items of every table with TTL on; returns how many went. */
export function sweepExpired(state: DynamodbState, nowSeconds = Date.now() / 1000): number {
  let removed = 0;
  for (const table of state.tables.values()) {
    const name = table.ttlAttribute;
    if (name === undefined) continue;
    const expired = [...allItems(table)].filter((item) => {
      const value = attribute(item, name);
      if (!value || !('N' in value)) return false;
      const expiry = Number(value.N);
      return expiry <= nowSeconds && expiry >= nowSeconds - FIVE_YEARS_SECONDS;
    });
    // The stream shows these deletions as DynamoDB's own, so a consumer can tell them from a user's.
    for (const item of expired) deleteStoredItem(table, keyOf(table, item), TTL_IDENTITY);
    removed += expired.length;
  }
  return removed;
}

/** Starts the periodic sweep over every account and region; returns a function that stops it. */
export function startTtlSweeper(emulator: Emulator, serviceName: string): () => void {
  const timer = setInterval(() => {
    let removed = 0;
    for (const { state } of emulator.store.scopesOf<DynamodbState>(serviceName)) removed += sweepExpired(completeState(state));
    if (removed > 0) emulator.store.markDirty(serviceName);
  }, Math.max(10, emulator.scaled(TTL_SWEEP_MS)));
  timer.unref();
  return () => clearInterval(timer);
}
