/** How a lab result is shown: a checklist for people, Exercism-style results.json for machines. */
import { styleText } from 'node:util';
import type { LabResult } from '../core/check-runner.ts';
import { hintState } from '../core/hints.ts';
import type { LabDefinition } from '../core/lab-schema.ts';
import type { LabProgress } from '../core/progress.ts';

/** The checklist of one lab. */
export function formatChecklist(result: LabResult, targetName: string): string {
  const lines = [`Lab ${result.labId.slice(0, 2)}: ${result.title}  (target ${targetName}, seed ${result.seed})`];
  const width = Math.max(...result.checks.map((check) => check.title.length));
  for (const check of result.checks) {
    const mark = check.passed ? styleText('green', '✔') : styleText('red', '✖');
    lines.push(`  ${mark} ${check.title.padEnd(width)}  ${check.points}/${check.maxPoints}`);
    if (!check.passed) lines.push(`      ${check.message}`);
  }
  const passed = result.checks.filter((check) => check.passed).length;
  lines.push(`  Score ${result.score}/${result.maxScore}: ${passed} of ${result.checks.length} checks passed in ${(result.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

/**
 * The line under a failing checklist: the first failing check, and what `workshop hint` does for
 * it now. `progress` is the lab's entry with this run recorded.
 */
export function stuckLine(labNumber: string, definition: LabDefinition, progress: LabProgress): string | undefined {
  const failed = new Set(progress.lastResult?.checks.filter((check) => !check.passed).map((check) => check.id));
  const first = definition.checks.find((check) => failed.has(check.id));
  if (!first) return undefined;
  const hint = `\`npx workshop hint ${labNumber}\``;
  const { next, relevant } = hintState(definition, progress);
  const stuck = `  Stuck on "${first.title}"?`;
  // Hints come in check order, so the next one is the first failing check's while it has any left.
  if (next?.checkId === first.id) return `${stuck} ${hint} reveals a hint.`;
  if (next) return `${stuck} No hint is left for it (\`npx workshop hint ${labNumber} --all\` lists those shown); ${hint} reveals one for "${next.checkTitle}".`;
  if (relevant.length > 0) return `${stuck} Every hint is shown: ${hint} lists them again.`;
  return `${stuck} It has no hints: its message above and the lab's README say what it needs.`;
}

/** A summary table of several labs. */
export function formatSummary(results: LabResult[]): string {
  const lines = ['', 'Lab                          Score   Checks'];
  for (const result of results) {
    const passed = result.checks.filter((check) => check.passed).length;
    const done = result.score === result.maxScore ? styleText('green', 'done') : '';
    lines.push(`${result.labId.padEnd(28)} ${`${result.score}/${result.maxScore}`.padStart(5)}   ${passed}/${result.checks.length} ${done}`);
  }
  const score = results.reduce((sum, result) => sum + result.score, 0);
  const max = results.reduce((sum, result) => sum + result.maxScore, 0);
  lines.push(`${'Total'.padEnd(28)} ${`${score}/${max}`.padStart(5)}`);
  return lines.join('\n');
}

/** A lab result in the shape of Exercism's results.json version 3, with the kit's score added. */
export function resultsJson(result: LabResult): Record<string, unknown> {
  const allPassed = result.checks.every((check) => check.passed);
  return {
    version: 3,
    status: allPassed ? 'pass' : 'fail',
    lab: result.labId,
    score: result.score,
    max_score: result.maxScore,
    seed: result.seed,
    tests: result.checks.map((check) => ({
      name: check.id,
      title: check.title,
      status: check.passed ? 'pass' : 'fail',
      points: check.points,
      max_points: check.maxPoints,
      ...(check.passed ? {} : { message: check.message }),
      duration_ms: Math.round(check.durationMs),
    })),
  };
}
