/** How a lab result is shown: a checklist for people, Exercism-style results.json for machines. */
import { styleText } from 'node:util';
import type { LabResult } from '../core/check-runner.ts';
import { hintState } from '../core/hints.ts';
import type { LabDefinition } from '../core/lab-schema.ts';
import type { LabProgress } from '../core/progress.ts';
import { language, type Language } from '../core/i18n/language.ts';
import { columns, padTo } from './columns.ts';
import { cliMessage } from './messages.ts';

/** The checklist of one lab. */
export function formatChecklist(result: LabResult, targetName: string, lang: Language = language()): string {
  const lines = [cliMessage('checklistHead', { number: result.labId.slice(0, 2), title: result.titles[lang], target: targetName, seed: result.seed }).texts[lang]];
  const width = Math.max(...result.checks.map((check) => columns(check.titles[lang])));
  for (const check of result.checks) {
    const mark = check.passed ? styleText('green', '✔') : styleText('red', '✖');
    lines.push(`  ${mark} ${padTo(check.titles[lang], width)}  ${check.points}/${check.maxPoints}`);
    if (!check.passed) lines.push(`      ${check.texts[lang]}`);
  }
  const passed = result.checks.filter((check) => check.passed).length;
  const seconds = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(result.durationMs / 1000);
  lines.push(`  ${cliMessage('score', { score: result.score, max: result.maxScore, passed, count: result.checks.length, seconds }).texts[lang]}`);
  return lines.join('\n');
}

/**
 * The line under a failing checklist: the first failing check, and what `workshop hint` does for
 * it now. `progress` is the lab's entry with this run recorded.
 */
export function stuckLine(labNumber: string, definition: LabDefinition, progress: LabProgress, lang: Language = language()): string | undefined {
  const failed = new Set(progress.lastResult?.checks.filter((check) => !check.passed).map((check) => check.id));
  const first = definition.checks.find((check) => failed.has(check.id));
  if (!first) return undefined;
  const hint = `\`npx workshop hint ${labNumber}\``;
  const { next, relevant } = hintState(definition, progress);
  const stuck = `  ${cliMessage('stuck', { title: first.title[lang] }).texts[lang]}`;
  const say = (text: ReturnType<typeof cliMessage>) => `${stuck}${lang === 'zh-cn' ? '' : ' '}${text.texts[lang]}`;
  // Hints come in check order, so the next one is the first failing check's while it has any left.
  if (next?.checkId === first.id) return say(cliMessage('stuckReveal', { hint }));
  if (next) return say(cliMessage('stuckNoneLeft', { number: labNumber, hint, next: next.checkTitle[lang] }));
  if (relevant.length > 0) return say(cliMessage('stuckAllShown', { hint }));
  return say(cliMessage('stuckNoHints'));
}

/** A summary table of several labs. */
export function formatSummary(results: LabResult[], lang: Language = language()): string {
  const lines = ['', cliMessage('summaryHead').texts[lang]];
  for (const result of results) {
    const passed = result.checks.filter((check) => check.passed).length;
    const done = result.score === result.maxScore ? styleText('green', cliMessage('summaryDone').texts[lang]) : '';
    lines.push(`${result.labId.padEnd(28)} ${`${result.score}/${result.maxScore}`.padStart(5)}   ${passed}/${result.checks.length} ${done}`);
  }
  const score = results.reduce((sum, result) => sum + result.score, 0);
  const max = results.reduce((sum, result) => sum + result.maxScore, 0);
  lines.push(`${padTo(cliMessage('summaryTotal').texts[lang], 28)} ${`${score}/${max}`.padStart(5)}`);
  return lines.join('\n');
}

/**
 * A lab result in the shape of Exercism's results.json version 3, with the kit's score added.
 * Ids, titles and messages stay in English (tools read them); `title_text` and `message_text` add
 * them in the learner's language.
 */
export function resultsJson(result: LabResult, lang: Language = language()): Record<string, unknown> {
  const allPassed = result.checks.every((check) => check.passed);
  return {
    version: 3,
    status: allPassed ? 'pass' : 'fail',
    lab: result.labId,
    language: lang,
    score: result.score,
    max_score: result.maxScore,
    seed: result.seed,
    tests: result.checks.map((check) => ({
      name: check.id,
      title: check.title,
      title_text: check.titles[lang],
      status: check.passed ? 'pass' : 'fail',
      points: check.points,
      max_points: check.maxPoints,
      ...(check.passed ? {} : { message: check.message, message_text: check.texts[lang] }),
      duration_ms: Math.round(check.durationMs),
    })),
  };
}
