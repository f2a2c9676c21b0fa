/**
 * The elements of a field's value list: literals (`"aws.ec2"`, `80`, `true`, `null`) and match
 * expressions (`{"prefix": "eu-"}`, `{"numeric": [">", 0]}`, ...), each compiled to a matcher.
 * Reason texts are those EventBridge answers, so a learner can search for them.
 */
import { compileAnythingBut } from './anything-but.ts';
import { compileCidr, looksLikeIp, parseIp, sameAddress } from './cidr.ts';
import { compileNumeric, numbersEqual, toMicros } from './numeric.ts';
import { isPlainObject } from './json.ts';
import { reject } from './pattern-error.ts';
import { renderLeaf, renderPattern } from './render.ts';
import type { Leaf, ValueMatcher } from './types.ts';
import { parseWildcard, wildcardMatches, type WildcardPieces } from './wildcard.ts';

const ONE_KEY = 'Only one key allowed in match expression';

function build(kind: ValueMatcher['kind'], text: string, test: (value: Leaf) => boolean, expected: string): ValueMatcher {
  return { kind, text, test, explain: (value) => `expected ${expected}, got ${renderLeaf(value)}` };
}

/** A literal in a value list: strings, numbers, booleans and null match themselves. */
export function compileLiteral(value: unknown, path: string): ValueMatcher {
  const text = renderPattern(value);
  if (typeof value === 'string') {
    const address = looksLikeIp(value) ? parseIp(value) : undefined;
    const test = address
      ? (candidate: Leaf) => candidate === value || (typeof candidate === 'string' && sameAddress(address, candidate))
      : (candidate: Leaf) => candidate === value;
    return build('exact', text, test, text);
  }
  if (typeof value === 'number') {
    const micros = toMicros(value);
    return build('exact', text, (candidate) => typeof candidate === 'number' && numbersEqual(candidate, value, micros), text);
  }
  if (typeof value === 'boolean' || value === null) return build('exact', text, (candidate) => candidate === value, text);
  return reject('Match value must be String, number, true, false, or null', path);
}

function onlyKey(keys: readonly string[], path: string): void {
  if (keys.length > 1) reject(ONE_KEY, path);
}

/** `{"prefix": {"equals-ignore-case": "..."}}` and its suffix twin. */
function ignoreCaseAffix(operator: 'prefix' | 'suffix', argument: Record<string, unknown>, path: string): string {
  const keys = Object.keys(argument);
  const name = operator === 'prefix' ? 'Prefix' : 'Suffix';
  if (keys[0] === undefined) reject(`${name} expression name not found`, path);
  if (keys[0] !== 'equals-ignore-case') reject(`Unsupported ${operator} pattern: ${keys[0]}`, path);
  const operand = argument[keys[0]];
  if (typeof operand !== 'string') reject('equals-ignore-case match pattern must be a string', path);
  onlyKey(keys, path);
  return operand;
}

function affix(operator: 'prefix' | 'suffix', argument: unknown, text: string, path: string): ValueMatcher {
  const where = operator === 'prefix' ? 'starting with' : 'ending with';
  if (isPlainObject(argument)) {
    const lower = ignoreCaseAffix(operator, argument, path).toLowerCase();
    const test = operator === 'prefix'
      ? (value: Leaf) => typeof value === 'string' && value.toLowerCase().startsWith(lower)
      : (value: Leaf) => typeof value === 'string' && value.toLowerCase().endsWith(lower);
    return build(operator, text, test, `a string ${where} ${renderLeaf(lower)} (ignoring case)`);
  }
  if (typeof argument !== 'string') reject(`${operator} match pattern must be a string`, path);
  const test = operator === 'prefix'
    ? (value: Leaf) => typeof value === 'string' && value.startsWith(argument)
    : (value: Leaf) => typeof value === 'string' && value.endsWith(argument);
  return build(operator, text, test, `a string ${where} ${renderLeaf(argument)}`);
}

function stringOperand(argument: unknown, reason: string, path: string): string {
  if (typeof argument !== 'string') reject(reason, path);
  return argument;
}

/** A match expression: an object with exactly one operator key. */
export function compileMatchExpression(expression: Record<string, unknown>, path: string): ValueMatcher {
  const keys = Object.keys(expression);
  const operator = keys[0];
  if (operator === undefined) return reject('Match expression name not found', path);
  const argument = expression[operator];
  const text = renderPattern(expression);
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      const compiled = affix(operator, argument, text, path);
      onlyKey(keys, path);
      return compiled;
    }
    case 'numeric': {
      const compiled = compileNumeric(argument, path);
      if (keys.length > 1) reject('Too many elements in numeric expression', path);
      return compiled;
    }
    case 'anything-but':
      return compileAnythingBut(argument, keys.length > 1, path);
    case 'cidr': {
      const compiled = compileCidr(argument, path);
      onlyKey(keys, path);
      return compiled;
    }
    case 'exists': {
      if (typeof argument !== 'boolean') reject('exists match pattern must be either true or false.', path);
      onlyKey(keys, path);
      return {
        kind: 'exists',
        text,
        test: () => argument,
        explain: (value) => (argument ? 'field is missing' : `expected the field to be absent, got ${renderLeaf(value)}`),
      };
    }
    case 'equals-ignore-case': {
      const lower = stringOperand(argument, 'equals-ignore-case match pattern must be a string', path).toLowerCase();
      onlyKey(keys, path);
      return build(operator, text, (value) => typeof value === 'string' && value.toLowerCase() === lower, `${renderLeaf(argument as string)} (ignoring case)`);
    }
    case 'wildcard': {
      const source = stringOperand(argument, 'wildcard match pattern must be a string', path);
      const pieces: WildcardPieces = parseWildcard(source, path);
      onlyKey(keys, path);
      return build(operator, text, (value) => typeof value === 'string' && wildcardMatches(pieces, value), `a string matching the wildcard ${renderLeaf(source)}`);
    }
    case 'exactly': {
      const exact = stringOperand(argument, 'exact match pattern must be a string', path);
      onlyKey(keys, path);
      return build('exact', text, (value) => value === exact, renderLeaf(exact));
    }
    default:
      return reject(`Unrecognized match type ${operator}`, path);
  }
}

/** Wildcard pieces of a compiled element, for the complexity check (plain or under anything-but). */
export function wildcardSources(element: unknown): string[] {
  if (!isPlainObject(element)) return [];
  if (typeof element.wildcard === 'string') return [element.wildcard];
  const inner = element['anything-but'];
  if (!isPlainObject(inner)) return [];
  const operand = inner.wildcard;
  return typeof operand === 'string' ? [operand] : Array.isArray(operand) ? operand.filter((item) => typeof item === 'string') : [];
}
