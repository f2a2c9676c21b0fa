/**
 * Grades one learner's folder on its own, as GitHub Classroom (the pushed repository) and
 * Gradescope (/autograder/submission) hand it over: a cohort of one, with the kit's graders.
 */
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, sep } from 'node:path';
import { gradeCohort, type CohortRun } from './cohort.ts';
import { learnerName } from './submissions.ts';

/** Options of {@link gradeFolder}. */
export interface SingleOptions {
  learner: string;
  /** Where the reports go; a temporary folder when not given. */
  outDir?: string | undefined;
  labRefs?: string[] | undefined;
  target?: 'emulator' | 'localstack' | undefined;
  seed?: number | undefined;
}

/** Grades `dir` as the only submission and writes the cohort reports; the folder's .git and node_modules stay behind. */
export async function gradeFolder(dir: string, options: SingleOptions): Promise<CohortRun> {
  const cohort = mkdtempSync(join(tmpdir(), 'workshop-one-'));
  try {
    const learner = learnerName(options.learner);
    cpSync(dir, join(cohort, 'submissions', learner), {
      recursive: true,
      filter: (path) => !path.split(sep).some((part) => part === '.git' || part === 'node_modules') && !lstatSync(path).isSymbolicLink(),
    });
    return await gradeCohort({ submissionsDir: join(cohort, 'submissions'), outDir: options.outDir ?? join(cohort, 'out'), labRefs: options.labRefs, jobs: 1, target: options.target, seed: options.seed });
  } finally {
    rmSync(cohort, { recursive: true, force: true });
  }
}

/** The learner of a GitHub Actions run: the repository's name (Classroom names it assignment-login), else the folder's. */
export function classroomLearner(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.GITHUB_REPOSITORY?.split('/')[1] || basename(dir);
}

/** The learner of a Gradescope submission: the submitters' e-mail addresses from submission_metadata.json, else "submission". */
export function gradescopeLearner(root: string): string {
  const file = join(root, 'submission_metadata.json');
  if (!existsSync(file)) return 'submission';
  try {
    const users = (JSON.parse(readFileSync(file, 'utf8')) as { users?: Array<{ email?: string; name?: string }> }).users ?? [];
    return users.map((user) => user.email || user.name || '').filter(Boolean).join('+') || 'submission';
  } catch {
    return 'submission';
  }
}
