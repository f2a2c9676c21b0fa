/**
 * One learner's result as a file of its own (`learners/<learner>.json`, and inside Gradescope's
 * results.json as `extra_data.workshop`): every check with its texts, the untouched labs and the
 * hints revealed, so that results graded on many machines can be joined into one gradebook.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LearnerResult } from './pool.ts';

/** The `kind` a learner record carries, so a folder of other JSON files can be searched. */
export const RECORD_KIND = 'workshop-learner-result';

/** A learner's result with where and how it was graded. */
export interface LearnerRecord {
  kind: typeof RECORD_KIND;
  version: 1;
  seed: number | string;
  target: string;
  gradedAt: string;
  result: LearnerResult;
}

/** The record of one learner's result. */
export function learnerRecord(result: LearnerResult, meta: { seed: number | string; target: string; gradedAt?: Date }): LearnerRecord {
  return { kind: RECORD_KIND, version: 1, seed: meta.seed, target: meta.target, gradedAt: (meta.gradedAt ?? new Date()).toISOString(), result };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A record from parsed JSON: a record itself, or Gradescope's results.json that carries one; anything else is not one. */
export function recordFrom(value: unknown): LearnerRecord | undefined {
  const candidate = isRecord(value) && isRecord(value.extra_data) ? value.extra_data.workshop : value;
  if (!isRecord(candidate) || candidate.kind !== RECORD_KIND || candidate.version !== 1 || !isRecord(candidate.result)) return undefined;
  const result = candidate.result;
  if (typeof result.learner !== 'string' || !Array.isArray(result.labs)) return undefined;
  return candidate as unknown as LearnerRecord;
}

/** Every JSON file under `dir`, however deep (downloaded artifacts come one folder each). */
function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return dir.endsWith('.json') ? [dir] : [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The records found under `dirs`, one per learner: when a learner was graded more than once, the
 * latest grading counts. Files that are not records (grades.json, package.json) are passed over.
 */
export function readRecords(dirs: string[]): LearnerRecord[] {
  const byLearner = new Map<string, LearnerRecord>();
  for (const file of dirs.flatMap(jsonFiles)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const record = recordFrom(parsed);
    if (!record) continue;
    const seen = byLearner.get(record.result.learner);
    if (!seen || seen.gradedAt < record.gradedAt) byLearner.set(record.result.learner, record);
  }
  return [...byLearner.values()].sort((a, b) => a.result.learner.localeCompare(b.result.learner));
}
