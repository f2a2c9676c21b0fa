/**
 * What report.html counts per check: passed, failed by learners who attempted the lab, no attempt
 * (the lab handed in as the untouched starters), and how many learners revealed one of the check's
 * hints and then passed it. Hints are revealed only for checks still failing (src/core/hints.ts),
 * so a hint revealed for a check that passes now was taken before it passed.
 */
import type { CheckResult } from '../../core/check-results.ts';
import type { LabCheck } from '../../core/lab-schema.ts';
import type { Lab } from '../../core/labs.ts';
import type { LearnerResult } from '../pool.ts';

/** One check's counts over the cohort. */
export interface CheckStats {
  lab: Lab;
  check: LabCheck;
  passed: number;
  /** Failed by learners who attempted the lab. */
  failed: number;
  /** Learners whose lab was the untouched starters. */
  noAttempt: number;
  /** Learners who revealed one of its hints. */
  hintTakers: number;
  /** Of those, the learners who pass it now. */
  passedAfterHint: number;
}

/** A learner's outcome of one check, if it was graded. */
export function outcomeOf(result: LearnerResult, labId: string, checkId: string): CheckResult | undefined {
  return result.labs.find((lab) => lab.labId === labId)?.checks.find((check) => check.id === checkId);
}

/** Whether the learner handed in `labId` as the untouched starters. */
export function noAttempt(result: LearnerResult, labId: string): boolean {
  return result.untouchedLabs?.includes(labId) ?? false;
}

/** Whether the learner revealed one of the check's hints. */
export function tookHint(result: LearnerResult, labId: string, check: LabCheck): boolean {
  const revealed = result.hintsRevealed?.[labId] ?? [];
  return check.hints.some((hint) => revealed.includes(hint));
}

/** Every check of `labs`, in lab order, with its counts. */
export function checkStats(results: LearnerResult[], labs: Lab[]): CheckStats[] {
  return labs.flatMap((lab) =>
    lab.definition.checks.map((check) => {
      const stats: CheckStats = { lab, check, passed: 0, failed: 0, noAttempt: 0, hintTakers: 0, passedAfterHint: 0 };
      for (const result of results) {
        const passed = outcomeOf(result, lab.id, check.id)?.passed === true;
        if (passed) stats.passed++;
        else if (noAttempt(result, lab.id)) stats.noAttempt++;
        else stats.failed++;
        if (tookHint(result, lab.id, check)) {
          stats.hintTakers++;
          if (passed) stats.passedAfterHint++;
        }
      }
      return stats;
    }),
  );
}

/** The anchor of a check's hints in the report. */
export function hintAnchor(labId: string, checkId: string): string {
  return `hint-${labId}-${checkId}`;
}

/** The anchor of a learner's section. */
export function learnerAnchor(learner: string): string {
  return `learner-${learner}`;
}

/** The anchor of one learner's row for one check. */
export function rowAnchor(learner: string, labId: string, checkId: string): string {
  return `r-${learner}-${labId}-${checkId}`;
}
