/**
 * Validation and compilation of an event pattern, following the rules and reason texts of the
 * engine EventBridge matches with: the pattern is a JSON object; every field holds either a
 * nested object or a non-empty list of values and match expressions; `$or` holds at least two
 * objects. Field names with dots address nested fields (`"detail.state"` is `detail` > `state`),
 * as they do on AWS.
 */
import { isPlainObject } from './json.ts';
import { compileLiteral, compileMatchExpression, wildcardSources } from './operators.ts';
import { reject } from './pattern-error.ts';
import type { CompiledPattern, LeafField, ObjectField, ObjectNode, ValueMatcher } from './types.ts';
import { checkWildcardComplexity, parseWildcard, type WildcardPieces } from './wildcard.ts';

/** The EventPattern parameter may be at most this long (PutRule, TestEventPattern). */
export const MAX_EVENT_PATTERN_LENGTH = 4096;

/** EventBridge's default quota for the size of a rule's event pattern (raisable to 4096). */
export const DEFAULT_EVENT_PATTERN_QUOTA = 2048;

/** Options of {@link parsePattern}. */
export interface ParseOptions {
  /** Reject patterns whose JSON text is longer than this many characters. Unchecked when omitted. */
  maxLength?: number;
}

// Names EventBridge keeps for operators; a field inside `$or` may not use them.
const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after', 'date-on-or-after',
  'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range', 'ip-address-not-in-range',
]);

interface Context {
  /** Wildcard patterns per field path, checked together for complexity. */
  wildcards: Map<string, WildcardPieces[]>;
}

function join(segments: readonly string[]): string {
  return segments.join('.');
}

function compileLeaf(name: string, path: string, values: unknown[], context: Context): LeafField {
  if (values.length === 0) reject('Empty arrays are not allowed', path);
  const matchers: ValueMatcher[] = values.map((value) =>
    isPlainObject(value) ? compileMatchExpression(value, path) : compileLiteral(value, path));
  const wildcards = values.flatMap(wildcardSources).map((source) => parseWildcard(source, path));
  if (wildcards.length > 0) context.wildcards.set(path, [...(context.wildcards.get(path) ?? []), ...wildcards]);
  const existsTrue = matchers.some((matcher) => matcher.kind === 'exists' && matcher.test(null));
  const existsFalse = matchers.some((matcher) => matcher.kind === 'exists' && !matcher.test(null));
  return { name, path, matchers, existsTrue, existsFalse };
}

/** A field whose key may hold dots: `"a.b": v` becomes field `a` holding an object with field `b`. */
function compileField(key: string, value: unknown, base: readonly string[], insideOr: boolean, context: Context): LeafField | ObjectField {
  const keySegments = key.split('.');
  const segments = [...base, ...keySegments];
  const path = join(segments);
  let field: LeafField | ObjectField;
  const name = keySegments[keySegments.length - 1]!;
  if (Array.isArray(value)) field = compileLeaf(name, path, value, context);
  else if (isPlainObject(value)) field = { name, path, child: compileObject(value, segments, insideOr, context) };
  else return reject(`"${key}" must be an object or an array`, path);
  for (let depth = keySegments.length - 2; depth >= 0; depth -= 1) {
    const outer = segments.slice(0, base.length + depth + 1);
    field = { name: keySegments[depth]!, path: join(outer), child: { fields: [field], ors: [], path: join(outer) } };
  }
  return field;
}

function compileOr(value: unknown, base: readonly string[], context: Context): ObjectNode[] {
  const path = join([...base, '$or']);
  if (!Array.isArray(value)) reject('It must be an Array followed with $or.', path);
  const alternatives = value.map((alternative) => {
    if (!isPlainObject(alternative)) reject('Only JSON object is allowed in array of $or relationship.', path);
    return compileObject(alternative, base, true, context);
  });
  if (alternatives.length < 2) reject('There must have at least 2 Objects in $or relationship.', path);
  return alternatives;
}

function compileObject(object: Record<string, unknown>, base: readonly string[], insideOr: boolean, context: Context): ObjectNode {
  const keys = Object.keys(object);
  if (keys.length === 0) reject('Empty objects are not allowed', join(base));
  const fields: (LeafField | ObjectField)[] = [];
  const ors: ObjectNode[][] = [];
  for (const key of keys) {
    if (key === '$or') {
      ors.push(compileOr(object[key], base, context));
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) reject(`${key} is Ruler reserved fieldName which cannot be used inside $or.`, join([...base, key]));
    fields.push(compileField(key, object[key], base, insideOr, context));
  }
  return { fields, ors, path: join(base) };
}

function readJson(pattern: string | object, options: ParseOptions): unknown {
  let text: string | undefined;
  if (typeof pattern === 'string') text = pattern;
  else {
    try {
      text = JSON.stringify(pattern);
    } catch (error) {
      reject(`the pattern cannot be written as JSON (${(error as Error).message})`);
    }
  }
  if (text === undefined) reject('Filter is not an object');
  if (options.maxLength !== undefined && text.length > options.maxLength) {
    reject(`the pattern is ${text.length} characters long; at most ${options.maxLength} are allowed`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    return reject((error as Error).message);
  }
}

/** Validates an event pattern (JSON text or object) as EventBridge does and compiles it for matching. */
export function parsePattern(pattern: string | object, options: ParseOptions = {}): CompiledPattern {
  const data = readJson(pattern, options);
  if (!isPlainObject(data)) reject('Filter is not an object');
  const context: Context = { wildcards: new Map() };
  let root: ObjectNode;
  try {
    root = compileObject(data, [], false, context);
  } catch (error) {
    if (error instanceof RangeError) reject('the pattern is nested too deeply');
    throw error;
  }
  for (const [path, patterns] of context.wildcards) checkWildcardComplexity(patterns, path);
  return { source: JSON.stringify(data), root };
}
