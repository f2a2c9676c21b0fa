/**
 * Numeric matching. EventBridge compares numbers between -5e9 and 5e9 with six digits after the
 * decimal point; so do we, by turning each number into a whole count of millionths (truncated
 * toward zero). A number outside that range never satisfies a numeric comparison.
 */
import { reject } from './pattern-error.ts';
import { renderLeaf, renderPattern } from './render.ts';
import type { Leaf, ValueMatcher } from './types.ts';

/** The largest magnitude numeric matching handles. */
export const NUMERIC_LIMIT = 5e9;

const RANGE_REASON = 'Value must be between -5.0E9 and 5.0E9, inclusive';

/** A number as millionths (exact in a double for |n| <= 5e9), or undefined outside the range. */
export function toMicros(value: number): number | undefined {
  if (!(value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT)) return undefined;
  if (Number.isInteger(value)) return value * 1e6;
  const text = String(Math.abs(value));
  // Below 1e-6 the shortest form uses an exponent; such a number truncates to zero millionths.
  if (text.includes('e')) return 0;
  const dot = text.indexOf('.');
  const micros = Number(text.slice(0, dot)) * 1e6 + Number(text.slice(dot + 1, dot + 7).padEnd(6, '0'));
  return value < 0 ? -micros : micros;
}

/** Millionths of a pattern number, rejecting numbers EventBridge cannot compare. */
export function patternMicros(value: number, path: string): number {
  const micros = toMicros(value);
  if (micros === undefined) reject(RANGE_REASON, path);
  return micros;
}

/** True when two numbers are equal for EventBridge: identical, or equal to six decimals. */
export function numbersEqual(eventValue: number, patternValue: number, patternMicrosValue: number | undefined): boolean {
  if (eventValue === patternValue) return true;
  if (patternMicrosValue === undefined || Math.abs(eventValue - patternValue) >= 1e-6) return false;
  return toMicros(eventValue) === patternMicrosValue;
}

type Operator = '=' | '<' | '<=' | '>' | '>=';

interface Bound {
  op: Operator;
  value: number;
  micros: number;
}

function holds(bound: Bound, micros: number): boolean {
  switch (bound.op) {
    case '=': return micros === bound.micros;
    case '<': return micros < bound.micros;
    case '<=': return micros <= bound.micros;
    case '>': return micros > bound.micros;
    case '>=': return micros >= bound.micros;
  }
}

function operand(items: readonly unknown[], index: number, op: string, path: string): number {
  const value = items[index];
  if (typeof value !== 'number') reject(`Value of ${op === '=' ? 'equals' : op} must be numeric`, path);
  return value;
}

function tokenText(value: unknown): string {
  return value === undefined ? ']' : typeof value === 'string' ? value : renderPattern(value);
}

/** Reads `[op, n]` or `[">"|">=", low, "<"|"<=", high]`, in the order and words EventBridge checks them. */
function readBounds(items: readonly unknown[], path: string): Bound[] {
  const op = items[0];
  if (typeof op !== 'string') reject(`Invalid member in numeric match: ${tokenText(op)}`, path);
  if (op !== '=' && op !== '<' && op !== '<=' && op !== '>' && op !== '>=') reject(`Unrecognized numeric range operator: ${op}`, path);
  const value = operand(items, 1, op, path);
  const first: Bound = { op, value, micros: patternMicros(value, path) };
  if (items.length === 2) return [first];
  if (op === '=' || op === '<' || op === '<=') reject('Too many elements in numeric expression', path);
  const topOp = items[2];
  if (typeof topOp !== 'string') reject(`Bad value in numeric range: ${tokenText(topOp)}`, path);
  if (topOp !== '<' && topOp !== '<=') reject(`Bad numeric range operator: ${topOp}`, path);
  const top = operand(items, 3, topOp, path);
  if (items.length > 4) reject('Too many terms in numeric range expression', path);
  const second: Bound = { op: topOp, value: top, micros: patternMicros(top, path) };
  if (first.micros >= second.micros) reject('Bottom must be less than top', path);
  return [first, second];
}

/** Compiles the value of `{"numeric": [...]}`. */
export function compileNumeric(argument: unknown, path: string): ValueMatcher {
  if (!Array.isArray(argument)) reject('Value of numeric must be an array.', path);
  const bounds = readBounds(argument, path);
  const text = renderPattern({ numeric: argument });
  return {
    kind: 'numeric',
    text,
    test(value: Leaf): boolean {
      if (typeof value !== 'number') return false;
      const micros = toMicros(value);
      return micros !== undefined && bounds.every((bound) => holds(bound, micros));
    },
    explain(value: Leaf): string {
      if (typeof value !== 'number') return `numeric: expected a number, got ${renderLeaf(value)}`;
      const micros = toMicros(value);
      if (micros === undefined) return `numeric: ${value} is outside the range EventBridge compares (-5e9 to 5e9)`;
      const failed = bounds.find((bound) => !holds(bound, micros)) ?? bounds[0]!;
      return `numeric: ${value} is not ${failed.op} ${failed.value}`;
    },
  };
}
