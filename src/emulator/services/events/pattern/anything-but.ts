/**
 * `anything-but`: a single string or number, a list of only strings or only numbers, or one of
 * `{"prefix"}`, `{"suffix"}`, `{"equals-ignore-case"}` and `{"wildcard"}` with a string or a list
 * of strings. A value of another type (a number against excluded strings, null, a boolean) is not
 * excluded, so it matches; a missing field never does.
 */
import { numbersEqual, patternMicros } from './numeric.ts';
import { isPlainObject } from './json.ts';
import { reject } from './pattern-error.ts';
import { renderLeaf, renderPattern } from './render.ts';
import type { Leaf, ValueMatcher } from './types.ts';
import { parseWildcard, wildcardMatches, type WildcardPieces } from './wildcard.ts';

const TOO_MANY = 'Too many elements in numeric expression';

function matcher(text: string, excluded: (value: Leaf) => boolean, wording: string): ValueMatcher {
  return {
    kind: 'anything-but',
    text,
    test: (value) => !excluded(value),
    explain: (value) => `expected ${wording}, got ${renderLeaf(value)}`,
  };
}

function listOfValues(argument: unknown, path: string): ValueMatcher {
  const items = Array.isArray(argument) ? argument : [argument];
  if (Array.isArray(argument)) {
    if (items.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
      reject('Inside anything but list, start|null|boolean is not supported.', path);
    }
    const strings = items.filter((item) => typeof item === 'string').length;
    if (items.length === 0 || (strings > 0 && strings < items.length)) {
      reject('Inside anything but list, either all values are number or string, mixed type is not supported', path);
    }
  } else if (typeof argument !== 'string' && typeof argument !== 'number') {
    reject('Value of anything-but must be an array or single string/number value.', path);
  }
  const text = renderPattern({ 'anything-but': argument });
  const wording = `anything but ${renderPattern(argument)}`;
  if (typeof items[0] === 'string') {
    const strings = new Set(items as string[]);
    return matcher(text, (value) => typeof value === 'string' && strings.has(value), wording);
  }
  const numbers = (items as number[]).map((item) => ({ value: item, micros: patternMicros(item, path) }));
  const excluded = (value: Leaf): boolean =>
    typeof value === 'number' && numbers.some((item) => numbersEqual(value, item.value, item.micros));
  return matcher(text, excluded, wording);
}

type StringTest = (value: string) => boolean;

function stringTest(operator: string, operand: string, path: string): StringTest {
  switch (operator) {
    case 'prefix': return (value) => value.startsWith(operand);
    case 'suffix': return (value) => value.endsWith(operand);
    case 'equals-ignore-case': {
      const lower = operand.toLowerCase();
      return (value) => value.toLowerCase() === lower;
    }
    default: {
      const pieces: WildcardPieces = parseWildcard(operand, path);
      return (value) => wildcardMatches(pieces, value);
    }
  }
}

const WORDING: Record<string, (operand: string) => string> = {
  prefix: (operand) => `a value not starting with ${renderLeaf(operand)}`,
  suffix: (operand) => `a value not ending with ${renderLeaf(operand)}`,
  'equals-ignore-case': (operand) => `anything but ${renderLeaf(operand)} (ignoring case)`,
  wildcard: (operand) => `a value not matching the wildcard ${renderLeaf(operand)}`,
};

function typeReason(operator: string): string {
  if (operator === 'equals-ignore-case') return 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';
  if (operator === 'wildcard') return 'wildcard match pattern must be a string';
  return 'prefix/suffix match pattern must be a string';
}

function nested(argument: Record<string, unknown>, path: string): ValueMatcher {
  const keys = Object.keys(argument);
  const operator = keys[0];
  if (operator === undefined) reject('Anything-But expression name not found', path);
  if (!Object.hasOwn(WORDING, operator)) reject(`Unsupported anything-but pattern: ${operator}`, path);
  const operand = argument[operator];
  if (typeof operand !== 'string' && typeof operand !== 'number' && !Array.isArray(operand)) {
    reject('Value of anything-but must be an array or single string/number value.', path);
  }
  const operands = Array.isArray(operand) ? operand : [operand];
  for (const item of operands) {
    if (typeof item !== 'string') reject(typeReason(operator), path);
    if ((operator === 'prefix' || operator === 'suffix') && item === '') reject('Null prefix/suffix not allowed', path);
  }
  if (keys.length > 1) reject(TOO_MANY, path);
  const tests = (operands as string[]).map((item) => stringTest(operator, item, path));
  const excluded = (value: Leaf): boolean => typeof value === 'string' && tests.some((test) => test(value));
  const wording = (operands as string[]).map((item) => WORDING[operator]!(item)).join(' and ');
  return matcher(renderPattern({ 'anything-but': argument }), excluded, wording || 'any value');
}

/** Compiles the value of `{"anything-but": ...}`; `extraKeys` says the match expression had more keys. */
export function compileAnythingBut(argument: unknown, extraKeys: boolean, path: string): ValueMatcher {
  const compiled = isPlainObject(argument) ? nested(argument, path) : listOfValues(argument, path);
  if (extraKeys) reject(TOO_MANY, path);
  return compiled;
}
