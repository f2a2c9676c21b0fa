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
import { applyMutant, listMutants } from './mutants.ts';
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
          add({ lab: lab.id, variant: say('devStarter'), expected: say('devFails'), ok: result.score < result.maxScore, detail: `${result.score}/${result.maxScore}` });
        } else if (run === 1) {
          add({
            lab: lab.id,
            variant: say('devSolution'),
            expected: say('devFullPoints'),
            ok: result.score === result.maxScore,
            detail: failing(result).length === 0 ? `${result.score}/${result.maxScore}` : say('devFailed', { list: result.checks.filter((check) => !check.passed).map((check) => `${check.id}: ${inLanguage(check.texts)}`).join('; ') }),
          });
          if (mutants.length < 3) add({ lab: lab.id, variant: say('devMutants'), expected: say('devAtLeast3'), ok: false, detail: say('devMutantsIn', { count: mutants.length, dir: lab.mutantsDir }) });
        } else {
          const mutant = mutants[run - 2]!;
          const failed = failing(result);
          add({ lab: lab.id, variant: say('devMutant', { name: mutant.name }), expected: say('devFailsCheck', { id: mutant.fails }), ok: failed.includes(mutant.fails), detail: failed.length > 0 ? say('devFailed', { list: failed.join(', ') }) : say('devPassedEvery') });
        }
      });
    }
  } finally {
    await runner.close();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}
