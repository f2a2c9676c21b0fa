/**
 * report.html: a cohort overview readable without a server. Totals; the most-failed checks among
 * learners who attempted the lab, linked to their hints; every check with how many passed, failed,
 * made no attempt and took a hint before passing; a grid of learners x checks whose cells link to
 * the reasons; and a section per learner with every check's reason in words.
 */
import { escapeXml as escape } from '../../emulator/protocols/xml.ts';
import type { Lab } from '../../core/labs.ts';
import { totalsOf, type LearnerResult } from '../pool.ts';
import type { Language } from '../../core/i18n/language.ts';
import { learnerSection } from './html-learner.ts';
import { checkStats, hintAnchor, learnerAnchor, noAttempt, outcomeOf, rowAnchor } from './report-data.ts';
import { reportMessage } from './report-messages.ts';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;background:#fff}h1{margin:0 0 .3rem}a{color:#0550ae}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;vertical-align:top}
.scroll{overflow-x:auto;max-width:100%}th.rot{vertical-align:bottom;font-weight:normal;font-size:12px;padding:.35rem .15rem}
th.rot a{display:inline-block;writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
td.c{padding:0;text-align:center;min-width:1.7rem}td.c a{display:block;padding:.15rem 0;color:#fff;text-decoration:none;font-weight:700}
td.pass{background:#1a7f37}td.fail{background:#cf222e}td.none{background:#eaeef2}td.none a{color:#1b1f24}
a:focus-visible{outline:3px solid #0969da;outline-offset:2px}.muted{color:#57606a}.bar{display:inline-block;height:.7rem;background:#cf222e;vertical-align:middle}
.badge{display:inline-block;font-size:12px;font-weight:600;padding:0 .4rem;border-radius:.6rem;background:#fff8c5;color:#4d2d00;border:1px solid #d4a72c}
.took{font-size:12px;color:#57606a}.problem{color:#a40e26}tr.failed th{color:#a40e26}:target{outline:3px solid #0969da}
dt{font-weight:600;margin-top:.6rem}dd{margin:.1rem 0 0 1rem}section.learner{border-top:1px solid #d0d7de;margin-top:1.5rem}
@media print{body{margin:0}.scroll{overflow:visible}td.c,.bar,.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}section.learner{break-before:page}a{color:inherit;text-decoration:none}}`;

/** Renders the report for a graded cohort, in the instructor's language (`--lang`). */
export function reportHtml(results: LearnerResult[], labs: Lab[], meta: { seed: number | string; target: string; generatedAt: Date; lang?: Language }): string {
  const lang = meta.lang ?? 'en';
  const say = (...args: Parameters<typeof reportMessage>) => reportMessage(...args).texts[lang];
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const totals = results.map((result) => totalsOf(result).score);
  const max = labs.reduce((sum, lab) => sum + lab.definition.checks.reduce((inner, check) => inner + check.points, 0), 0);
  const mean = totals.length > 0 ? totals.reduce((a, b) => a + b, 0) / totals.length : 0;
  const sorted = [...totals].sort((a, b) => a - b);
  const median = sorted.length > 0 ? (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2 : 0;
  const stats = checkStats(results, labs);
  const label = (lab: Lab, title: string) => `${escape(lab.id)}: ${escape(title)}`;

  const failures = stats.filter((row) => row.failed > 0).sort((a, b) => b.failed - a.failed);
  const mostFailed = failures
    .map(({ lab, check, failed, noAttempt: none }) => {
      const attempted = results.length - none;
      return `<tr><td><a href="#${hintAnchor(lab.id, check.id)}">${label(lab, check.title[lang])}</a></td><td>${say('failedOf', { failed, count: attempted })}</td><td>${none}</td><td><span class="bar" style="width:${Math.round((failed / Math.max(1, attempted)) * 120)}px"></span></td></tr>`;
    })
    .join('\n');

  const everyCheck = stats
    .map(({ lab, check, passed, failed, noAttempt: none, hintTakers, passedAfterHint }) => `<tr><td><a href="#${hintAnchor(lab.id, check.id)}">${label(lab, check.title[lang])}</a></td><td>${passed}</td><td>${failed}</td><td>${none}</td><td>${hintTakers > 0 ? say('hintOf', { passed: passedAfterHint, took: hintTakers }) : '0'}</td></tr>`)
    .join('\n');

  const head = stats.map(({ lab, check }) => `<th scope="col" class="rot"><a href="#${hintAnchor(lab.id, check.id)}" title="${escape(check.title[lang])}">${escape(lab.number)} ${escape(check.id)}</a></th>`).join('');
  const rows = results
    .map((result, index) => {
      const cells = stats
        .map(({ lab, check }) => {
          const found = outcomeOf(result, lab.id, check.id);
          const none = !found?.passed && noAttempt(result, lab.id);
          const [kind, mark, words] = found?.passed ? ['pass', '✓', say('passed')] : none ? ['none', '–', say('noAttempt')] : ['fail', '✗', found ? (found.texts?.[lang] ?? found.message) : say('notGraded')];
          const name = `${result.learner}, ${lab.number} ${check.title[lang]}: ${words}`;
          return `<td class="c ${kind}"><a href="#${rowAnchor(result.learner, lab.id, check.id)}" aria-label="${escape(name)}" title="${escape(words)}">${mark}</a></td>`;
        })
        .join('');
      const problem = result.problem ? ` <span class="problem">(!)</span>` : '';
      return `<tr><th scope="row"><a href="#${learnerAnchor(result.learner)}">${escape(result.learner)}</a>${problem}</th><td>${totals[index]}/${max}</td>${cells}</tr>`;
    })
    .join('\n');

  const hints = labs
    .map((lab) => {
      const items = lab.definition.checks
        .map((check) => `<dt id="${hintAnchor(lab.id, check.id)}">${label(lab, check.title[lang])} (${say('points', { points: check.points })})</dt>${check.hints.map((hint) => `<dd>${escape(lab.definition.hints[hint]?.[lang] ?? '')}</dd>`).join('')}`)
        .join('\n');
      return `<h3>${escape(lab.definition.title[lang])}</h3><dl>${items}</dl>`;
    })
    .join('\n');
  const withProgress = results.filter((result) => result.progressFound).length;

  return `<!doctype html>
<html lang="${lang === 'zh-cn' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${say('title')}</title><style>${STYLE}</style></head>
<body>
<header><h1>${say('title')}</h1>
<p class="muted">${say('meta', { learners: results.length, labs: escape(labs.map((lab) => lab.number).join(lang === 'zh-cn' ? '、' : ', ')), target: escape(meta.target), seed: escape(String(meta.seed)), generated: escape(new Intl.DateTimeFormat(lang === 'zh-cn' ? 'zh-CN' : 'en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(meta.generatedAt)) })}</p>
<p>${say('scores', { mean: number.format(mean), max, median, full: totals.filter((total) => total === max).length })}</p>
<nav aria-label="${say('contents')}"><a href="#most-failed">${say('mostFailed')}</a> · <a href="#checks">${say('checks')}</a> · <a href="#grid">${say('grid')}</a> · <a href="#learners">${say('learners')}</a> · <a href="#hints">${say('hints')}</a></nav></header>
<main>
<h2 id="most-failed">${say('mostFailed')}</h2>
<p class="muted">${say('mostFailedNote')}</p>
${failures.length > 0 ? `<div class="scroll"><table><thead><tr><th scope="col">${say('check')}</th><th scope="col">${say('failedBy')}</th><th scope="col">${say('noAttempt')}</th><th scope="col"><span class="muted">%</span></th></tr></thead><tbody>\n${mostFailed}\n</tbody></table></div>` : `<p>${say('allPassed')}</p>`}
<h2 id="checks">${say('checks')}</h2>
<p class="muted">${escape(say('checksNote', { withProgress, learners: results.length }))}</p>
<div class="scroll"><table><thead><tr><th scope="col">${say('check')}</th><th scope="col">${say('passedCount')}</th><th scope="col">${say('failedCount')}</th><th scope="col">${say('noAttempt')}</th><th scope="col">${say('hintThenPassed')}</th></tr></thead><tbody>
${everyCheck}
</tbody></table></div>
<h2 id="grid">${say('grid')}</h2>
<p class="muted">${say('legend')}</p>
<div class="scroll" tabindex="0" role="region" aria-label="${say('grid')}"><table><thead><tr><th scope="col">${say('learner')}</th><th scope="col">${say('score')}</th>${head}</tr></thead><tbody>
${rows}
</tbody></table></div>
<h2 id="learners">${say('learners')}</h2>
${results.map((result) => learnerSection(result, labs, lang)).join('\n')}
<h2 id="hints">${say('hints')}</h2>
${hints}
</main>
</body></html>
`;
}
