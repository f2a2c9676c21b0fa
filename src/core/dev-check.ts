/**
 * The maintainers' proof that every grader can fail and pass: the starter must not get full
 * points, the solution must, and each mutant (the solution with a deliberate mistake) must fail
 * exactly the check it names.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLab, type LabResult } from './check-runner.ts';
import type { Lab } from './labs.ts';
import type { Target } from './target.ts';

/** One row of the proof. */
export interface DevCheckRow {
  lab: string;
  variant: string;
  expected: string;
  ok: boolean;
  detail: string;
}

/** A mutant: a folder of files laid over the solution, and the check it must fail. */
interface Mutant {
  name: string;
  dir: string;
  fails: string;
}

function mutantsOf(lab: Lab): Mutant[] {
  if (!existsSync(lab.mutantsDir)) return [];
  return readdirSync(lab.mutantsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = join(lab.mutantsDir, entry.name);
      const spec = JSON.parse(readFileSync(join(dir, 'mutant.json'), 'utf8')) as { fails: string };
      return { name: entry.name, dir, fails: spec.fails };
    });
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

    const mutants = mutantsOf(lab);
    if (mutants.length < 3) add({ lab: lab.id, variant: 'mutants', expected: 'at least 3', ok: false, detail: `${mutants.length} in ${lab.mutantsDir}` });
    for (const mutant of mutants) {
      const dir = mkdtempSync(join(tmpdir(), `mutant-${lab.id}-`));
      try {
        cpSync(lab.solutionDir, dir, { recursive: true });
        cpSync(mutant.dir, dir, { recursive: true, filter: (source) => !source.endsWith('mutant.json') });
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
