/**
 * Cohort grading benchmark (run with `node bench/grade.ts [submissions] [jobs]`): grades a cohort
 * of solutions, starters and mutants of every lab, and prints the wall time, the time per
 * submission and the CPU time used. Default: 40 submissions, the grade command's default jobs.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIT_ROOT } from '../src/core/kit.ts';
import { listLabs } from '../src/core/labs.ts';
import { applyMutant, listMutants } from '../src/core/mutants.ts';
import { defaultJobs, gradeCohort } from '../src/grade/cohort.ts';
import { endedChildrenCpuMs, percentile, report } from './stats.ts';

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

const count = Number(process.argv[2] ?? 40);
const jobs = Number(process.argv[3] ?? defaultJobs());
const labs = listLabs();
const root = mkdtempSync(join(tmpdir(), 'bench-grade-'));
const submissions = join(root, 'submissions');
const mutants = labs.flatMap((lab) => listMutants(lab).map((mutant) => ({ lab, mutant })));

for (let i = 0; i < count; i++) {
  const dir = join(submissions, `learner-${String(i).padStart(3, '0')}`);
  const kind = i % 5;
  if (kind === 4) {
    cpSync(join(KIT_ROOT, 'labs'), dir, { recursive: true });
  } else {
    cpSync(join(KIT_ROOT, 'solutions'), dir, { recursive: true });
    if (kind >= 2) {
      const mutant = mutants[i % mutants.length]!;
      applyMutant(mutant.mutant, join(dir, mutant.lab.id));
    }
  }
}

const cpuBefore = process.cpuUsage();
const childrenBefore = endedChildrenCpuMs();
const started = performance.now();
const run = await gradeCohort({ submissionsDir: submissions, outDir: join(root, 'out'), jobs, seed: 1 });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
console.log(`Cohort grading benchmark: ${count} submissions x ${labs.length} labs, ${jobs} jobs, ${availableParallelism()} cores, Node.js ${process.version}`);
report('wall time for the cohort', seconds, 's');
report('per submission (wall / count)', seconds / count, 's');
report('CPU of the parent process (emulator included)', (cpu.user + cpu.system) / 1e6, 's');
report('CPU of ended child processes', (endedChildrenCpuMs() - childrenBefore) / 1000, 's', 'grading workers, Vitest workers, Lambda environments');
// Where the wall time goes: each lab's grading time across the cohort, slowest first.
console.log('  seconds per submission-lab, by lab (mean, p90, max):');
const perLab = labs.map((lab) => ({ lab, seconds: run.results.flatMap((result) => result.labs.filter((item) => item.labId === lab.id && item.durationMs > 0).map((item) => item.durationMs / 1000)) }));
for (const { lab, seconds } of perLab.sort((a, b) => mean(b.seconds) - mean(a.seconds))) {
  console.log(`    ${lab.id.padEnd(24)} ${mean(seconds).toFixed(1).padStart(6)} ${percentile(seconds, 90).toFixed(1).padStart(6)} ${Math.max(...seconds).toFixed(1).padStart(6)}`);
}
const full = run.results.filter((result) => result.labs.every((lab) => lab.score === lab.maxScore)).length;
console.log(`  ${full} of ${count} submissions got full points (expected ${count - Math.ceil(count / 5) - Math.floor((count * 2) / 5) + 0} or so: solutions only)`);
// A solution that lost points is a grading error, not a learner's: say where, so it can be fixed.
for (const result of run.results.filter((result) => Number(result.learner.slice(-3)) % 5 < 2)) {
  for (const lab of result.labs.filter((lab) => lab.score < lab.maxScore)) {
    const failed = lab.checks.filter((check) => !check.passed).map((check) => `${check.id}: ${check.message}`);
    console.log(`  solution graded wrong: ${result.learner} ${lab.labId} ${lab.score}/${lab.maxScore}${result.problem ? ` (${result.problem})` : ''}\n    ${failed.join('\n    ')}`);
  }
}
rmSync(root, { recursive: true, force: true });
