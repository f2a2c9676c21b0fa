/**
 * report.html: a cohort overview readable without a server — totals, the most-failed checks with
 * links to their hints, and a heatmap of learners x checks.
 */
import { escapeXml as escape } from '../../emulator/protocols/xml.ts';
import type { Lab } from '../../core/labs.ts';
import { totalsOf, type LearnerResult } from '../pool.ts';
import type { Language } from '../../core/i18n/language.ts';
import { reportMessage } from './report-messages.ts';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24}h1{margin:0 0 .3rem}table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left}th.rot{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:12px}
td.pass{background:#2da44e}td.fail{background:#cf222e}td.c{width:1.2rem;padding:0}.muted{color:#57606a}.bar{display:inline-block;height:.7rem;background:#cf222e;vertical-align:middle}
dt{font-weight:600;margin-top:.6rem}dd{margin:.1rem 0 0 1rem}`;

function anchor(labId: string, checkId: string): string {
  return `hint-${labId}-${checkId}`;
}

/** Renders the report for a graded cohort, in the instructor's language (`--lang`). */
export function reportHtml(results: LearnerResult[], labs: Lab[], meta: { seed: number; target: string; generatedAt: Date; lang?: Language }): string {
  const lang = meta.lang ?? 'en';
  const say = (...args: Parameters<typeof reportMessage>) => reportMessage(...args).texts[lang];
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const checks = labs.flatMap((lab) => lab.definition.checks.map((check) => ({ lab, check })));
  const outcome = (result: LearnerResult, labId: string, checkId: string) => result.labs.find((lab) => lab.labId === labId)?.checks.find((check) => check.id === checkId);
  const totals = results.map((result) => totalsOf(result).score);
  const max = labs.reduce((sum, lab) => sum + lab.definition.checks.reduce((inner, check) => inner + check.points, 0), 0);
  const mean = totals.length > 0 ? totals.reduce((a, b) => a + b, 0) / totals.length : 0;
  const sorted = [...totals].sort((a, b) => a - b);
  const median = sorted.length > 0 ? (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2 : 0;

  const failures = checks
    .map(({ lab, check }) => ({ lab, check, failed: results.filter((result) => !outcome(result, lab.id, check.id)?.passed).length }))
    .filter((row) => row.failed > 0)
    .sort((a, b) => b.failed - a.failed);
  const mostFailed = failures
    .map(({ lab, check, failed }) => `<tr><td><a href="#${anchor(lab.id, check.id)}">${escape(lab.id)}: ${escape(check.title[lang])}</a></td><td>${say('failedOf', { failed, count: results.length })}</td><td><span class="bar" style="width:${Math.round((failed / Math.max(1, results.length)) * 200)}px"></span></td></tr>`)
    .join('\n');

  const head = checks.map(({ lab, check }) => `<th class="rot" title="${escape(check.title[lang])}">${escape(lab.number)} ${escape(check.id)}</th>`).join('');
  const rows = results
    .map((result, index) => {
      const cells = checks
        .map(({ lab, check }) => {
          const found = outcome(result, lab.id, check.id);
          const title = found ? (found.passed ? say('passed') : (found.texts?.[lang] ?? found.message)) : say('notGraded');
          return `<td class="c ${found?.passed ? 'pass' : 'fail'}" title="${escape(title)}"></td>`;
        })
        .join('');
      const problem = result.problem ? ` <span class="muted" title="${escape(result.problem)}">(!)</span>` : '';
      return `<tr><td>${escape(result.learner)}${problem}</td><td>${totals[index]}/${max}</td>${cells}</tr>`;
    })
    .join('\n');

  const hints = labs
    .map((lab) => {
      const items = lab.definition.checks
        .map((check) => `<dt id="${anchor(lab.id, check.id)}">${escape(lab.id)}: ${escape(check.title[lang])} (${say('points', { points: check.points })})</dt>${check.hints.map((hint) => `<dd>${escape(lab.definition.hints[hint]?.[lang] ?? '')}</dd>`).join('')}`)
        .join('\n');
      return `<h3>${escape(lab.definition.title[lang])}</h3><dl>${items}</dl>`;
    })
    .join('\n');

  return `<!doctype html>
<html lang="${lang === 'zh-cn' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${say('title')}</title><style>${STYLE}</style></head>
<body>
<h1>${say('title')}</h1>
<p class="muted">${say('meta', { learners: results.length, labs: escape(labs.map((lab) => lab.number).join(lang === 'zh-cn' ? '、' : ', ')), target: escape(meta.target), seed: meta.seed, generated: escape(new Intl.DateTimeFormat(lang === 'zh-cn' ? 'zh-CN' : 'en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(meta.generatedAt)) })}</p>
<p>${say('scores', { mean: number.format(mean), max, median, full: totals.filter((total) => total === max).length })}</p>
<h2>${say('mostFailed')}</h2>
${failures.length > 0 ? `<table><tr><th>${say('check')}</th><th>${say('failedBy')}</th><th></th></tr>\n${mostFailed}\n</table>` : `<p>${say('allPassed')}</p>`}
<h2>${say('grid')}</h2>
<p class="muted">${say('legend')}</p>
<table><tr><th>${say('learner')}</th><th>${say('score')}</th>${head}</tr>
${rows}
</table>
<h2>${say('hints')}</h2>
${hints}
</body></html>
`;
}
