/** The browser part of ResourceExplorer.astro: polls the kit's resources route, under the actions panel (explorer-actions.ts). */
import { fill, formatDateTime, formatNumber, formatTime, pluralIn, readStrings } from '../fill.ts';
import type { Strings as SiteStrings } from '../strings.ts';
import type { ExplorerActions } from './explorer-actions.ts';
import { fetchKit, h, poll, showOffline } from './kit.ts';
import { detailText, outcomeText } from './trace-text.ts';

type Strings = SiteStrings['explorer'] & SiteStrings['live'] & Pick<SiteStrings, 'trace'>;
type Section = 'functions' | 'rules' | 'tables' | 'queues' | 'buckets' | 'logGroups' | 'apis' | 'topics' | 'stateMachines' | 'parameters' | 'secrets';
type Snapshot = {
  functions: Array<{ name: string; region: string; runtime: string; memorySize: number; timeout: number }>;
  buses: Array<{ name: string; region: string; rules: Array<{ name: string; state: string; eventPattern?: string; scheduleExpression?: string; targets: Array<{ id: string; arn: string }> }> }>;
  tables: Array<{ name: string; keySchema: Array<{ AttributeName: string; KeyType: string }>; itemCount: number; stream?: { viewType: string; records: number } }>;
  queues: Array<{ name: string; region: string; fifo: boolean; messages: number }>;
  buckets: Array<{ name: string; objects: number }>;
  logGroups: Array<{ name: string; streams: number; storedEvents: number }>;
  apis: Array<{ name: string; path: string; routes: Array<{ routeKey: string; target?: string }>; stages: string[] }>;
  topics: Array<{ name: string; subscriptions: Array<{ protocol: string; endpoint: string; pending: boolean }> }>;
  stateMachines: Array<{ name: string; type: string; executions: Array<{ name: string; status: string; error?: string }> }>;
  parameters: Array<{ name: string; type: string; version: number }>;
  secrets: Array<{ name: string; versions: number; deletion?: string }>;
  invocations: Array<{ requestId: string; function: string; time: string; outcome?: string; detail?: string; logs: string[] }>;
};

const short = (arn: string) => arn.split(':').slice(5).join(':') || arn;

class ResourceExplorer extends HTMLElement {
  connectedCallback() {
    const t = readStrings<Strings>(this);
    const account = this.dataset.account ?? '000000000000';
    // Built once, so what the learner types survives the refreshes of the tables below it; and
    // loaded only once a kit answers, so a page without one never downloads the actions' code.
    let actions: Promise<ExplorerActions | undefined> | undefined;
    const loadActions = () => import('./explorer-actions.ts').then(
      ({ ExplorerActions }) => new ExplorerActions(t.actions, account, this.dataset.locale),
      () => (actions = undefined),
    );
    const tables = h('div', { class: 'explorer-tables' });
    poll(this, 5000, async () => {
      let snapshot: Snapshot;
      try {
        snapshot = await fetchKit<Snapshot>(`/_workshop/resources?account=${account}`);
      } catch {
        return showOffline(this, t.offline);
      }
      // Keep open <details> open across refreshes.
      const open = new Set([...tables.querySelectorAll<HTMLElement>('details[open]')].map((node) => node.dataset.key));
      tables.replaceChildren(...this.sections(t, snapshot));
      for (const node of tables.querySelectorAll<HTMLElement>('details')) if (open.has(node.dataset.key)) node.setAttribute('open', '');
      const panel = await (actions ??= loadActions());
      panel?.update(snapshot);
      if (tables.parentNode !== this || (panel && panel.element.parentNode !== this)) this.replaceChildren(...(panel ? [panel.element] : []), tables);
    });
  }

  private sections(t: Strings, s: Snapshot): HTMLElement[] {
    const locale = this.dataset.locale;
    const number = (n: number) => formatNumber(n, locale);
    const rules = s.buses.flatMap((bus) => bus.rules.map((rule) => ({ bus: bus.name, ...rule })));
    return [
      this.table(t, 'functions', [t.name, t.runtime, t.memory, t.timeout], s.functions.map((f) => [
        f.name,
        f.runtime,
        fill(t.megabytes, { n: number(f.memorySize) }),
        pluralIn(t.seconds, f.timeout, locale),
      ])),
      this.table(t, 'rules', [t.bus, t.name, t.pattern, t.targets], rules.map((r) => [
        r.bus,
        r.state === 'DISABLED' ? fill(t.disabled, { name: r.name }) : r.name,
        h('code', {}, r.eventPattern ?? r.scheduleExpression ?? ''),
        r.targets.map((target) => short(target.arn)).join(t.list),
      ])),
      this.table(t, 'tables', [t.name, t.keys, t.items, t.stream], s.tables.map((table) => [
        table.name,
        table.keySchema.map((k) => fill(t.key, { name: k.AttributeName, type: k.KeyType })).join(t.list),
        number(table.itemCount),
        table.stream ? pluralIn(t.streamRecords, table.stream.records, locale, { view: table.stream.viewType }) : t.noStream,
      ])),
      this.table(t, 'queues', [t.name, t.messages], s.queues.map((q) => [q.name, number(q.messages)])),
      this.table(t, 'buckets', [t.name, t.objects], s.buckets.map((b) => [b.name, number(b.objects)])),
      this.table(t, 'logGroups', [t.name, t.streams, t.events], s.logGroups.map((g) => [g.name, number(g.streams), number(g.storedEvents)])),
      // A stage other than $default is part of the address a learner calls.
      this.table(t, 'apis', [t.name, t.path, t.routes], (s.apis ?? []).map((api) => [
        api.name,
        h('span', {}, ...(api.stages.length ? api.stages : ['$default']).map((stage) => h('code', {}, stage === '$default' ? api.path : `${api.path}/${stage}`))),
        api.routes.map((route) => (route.target ? `${route.routeKey} → ${short(route.target)}` : route.routeKey)).join(t.list),
      ])),
      this.table(t, 'topics', [t.name, t.subscriptions], (s.topics ?? []).map((topic) => [
        topic.name,
        topic.subscriptions.map((sub) => `${sub.protocol}: ${sub.pending ? fill(t.pendingSubscription, { endpoint: short(sub.endpoint) }) : short(sub.endpoint)}`).join(t.list),
      ])),
      this.table(t, 'stateMachines', [t.name, t.type, t.executions], (s.stateMachines ?? []).map((machine) => [
        machine.name,
        machine.type,
        machine.executions.map((run) => {
          const status = Object.hasOwn(t.statuses, run.status) ? t.statuses[run.status]! : run.status;
          return fill(run.error ? t.executionError : t.execution, { name: run.name, status, error: run.error ?? '' });
        }).join(t.list),
      ])),
      this.table(t, 'parameters', [t.name, t.type, t.version], (s.parameters ?? []).map((p) => [p.name, p.type, number(p.version)])),
      this.table(t, 'secrets', [t.name, t.versions], (s.secrets ?? []).map((secret) => [
        secret.deletion ? fill(t.deletionScheduled, { name: secret.name, date: formatDateTime(secret.deletion, locale) }) : secret.name,
        number(secret.versions),
      ])),
      h('section', { 'data-section': 'invocations' },
        h('h4', {}, fill(t.heading, { title: t.invocations, count: number(s.invocations.length) })),
        s.invocations.length === 0
          ? h('p', { class: 'none' }, t.none)
          : h('ul', { class: 'invocations' }, ...s.invocations.map((call) =>
              h('li', { class: `outcome-${call.outcome ?? 'unknown'}` },
                h('details', { 'data-key': call.requestId },
                  h('summary', {},
                    [formatTime(call.time, locale), call.function, outcomeText(call.outcome, t.outcomes)].filter(Boolean).join(t.summary),
                    call.detail ? h('span', { class: 'detail' }, `${t.summary}${detailText(call.detail, t.trace, locale)}`) : null,
                  ),
                  h('pre', { 'aria-label': t.logs }, call.logs.join('\n')),
                ),
              ),
            )),
      ),
    ];
  }

  private table(t: Strings, key: Section, head: string[], rows: Array<Array<string | Node>>): HTMLElement {
    return h('section', { 'data-section': key },
      h('h4', {}, fill(t.heading, { title: t[key], count: formatNumber(rows.length, this.dataset.locale) })),
      rows.length === 0
        ? h('p', { class: 'none' }, t.none)
        : h('table', {},
            h('thead', {}, h('tr', {}, ...head.map((cell) => h('th', {}, cell)))),
            h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell))))),
          ),
    );
  }
}

customElements.define('resource-explorer', ResourceExplorer);
