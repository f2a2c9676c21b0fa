/**
 * What a submission tells beyond its grades: which labs are the kit's starters untouched (no
 * attempt), and which hints the learner revealed, read from the `.workshop/progress.json` the
 * submission carries (a copy of the learner's whole folder does; a clone of a repository does not,
 * as the kit's .gitignore leaves it out).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { listLabs, type Lab } from '../core/labs.ts';
import { readProgress } from '../core/progress.ts';
import { gitBlobId, readStarterManifest, type StarterManifest } from '../core/starters.ts';

/** A submission's notes. */
export interface LearnerNotes {
  /** Labs whose every starter file is as the kit ships it. */
  untouchedLabs: string[];
  /** Lab id -> ids of the hints revealed, from the submission's progress file. */
  hintsRevealed: Record<string, string[]>;
  /** Whether the submission carried a progress file at all. */
  progressFound: boolean;
}

/** Whether a file is the pristine starter, also when a checkout turned its line ends into CRLF. */
function pristine(path: string, blobId: string | undefined): boolean {
  if (!blobId || !existsSync(path)) return false;
  const content = readFileSync(path);
  return gitBlobId(content) === blobId || gitBlobId(Buffer.from(content.toString('utf8').replaceAll('\r\n', '\n'))) === blobId;
}

/** The labs under `labsDir` that hold nothing but the kit's starters. */
export function untouchedLabs(labsDir: string, labs: Lab[] = listLabs(), manifest: StarterManifest = readStarterManifest()): string[] {
  return labs
    .filter((lab) => existsSync(join(labsDir, lab.id)) && lab.definition.files.every((file) => pristine(join(labsDir, lab.id, file), manifest[`${lab.id}/${file}`])))
    .map((lab) => lab.id);
}

/** The progress file of a submission: beside its labs, or in the folder above them, but never outside the submission. */
function progressFileOf(submissionDir: string, labsDir: string): string | undefined {
  const candidates = [labsDir, dirname(labsDir), submissionDir].filter((dir) => !relative(submissionDir, dir).startsWith('..'));
  for (const dir of candidates) {
    const file = join(dir, '.workshop', 'progress.json');
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

/** Reads the notes of the submission copied to `submissionDir`, whose lab folders are in `labsDir`. */
export function learnerNotes(submissionDir: string, labsDir: string, labs: Lab[] = listLabs()): LearnerNotes {
  let manifest: StarterManifest;
  try {
    manifest = readStarterManifest();
  } catch {
    // A kit without its manifest cannot tell starters apart: every lab counts as attempted.
    manifest = {};
  }
  const file = progressFileOf(submissionDir, labsDir);
  const hintsRevealed: Record<string, string[]> = {};
  if (file) {
    // The file is the submission's private copy: a corrupt one is set aside there, never in the learner's folder.
    const progress = readProgress(file);
    for (const [labId, entry] of Object.entries(progress.labs)) if (entry.hintsRevealed.length > 0) hintsRevealed[labId] = entry.hintsRevealed;
  }
  return { untouchedLabs: untouchedLabs(labsDir, labs, manifest), hintsRevealed, progressFound: file !== undefined };
}

