/**
 * `workshop grade --merge DIR...`: one gradebook from results graded on many machines (a GitHub
 * Actions job per repository, a Gradescope container per submission, several `workshop grade`
 * runs), read from the learner records each of them wrote.
 */
import { EXIT, WorkshopError } from '../core/errors.ts';
import { findLab, type Lab } from '../core/labs.ts';
import { gradeMessage } from './grade-messages.ts';
import { readRecords } from './learner-record.ts';
import type { LearnerResult } from './pool.ts';
import { writeReports } from './write-reports.ts';

/** What a merge produced. */
export interface MergeRun {
  results: LearnerResult[];
  labs: Lab[];
  files: string[];
  /** Labs in the records that this kit does not have: their points are left out. */
  unknownLabs: string[];
}

/** Joins every learner record under `dirs` into the reports in `outDir`; the latest grading of a learner counts. */
export function mergeResults(dirs: string[], outDir: string): MergeRun {
  const records = readRecords(dirs);
  if (records.length === 0) {
    throw new WorkshopError('NO_RESULTS', gradeMessage('noRecords', { dirs: dirs.join(', ') }), { hint: gradeMessage('recordsWhere'), exitCode: EXIT.usage });
  }
  const labIds = [...new Set(records.flatMap((record) => record.result.labs.map((lab) => lab.labId)))].sort();
  const labs: Lab[] = [];
  const unknownLabs: string[] = [];
  for (const labId of labIds) {
    try {
      labs.push(findLab(labId));
    } catch {
      unknownLabs.push(labId);
    }
  }
  const known = new Set(labs.map((lab) => lab.id));
  const results = records.map((record) => ({ ...record.result, labs: record.result.labs.filter((lab) => known.has(lab.labId)) }));
  const seeds = [...new Set(records.map((record) => record.seed))];
  const targets = [...new Set(records.map((record) => record.target))];
  // Different seeds mean different generated inputs: the report says which, and grades stay as each machine gave them.
  const files = writeReports(outDir, results, labs, { seed: seeds.length === 1 ? seeds[0]! : seeds.join('/'), target: targets.join('/') });
  return { results, labs, files, unknownLabs };
}
