/**
 * A check's result in the panel, line for line what `workshop check` prints (src/cli/checklist.ts):
 * the head with the lab, the target and the seed, each check with ✔/✖ and its points, the
 * reason under a failed one, and the score line with seconds; then the lab's progress as the
 * LabProgress box shows it (best score, last check, hints revealed).
 */
import type { LabResult } from '../../../../src/core/check-results.ts';
import type { LabProgress } from '../../../../src/core/progress-data.ts';
import { cliMessage } from '../../../../src/cli/messages.ts';
import { fill, formatDateTime, formatNumber } from '../fill.ts';
import type { Strings } from '../strings.ts';
import { h } from '../live/kit.ts';

/** The LabProgress box's strings, as the page hands them to the panel. */
export type ProgressStrings = Strings['progress'];

type Lang = 'en' | 'zh-cn';

/** The checklist of `result` in `lang`, run on `target` (the page's emulator). */
export function checklist(result: LabResult, lang: Lang, target: string, passedLabel: string, failedLabel: string): HTMLElement {
  const head = cliMessage('checklistHead', { number: result.labId.slice(0, 2), title: result.titles[lang], target, seed: result.seed }).texts[lang];
  const passed = result.checks.filter((check) => check.passed).length;
  const seconds = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(result.durationMs / 1000);
  const score = cliMessage('score', { score: result.score, max: result.maxScore, passed, count: result.checks.length, seconds }).texts[lang];
  return h('div', { class: 'lab-here-checklist' },
    h('p', { class: 'checklist-head' }, head),
    h('ul', { class: 'checks' },
      ...result.checks.map((check) =>
        h('li', { class: check.passed ? 'passed' : 'failed', 'data-check': check.id },
          h('span', { class: 'mark', role: 'img', 'aria-label': check.passed ? passedLabel : failedLabel }, check.passed ? '✔' : '✖'),
          h('span', { class: 'check-title' }, check.titles[lang]),
          h('span', { class: 'check-points' }, `${check.points}/${check.maxPoints}`),
          check.passed ? null : h('span', { class: 'check-message' }, check.texts[lang]),
        ),
      ),
    ),
    h('p', { class: 'score-line' }, score),
  );
}

/** The lab's progress in the page, as LabProgress shows the kit's: best score, last check, hints revealed. */
export function progressBox(entry: LabProgress | undefined, locale: Lang, t: ProgressStrings): HTMLElement | null {
  if (!entry?.lastRun) return null;
  const number = (n: number) => formatNumber(n, locale);
  const max = entry.maxScore;
  const percent = formatNumber(max > 0 ? entry.bestScore / max : 0, locale, { style: 'percent', maximumFractionDigits: 0 });
  const points = fill(t.points, { score: number(entry.bestScore), max: number(max) });
  const meta = [fill(t.lastRun, { time: formatDateTime(entry.lastRun, locale) }), fill(t.hints, { count: number(entry.hintsRevealed.length) })];
  return h('div', { class: 'lab-here-progress' },
    h('div', { class: 'score' },
      h('meter', { min: '0', max: String(max || 1), value: String(entry.bestScore), 'aria-label': t.best }),
      h('span', { class: 'points' }, fill(t.bestLine, { points, percent })),
    ),
    h('p', { class: 'meta' }, meta.join(t.separator)),
  );
}
