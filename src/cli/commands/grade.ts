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

function jobsFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new WorkshopError('BAD_OPTION', `--jobs "${value}" is not a positive whole number`, { hint: 'for example --jobs 2', exitCode: EXIT.usage });
  return Number(value);
}

function targetFrom(value: string | undefined): 'emulator' | 'localstack' {
  if (value === undefined || value === 'emulator' || value === 'localstack') return value ?? 'emulator';
  throw new WorkshopError('BAD_OPTION', `--target "${value}" cannot grade a cohort`, { hint: 'use emulator (default) or localstack; grading never uses a real AWS account', exitCode: EXIT.usage });
}

export default defineCommand({
  meta: { name: 'grade', description: 'Grade a whole class of submissions and write gradebooks (instructors)' },
  args: {
    submissions: { type: 'positional', required: false, description: 'The folder with one sub-folder (or .zip) per learner' },
    labs: { type: 'string', description: 'Labs to grade, like 01,02 (default: every lab)' },
    jobs: { type: 'string', description: 'Grading processes at once, each grading a few submissions in turn (default: six per core, at most 12)' },
    target: { type: 'string', description: 'emulator (default) or localstack' },
    out: { type: 'string', description: 'Folder for the reports', default: 'grades' },
    seed: { type: 'string', description: 'Seed of the generated inputs; the same seed gives the same grades', default: '1' },
    gradescope: { type: 'boolean', description: 'Run inside Gradescope: read /autograder/submission, write /autograder/results/results.json' },
    'gradescope-root': { type: 'string', description: 'The autograder folder (default /autograder)', default: '/autograder' },
    'trust-submissions': { type: 'boolean', description: 'Grade even without an OS sandbox (bubblewrap), trusting every submission with this machine' },
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
        console.log(`Wrote ${join(root, 'results', 'results.json')}`);
      } finally {
        rmSync(cohort, { recursive: true, force: true });
      }
      return;
    }
    if (!args.submissions) {
      throw new WorkshopError('MISSING_SUBMISSIONS', 'workshop grade needs the folder of submissions', { hint: 'for example `npx workshop grade submissions/ --out grades/`', exitCode: EXIT.usage });
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
    console.log(`Graded ${run.results.length} submission(s) on ${run.labs.length} lab(s) in ${(run.durationMs / 1000).toFixed(1)} s (seed ${run.seed}); mean score ${mean.toFixed(1)}.`);
    console.log(`Reports in ${outDir}: grades.csv, grades.json, report.html, junit/, gradescope/, classroom/`);
  },
});
