/**
 * `workshop grade <submissions-dir>` (instructors): grades a whole cohort in parallel and writes
 * gradebooks; `workshop grade --gradescope` grades one submission inside Gradescope's autograder.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineCommand } from 'citty';
import { EXIT, WorkshopError } from '../../core/errors.ts';
import { gradeCohort } from '../../grade/cohort.ts';
import { totalsOf } from '../../grade/pool.ts';
import { progressDisplay } from '../../grade/progress-bar.ts';
import { checkGradingSandbox } from '../../grade/sandbox-policy.ts';
import { gradescopeResults } from '../../grade/reports/platforms.ts';
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
    'trust-submissions': { type: 'boolean', description: helpText('gradeTrust') },
  },
  async run({ args }) {
    const seed = seedFrom(args) ?? 1;
    const labRefs = args.labs ? args.labs.split(',').map((ref) => ref.trim()).filter(Boolean) : undefined;
    const jobs = jobsFrom(args.jobs);
    const target = targetFrom(args.target);
    const warning = checkGradingSandbox(args['trust-submissions'] === true);
    if (warning) console.warn(warning);
    if (args.gradescope) {
      const root = resolve(args['gradescope-root']);
      const cohort = mkdtempSync(join(tmpdir(), 'gradescope-'));
      try {
        cpSync(join(root, 'submission'), join(cohort, 'submission'), { recursive: true });
        const run = await gradeCohort({ submissionsDir: cohort, outDir: join(cohort, 'out'), labRefs, jobs: 1, target, seed });
        mkdirSync(join(root, 'results'), { recursive: true });
        writeFileSync(join(root, 'results', 'results.json'), JSON.stringify(gradescopeResults(run.results[0]!), null, 2));
        console.log(commandText('wrote', { file: join(root, 'results', 'results.json') }));
      } finally {
        rmSync(cohort, { recursive: true, force: true });
      }
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
