/**
 * JSON filter patterns: `{ $.level = "ERROR" && ($.latency > 100 || $.retry IS TRUE) }`. Only log
 * events whose whole message is a JSON object or array can match.
 */
import { FilterPatternError, compareValue, isOperator, tokenize, type Literal, type Operator, type Token } from './filter-pattern-lexer.ts';

type Test = (document: unknown) => boolean;

type Step = { key: string } | { index: number };

/** Parses `$.a.b[0]` into steps. */
function parseSelector(text: string): Step[] {
  if (!text.startsWith('$')) throw new FilterPatternError(`Invalid filter pattern: expected a selector starting with $, got ${text}`);
  const steps: Step[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    const key = /^\.([^.\[\]]+)/.exec(rest);
    const index = /^\[(\d+)\]/.exec(rest);
    if (key) {
      steps.push({ key: key[1]! });
      rest = rest.slice(key[0].length);
    } else if (index) {
      steps.push({ index: Number(index[1]) });
      rest = rest.slice(index[0].length);
    } else {
      throw new FilterPatternError(`Invalid filter pattern: cannot read selector ${text}`);
    }
  }
  if (steps.length === 0) throw new FilterPatternError('Invalid filter pattern: a selector must name a field, like $.level');
  return steps;
}

const MISSING = Symbol('missing');

function resolve(document: unknown, steps: Step[]): unknown {
  let node: unknown = document;
  for (const step of steps) {
    if ('key' in step) {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, step.key)) return MISSING;
      node = (node as Record<string, unknown>)[step.key];
    } else {
      if (!Array.isArray(node) || step.index >= node.length) return MISSING;
      node = node[step.index];
    }
  }
  return node;
}

class Parser {
  private position = 0;
  private readonly tokens: Token[];

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  parse(): Test {
    this.expect('{');
    const test = this.or();
    this.expect('}');
    if (this.position < this.tokens.length) throw new FilterPatternError(`Invalid filter pattern: unexpected ${this.tokens[this.position]!.text} after }`);
    return test;
  }

  private or(): Test {
    const parts = [this.and()];
    while (this.peek()?.text === '||') {
      this.position += 1;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0]! : (document) => parts.some((part) => part(document));
  }

  private and(): Test {
    const parts = [this.unary()];
    while (this.peek()?.text === '&&') {
      this.position += 1;
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0]! : (document) => parts.every((part) => part(document));
  }

  private unary(): Test {
    if (this.peek()?.text === '(') {
      this.position += 1;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Test {
    const selector = this.next();
    if (selector.kind !== 'word') throw new FilterPatternError(`Invalid filter pattern: expected a selector, got ${selector.text}`);
    const steps = parseSelector(selector.text);
    const verb = this.next();
    if (verb.kind === 'op' && isOperator(verb.text)) {
      const op: Operator = verb.text;
      const value = this.next();
      if (value.kind !== 'string' && value.kind !== 'word') throw new FilterPatternError(`Invalid filter pattern: expected a value after ${op}`);
      const literal: Literal = { text: value.text, quoted: value.kind === 'string' };
      // Fails on a bad operator/value pairing now, not on the first event.
      compareValue(0, op, literal);
      return (document) => {
        const found = resolve(document, steps);
        return found !== MISSING && compareValue(found, op, literal);
      };
    }
    const keyword = verb.text.toUpperCase();
    if (verb.kind === 'word' && keyword === 'IS') {
      const what = this.next().text.toUpperCase();
      const expected = what === 'TRUE' ? true : what === 'FALSE' ? false : what === 'NULL' ? null : MISSING;
      if (expected === MISSING) throw new FilterPatternError(`Invalid filter pattern: IS must be followed by TRUE, FALSE or NULL, got ${what}`);
      return (document) => resolve(document, steps) === expected;
    }
    if (verb.kind === 'word' && keyword === 'NOT' && this.next().text.toUpperCase() === 'EXISTS') {
      return (document) => resolve(document, steps) === MISSING;
    }
    throw new FilterPatternError(`Invalid filter pattern: expected an operator after ${selector.text}`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) throw new FilterPatternError('Invalid filter pattern: it ends too early');
    this.position += 1;
    return token;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.text !== text || token.kind === 'string') throw new FilterPatternError(`Invalid filter pattern: expected ${text}, got ${token.text}`);
  }
}

/** Compiles a JSON filter pattern (starting with `{`) into a test of one log message. */
export function compileJsonPattern(pattern: string): (message: string) => boolean {
  const test = new Parser(tokenize(pattern)).parse();
  return (message) => {
    let document: unknown;
    try {
      document = JSON.parse(message);
    } catch {
      return false;
    }
    return typeof document === 'object' && document !== null && test(document);
  };
}
