/**
 * Changes to the rows inside a container (a DynamoDB table, an SQS queue, an S3 bucket, a log
 * stream), noted where the change happens and taken when the state store commits. Only containers
 * a persistent store is tracking keep notes, so an emulator without a state folder pays a WeakSet
 * lookup per change and keeps nothing.
 */

// A container is tracked for one generation: a failed commit starts a new one, so every container
// is written whole again by the next commit, whatever the failed one had taken.
const tracked = new WeakMap<object, number>();
const pending = new WeakMap<object, Map<string, unknown>>();
let containersWithNotes = 0;
let generation = 0;

/** Notes that the row `key` of `container` now holds `value` (undefined: the row is gone). */
export function noteChange(container: object, key: string, value: unknown): void {
  if (tracked.get(container) !== generation) return;
  let notes = pending.get(container);
  if (!notes) {
    notes = new Map();
    pending.set(container, notes);
    containersWithNotes++;
  }
  notes.set(key, value);
}

/** The notes of `container` since the last call, in the order first noted; they are cleared. */
export function takeChanges(container: object): Map<string, unknown> | undefined {
  const notes = pending.get(container);
  if (!notes) return undefined;
  pending.delete(container);
  containersWithNotes--;
  return notes;
}

/** Starts keeping notes for `container`; false when it was already tracked (its rows are on disk). */
export function track(container: object): boolean {
  if (tracked.get(container) === generation) return false;
  tracked.set(container, generation);
  if (pending.delete(container)) containersWithNotes--;
  return true;
}

/** After a failed commit: no container counts as on disk any more, so each is written whole next time. */
export function untrackAll(): void {
  generation++;
  containersWithNotes = 0;
}

/** Whether some tracked container has notes no commit has taken. */
export function changesOutstanding(): boolean {
  return containersWithNotes > 0;
}

/** Forgets notes of containers no state holds any more (a table deleted after a write). */
export function forgetOutstanding(): void {
  containersWithNotes = 0;
}
