/**
 * "What the check did": the trace the runner hands back with a result, in the shape of the
 * emulator's `/_workshop/trace` entries, drawn by the site's own event-flow view (which then
 * draws the entries it is given instead of polling the kit).
 */
import { h } from '../live/kit.ts';

type GivenFlow = HTMLElement & { show(entries: unknown[]): void };

/** Draws `trace` in `box` (hidden while it holds nothing the view draws); `flowStrings` are the event-flow view's strings as JSON. */
export async function showTrace(box: HTMLElement, trace: unknown[], flowStrings: string, locale: string): Promise<void> {
  if (trace.length === 0) {
    box.hidden = true;
    return;
  }
  await import('../live/event-flow-element.ts');
  let flow = box.querySelector<GivenFlow>('event-flow');
  if (!flow) {
    flow = h('event-flow', { class: 'flow lab-here-flow', 'data-source': 'given', 'data-locale': locale, 'data-limit': '12', 'data-strings': flowStrings }) as GivenFlow;
    box.append(flow);
  }
  flow.show(trace);
  // The view draws events, HTTP requests and executions; a check that made none (lab 01 only
  // invokes its function) leaves nothing to show, so the box stays out of the way.
  box.hidden = flow.querySelector('article') === null;
}
