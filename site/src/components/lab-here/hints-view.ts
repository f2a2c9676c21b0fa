/**
 * The stuck line and the counted hints of the panel. Which hint is next, and how hints are
 * counted, come from src/core/hints.ts, as `workshop hint` reveals them: only the hints of the
 * checks still failing count, and each one revealed is kept in the progress by id.
 */
import { hintState, type HintStep } from '../../../../src/core/hints.ts';
import type { LabDefinition } from '../../../../src/core/lab-schema.ts';
import type { LabProgress } from '../../../../src/core/progress-data.ts';
import { cliMessage } from '../../../../src/cli/messages.ts';
import type { LabHereStrings } from '../strings-lab-here.ts';
import { fill } from '../fill.ts';
import { h } from '../live/kit.ts';

type Lang = 'en' | 'zh-cn';

/**
 * The line under a failing checklist, as the CLI's stuckLine says it, but pointing at the
 * panel's hint button instead of `workshop hint`; undefined when nothing failed.
 */
export function stuckText(definition: LabDefinition, entry: LabProgress, lang: Lang, t: LabHereStrings): string | undefined {
  const failed = new Set(entry.lastResult?.checks.filter((check) => !check.passed).map((check) => check.id));
  const first = definition.checks.find((check) => failed.has(check.id));
  if (!first) return undefined;
  const { next, relevant } = hintState(definition, entry);
  const stuck = cliMessage('stuck', { title: first.title[lang] }).texts[lang];
  const say = (text: string) => `${stuck}${lang === 'zh-cn' ? '' : ' '}${text}`;
  // Hints come in check order, so the next one is the first failing check's while it has any left.
  if (next?.checkId === first.id) return say(t.stuckReveal);
  if (next) return say(fill(t.stuckNoneLeft, { next: next.checkTitle[lang] }));
  if (relevant.length > 0) return say(t.stuckAllShown);
  return say(cliMessage('stuckNoHints').texts[lang]);
}

/** The hints part: each relevant hint revealed so far, then the button that reveals the next one (`reveal` records it). */
export function hintsBox(definition: LabDefinition, entry: LabProgress | undefined, lang: Lang, t: LabHereStrings, reveal: (step: HintStep) => void): HTMLElement {
  const state = hintState(definition, entry);
  const number = definition.id.slice(0, 2);
  const shown = new Set(entry?.hintsRevealed ?? []);
  const revealed = state.relevant.filter((step) => shown.has(step.id));
  const items = revealed.map((step, index) =>
    h('li', { class: 'hint', 'data-hint': step.id },
      h('span', { class: 'hint-head' }, cliMessage('hintHead', { shown: index + 1, total: state.relevant.length, number, title: step.checkTitle[lang] }).texts[lang]),
      ' ',
      h('span', { class: 'hint-text' }, step.text[lang]),
    ),
  );
  let footer: HTMLElement;
  if (state.relevant.length === 0) {
    const passedAll = entry?.lastResult?.checks.every((check) => check.passed) === true;
    footer = h('p', { class: 'hint-status' }, passedAll ? t.hintsAllPassed : t.hintsNone);
  } else if (!state.next) {
    footer = h('p', { class: 'hint-status' }, t.hintsAllShown);
  } else {
    const next = state.next;
    footer = h('button', { type: 'button', class: 'lab-here-hint' }, fill(t.showHint, { shown: state.relevantRevealed + 1, total: state.relevant.length }));
    footer.addEventListener('click', () => reveal(next));
  }
  return h('div', { class: 'lab-here-hints' }, items.length > 0 ? h('ol', { class: 'hints' }, ...items) : null, footer);
}
