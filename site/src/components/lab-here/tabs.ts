/**
 * One tab per file of the lab, following the ARIA tabs pattern: the selected tab is the one in
 * the Tab order, the arrow keys, Home and End move between tabs, and the editor is the tab panel.
 */
import { h } from '../live/kit.ts';

let panels = 0;

/** The tab list and the tab panel for `files`; `onSelect` hears the file chosen. */
export function fileTabs(files: string[], label: string, onSelect: (file: string) => void): { list: HTMLElement; panel: HTMLElement } {
  const id = `lab-here-files-${++panels}`;
  const panel = h('div', { class: 'lab-here-tabpanel', role: 'tabpanel', id: `${id}-panel` });
  const tabs = files.map((file, index) =>
    h('button', { type: 'button', role: 'tab', class: 'lab-here-tab', id: `${id}-tab-${index}`, 'aria-controls': panel.id, 'data-file': file }, file),
  );
  const select = (index: number, focus: boolean) => {
    tabs.forEach((tab, at) => {
      tab.setAttribute('aria-selected', String(at === index));
      tab.tabIndex = at === index ? 0 : -1;
    });
    panel.setAttribute('aria-labelledby', tabs[index]!.id);
    if (focus) tabs[index]!.focus();
    onSelect(files[index]!);
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => select(index, false));
    tab.addEventListener('keydown', (event) => {
      const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      select((moves[event.key]! + tabs.length) % tabs.length, true);
    });
  });
  select(0, false);
  return { list: h('div', { class: 'lab-here-tabs', role: 'tablist', 'aria-label': label }, ...tabs), panel };
}
