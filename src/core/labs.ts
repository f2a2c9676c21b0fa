/** Finding labs: their folders, solutions, graders and mutants, by full id or by number. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { coreMessage } from './core-messages.ts';
import { EXIT, WorkshopError } from './errors.ts';
import { KIT_ROOT } from './kit.ts';
import { readLabDefinition, type LabDefinition } from './lab-schema.ts';

/** A lab as the engine sees it. */
export interface Lab {
  definition: LabDefinition;
  /** `01-first-handler`. */
  id: string;
  /** `01`. */
  number: string;
  /** The kit's own starter folder (labs/NN-slug). */
  starterDir: string;
  solutionDir: string;
  /** The grader that ships with the kit: graders never come from a submission. */
  graderFile: string;
  mutantsDir: string;
}

/** The ids of the kit's labs, in number order, without reading their lab.json. */
export function listLabIds(root = KIT_ROOT): string[] {
  const labsDir = join(root, 'labs');
  if (!existsSync(labsDir)) return [];
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{2}-/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** Every lab of the kit, in number order. */
export function listLabs(root = KIT_ROOT): Lab[] {
  return listLabIds(root).map((id) => labOf(root, id));
}

function labOf(root: string, id: string): Lab {
  const starterDir = join(root, 'labs', id);
  return {
    definition: readLabDefinition(starterDir),
    id,
    number: id.slice(0, 2),
    starterDir,
    solutionDir: join(root, 'solutions', id),
    graderFile: join(root, 'test', 'labs', `${id}.test.ts`),
    mutantsDir: join(root, 'test', 'labs', 'mutants', id),
  };
}

/** Finds a lab by `01`, `1` or `01-first-handler`; the error lists the labs there are. */
export function findLab(reference: string, root = KIT_ROOT): Lab {
  const ids = listLabIds(root);
  const wanted = reference.trim();
  const number = /^\d{1,2}$/.test(wanted) ? wanted.padStart(2, '0') : undefined;
  const found = ids.find((id) => id === wanted || id.slice(0, 2) === number);
  if (found) return labOf(root, found);
  throw new WorkshopError('UNKNOWN_LAB', coreMessage('unknownLab', { reference }), {
    hint: ids.length > 0 ? coreMessage('theLabsAre', { ids: ids.join(', ') }) : coreMessage('noLabsYet'),
    exitCode: EXIT.usage,
  });
}

/** The learner's copy of a lab: `<dir>/<id>` where `dir` is `labs/` unless `--dir` says otherwise. */
export function learnerLabDir(lab: Lab, dir: string | undefined, cwd = process.cwd()): string {
  const base = dir ? resolve(cwd, dir) : join(KIT_ROOT, 'labs');
  const candidate = join(base, lab.id);
  if (existsSync(candidate)) return candidate;
  // --dir may point at the lab folder itself.
  if (dir && existsSync(join(base, 'lab.json'))) return base;
  throw new WorkshopError('LAB_DIR_MISSING', coreMessage('labDirMissing', { dir: candidate, id: lab.id }), {
    hint: dir ? coreMessage('pointDir') : coreMessage('restoreLab', { id: lab.id }),
    exitCode: EXIT.failed,
  });
}
