/** The browser part of CostCalculator.astro: recomputes the figures and the chart on every input. */
import { breakEvenRate, concurrency, costCurve, lambdaMonthlyCost } from '../../../src/core/cost-model.ts';
import { drawCostChart, niceCeiling } from './cost-chart.ts';
import { fill, readStrings } from './fill.ts';

type CalculatorStrings = Record<
  'costSplit' | 'breakEvenValue' | 'noServer' | 'never' | 'lambda' | 'serverLine' | 'you' | 'perSecond',
  string
>;

class CostCalculator extends HTMLElement {
  private drawnWidth = 0;

  connectedCallback() {
    this.addEventListener('input', () => this.update());
    // The chart is laid out for its width (see cost-chart.ts): draw it again when that changes.
    new ResizeObserver(() => {
      const width = Math.round(this.querySelector('svg')!.getBoundingClientRect().width);
      if (width !== this.drawnWidth) this.update();
    }).observe(this.querySelector('svg')!);
    this.update();
  }

  private value(name: string): number {
    const input = this.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
    const number = Number(input.value);
    return Number.isFinite(number) && number > 0 ? number : 0;
  }

  private update(): void {
    const strings = readStrings<CalculatorStrings>(this);
    const locale = this.dataset.locale ?? 'en-US';
    const number = (value: number, digits = 2) => value.toLocaleString(locale, { maximumFractionDigits: digits });
    // Cents only where they matter: $0.42, $7.50, but $674 and $0.
    const money = (value: number) => {
      const digits = value > 0 && value < 10 ? 2 : 0;
      return value.toLocaleString(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits });
    };
    const rate = this.value('rate');
    const durationMs = this.value('duration');
    const memoryMb = this.value('memory');
    const server = this.value('server');
    const freeTier = this.querySelector<HTMLInputElement>('input[name=free]')!.checked;
    const workload = { requestsPerSecond: rate, durationMs, memoryMb, freeTier };
    const cost = lambdaMonthlyCost(workload);
    const breakEven = server > 0 ? breakEvenRate(server, durationMs, memoryMb, freeTier) : NaN;
    const out = (name: string, text: string) => {
      this.querySelector<HTMLElement>(`[data-out=${name}]`)!.textContent = text;
    };
    out('concurrency', number(concurrency(rate, durationMs)));
    out('requests', number(cost.requests, 0));
    out('gbSeconds', number(cost.gbSeconds, 0));
    out('cost', money(cost.total));
    out('split', fill(strings.costSplit, { requests: money(cost.requestCost), compute: money(cost.computeCost) }));
    out('breakEven', server <= 0 ? strings.noServer : Number.isFinite(breakEven) ? fill(strings.breakEvenValue, { rate: number(breakEven) }) : strings.never);
    // Show up to twice the learner's rate, and the break-even point when it is not far beyond.
    const reach = Number.isFinite(breakEven) ? Math.min(breakEven * 1.25, Math.max(rate, 1) * 20) : 0;
    const maxRate = niceCeiling(Math.max(rate * 2, reach, 1));
    const svg = this.querySelector('svg')!;
    this.drawnWidth = Math.round(svg.getBoundingClientRect().width);
    drawCostChart(svg, {
      curve: costCurve({ durationMs, memoryMb, freeTier }, maxRate, 60),
      server,
      rate,
      breakEven: Number.isFinite(breakEven) ? breakEven : undefined,
      labels: { lambda: strings.lambda, server: strings.serverLine, you: strings.you, perSecond: strings.perSecond },
      money,
      number: (value) => number(value, 0),
      width: this.drawnWidth,
    });
  }
}

customElements.define('cost-calculator', CostCalculator);
