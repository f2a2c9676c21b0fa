/**
 * The maintainers' proof that every grader can fail and pass: the starter must not get full
 * points, the solution must, and each mutant (the solution with a deliberate mistake) must fail
 * exactly the check it names.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabRunner, type LabResult } from './check-runner.ts';
import { coreMessage } from './core-messages.ts';
import { inLanguage } from './i18n/texts.ts';
import type { Lab } from './labs.ts';
import { applyMutant, listMutants, type Mutant } from './mutants.ts';
import { writePristineStarters } from './starters.ts';
import type { Target } from './target.ts';

const say = (...args: Parameters<typeof coreMessage>) => inLanguage(coreMessage(...args));

/** One row of the proof, its words in the maintainer's language. */
export interface DevCheckRow {
  lab: string;
  variant: string;
  expected: string;
  ok: boolean;
  detail: string;
}

function failing(result: LabResult): string[] {
  return result.checks.filter((check) => !check.passed).map((check) => check.id);
}

/**
 * The row for run `run` of a lab's proof, whichever runner graded it: run 0 is the starter (must
 * not get full points), run 1 the solution (must), run 2 onwards the mutants in `mutants`' order
 * (each must fail the check it names).
 */
export function proofRow(lab: Lab, mutants: Mutant[], run: number, result: LabResult): DevCheckRow {
  if (run === 0) return { lab: lab.id, variant: say('devStarter'), expected: say('devFails'), ok: result.score < result.maxScore, detail: `${result.score}/${result.maxScore}` };
  if (run === 1) {
    return {
      lab: lab.id,
      variant: say('devSolution'),
      expected: say('devFullPoints'),
      ok: result.score === result.maxScore,
      detail: failing(result).length === 0 ? `${result.score}/${result.maxScore}` : say('devFailed', { list: result.checks.filter((check) => !check.passed).map((check) => `${check.id}: ${inLanguage(check.texts)}`).join('; ') }),
    };
  }
  const mutant = mutants[run - 2]!;
  const failed = failing(result);
  return { lab: lab.id, variant: say('devMutant', { name: mutant.name }), expected: say('devFailsCheck', { id: mutant.fails }), ok: failed.includes(mutant.fails), detail: failed.length > 0 ? say('devFailed', { list: failed.join(', ') }) : say('devPassedEvery') };
}

/** The folders of a lab's proof under `work`, in proofRow's run order: the kit's starter, the solution, each mutant applied to a copy of it. */
export function proofFolders(lab: Lab, work: string): { mutants: Mutant[]; labDirs: string[] } {
  const mutants = listMutants(lab);
  const mutantDirs = mutants.map((mutant) => {
    const dir = join(work, lab.id, mutant.name);
    cpSync(lab.solutionDir, dir, { recursive: true });
    applyMutant(mutant, dir);
    return dir;
  });
  // The kit's starter, not the maintainer's working copy of labs/, which may hold a solved lab.
  const starterDir = join(writePristineStarters(join(work, 'starters'), [lab]), lab.id);
  return { mutants, labDirs: [starterDir, lab.solutionDir, ...mutantDirs] };
}

/** The seed a lab's proof grades with, the same in every pass. */
export const proofSeed = (lab: Lab): number => 1000 + Number(lab.number);

/** Runs the proof for each lab; `onRow` hears each row as it is decided. */
export async function devCheck(labs: Lab[], target: Target, onRow: (row: DevCheckRow) => void = () => {}): Promise<DevCheckRow[]> {
  const rows: DevCheckRow[] = [];
  const add = (row: DevCheckRow) => {
    rows.push(row);
    onRow(row);
  };
  const runner = new LabRunner(target.name !== 'aws');
  const work = mkdtempSync(join(tmpdir(), 'dev-check-'));
  try {
    for (const lab of labs) {
      const seed = proofSeed(lab);
      const { mutants, labDirs } = proofFolders(lab, work);
      // The starter, the solution and every mutant in one batch: one worker process serves them all.
      await runner.runMany(labDirs.map((labDir) => ({ labs: [{ lab, labDir }], target, seed })), (run, result) => {
        const row = proofRow(lab, mutants, run, result);
        add(row);
        if (run === 1 && mutants.length < 3) add({ lab: lab.id, variant: say('devMutants'), expected: say('devAtLeast3'), ok: false, detail: say('devMutantsIn', { count: mutants.length, dir: lab.mutantsDir }) });
      });
    }
  } finally {
    await runner.close();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
