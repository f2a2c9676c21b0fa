/** Writes every output of a cohort run into the output folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from '../core/labs.ts';
import { language } from '../core/i18n/language.ts';
import type { LearnerResult } from './pool.ts';
import { learnerRecord } from './learner-record.ts';
import { gradesCsv, gradesJson } from './reports/gradebook.ts';
import { reportHtml } from './reports/html.ts';
import { classroomResult, gradescopeResults, junitXml } from './reports/platforms.ts';

/** The files written, relative to the output folder. */
export function writeReports(outDir: string, results: LearnerResult[], labs: Lab[], meta: { seed: number | string; target: string }): string[] {
  const labIds = labs.map((lab) => lab.id);
  const written: string[] = [];
  const write = (path: string, text: string) => {
    mkdirSync(join(outDir, path, '..'), { recursive: true });
    writeFileSync(join(outDir, path), text);
    written.push(path);
  };
  write('grades.csv', gradesCsv(results, labIds));
  write('grades.json', gradesJson(results, { ...meta, labIds }));
  for (const result of results) {
    write(`junit/${result.learner}.xml`, junitXml(result));
    write(`learners/${result.learner}.json`, JSON.stringify(learnerRecord(result, meta), null, 2));
    write(`gradescope/${result.learner}/results.json`, JSON.stringify(gradescopeResults(result, labs, meta), null, 2));
    write(`classroom/${result.learner}.json`, JSON.stringify(classroomResult(result), null, 2));
  }
  // The instructor's language (`--lang`, WORKSHOP_LANG or the locale); grades.json keeps English ids and labels.
  write('report.html', reportHtml(results, labs, { ...meta, generatedAt: new Date(), lang: language() }));
  return written;
}
