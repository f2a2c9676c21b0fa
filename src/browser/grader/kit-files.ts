/**
 * The kit's files a grader reads, in the lab worker's in-memory file system: every lab's lab.json
 * under /kit/labs/ (as findLab reads them), and the learner's files of the lab being checked.
 */
import { dirname, join } from 'node:path';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { KIT_ROOT } from '../../core/kit.ts';

/** Where the learner's copy of each lab lives in the page (what `workshop check` calls the lab folder). */
export const LEARNER_LABS = '/learner/labs';

/** Writes each lab's lab.json (lab id -> its text) where findLab looks for it. */
export function writeLabDefinitions(definitions: Record<string, string>): void {
  for (const [id, text] of Object.entries(definitions)) {
    mkdirSync(join(KIT_ROOT, 'labs', id), { recursive: true });
    writeFileSync(join(KIT_ROOT, 'labs', id, 'lab.json'), text);
  }
}

/** Replaces the learner's folder of lab `labId` with `files` (name -> text) and returns its path. */
export function writeLearnerLab(labId: string, files: Record<string, string>): string {
  const dir = join(LEARNER_LABS, labId);
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    // Names come from the page: only plain relative paths inside the lab folder are written.
    if (name.startsWith('/') || name.split('/').includes('..')) throw new Error(`not a file of the lab: ${name}`);
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return dir;
}
