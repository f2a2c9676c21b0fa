/** The browser part of LabProgress.astro: polls the kit's progress route. */
import { fill, formatDateTime, formatNumber, readStrings } from '../fill.ts';
import type { Strings } from '../strings.ts';
import { fetchKit, h, poll, showOffline, withCode } from './kit.ts';

type Check = { id: string; title?: string; passed: boolean; points?: number; maxPoints?: number; message?: string; texts?: Record<string, string> };
type LabRecord = { bestScore?: number; maxScore?: number; checksPassed?: string[]; hintsRevealed?: string[]; hintsShown?: number; lastRun?: string; lastResult?: { checks?: Check[] } };
type ProgressStrings = Strings['progress'] & Strings['live'];

class LabProgress extends HTMLElement {
  connectedCallback() {
    const strings = readStrings<ProgressStrings>(this);
    const lab = this.dataset.lab ?? '';
    // The lab's title, in the page's language, as the server part rendered it (none on the lab's
    // own page, which has it already); it stays above every state.
    const title = this.querySelector('.live-title');
    poll(this, 4000, async () => {
      let progress: { labs?: Record<string, LabRecord> };
      try {
        progress = await fetchKit('/_workshop/progress');
      } catch {
        showOffline(this, strings.offline);
        if (title) this.prepend(title);
        return;
      }
      this.render(strings, title, lab, progress.labs?.[lab]);
    });
  }

  private render(strings: ProgressStrings, heading: Element | null, lab: string, record: LabRecord | undefined): void {
    const title = heading ? [heading] : [];
    if (!record) {
      this.replaceChildren(...title, h('p', {}, ...withCode(fill(strings.notRun, { number: lab.slice(0, 2) }))));
      return;
    }
    const locale = this.dataset.locale;
    // lab.json's titles in the page's language; progress keeps only the English one.
    const titles = JSON.parse(this.dataset.titles ?? '{}') as Record<string, string>;
    const number = (n: number) => formatNumber(n, locale);
    const score = record.bestScore ?? 0;
    const max = record.maxScore ?? 0;
    // Older runs may have kept only the ids of the checks that passed.
    const checks: Check[] = record.lastResult?.checks ?? (record.checksPassed ?? []).map((id) => ({ id, passed: true }));
    const percent = formatNumber(max > 0 ? score / max : 0, locale, { style: 'percent', maximumFractionDigits: 0 });
    const points = fill(strings.points, { score: number(score), max: number(max) });
    // Files from before hints were kept by id hold only a count.
    const hints = Array.isArray(record.hintsRevealed) ? record.hintsRevealed.length : record.hintsShown;
    const meta = [
      ...(record.lastRun ? [fill(strings.lastRun, { time: formatDateTime(record.lastRun, locale) })] : []),
      ...(hints !== undefined ? [fill(strings.hints, { count: number(hints) })] : []),
    ];
    this.replaceChildren(
      ...title,
      h('div', { class: 'score' },
        h('meter', { min: '0', max: String(max || 1), value: String(score), 'aria-label': strings.best }),
        h('span', { class: 'points' }, fill(strings.bestLine, { points, percent })),
      ),
      h('ul', { class: 'checks' },
        ...checks.map((check) => {
          // Records written before the kit spoke two languages hold the English message only.
          const message = (locale ? check.texts?.[locale] : undefined) ?? check.message;
          return h('li', { class: check.passed ? 'passed' : 'failed', 'data-check': check.id },
            h('span', { class: 'mark', role: 'img', 'aria-label': check.passed ? strings.passed : strings.failed }, check.passed ? '✔' : '✘'),
            h('span', { class: 'check-title' }, titles[check.id] ?? check.title ?? check.id),
            check.maxPoints !== undefined ? h('span', { class: 'check-points' }, fill(strings.checkPoints, { points: number(check.points ?? 0), max: number(check.maxPoints) })) : null,
            message ? h('span', { class: 'check-message' }, message) : null,
          );
        }),
      ),
      h('p', { class: 'meta' }, meta.join(strings.separator)),
    );
  }
}

customElements.define('lab-progress', LabProgress);
