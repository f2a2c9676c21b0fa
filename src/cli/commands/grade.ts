/**
 * `workshop grade <submissions-dir>` (instructors): grades a whole cohort in parallel and writes
 * gradebooks; `--gradescope` grades one submission inside Gradescope's autograder and
 * `--gradescope-package` builds that autograder; `--classroom` grades one repository in GitHub
 * Classroom's workflow; `--merge` joins results graded on many machines into one gradebook.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defineCommand } from 'citty';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { gradeCohort } from '../../grade/cohort.ts';
import { totalsOf } from '../../grade/pool.ts';
import { progressDisplay } from '../../grade/progress-bar.ts';
import { checkGradingSandbox } from '../../grade/sandbox-policy.ts';
import { gradescopeResults } from '../../grade/reports/platforms.ts';
import { writeClassroomOutputs, classroomRunner } from '../../grade/classroom.ts';
import { gradeText, gradeMessage } from '../../grade/grade-messages.ts';
import { gradescopePackage } from '../../grade/gradescope-package.ts';
import { mergeResults } from '../../grade/merge.ts';
import { classroomLearner, gradeFolder, gradescopeLearner } from '../../grade/single.ts';
import { language } from '../../core/i18n/language.ts';
import { seedFrom } from '../lab-args.ts';
import { helpText } from '../command-help.ts';
import { commandMessage, commandText } from '../command-messages.ts';

function jobsFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new WorkshopError('BAD_OPTION', commandMessage('badJobs', { value }), { hint: commandMessage('jobsExample'), exitCode: EXIT.usage });
  return Number(value);
}

function targetFrom(value: string | undefined): 'emulator' | 'localstack' {
  if (value === undefined || value === 'emulator' || value === 'localstack') return value ?? 'emulator';
  throw new WorkshopError('BAD_OPTION', commandMessage('badGradeTarget', { value }), { hint: commandMessage('gradeTargets'), exitCode: EXIT.usage });
}

export default defineCommand({
  meta: { name: 'grade', description: helpText('grade') },
  args: {
    submissions: { type: 'positional', required: false, description: helpText('gradeSubmissions') },
    labs: { type: 'string', description: helpText('gradeLabs') },
    jobs: { type: 'string', description: helpText('gradeJobs') },
    target: { type: 'string', description: helpText('gradeTarget') },
    out: { type: 'string', description: helpText('gradeOut'), default: 'grades' },
    seed: { type: 'string', description: helpText('gradeSeed'), default: '1' },
    gradescope: { type: 'boolean', description: helpText('gradeGradescope') },
    'gradescope-root': { type: 'string', description: helpText('gradeGradescopeRoot'), default: '/autograder' },
    'gradescope-package': { type: 'string', description: helpText('gradeGradescopePackage') },
    classroom: { type: 'boolean', description: helpText('gradeClassroom') },
    'github-output': { type: 'string', description: helpText('gradeGithubOutput') },
    merge: { type: 'boolean', description: helpText('gradeMerge') },
    'trust-submissions': { type: 'boolean', description: helpText('gradeTrust') },
  },
  async run({ args }) {
    if (args['gradescope-package']) {
      const file = resolve(args['gradescope-package']);
      const zip = gradescopePackage();
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, zip);
      console.log(gradeText('wroteZip', { file, mb: (zip.length / 1024 / 1024).toFixed(1) }));
      return;
    }
    if (args.merge) {
      // citty keeps every positional in `_`: the folders to join.
      const dirs = (args._ as string[]).map((dir) => resolve(dir));
      if (dirs.length === 0) throw new WorkshopError('MISSING_RESULTS', gradeMessage('mergeNeedsDirs'), { hint: gradeMessage('mergeExample'), exitCode: EXIT.usage });
      const outDir = resolve(args.out);
      const merged = mergeResults(dirs, outDir);
      if (merged.unknownLabs.length > 0) console.warn(gradeText('unknownLabs', { labs: merged.unknownLabs.join(', ') }));
      console.log(gradeText('merged', { learners: merged.results.length, dirs: dirs.join(', '), dir: outDir }));
      return;
    }
    const seed = seedFrom(args) ?? 1;
    const labRefs = args.labs ? args.labs.split(',').map((ref) => ref.trim()).filter(Boolean) : undefined;
    const jobs = jobsFrom(args.jobs);
    const target = targetFrom(args.target);
    const warning = checkGradingSandbox(args['trust-submissions'] === true);
    if (warning) console.warn(warning);
    if (args.gradescope) {
      const root = resolve(args['gradescope-root']);
      const run = await gradeFolder(join(root, 'submission'), { learner: gradescopeLearner(root), labRefs, target, seed });
      mkdirSync(join(root, 'results'), { recursive: true });
      writeFileSync(join(root, 'results', 'results.json'), JSON.stringify(gradescopeResults(run.results[0]!, run.labs, { seed, target, lang: language() }), null, 2));
      console.log(commandText('wrote', { file: join(root, 'results', 'results.json') }));
      return;
    }
    if (args.classroom) {
      const dir = resolve(args.submissions ?? '.');
      const outDir = resolve(args.out);
      const run = await gradeFolder(dir, { learner: classroomLearner(dir), outDir, labRefs, target, seed });
      const result = run.results[0]!;
      writeClassroomOutputs(result, { output: args['github-output'] ?? process.env.GITHUB_OUTPUT, summary: process.env.GITHUB_STEP_SUMMARY }, language());
      const { score, maxScore } = totalsOf(result);
      console.log(gradeText('classroomGraded', { learner: result.learner, score, max: maxScore, runners: result.labs.map((lab) => classroomRunner(lab.labId)).join(',') }));
      console.log(commandText('reportsIn', { dir: outDir }));
      return;
    }
    if (!args.submissions) {
      throw new WorkshopError('MISSING_SUBMISSIONS', commandMessage('needsSubmissions'), { hint: commandMessage('submissionsExample'), exitCode: EXIT.usage });
    }
    const outDir = resolve(args.out);
    const run = await gradeCohort({
      submissionsDir: resolve(args.submissions),
      outDir,
      labRefs,
      jobs,
      target,
      seed,
      onEvent: progressDisplay(),
    });
    const mean = run.results.reduce((sum, result) => sum + totalsOf(result).score, 0) / Math.max(1, run.results.length);
    console.log(commandText('graded', { learners: run.results.length, labs: run.labs.length, seconds: (run.durationMs / 1000).toFixed(1), seed: run.seed, mean: mean.toFixed(1) }));
    console.log(commandText('reportsIn', { dir: outDir }));
  },
});
