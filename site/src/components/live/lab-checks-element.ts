/**
 * The browser part of LabChecks.astro: shows each hint the learner has revealed with
 * `workshop hint` (their progress's `hintsRevealed`, read from the kit), under its check.
 */
import { fill, readStrings } from '../fill.ts';
import { fetchKit, h, poll, withCode } from './kit.ts';

type ChecksStrings = Record<'hint' | 'offline' | 'none' | 'some' | 'all' | 'number', string>;
type Progress = { labs?: Record<string, { hintsRevealed?: unknown }> };

class LabChecks extends HTMLElement {
  connectedCallback() {
    const t = readStrings<ChecksStrings>(this);
    const lab = this.dataset.lab ?? '';
    const texts = JSON.parse(this.dataset.hints ?? '{}') as Record<string, string>;
    let shown: string | undefined;
    poll(this, 4000, async () => {
      let revealed: string[] | undefined;
      try {
        const record = (await fetchKit<Progress>('/_workshop/progress')).labs?.[lab];
        // An older progress file counted hints without naming them: none is known to be revealed.
        const list = Array.isArray(record?.hintsRevealed) ? record.hintsRevealed : [];
        revealed = list.filter((id): id is string => typeof id === 'string' && id in texts);
      } catch {
        revealed = undefined;
      }
      const key = revealed ? revealed.join(' ') : 'offline';
      if (key === shown) return;
      shown = key;
      this.render(t, texts, revealed);
    });
  }

  private render(t: ChecksStrings, texts: Record<string, string>, revealed: string[] | undefined): void {
    const known = new Set(revealed ?? []);
    for (const list of this.querySelectorAll<HTMLElement>('ol.hints')) {
      const ids = (list.dataset.hintsOf ?? '').split(' ').filter(Boolean);
      const items = ids.flatMap((id, index) =>
        known.has(id) ? [h('li', { class: 'hint', 'data-hint': id }, h('span', { class: 'hint-label' }, fill(t.hint, { n: index + 1 })), ...withCode(texts[id]!))] : [],
      );
      list.replaceChildren(...items);
      list.hidden = items.length === 0;
    }
    const total = Object.keys(texts).length;
    const message = !revealed ? t.offline : known.size === 0 ? t.none : known.size >= total ? t.all : t.some;
    this.querySelector('.hint-status')?.replaceChildren(...withCode(fill(message, { number: t.number, count: known.size, total })));
  }
}

customElements.define('lab-checks', LabChecks);
