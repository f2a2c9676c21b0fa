/**
 * CloudWatch Logs filter patterns, as FilterLogEvents (and metric and subscription filters) read
 * them. Pure: a pattern compiles to a test of one log message, or throws FilterPatternError.
 *
 * - Terms: `ERROR timeout` (all terms), `"Failed to"` (a phrase), `?ERROR ?WARN` (any of them),
 *   `ERROR -retry` (without retry), `%[0-9]{3}%` (a regular expression). Case-sensitive.
 * - JSON: `{ $.level = "ERROR" && $.latency > 100 }`, see filter-pattern-json.ts.
 * - Space-delimited: `[ip, user, ..., status = 4*]`, see filter-pattern-delimited.ts.
 */
import { compileDelimitedPattern } from './filter-pattern-delimited.ts';
import { compileJsonPattern } from './filter-pattern-json.ts';
import { FilterPatternError, readQuoted } from './filter-pattern-lexer.ts';

export { FilterPatternError } from './filter-pattern-lexer.ts';

/** A compiled filter pattern: true when a log message matches. */
export type MessageMatcher = (message: string) => boolean;

/** FilterLogEvents accepts patterns up to this many characters. */
export const MAX_FILTER_PATTERN_LENGTH = 1024;

interface Term {
  mode: 'all' | 'any' | 'none';
  test: (message: string) => boolean;
}

function regexTerm(source: string): (message: string) => boolean {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch (error) {
    throw new FilterPatternError(`Invalid filter pattern: the regular expression %${source}% is not valid (${(error as Error).message})`);
  }
  return (message) => pattern.test(message);
}

/** Splits an unstructured pattern into terms, honouring quotes, `?` and `-` prefixes and `%regex%`. */
function parseTerms(pattern: string): Term[] {
  const terms: Term[] = [];
  let index = 0;
  while (index < pattern.length) {
    if (/\s/.test(pattern[index]!)) {
      index += 1;
      continue;
    }
    let mode: Term['mode'] = 'all';
    if (pattern[index] === '?' || pattern[index] === '-') {
      mode = pattern[index] === '?' ? 'any' : 'none';
      index += 1;
    }
    const char = pattern[index];
    if (char === undefined || /\s/.test(char)) throw new FilterPatternError(`Invalid filter pattern: ${pattern[index - 1]} must be followed by a term`);
    if (char === '"') {
      const quoted = readQuoted(pattern, index);
      const phrase = quoted.text;
      terms.push({ mode, test: (message) => message.includes(phrase) });
      index = quoted.end;
      continue;
    }
    if (char === '%') {
      const close = pattern.indexOf('%', index + 1);
      if (close < 0) throw new FilterPatternError('Invalid filter pattern: a regular expression must end with %');
      terms.push({ mode, test: regexTerm(pattern.slice(index + 1, close)) });
      index = close + 1;
      continue;
    }
    let end = index;
    while (end < pattern.length && !/\s/.test(pattern[end]!)) end += 1;
    const word = pattern.slice(index, end);
    terms.push({ mode, test: (message) => message.includes(word) });
    index = end;
  }
  return terms;
}

function compileTerms(pattern: string): MessageMatcher {
  const terms = parseTerms(pattern);
  const all = terms.filter((term) => term.mode === 'all');
  const any = terms.filter((term) => term.mode === 'any');
  const none = terms.filter((term) => term.mode === 'none');
  if (all.length === 0 && any.length === 0 && none.length === 0) return () => true;
  return (message) =>
    all.every((term) => term.test(message)) &&
    (any.length === 0 || any.some((term) => term.test(message))) &&
    !none.some((term) => term.test(message));
}

/** Compiles a filter pattern; an empty or absent pattern (or `""`) matches every event. */
export function compileFilterPattern(pattern: string | undefined | null): MessageMatcher {
  const text = (pattern ?? '').trim();
  if (text.length > MAX_FILTER_PATTERN_LENGTH) {
    throw new FilterPatternError(`Invalid filter pattern: it is longer than ${MAX_FILTER_PATTERN_LENGTH} characters`);
  }
  if (text === '' || text === '""') return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text);
  if (text.startsWith('[')) return compileDelimitedPattern(text);
  return compileTerms(text);
}
