/** The browser part of EventFlow.astro: polls the kit's trace and draws each event's path, then each HTTP request's and each execution's. */
import { fill, formatTime, readStrings } from '../fill.ts';
import type { Strings } from '../strings.ts';
import { arrow, fetchKit, h, poll, showOffline, step } from './kit.ts';
import { drawExecutions, type ExecutionEntry } from './execution-flow.ts';
import { drawRequests, type RequestEntry } from './request-flow.ts';
import { detailText, outcomeText, reasonText } from './trace-text.ts';

type Entry = RequestEntry & ExecutionEntry & { bus?: string; rule?: string; field?: string; reason?: string; attempt?: number };
type FlowStrings = Strings['flow'] & Strings['live'] & Pick<Strings, 'trace' | 'requests' | 'executions'>;

const short = (arn = '') => arn.split(':').slice(5).join(':') || arn;

class EventFlow extends HTMLElement {
  connectedCallback() {
    // A flow handed its entries (a check run in the page, see show()) draws those; only the kit's polls.
    if (this.dataset.source === 'given') return;
    const t = readStrings<FlowStrings>(this);
    const account = this.dataset.account ?? '000000000000';
    const limit = Number(this.dataset.limit ?? 6);
    poll(this, 2500, async () => {
      let entries: Entry[];
      try {
        ({ entries } = await fetchKit<{ entries: Entry[] }>(`/_workshop/trace?account=${account}&limit=1000`));
      } catch {
        return showOffline(this, t.offline);
      }
      this.render(t, entries, limit);
    });
  }

  /** Draws `entries`, trace entries in the shape `/_workshop/trace` answers (the lab panel's run), instead of the kit's. */
  show(entries: unknown[]): void {
    this.render(readStrings<FlowStrings>(this), entries as Entry[], Number(this.dataset.limit ?? 6));
  }

  private render(t: FlowStrings, entries: Entry[], limit: number): void {
    const byEvent = new Map<string, Entry[]>();
    for (const entry of entries) {
      if (!entry.eventId) continue;
      const list = byEvent.get(entry.eventId) ?? [];
      list.push(entry);
      byEvent.set(entry.eventId, list);
    }
    const events = [...byEvent.entries()].reverse().slice(0, limit);
    const title = h('p', { class: 'flow-title' }, t.title);
    const drawn = events.length === 0 ? [h('p', { class: 'none' }, t.empty)] : events.map(([eventId, steps]) => this.drawEvent(t, eventId, steps));
    // Requests and executions get lists of their own under the events: they have no event id to be grouped by.
    this.replaceChildren(title, ...drawn, ...drawRequests(entries, t, limit, this.dataset.locale), ...drawExecutions(entries, t, limit, this.dataset.locale));
  }

  private drawEvent(t: FlowStrings, eventId: string, steps: Entry[]): HTMLElement {
    const received = steps.find((step) => step.kind === 'event-received');
    const first = steps[0]!;
    const rules = steps.filter((step) => step.kind === 'rule-matched' || step.kind === 'rule-not-matched');
    const eventNode = h('div', { class: 'node event' },
      h('strong', {}, received?.detail ? this.detail(t, received.detail) : t.scheduled),
      h('small', {}, fill(t.eventLine, { event: t.event, id: eventId.slice(0, 8), bus: received?.bus ?? first.bus ?? '', time: formatTime(first.time, this.dataset.locale) })),
    );
    const ruleRows = rules.length === 0
      ? [h('li', { class: 'rule' }, h('div', { class: 'node muted' }, t.noRules))]
      : rules.map((rule) => this.drawRule(t, rule, steps));
    return h('article', { class: 'flow-event', 'data-event-id': eventId }, eventNode, arrow(), h('ul', { class: 'rules' }, ...ruleRows));
  }

  private drawRule(t: FlowStrings, rule: Entry, steps: Entry[]): HTMLElement {
    if (rule.kind === 'rule-not-matched') {
      return h('li', { class: 'rule not-matched', 'data-rule': rule.rule ?? '' },
        h('div', { class: 'node' }, h('strong', {}, `✘ ${rule.rule}`), h('small', {}, t.notMatched, h('code', {}, rule.field ?? ''), ` ${reasonText(rule.reason ?? '', t.trace, this.dataset.locale)}`)),
      );
    }
    const deliveries = steps.filter((step) => step.kind === 'delivery' && step.rule === rule.rule);
    const targets = [...new Set(deliveries.map((step) => step.target ?? ''))];
    const row = h('li', { class: 'rule matched', 'data-rule': rule.rule ?? '' },
      h('div', { class: 'node' }, h('strong', {}, `✔ ${rule.rule}`), h('small', {}, rule.detail ? fill(t.matchedLine, { matched: t.matched, detail: this.detail(t, rule.detail) }) : t.matched)),
    );
    for (const target of targets) {
      const last = deliveries.filter((step) => step.target === target).at(-1)!;
      const invocation = last.requestId
        ? steps.filter((step) => (step.kind === 'invocation' || step.kind === 'destination') && step.requestId === last.requestId).at(-1)
        : undefined;
      // What the last delivery did (a retry's error, an email recorded, the queue's message id) beside its outcome.
      row.append(step(h('div', { class: `node target outcome-${last.outcome}` }, h('strong', {}, short(target)), h('small', {}, outcomeText(last.outcome, t.outcomes)), last.detail ? h('small', { class: 'delivery-detail' }, this.detail(t, last.detail)) : null)));
      if (invocation) {
        row.append(step(h('div', { class: `node result outcome-${invocation.outcome}` }, h('strong', {}, outcomeText(invocation.outcome, t.outcomes)), h('small', {}, this.detail(t, invocation.detail)))));
      }
    }
    return row;
  }

  private detail(t: FlowStrings, detail: string | undefined): string {
    return detail ? detailText(detail, t.trace, this.dataset.locale) : '';
  }
}

customElements.define('event-flow', EventFlow);
