/** The browser part of RetryCalculator.astro: shows the chosen source's settings and recomputes on every input. */
import { fill, formatNumber, pluralIn, readStrings } from './fill.ts';
import { LIMITS, clamp, retryOutcome, type RetrySource } from './retry-model.ts';
import type { retriesEn } from './strings-retries.ts';

type RetryStrings = typeof retriesEn;

/** The AWS setting each field sets, as the clamping message names it. */
const AWS_NAMES: Record<keyof typeof LIMITS, string> = {
  asyncRetries: 'MaximumRetryAttempts',
  asyncMaxAge: 'MaximumEventAgeInSeconds',
  maxReceiveCount: 'maxReceiveCount',
  visibilityTimeout: 'VisibilityTimeout',
  eventBridgeRetries: 'MaximumRetryAttempts',
  eventBridgeMaxAge: 'MaximumEventAgeInSeconds',
  innerAttempts: 'maxAttempts',
};

class RetryCalculator extends HTMLElement {
  connectedCallback() {
    this.addEventListener('input', () => this.update());
    this.addEventListener('change', () => this.update());
    this.update();
  }

  private input(name: string): HTMLInputElement {
    return this.querySelector<HTMLInputElement>(`[name=${name}]`)!;
  }

  private number(name: string): number {
    const text = this.input(name).value.trim();
    return text === '' ? NaN : Number(text);
  }

  private update(): void {
    const t = readStrings<RetryStrings>(this);
    const locale = this.dataset.locale;
    const source = this.input('source').value as RetrySource;
    for (const group of this.querySelectorAll<HTMLFieldSetElement>('fieldset[data-source]')) group.hidden = group.dataset.source !== source;
    const shown = [...this.querySelectorAll<HTMLInputElement>(`fieldset[data-source=${source}] input, input[name=innerAttempts]`)];
    const values: Partial<Record<keyof typeof LIMITS, number>> = {};
    const notes: string[] = [];
    for (const field of shown) {
      const name = field.name as keyof typeof LIMITS;
      const limit = LIMITS[name];
      const given = this.number(name);
      const used = clamp(given, limit);
      values[name] = used;
      // An empty field means the default, as an omitted setting does on AWS; a value out of range is said.
      if (Number.isFinite(given) && given !== used) {
        notes.push(fill(t.clamped, { name: AWS_NAMES[name], min: formatNumber(limit.min, locale), max: formatNumber(limit.max, locale), value: formatNumber(used, locale) }));
      }
    }
    const clamped = this.querySelector<HTMLElement>('[data-out=clamped]')!;
    clamped.textContent = notes.join(' ');
    clamped.hidden = notes.length === 0;
    const failure = Math.min(100, Math.max(0, this.number('failure') || 0)) / 100;
    const outcome = retryOutcome({
      source,
      eventsPerSecond: Math.max(0, this.number('rate') || 0),
      failureRate: failure,
      innerAttempts: values.innerAttempts ?? 1,
      retries: source === 'async' ? values.asyncRetries : values.eventBridgeRetries,
      maxAgeSeconds: source === 'async' ? values.asyncMaxAge : values.eventBridgeMaxAge,
      maxReceiveCount: values.maxReceiveCount,
      visibilityTimeoutSeconds: values.visibilityTimeout,
      durationMs: Math.max(0, this.number('duration') || 0),
      memoryMb: Math.max(0, this.number('memory') || 0),
    });
    const count = (value: number, digits = 3) => formatNumber(value, locale, { maximumFractionDigits: digits });
    // Cents only where they matter: $0.42, $7.50, but $674 and $0.
    const money = (value: number) => {
      const digits = value > 0 && value < 10 ? 2 : 0;
      return formatNumber(value, locale, { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits });
    };
    // A share too small to write as a percentage still is not none.
    const share = (value: number) => value === 0 ? formatNumber(0, locale, { style: 'percent' })
      : value < 1e-6 ? fill(t.lessThan, { value: formatNumber(1e-6, locale, { style: 'percent', maximumSignificantDigits: 1 }) })
        : formatNumber(value, locale, { style: 'percent', maximumSignificantDigits: 3 });
    const perDay = (value: number) => value > 0 && value < 0.1 ? fill(t.lessThan, { value: count(0.1, 1) }) : count(value, 1);
    const time = (seconds: number) => seconds < 60 ? fill(t.seconds, { n: count(seconds, 0) })
      : seconds < 3600 ? fill(t.minutes, { n: count(seconds / 60, 1) })
        : fill(t.hours, { n: count(seconds / 3600, 1) });
    const out = (name: string, text: string) => {
      this.querySelector<HTMLElement>(`[data-out=${name}]`)!.textContent = text;
    };
    out('invocations', count(outcome.invocationsPerEvent));
    out('innerCalls', count(outcome.innerCallsPerEvent));
    out('worst', fill(t.worstValue, { invocations: pluralIn(t.invocationCount, outcome.maxAttempts, locale), calls: pluralIn(t.innerCount, outcome.worstInnerCalls, locale) }));
    out('extra', fill(t.extraValue, { rate: count(outcome.extraInvocationsPerSecond, 2), cost: money(outcome.extraMonthlyCost) }));
    out('deadLetters', fill(t.deadLettersValue, { share: share(outcome.deadLetterShare), perDay: perDay(outcome.deadLettersPerDay) }));
    out('giveUp', pluralIn(t.giveUpValue, outcome.maxAttempts, locale, { time: time(outcome.giveUpSeconds) }));
    out('summary', fill(t.summary, { invocations: pluralIn(t.times, outcome.invocationsPerEvent, locale), share: share(outcome.deadLetterShare), time: time(outcome.giveUpSeconds) }));
  }
}

customElements.define('retry-calculator', RetryCalculator);
