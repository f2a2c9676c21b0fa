/** The browser part of LabProgress.astro: polls the kit's progress route. */
import { fill, readStrings } from '../fill.ts';
import { fetchKit, h, poll, showOffline, withCode } from './kit.ts';

type Check = { id: string; title?: string; passed: boolean; points?: number; maxPoints?: number; message?: string };
type LabRecord = { bestScore?: number; maxScore?: number; checksPassed?: string[]; hintsRevealed?: string[]; hintsShown?: number; lastRun?: string; lastResult?: { checks?: Check[] } };
type ProgressStrings = Record<'notRun' | 'points' | 'best' | 'lastRun' | 'hints' | 'offline', string>;

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
    const score = record.bestScore ?? 0;
    const max = record.maxScore ?? 0;
    // Older runs may have kept only the ids of the checks that passed.
    const checks: Check[] = record.lastResult?.checks ?? (record.checksPassed ?? []).map((id) => ({ id, passed: true }));
    const percent = max > 0 ? Math.round((100 * score) / max) : 0;
    // Files from before hints were kept by id hold only a count.
    const hints = Array.isArray(record.hintsRevealed) ? record.hintsRevealed.length : record.hintsShown;
    this.replaceChildren(
      ...title,
      h('div', { class: 'score' },
        h('meter', { min: '0', max: String(max || 1), value: String(score), 'aria-label': strings.best }),
        h('span', { class: 'points' }, `${strings.best}: ${fill(strings.points, { score, max })} (${percent}%)`),
      ),
      h('ul', { class: 'checks' },
        ...checks.map((check) =>
          h('li', { class: check.passed ? 'passed' : 'failed', 'data-check': check.id },
            h('span', { class: 'mark', 'aria-hidden': 'true' }, check.passed ? '✔' : '✘'),
            h('span', { class: 'check-title' }, check.title ?? check.id),
            check.maxPoints !== undefined ? h('span', { class: 'check-points' }, `${check.points ?? 0}/${check.maxPoints}`) : null,
            check.message ? h('span', { class: 'check-message' }, check.message) : null,
          ),
        ),
      ),
      h('p', { class: 'meta' },
        record.lastRun ? `${strings.lastRun}: ${new Date(record.lastRun).toLocaleString()}` : '',
        hints !== undefined ? ` · ${fill(strings.hints, { count: hints })}` : '',
      ),
    );
  }
}

customElements.define('lab-progress', LabProgress);
