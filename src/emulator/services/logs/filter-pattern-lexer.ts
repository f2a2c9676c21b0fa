/**
 * The pieces that JSON and space-delimited filter patterns share: a tokenizer and the comparison
 * of one value against a literal (wildcards for strings, numeric order for numbers).
 */

/** A filter pattern that CloudWatch Logs would refuse. */
export class FilterPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterPatternError';
  }
}

/** One token of a structured pattern. */
export interface Token {
  kind: 'punct' | 'op' | 'string' | 'word';
  text: string;
}

/** The comparison operators filter patterns know. */
export type Operator = '=' | '!=' | '>' | '<' | '>=' | '<=';

const OPERATORS = ['!=', '>=', '<=', '=', '>', '<'] as const;
const PUNCT = ['&&', '||', '(', ')', '{', '}', '[', ']', ','];
const WORD_END = /[\s(){}\[\],=!<>&|"]/;

/** Reads a double-quoted string starting at `start` (the quote); returns its text and the index after it. */
export function readQuoted(source: string, start: number): { text: string; end: number } {
  let text = '';
  for (let index = start + 1; index < source.length; index += 1) {
    const char = source[index]!;
    if (char === '"') return { text, end: index + 1 };
    if (char === '\\' && index + 1 < source.length) {
      index += 1;
      text += source[index]!;
      continue;
    }
    text += char;
  }
  throw new FilterPatternError(`Invalid filter pattern: unterminated quoted string in ${source}`);
}

/** Splits a structured pattern into tokens; a selector such as `$.a[0].b` stays one word. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === '"') {
      const quoted = readQuoted(source, index);
      tokens.push({ kind: 'string', text: quoted.text });
      index = quoted.end;
      continue;
    }
    const punct = PUNCT.find((candidate) => source.startsWith(candidate, index));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct });
      index += punct.length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, index));
    if (op) {
      tokens.push({ kind: 'op', text: op });
      index += op.length;
      continue;
    }
    let end = index;
    while (end < source.length) {
      const next = source[end]!;
      // A selector keeps its brackets: `$.items[0]` is one word.
      if ((next === '[' || next === ']') && source[index] === '$') {
        end += 1;
        continue;
      }
      if (WORD_END.test(next)) break;
      end += 1;
    }
    if (end === index) throw new FilterPatternError(`Invalid filter pattern: unexpected character '${char}'`);
    tokens.push({ kind: 'word', text: source.slice(index, end) });
    index = end;
  }
  return tokens;
}

/** A literal on the right of a comparison: a number, or a string that may hold `*` wildcards. */
export interface Literal {
  text: string;
  quoted: boolean;
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** True when a literal is written as a number (`200`, `-1.5`, `1e3`). */
export function isNumericLiteral(literal: Literal): boolean {
  return !literal.quoted && NUMBER.test(literal.text);
}

/** Matches `value` against a string with `*` wildcards, all of it (case-sensitive). */
export function wildcardMatch(value: string, pattern: string): boolean {
  if (!pattern.includes('*')) return value === pattern;
  const source = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`, 's').test(value);
}

/**
 * Compares a value found in a log event with a literal. Numbers compare numerically (a numeric
 * string counts as a number, as fields of a space-delimited event are always text); strings
 * support `=` and `!=` with wildcards.
 */
export function compareValue(value: unknown, op: Operator, literal: Literal): boolean {
  if (isNumericLiteral(literal)) {
    const number = typeof value === 'number' ? value : typeof value === 'string' && NUMBER.test(value) ? Number(value) : undefined;
    if (number === undefined) return op === '!=' && value !== undefined && value !== null;
    const target = Number(literal.text);
    switch (op) {
      case '=': return number === target;
      case '!=': return number !== target;
      case '>': return number > target;
      case '<': return number < target;
      case '>=': return number >= target;
      case '<=': return number <= target;
    }
  }
  if (op !== '=' && op !== '!=') throw new FilterPatternError(`Invalid filter pattern: ${op} needs a numeric value, got ${literal.text}`);
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
  const matched = wildcardMatch(String(value), literal.text);
  return op === '=' ? matched : !matched;
}

/** True when `text` is one of the comparison operators. */
export function isOperator(text: string): text is Operator {
  return (OPERATORS as readonly string[]).includes(text);
}
