/**
 * Amazon EventBridge's event-pattern language, for rules, TestEventPattern and the lesson site.
 * Pure and browser-safe (no Node APIs): compile a pattern once with parsePattern, then match many
 * events with matchEvent (which explains a failure) or isMatch (which only answers).
 *
 * Supported: exact values (strings, numbers compared as numbers, booleans, null, ""), value lists
 * (OR), nested objects, event arrays (any element), `prefix`, `suffix` (both also with
 * `equals-ignore-case`), `equals-ignore-case`, `wildcard`, `anything-but` (value, list, prefix,
 * suffix, equals-ignore-case, wildcard), `numeric`, `cidr` (IPv4 and IPv6), `exists`, `$or`.
 *
 * LIMITATIONS: numbers are compared after JSON parsing, so 300 and 300.0 are equal (as AWS's
 * engine does, although its guide says otherwise); the "Rule is too complex" check for wildcards
 * approximates AWS's internal measure; JSON syntax errors carry JavaScript's wording, not AWS's.
 */
import { parsePattern, type ParseOptions } from './parse.ts';
import { isMatch } from './match.ts';

export { PatternError, INVALID_PATTERN_PREFIX } from './pattern-error.ts';
export { parsePattern, MAX_EVENT_PATTERN_LENGTH, DEFAULT_EVENT_PATTERN_QUOTA, type ParseOptions } from './parse.ts';
export { matchEvent, isMatch } from './match.ts';
export { NUMERIC_LIMIT } from './numeric.ts';
export type { CompiledPattern, MatchResult, Leaf } from './types.ts';

/** Compiles `pattern` and tests one event (object or JSON text); throws PatternError for a bad pattern. */
export function testEventPattern(pattern: string | object, event: unknown, options?: ParseOptions): boolean {
  return isMatch(parsePattern(pattern, options), event);
}
