/** Results in the formats grading platforms read: JUnit XML, Gradescope's results.json, and GitHub Classroom's. */
import { escapeXml } from '../../emulator/protocols/xml.ts';
import type { Lab } from '../../core/labs.ts';
import type { Language } from '../../core/i18n/language.ts';
import { learnerRecord } from '../learner-record.ts';
import { totalsOf, type LearnerResult } from '../pool.ts';
import { checklistMarkdown } from './checklist-md.ts';
import { reportMessage } from './report-messages.ts';

/** A learner's checks as JUnit XML: a test suite per lab, a test case per check. */
export function junitXml(result: LearnerResult): string {
  const suites = result.labs.map((lab) => {
    const failures = lab.checks.filter((check) => !check.passed).length;
    const cases = lab.checks.map((check) => {
      const time = (check.durationMs / 1000).toFixed(3);
      const body = check.passed ? '' : `<failure message="${escapeXml(check.message)}">${escapeXml(check.message)}</failure>`;
      return `    <testcase classname="${escapeXml(lab.labId)}" name="${escapeXml(check.id)}" time="${time}">${body}</testcase>`;
    });
    return [`  <testsuite name="${escapeXml(lab.labId)}" tests="${lab.checks.length}" failures="${failures}" time="${(lab.durationMs / 1000).toFixed(3)}">`, ...cases, '  </testsuite>'].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(result.learner)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** When Gradescope may show a check: lab.json's `visibility`, else at once. */
export type Visibility = 'visible' | 'hidden' | 'after_due_date' | 'after_published';

/** Looks up each check's visibility in the kit's lab definitions. */
export function visibilityOf(labs: Lab[]): (labId: string, checkId: string) => Visibility {
  return (labId, checkId) => labs.find((lab) => lab.id === labId)?.definition.checks.find((check) => check.id === checkId)?.visibility ?? 'visible';
}

/**
 * Gradescope's autograder results.json: score, max_score, a test per check with its visibility,
 * the visible checklist as Markdown, the run's time, and the learner's record in `extra_data` for
 * `workshop grade --merge`.
 */
export function gradescopeResults(result: LearnerResult, labs: Lab[], meta: { seed: number | string; target: string; lang?: Language }): Record<string, unknown> {
  const visibility = visibilityOf(labs);
  const lang = meta.lang ?? 'en';
  const tests = result.labs.flatMap((lab) =>
    lab.checks.map((check, index) => ({
      name: `${lab.labId}: ${check.titles?.[lang] ?? check.title}`,
      number: `${lab.labId.slice(0, 2)}.${index + 1}`,
      score: check.points,
      max_score: check.maxPoints,
      status: check.passed ? 'passed' : 'failed',
      output: check.passed ? reportMessage('passed').texts[lang] : (check.texts?.[lang] ?? check.message),
      visibility: visibility(lab.labId, check.id),
    })),
  );
  const problem = result.problemTexts?.[lang] ?? result.problem;
  return {
    score: totalsOf(result).score,
    max_score: totalsOf(result).maxScore,
    execution_time: Math.max(1, Math.round(result.durationMs / 1000)),
    output: checklistMarkdown(result.labs, lang, (labId, checkId) => visibility(labId, checkId) === 'visible', problem),
    output_format: 'md',
    test_output_format: 'text',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
    extra_data: { workshop: learnerRecord(result, meta) },
  };
}

/**
 * GitHub Classroom's autograding result: the shape its graders report (version 1, status,
 * max_score and tests with score), which the classroom reporter adds up into the grade.
 */
export function classroomResult(result: LearnerResult): Record<string, unknown> {
  const tests = result.labs.flatMap((lab) =>
    lab.checks.map((check) => ({
      name: `${lab.labId}: ${check.title}`,
      status: check.passed ? 'pass' : 'fail',
      message: check.passed ? null : check.message,
      line_no: null,
      execution_time: `${(check.durationMs / 1000).toFixed(2)}s`,
      score: check.points,
      max_score: check.maxPoints,
    })),
  );
  const passedAll = tests.every((test) => test.status === 'pass');
  return { version: 1, status: passedAll ? 'pass' : 'fail', max_score: tests.reduce((sum, test) => sum + test.max_score, 0), tests };
}
