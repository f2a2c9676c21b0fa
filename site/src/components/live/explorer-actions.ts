/**
 * The resource explorer's actions: invoke a function with a JSON payload, send a message to a
 * queue, put an event on a bus, and read a queue's messages without receiving them. The forms are
 * built once and kept while the explorer's tables refresh around them; each refresh only updates
 * the resources to choose from. Calls go through aws-calls.ts, as a client's would.
 */
import { fill, formatNumber } from '../fill.ts';
import type { Strings as SiteStrings } from '../strings.ts';
import { AwsAnswerError, invokeFunction, peekMessages, putEvent, sendMessage, type CallTarget } from './aws-calls.ts';
import { emulatorUrl, h, withCode } from './kit.ts';

type Words = SiteStrings['explorer']['actions'];

/** The resources the actions offer, as the explorer's snapshot lists them. */
export interface ActionResources {
  functions: Array<{ name: string; region: string }>;
  queues: Array<{ name: string; region: string; fifo: boolean }>;
  buses: Array<{ name: string; region: string }>;
}

type Choice = { name: string; region: string; fifo?: boolean };
type Form = { form: HTMLFormElement; select: HTMLSelectElement; button: HTMLButtonElement; result: HTMLElement; empty: HTMLElement; choices: Choice[] };

const EXAMPLE = '{"orderId": "o-1"}';

function field(label: string, control: HTMLElement, name: string): HTMLElement {
  return h('label', { 'data-field': name }, h('span', {}, label), control);
}

function facts(pairs: Array<[string, string | number | undefined]>): HTMLElement {
  return h('dl', { class: 'action-facts' }, ...pairs.filter(([, value]) => value !== undefined).flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, h('code', {}, String(value)))]));
}

/** The actions panel of one explorer; `update` gives it the latest resources. */
export class ExplorerActions {
  readonly element: HTMLElement;
  private readonly forms: Record<'invoke' | 'send' | 'put' | 'peek', Form>;

  constructor(private readonly t: Words, private readonly account: string, private readonly locale: string | undefined) {
    const textarea = (name: string, value: string) => h('textarea', { name, rows: '3', spellcheck: 'false' }, value);
    const input = (name: string, value = '') => h('input', { name, type: 'text', value, spellcheck: 'false' });
    this.forms = {
      invoke: this.form('invoke', t.function, t.invokeButton, [field(t.payload, textarea('payload', EXAMPLE), 'payload')]),
      send: this.form('send', t.queue, t.sendButton, [
        field(t.body, textarea('body', EXAMPLE), 'body'),
        field(t.groupId, input('groupId', 'orders'), 'groupId'),
        field(t.dedupId, input('dedupId'), 'dedupId'),
      ]),
      put: this.form('put', t.bus, t.putButton, [
        field(t.source, input('source', 'shop.orders'), 'source'),
        field(t.detailType, input('detailType', 'Order Placed'), 'detailType'),
        field(t.detail, textarea('detail', '{"orderId": "o-1", "total": 42}'), 'detail'),
      ]),
      peek: this.form('peek', t.queue, t.peekButton, [h('p', { class: 'action-note' }, t.peekNote)]),
    };
    this.forms.send.select.addEventListener('change', () => this.showFifoFields());
    this.element = h('section', { 'data-section': 'actions', class: 'explorer-actions' },
      h('h4', {}, t.title),
      h('p', { class: 'action-note' }, fill(t.intro, { account })),
      ...(['invoke', 'send', 'put', 'peek'] as const).map((kind) => h('details', { 'data-action': kind }, h('summary', {}, t[kind]), this.forms[kind].form, this.forms[kind].result)),
    );
  }

  /** Offers the snapshot's functions, queues and buses, keeping what the learner had chosen. */
  update(resources: ActionResources): void {
    this.offer(this.forms.invoke, resources.functions);
    this.offer(this.forms.send, resources.queues);
    this.offer(this.forms.put, resources.buses);
    this.offer(this.forms.peek, resources.queues);
    this.showFifoFields();
  }

  private form(kind: keyof ExplorerActions['forms'], choose: string, label: string, fields: HTMLElement[]): Form {
    const select = h('select', { name: 'resource' }) as HTMLSelectElement;
    const button = h('button', { type: 'submit' }, label) as HTMLButtonElement;
    const empty = h('p', { class: 'none', hidden: '' }, this.t.nothing);
    const form = h('form', { class: 'action-form' }, field(choose, select, 'resource'), ...fields, empty, h('div', {}, button)) as HTMLFormElement;
    const result = h('div', { class: 'action-result', role: 'status', 'aria-live': 'polite' });
    const entry: Form = { form, select, button, result, empty, choices: [] };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run(kind, entry);
    });
    return entry;
  }

  private offer(form: Form, choices: Choice[]): void {
    const key = (choice: Choice) => `${choice.region}/${choice.name}`;
    const same = form.choices.length === choices.length && form.choices.every((choice, index) => key(choice) === key(choices[index]!));
    form.choices = choices;
    form.empty.hidden = choices.length > 0;
    form.button.disabled = choices.length === 0 || form.button.dataset.busy === 'true';
    if (same) return;
    const chosen = form.select.value;
    const regions = new Set(choices.map((choice) => choice.region));
    form.select.replaceChildren(...choices.map((choice) => h('option', { value: key(choice) }, regions.size > 1 ? `${choice.name} · ${choice.region}` : choice.name)));
    if (choices.some((choice) => key(choice) === chosen)) form.select.value = chosen;
  }

  private chosen(form: Form): Choice | undefined {
    return form.choices.find((choice) => `${choice.region}/${choice.name}` === form.select.value);
  }

  private showFifoFields(): void {
    const fifo = Boolean(this.chosen(this.forms.send)?.fifo);
    for (const name of ['groupId', 'dedupId']) this.forms.send.form.querySelector<HTMLElement>(`[data-field=${name}]`)!.hidden = !fifo;
  }

  private async run(kind: keyof ExplorerActions['forms'], form: Form): Promise<void> {
    const choice = this.chosen(form);
    if (!choice || form.button.dataset.busy === 'true') return;
    const values = new FormData(form.form);
    const text = (name: string) => String(values.get(name) ?? '');
    const target: CallTarget = { endpoint: emulatorUrl(), account: this.account, region: choice.region };
    const invalid = this.invalidInput(kind, text);
    if (invalid) return this.show(form, h('p', { class: 'action-error' }, ...withCode(invalid)));
    form.button.dataset.busy = 'true';
    form.button.disabled = true;
    this.show(form, h('p', { class: 'kit-loading' }, this.t.working));
    try {
      this.show(form, await this.call(kind, target, choice, text));
    } catch (error) {
      const message = error instanceof AwsAnswerError ? fill(this.t.awsError, { code: error.code, message: error.message }) : this.t.unreachable;
      this.show(form, h('p', { class: 'action-error' }, ...withCode(message)));
    } finally {
      delete form.button.dataset.busy;
      form.button.disabled = form.choices.length === 0;
    }
  }

  /** Why the input cannot be sent, checked here so the learner reads it in the page's language. */
  private invalidInput(kind: string, text: (name: string) => string): string | undefined {
    const parsed = (value: string): { ok: boolean; value?: unknown } => {
      try {
        return { ok: true, value: JSON.parse(value) };
      } catch {
        return { ok: false };
      }
    };
    if (kind === 'invoke' && text('payload').trim() !== '' && !parsed(text('payload')).ok) return this.t.invalidPayload;
    if (kind === 'put') {
      const detail = parsed(text('detail'));
      if (!detail.ok) return this.t.invalidDetail;
      if (typeof detail.value !== 'object' || detail.value === null || Array.isArray(detail.value)) return this.t.detailNotObject;
    }
    return undefined;
  }

  private async call(kind: keyof ExplorerActions['forms'], target: CallTarget, choice: Choice, text: (name: string) => string): Promise<HTMLElement> {
    const t = this.t;
    if (kind === 'invoke') {
      const answer = await invokeFunction(target, choice.name, text('payload').trim());
      return h('div', {},
        facts([['StatusCode', answer.statusCode], ['FunctionError', answer.functionError], ['ExecutedVersion', answer.executedVersion]]),
        h('p', { class: 'action-label' }, t.returned),
        h('pre', { 'data-part': 'payload' }, answer.payload),
        h('p', { class: 'action-label' }, t.logTail),
        answer.logTail ? h('pre', { 'data-part': 'log' }, answer.logTail.replace(/\n$/, '')) : h('p', { class: 'none' }, t.noLog),
      );
    }
    if (kind === 'send') {
      const fifo = Boolean(choice.fifo);
      const answer = await sendMessage(target, choice.name, text('body'), fifo ? text('groupId').trim() : undefined, fifo ? text('dedupId').trim() : undefined);
      return facts([['MessageId', answer.MessageId], ['SequenceNumber', answer.SequenceNumber]]);
    }
    if (kind === 'put') {
      const answer = await putEvent(target, choice.name, text('source').trim(), text('detailType').trim(), text('detail'));
      const entry = answer.Entries[0] ?? {};
      const shown = facts([['FailedEntryCount', answer.FailedEntryCount], ['EventId', entry.EventId], ['ErrorCode', entry.ErrorCode], ['ErrorMessage', entry.ErrorMessage]]);
      return entry.EventId ? h('div', {}, shown, this.flowButton(entry.EventId)) : shown;
    }
    const messages = await peekMessages(target, choice.name);
    return h('div', {},
      h('p', { class: 'action-label' }, fill(t.messages, { count: formatNumber(messages.length, this.locale) })),
      messages.length === 0
        ? h('p', { class: 'none' }, t.noMessages)
        : h('ul', { class: 'action-messages' }, ...messages.map((message) => h('li', { 'data-message-id': message.MessageId },
            facts([['MessageId', message.MessageId], ['MessageGroupId', message.Attributes?.MessageGroupId], ['ApproximateReceiveCount', message.Attributes?.ApproximateReceiveCount]]),
            h('pre', {}, message.Body),
          ))),
    );
  }

  /** A button that brings the event's picture in the event-flow view into sight, once the view has drawn it. */
  private flowButton(eventId: string): HTMLElement {
    const button = h('button', { type: 'button', class: 'action-flow' }, this.t.showFlow);
    button.addEventListener('click', async () => {
      const flow = document.querySelector('event-flow');
      if (!flow) return button.replaceWith(h('p', { class: 'none' }, this.t.flowMissing));
      // The view polls the trace every few seconds: wait for the event's picture, else show the view itself.
      for (let tries = 0; tries < 30; tries += 1) {
        const picture = flow.querySelector<HTMLElement>(`article[data-event-id="${CSS.escape(eventId)}"]`);
        if (picture) return picture.scrollIntoView({ block: 'center' });
        if (tries === 0) flow.scrollIntoView({ block: 'start' });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    });
    return button;
  }

  private show(form: Form, node: HTMLElement): void {
    form.result.replaceChildren(node);
  }
}
