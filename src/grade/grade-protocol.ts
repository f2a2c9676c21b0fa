/** The messages between the cohort pool and a grading process (grade-one.ts), and the result of a lab that could not run. */
import { failedLab, type LabResult } from '../core/check-results.ts';
import { findLab } from '../core/labs.ts';
import type { Message } from '../core/i18n/texts.ts';

/** One submission of a batch. */
export interface BatchEntry {
  learner: string;
  workDir: string;
  /** The labs to grade, in the order to grade them. */
  labIds: string[];
  accountId: string;
  /** The secret of the account's key: the emulator verifies signatures, and this submission holds only its own. */
  secretAccessKey: string;
}

/** What the parent asks: grade these submissions one after the other. */
export interface GradeRequest {
  batch: BatchEntry[];
  targetName: 'emulator' | 'localstack';
  endpoint: string;
  seed: number;
}

/** What the worker answers: one message per finished lab, then `done`, each naming the learner; learners in batch order. */
export type GradeMessage = { kind: 'lab'; learner: string; result: LabResult } | { kind: 'done'; learner: string };

/** The result of a lab that could not be graded (its folder is missing, say): every check failed, with why. */
export function missingLabResult(labId: string, reason: Message | string, seed: number): LabResult {
  return failedLab(findLab(labId), reason, seed);
}
