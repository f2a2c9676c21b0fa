/**
 * The maintainers' proof that every grader can fail and pass: the starter must not get full
 * points, the solution must, and each mutant (the solution with a deliberate mistake) must fail
 * exactly the check it names.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLab, type LabResult } from './check-runner.ts';
import type { Lab } from './labs.ts';
import { applyMutant, listMutants } from './mutants.ts';
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
  for (const lab of labs) {
    const seed = 1000 + Number(lab.number);
    const starter = await runLab({ lab, labDir: lab.starterDir, target, seed });
    add({ lab: lab.id, variant: 'starter', expected: 'fails', ok: starter.score < starter.maxScore, detail: `${starter.score}/${starter.maxScore}` });

    const solution = await runLab({ lab, labDir: lab.solutionDir, target, seed });
    const solutionFails = failing(solution);
    add({
      lab: lab.id,
      variant: 'solution',
      expected: 'full points',
      ok: solution.score === solution.maxScore,
      detail: solutionFails.length === 0 ? `${solution.score}/${solution.maxScore}` : `failed ${solution.checks.filter((check) => !check.passed).map((check) => `${check.id}: ${check.message}`).join('; ')}`,
    });

    const mutants = listMutants(lab);
    if (mutants.length < 3) add({ lab: lab.id, variant: 'mutants', expected: 'at least 3', ok: false, detail: `${mutants.length} in ${lab.mutantsDir}` });
    for (const mutant of mutants) {
      const dir = mkdtempSync(join(tmpdir(), `mutant-${lab.id}-`));
      try {
        cpSync(lab.solutionDir, dir, { recursive: true });
        applyMutant(mutant, dir);
        const result = await runLab({ lab, labDir: dir, target, seed });
        const failed = failing(result);
        add({ lab: lab.id, variant: `mutant ${mutant.name}`, expected: `fails ${mutant.fails}`, ok: failed.includes(mutant.fails), detail: failed.length > 0 ? `failed ${failed.join(', ')}` : 'passed every check' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return rows;
}
