/**
 * report.html's page of one learner: a section with its own anchor listing every check of every
 * lab with its result, points, the reason in words (visible on screen, to keyboards and in print,
 * not only in a tooltip) and a link to the check's hints, marking labs with no attempt and the
 * hints the learner took.
 */
import { escapeXml as escape } from '../../emulator/protocols/xml.ts';
import type { Language } from '../../core/i18n/language.ts';
import type { Lab } from '../../core/labs.ts';
import { totalsOf, type LearnerResult } from '../pool.ts';
import { hintAnchor, learnerAnchor, noAttempt, outcomeOf, rowAnchor, tookHint } from './report-data.ts';
import { reportMessage } from './report-messages.ts';

/** The section of one learner, in `lang`. */
export function learnerSection(result: LearnerResult, labs: Lab[], lang: Language): string {
  const say = (...args: Parameters<typeof reportMessage>) => reportMessage(...args).texts[lang];
  const { score, maxScore } = totalsOf(result);
  const problem = result.problem ? `<p class="problem">${escape(say('problem', { problem: result.problemTexts?.[lang] ?? result.problem }))}</p>` : '';
  const perLab = labs
    .map((lab) => {
      const graded = result.labs.find((item) => item.labId === lab.id);
      const untouched = noAttempt(result, lab.id);
      const badge = untouched ? ` <span class="badge">${say('noAttemptBadge')}</span>` : '';
      const rows = lab.definition.checks
        .map((check) => {
          const found = outcomeOf(result, lab.id, check.id);
          const state = found ? (found.passed ? 'passed' : 'failed') : 'notGraded';
          const mark = found?.passed ? '✓' : untouched ? '–' : '✗';
          const reason = found && !found.passed ? escape(found.texts?.[lang] ?? found.message) : '';
          const took = tookHint(result, lab.id, check) ? ` <span class="took">${say('hintTaken')}</span>` : '';
          const hintLink = check.hints.length > 0 ? `<a href="#${hintAnchor(lab.id, check.id)}">${say('seeHints')}</a>${took}` : took;
          return `<tr id="${rowAnchor(result.learner, lab.id, check.id)}" class="${state}"><th scope="row">${escape(check.title[lang])}</th><td><span aria-hidden="true">${mark}</span> ${say(state)}</td><td>${found?.points ?? 0}/${check.points}</td><td>${reason}</td><td>${hintLink}</td></tr>`;
        })
        .join('\n');
      const points = say('labPoints', { score: graded?.score ?? 0, max: graded?.maxScore ?? lab.definition.checks.reduce((sum, check) => sum + check.points, 0) });
      return `<h4>${escape(lab.definition.title[lang])} <span class="muted">(${escape(lab.id)}, ${points})</span>${badge}</h4>
<div class="scroll"><table class="checks"><thead><tr><th scope="col">${say('check')}</th><th scope="col">${say('result')}</th><th scope="col">${say('pointsShort')}</th><th scope="col">${say('reason')}</th><th scope="col">${say('hint')}</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
    })
    .join('\n');
  return `<section class="learner" id="${learnerAnchor(result.learner)}" aria-labelledby="${learnerAnchor(result.learner)}-h">
<h3 id="${learnerAnchor(result.learner)}-h">${escape(result.learner)} <span class="muted">${score}/${maxScore}</span></h3>
${problem}
${perLab}
<p><a href="#grid">${say('backToGrid')}</a></p>
</section>`;
}
