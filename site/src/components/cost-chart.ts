/**
 * Draws the calculator's chart: monthly Lambda cost against requests per second, the server's
 * flat monthly price, and a mark at the learner's rate. Plain SVG, redrawn on every change.
 * It is laid out for the width it is drawn at (cost-chart-width.ts), so labels keep their size.
 */
import { chartWidth } from './cost-chart-width.ts';

/** What one drawing needs. */
export interface ChartInput {
  curve: Array<{ rate: number; cost: number }>;
  /** Monthly server price; 0 or less draws no server line. */
  server: number;
  rate: number;
  /** Where Lambda costs as much as the server, when known: marked with a dot. */
  breakEven?: number | undefined;
  labels: { lambda: string; server: string; you: string; perSecond: string };
  money: (value: number) => string;
  number: (value: number) => string;
  /** The drawn width in CSS pixels; the chart is laid out for it. */
  width?: number;
}

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 220;
const LEFT = 64;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 34;

function element(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten. */
export function niceCeiling(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/** Replaces the contents of `svg` with the chart. */
export function drawCostChart(svg: SVGSVGElement, input: ChartInput): void {
  const width = chartWidth(input.width);
  const maxRate = input.curve.at(-1)?.rate ?? 1;
  const maxCost = niceCeiling(Math.max(input.server * 1.25, ...input.curve.map((point) => point.cost)));
  const x = (rate: number) => LEFT + ((width - LEFT - RIGHT) * rate) / maxRate;
  const y = (cost: number) => HEIGHT - BOTTOM - ((HEIGHT - TOP - BOTTOM) * Math.min(cost, maxCost)) / maxCost;
  svg.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
  svg.replaceChildren(
    element('line', { x1: LEFT, y1: HEIGHT - BOTTOM, x2: width - RIGHT, y2: HEIGHT - BOTTOM, class: 'axis' }),
    element('line', { x1: LEFT, y1: TOP, x2: LEFT, y2: HEIGHT - BOTTOM, class: 'axis' }),
    element('text', { x: LEFT - 6, y: TOP + 4, 'text-anchor': 'end', class: 'tick' }, input.money(maxCost)),
    element('text', { x: LEFT - 6, y: HEIGHT - BOTTOM, 'text-anchor': 'end', class: 'tick' }, input.money(0)),
    element('text', { x: LEFT, y: HEIGHT - BOTTOM + 14, 'text-anchor': 'middle', class: 'tick' }, '0'),
    element('text', { x: width - RIGHT, y: HEIGHT - BOTTOM + 14, 'text-anchor': 'end', class: 'tick' }, input.number(maxRate)),
    element('text', { x: (LEFT + width) / 2, y: HEIGHT - 4, 'text-anchor': 'middle', class: 'tick' }, input.labels.perSecond),
  );
  if (input.server > 0) {
    svg.append(
      element('line', { x1: LEFT, y1: y(input.server), x2: width - RIGHT, y2: y(input.server), class: 'server' }),
      element('text', { x: width - RIGHT - 4, y: y(input.server) - 5, 'text-anchor': 'end', class: 'label server-label' }, input.labels.server),
    );
  }
  const points = input.curve.map((point) => `${x(point.rate).toFixed(1)},${y(point.cost).toFixed(1)}`).join(' ');
  svg.append(element('polyline', { points, class: 'lambda' }));
  const last = input.curve.at(-1);
  if (last) svg.append(element('text', { x: x(last.rate) - 4, y: Math.max(TOP + 10, y(last.cost) - 6), 'text-anchor': 'end', class: 'label lambda-label' }, input.labels.lambda));
  if (input.breakEven !== undefined && input.breakEven <= maxRate && input.server > 0) {
    svg.append(element('circle', { cx: x(input.breakEven), cy: y(input.server), r: 4, class: 'break-even' }));
  }
  if (input.rate <= maxRate) {
    svg.append(
      element('line', { x1: x(input.rate), y1: TOP, x2: x(input.rate), y2: HEIGHT - BOTTOM, class: 'you' }),
      element('text', { x: x(input.rate) + 4, y: TOP + 10, class: 'label' }, input.labels.you),
    );
  }
}
