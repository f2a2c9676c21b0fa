/** Results in the formats grading platforms read: JUnit XML, Gradescope's results.json, and GitHub Classroom's. */
import { escapeXml } from '../../emulator/protocols/xml.ts';
import { totalsOf, type LearnerResult } from '../pool.ts';

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

/** Gradescope's autograder results.json: score, max_score, and a test per check with output and visibility. */
export function gradescopeResults(result: LearnerResult): Record<string, unknown> {
  const tests = result.labs.flatMap((lab) =>
    lab.checks.map((check) => ({
      name: `${lab.labId}: ${check.title}`,
      number: `${lab.labId.slice(0, 2)}.${lab.checks.indexOf(check) + 1}`,
      score: check.points,
      max_score: check.maxPoints,
      status: check.passed ? 'passed' : 'failed',
      output: check.passed ? 'passed' : check.message,
      visibility: 'visible',
    })),
  );
  return {
    score: totalsOf(result).score,
    max_score: totalsOf(result).maxScore,
    execution_time: Math.round(result.durationMs / 1000),
    output: result.problem ?? `Graded ${result.labs.length} lab(s) with the Serverless Shop Workshop's graders.`,
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
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
