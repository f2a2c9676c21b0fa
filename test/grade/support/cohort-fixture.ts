/** Graded cohorts built from object literals over the kit's own labs, for the report and merge tests. */
import type { LabResult } from '../../../src/core/check-results.ts';
import { listLabs, type Lab } from '../../../src/core/labs.ts';
import type { LearnerResult } from '../../../src/grade/pool.ts';

/** Check id -> the reason it failed, in both languages; checks not named pass. */
type Failures = Record<string, { en: string; 'zh-cn': string }>;

/** A lab's result where the checks in `failures` fail with their reasons and the others pass. */
export function labResult(lab: Lab, failures: Failures = {}): LabResult {
  const checks = lab.definition.checks.map((check) => {
    const reason = failures[check.id];
    const texts = reason ?? { en: 'passed', 'zh-cn': '通过' };
    return { id: check.id, title: check.title.en, titles: check.title, passed: !reason, points: reason ? 0 : check.points, maxPoints: check.points, message: texts.en, texts, durationMs: 12 };
  });
  return { labId: lab.id, title: lab.definition.title.en, titles: lab.definition.title, checks, score: checks.reduce((sum, check) => sum + check.points, 0), maxScore: checks.reduce((sum, check) => sum + check.maxPoints, 0), seed: 1, durationMs: 50 };
}

/** A lab whose every check fails with the same reason, as the untouched starters do. */
export function allFailed(lab: Lab, reason = { en: 'the handler still throws "TODO"', 'zh-cn': '处理函数仍然抛出“TODO”' }): LabResult {
  return labResult(lab, Object.fromEntries(lab.definition.checks.map((check) => [check.id, reason])));
}

/** The kit's first two labs, which the fixture cohort did. */
export const LABS = listLabs().slice(0, 2);
/** Labs 01 and 02. */
export const [LAB1, LAB2] = LABS as [Lab, Lab];
/** The first check of lab 01 with a hint. */
export const HINTED = LAB1.definition.checks.find((check) => check.hints.length > 0)!;
/** The check of lab 01 that cy fails. */
export const FAILING = LAB1.definition.checks.at(-1)!;
/** Why cy fails it, in both languages. */
export const REASON = { en: 'expected 1 JSON line, got 0 <none>', 'zh-cn': '应有 1 行 JSON，实际为 0 行 <none>' };

/**
 * Four learners: ada passes all of lab 01 after taking a hint; bo hands in lab 01 untouched and
 * fails lab 02; cy fails one check of lab 01 with a reason; di stopped early.
 */
export function cohort(): LearnerResult[] {
  return [
    { learner: 'ada', labs: [labResult(LAB1), labResult(LAB2)], problem: undefined, durationMs: 900, untouchedLabs: [], hintsRevealed: { [LAB1.id]: [HINTED.hints[0]!] }, progressFound: true },
    { learner: 'bo', labs: [allFailed(LAB1), allFailed(LAB2, REASON)], problem: undefined, durationMs: 900, untouchedLabs: [LAB1.id], hintsRevealed: {}, progressFound: true },
    { learner: 'cy', labs: [labResult(LAB1, { [FAILING.id]: REASON }), labResult(LAB2)], problem: undefined, durationMs: 900, untouchedLabs: [], hintsRevealed: {}, progressFound: false },
    { learner: 'di', labs: [allFailed(LAB1, { en: 'not graded', 'zh-cn': '没有评分' }), labResult(LAB2)], problem: 'grading stopped after 90 s, the submission\'s time budget', problemTexts: { en: 'grading stopped after 90 s, the submission\'s time budget', 'zh-cn': '评分在 90 秒后停止，这是这份提交的时间上限' }, durationMs: 90_000 },
  ];
}
