/**
 * GitHub Classroom's autograding, one repository at a time: each lab's result as the output of a
 * grader step, base64 of the JSON that `classroom-resources/autograding-grading-reporter` decodes
 * from the `<RUNNER>_RESULTS` variable it is given (`max_score`, `status`, `tests[].score`), which
 * it adds up into the points of the "Autograding Tests" check.
 */
import { appendFileSync } from 'node:fs';
import type { Language } from '../core/i18n/language.ts';
import type { LearnerResult } from './pool.ts';
import { checklistMarkdown } from './reports/checklist-md.ts';
import { classroomResult } from './reports/platforms.ts';

/** The reporter's runner id for a lab: `lab01`, whose variable is `LAB01_RESULTS`. */
export function classroomRunner(labId: string): string {
  return `lab${labId.slice(0, 2)}`;
}

/** One grader step's output per lab: the runner id and the base64 of that lab's result. */
export function classroomOutputs(result: LearnerResult): Array<{ runner: string; value: string }> {
  return result.labs.map((lab) => ({ runner: classroomRunner(lab.labId), value: Buffer.from(JSON.stringify(classroomResult({ ...result, labs: [lab] }))).toString('base64') }));
}

/** Appends the outputs to `$GITHUB_OUTPUT` (`name=value` lines) and the checklist to `$GITHUB_STEP_SUMMARY`, where given. */
export function writeClassroomOutputs(result: LearnerResult, files: { output?: string | undefined; summary?: string | undefined }, lang: Language): void {
  const lines = classroomOutputs(result).map(({ runner, value }) => `${runner}=${value}\n`).join('');
  if (files.output) appendFileSync(files.output, lines);
  if (files.summary) appendFileSync(files.summary, `## ${result.learner}\n\n${checklistMarkdown(result.labs, lang, () => true, result.problemTexts?.[lang] ?? result.problem)}`);
}
