/**
 * A cohort's submissions: every sub-folder (or .zip) of the submissions folder is one learner's
 * copy of `labs/`. Each is copied (or unzipped, refusing entries that escape) into a private work
 * folder with only its lab folders, so a submission's own package.json, tests or graders never
 * take part in grading.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { EXIT, WorkshopError, isWorkshopError } from '../core/errors.ts';
import type { Message } from '../core/i18n/texts.ts';
import { gradeMessage } from './grade-messages.ts';
import { learnerNotes, type LearnerNotes } from './learner-notes.ts';
import { unzipInto } from './unzip.ts';

/** One learner's submission, prepared for grading. */
export interface Submission {
  /** The learner's name: the folder or zip name. */
  learner: string;
  /** Where it came from. */
  source: string;
  /** The private copy that holds its lab folders. */
  workDir: string;
  /** A problem found while preparing it (a broken zip, say); grading then gives 0 points. */
  problem: Message | string | undefined;
  /** Untouched labs and hints revealed, when the submission could be read. */
  notes?: LearnerNotes | undefined;
}

const LAB_FOLDER = /^\d{2}-[a-z0-9-]+$/;

/** Learner names: file-system safe, as reports use them in file names. */
export function learnerName(entry: string): string {
  return entry.replace(/\.zip$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'learner';
}

/**
 * Leaves out node_modules and every symbolic link: a link could make the kit's own solutions
 * look like the learner's files.
 */
function keepFile(path: string): boolean {
  return !path.includes(`${sep}node_modules`) && !lstatSync(path).isSymbolicLink();
}

/** Where a submission keeps its lab folders: itself, or a `labs/` inside it (also one level down, as zips of a folder are). */
function labsRoot(dir: string): string {
  const candidates = [dir, join(dir, 'labs')];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) candidates.push(join(dir, entry.name), join(dir, entry.name, 'labs'));
  }
  return candidates.find((candidate) => existsSync(candidate) && readdirSync(candidate).some((name) => LAB_FOLDER.test(name))) ?? dir;
}

/** Prepares every submission under `submissionsDir` in `workRoot`, in name order. */
export function prepareSubmissions(submissionsDir: string, workRoot: string): Submission[] {
  if (!existsSync(submissionsDir) || !statSync(submissionsDir).isDirectory()) {
    throw new WorkshopError('NO_SUBMISSIONS', gradeMessage('notAFolder', { dir: submissionsDir }), { hint: gradeMessage('giveFolder'), exitCode: EXIT.usage });
  }
  const entries = readdirSync(submissionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || (entry.isFile() && /\.zip$/i.test(entry.name)))
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (entries.length === 0) {
    throw new WorkshopError('NO_SUBMISSIONS', gradeMessage('emptyFolder', { dir: submissionsDir }), { hint: gradeMessage('oneFolderEach'), exitCode: EXIT.usage });
  }
  const used = new Set<string>();
  return entries.map((entry) => {
    let learner = learnerName(entry.name);
    while (used.has(learner)) learner = `${learner}_`;
    used.add(learner);
    const source = join(submissionsDir, entry.name);
    const staging = join(workRoot, 'staging', learner);
    const workDir = join(workRoot, 'work', learner);
    mkdirSync(staging, { recursive: true });
    mkdirSync(workDir, { recursive: true });
    let problem: Message | undefined;
    let notes: LearnerNotes | undefined;
    try {
      if (entry.isDirectory()) cpSync(source, staging, { recursive: true, filter: keepFile });
      else unzipInto(readFileSync(source), staging);
      const root = labsRoot(staging);
      for (const name of readdirSync(root)) {
        if (LAB_FOLDER.test(name) && statSync(join(root, name)).isDirectory()) cpSync(join(root, name), join(workDir, name), { recursive: true });
      }
      notes = learnerNotes(staging, root);
    } catch (error) {
      // A bad zip says why in both languages; the file system's own errors are kept as they are.
      const reason = isWorkshopError(error) ? { id: error.code, params: {}, texts: error.texts.message } : (error as Error).message;
      problem = gradeMessage('unreadable', { reason });
    }
    return { learner, source, workDir, problem, notes };
  });
}
