/**
 * The maintainers' proof that every grader can fail and pass: the starter must not get full
 * points, the solution must, and each mutant (the solution with a deliberate mistake) must fail
 * exactly the check it names.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabRunner, type LabResult } from './check-runner.ts';
import type { Lab } from './labs.ts';
import { applyMutant, listMutants } from './mutants.ts';
import { writePristineStarters } from './starters.ts';
import type { Target } from './target.ts';

/** One row of the proof. */
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
      const seed = 1000 + Number(lab.number);
      const mutants = listMutants(lab);
      const mutantDirs = mutants.map((mutant) => {
        const dir = join(work, lab.id, mutant.name);
        cpSync(lab.solutionDir, dir, { recursive: true });
        applyMutant(mutant, dir);
        return dir;
      });
      // The kit's starter, not the maintainer's working copy of labs/, which may hold a solved lab.
      const starterDir = join(writePristineStarters(join(work, 'starters'), [lab]), lab.id);
      // The starter, the solution and every mutant in one batch: one worker process serves them all.
      const labDirs = [starterDir, lab.solutionDir, ...mutantDirs];
      await runner.runMany(labDirs.map((labDir) => ({ labs: [{ lab, labDir }], target, seed })), (run, result) => {
        if (run === 0) {
          add({ lab: lab.id, variant: 'starter', expected: 'fails', ok: result.score < result.maxScore, detail: `${result.score}/${result.maxScore}` });
        } else if (run === 1) {
          add({
            lab: lab.id,
            variant: 'solution',
            expected: 'full points',
            ok: result.score === result.maxScore,
            detail: failing(result).length === 0 ? `${result.score}/${result.maxScore}` : `failed ${result.checks.filter((check) => !check.passed).map((check) => `${check.id}: ${check.message}`).join('; ')}`,
          });
          if (mutants.length < 3) add({ lab: lab.id, variant: 'mutants', expected: 'at least 3', ok: false, detail: `${mutants.length} in ${lab.mutantsDir}` });
        } else {
          const mutant = mutants[run - 2]!;
          const failed = failing(result);
          add({ lab: lab.id, variant: `mutant ${mutant.name}`, expected: `fails ${mutant.fails}`, ok: failed.includes(mutant.fails), detail: failed.length > 0 ? `failed ${failed.join(', ')}` : 'passed every check' });
        }
      });
    }
  } finally {
    await runner.close();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
