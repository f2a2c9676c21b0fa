/**
 * Mutants: the solution of a lab with one deliberate mistake, written as edits in
 * `test/labs/mutants/<lab>/<name>/mutant.json` (`find` must occur exactly once in the file), so
 * the mistake is visible at a glance and no second copy of the solution exists.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EXIT, WorkshopError } from './errors.ts';
import type { Lab } from './labs.ts';

const mutantSchema = z.object({
  /** The check this mistake must fail. */
  fails: z.string().min(1),
  /** The mistake, in a sentence. */
  why: z.string().optional(),
  edits: z.array(z.object({ file: z.string().min(1), find: z.string().min(1), replace: z.string() })).min(1),
});

/** A mutant of a lab. */
export interface Mutant {
  name: string;
  fails: string;
  why: string | undefined;
  edits: Array<{ file: string; find: string; replace: string }>;
}

/** The mutants of a lab, in name order. */
export function listMutants(lab: Lab): Mutant[] {
  if (!existsSync(lab.mutantsDir)) return [];
  return readdirSync(lab.mutantsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = join(lab.mutantsDir, name, 'mutant.json');
      const parsed = mutantSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new WorkshopError('BAD_MUTANT', `${file}: field "${issue.path.join('.') || '(top level)'}": ${issue.message}`, { exitCode: EXIT.failed });
      }
      return { name, fails: parsed.data.fails, why: parsed.data.why, edits: parsed.data.edits };
    });
}

/** Applies a mutant's edits to a copy of the solution in `dir`. */
export function applyMutant(mutant: Mutant, dir: string): void {
  for (const edit of mutant.edits) {
    const path = join(dir, edit.file);
    const text = readFileSync(path, 'utf8');
    const found = text.split(edit.find).length - 1;
    if (found !== 1) {
      throw new WorkshopError('BAD_MUTANT', `mutant ${mutant.name}: the text to replace occurs ${found} times in ${edit.file}, not once`, {
        hint: 'make "find" longer so it names one place in the solution',
        exitCode: EXIT.failed,
      });
    }
    writeFileSync(path, text.replace(edit.find, () => edit.replace));
  }
}
