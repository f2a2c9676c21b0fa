/** Request members several operations share: legacy parameters, projections, ReturnValues, consumed capacity. */
import { itemSize, type Item } from './attribute-values.ts';
import { constraintError, DynamoValidationException } from './errors.ts';
import type { PathNode } from './expressions/ast.ts';
import { projectItem } from './expressions/paths.ts';
import type { Table } from './state.ts';

/** A request's members. */
export type Input = Record<string, any>;

const LEGACY: Record<string, string> = {
  Expected: 'ConditionExpression',
  ConditionalOperator: 'ConditionExpression or FilterExpression',
  AttributeUpdates: 'UpdateExpression',
  KeyConditions: 'KeyConditionExpression',
  QueryFilter: 'FilterExpression',
  ScanFilter: 'FilterExpression',
};

/** Rejects the pre-2014 parameters the emulator does not implement, naming the expression to use. */
export function rejectLegacy(input: Input): void {
  for (const [member, replacement] of Object.entries(LEGACY)) {
    if (input[member] !== undefined && input[member] !== null) {
      throw new DynamoValidationException(`The legacy parameter ${member} is not supported by this emulator; use ${replacement} instead.`);
    }
  }
}

/** The paths to return: from ProjectionExpression, or from the legacy AttributesToGet. */
export function projectionOf(input: Input, parsed: PathNode[] | undefined): PathNode[] | undefined {
  const legacy = input.AttributesToGet;
  if (legacy === undefined || legacy === null) return parsed;
  if (parsed) {
    throw new DynamoValidationException('Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}');
  }
  if (!Array.isArray(legacy) || legacy.length === 0 || legacy.some((name) => typeof name !== 'string')) {
    throw constraintError(legacy, 'attributesToGet', 'Member must have length greater than or equal to 1');
  }
  if (new Set(legacy).size !== legacy.length) throw new DynamoValidationException(`One or more parameter values were invalid: Duplicate value in attribute name: ${legacy.join(', ')}`);
  return legacy.map((name: string) => ({ type: 'path', elements: [name] }));
}

/** An item as a read returns it: projected when asked, always a copy. */
export function present(item: Item, projection: PathNode[] | undefined): Item {
  return projection ? projectItem(item, projection) : structuredClone(item);
}

/** Checks ReturnValues against what the operation allows. */
export function returnValuesOf(input: Input, allowed: string[]): string {
  const value = input.ReturnValues ?? 'NONE';
  if (!['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'].includes(value)) {
    throw constraintError(value, 'returnValues', 'Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]');
  }
  if (!allowed.includes(value)) throw new DynamoValidationException('Return values set to invalid value');
  return value;
}

/** True when the caller wants the old item in a ConditionalCheckFailedException. */
export function returnOldOnFailure(input: Input, member = 'returnValuesOnConditionCheckFailure'): boolean {
  const value = input.ReturnValuesOnConditionCheckFailure ?? 'NONE';
  if (value !== 'NONE' && value !== 'ALL_OLD') throw constraintError(value, member, 'Member must satisfy enum value set: [ALL_OLD, NONE]');
  return value === 'ALL_OLD';
}

/** Optional boolean members such as ConsistentRead. */
export function booleanOf(input: Input, member: string): boolean {
  const value = input[member];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw constraintError(value, member, 'Member must be a boolean');
  return value;
}

/** The ConsumedCapacity member when ReturnConsumedCapacity asks for it, priced as AWS prices requests. */
export function consumedCapacity(input: Input, table: Table, units: number): Record<string, unknown> {
  const mode = input.ReturnConsumedCapacity ?? 'NONE';
  if (!['NONE', 'TOTAL', 'INDEXES'].includes(mode)) throw constraintError(mode, 'returnConsumedCapacity', 'Member must satisfy enum value set: [INDEXES, TOTAL, NONE]');
  if (mode === 'NONE') return {};
  return {
    ConsumedCapacity: {
      TableName: table.TableName,
      CapacityUnits: units,
      ...(mode === 'INDEXES' ? { Table: { CapacityUnits: units } } : {}),
    },
  };
}

/** Write units for items of these sizes (1 KB each, at least 1). */
export function writeUnits(...items: Array<Item | undefined>): number {
  const size = Math.max(0, ...items.map((item) => (item ? itemSize(item) : 0)));
  return Math.max(1, Math.ceil(size / 1024));
}

/** Read units for `bytes` read (4 KB each; eventually consistent reads cost half). */
export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}
