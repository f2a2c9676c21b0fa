/**
 * The persistence of a service whose state is small (IAM roles, EventBridge rules): the whole
 * state of a scope is one row, rewritten when it changes. On load the row must have the shape of a
 * fresh state, member by member; a member an older emulator did not write is taken from a fresh one.
 */
import type { StateScope } from '../types.ts';
import { SKELETON, type Persistence, type SavedRow, type SetAside } from './rows.ts';

/** A persistence that writes the state as one row, checked against `createState` on load. */
export function wholeScope<State extends object>(createState: (scope: StateScope) => State): Persistence<State> {
  return {
    save(state, rows) {
      rows.putIfChanged(SKELETON, state);
    },
    load(rows, scope, setAside) {
      const fresh = createState(scope);
      const row = skeletonRow(rows, setAside);
      if (!row) return fresh;
      const problem = shapeProblem(row.value, fresh);
      if (problem) {
        setAside(row, problem);
        return fresh;
      }
      return fillMissing(row.value as State, fresh);
    },
  };
}

/** The scope's skeleton row; any other row is set aside (it belongs to no known part of the state). */
export function skeletonRow(rows: SavedRow[], setAside: SetAside): SavedRow | undefined {
  let found: SavedRow | undefined;
  for (const row of rows) {
    if (row.key === SKELETON) found = row;
    else setAside(row, 'no part of the state has a row with this key');
  }
  return found;
}

/** Why `value` cannot stand for a state shaped like `fresh`, or undefined when it can. */
export function shapeProblem(value: unknown, fresh: object): string | undefined {
  if (kindOf(value) !== 'record') return `the saved state is ${kindOf(value)}, not a record`;
  for (const [member, expected] of Object.entries(fresh)) {
    const saved = (value as Record<string, unknown>)[member];
    if (saved === undefined) continue;
    if (kindOf(saved) !== kindOf(expected)) return `member ${member} is ${kindOf(saved)} where ${kindOf(expected)} belongs`;
  }
  return undefined;
}

/** Members of `fresh` that `value` lacks, copied in: state saved by an older emulator still works. */
export function fillMissing<State extends object>(value: State, fresh: State): State {
  for (const [member, initial] of Object.entries(fresh)) {
    if ((value as Record<string, unknown>)[member] === undefined) (value as Record<string, unknown>)[member] = initial;
  }
  return value;
}

/** The kind of a decoded value, as the checks name it. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Map) return 'a map';
  if (value instanceof Set) return 'a set';
  if (Array.isArray(value)) return 'a list';
  if (Buffer.isBuffer(value)) return 'bytes';
  if (value instanceof Date) return 'a date';
  return typeof value === 'object' ? 'record' : typeof value;
}
