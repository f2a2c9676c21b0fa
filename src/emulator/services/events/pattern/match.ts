/**
 * Matching a compiled pattern against an event. Every field of a pattern object must match
 * (AND); a field matches when any of its matchers matches any of the event's values there (OR).
 * Where the event holds an array of objects, one element must satisfy the whole nested pattern,
 * so conditions are never combined across different elements of the same array (as on AWS).
 *
 * Matching runs twice only when it fails: first fast, without building messages, then again to
 * explain which field failed and why.
 */
import { isPlainObject, ownValue } from './json.ts';
import { renderValues } from './render.ts';
import type { CompiledPattern, Leaf, LeafField, MatchResult, ObjectNode } from './types.ts';

interface Failure {
  field: string;
  reason: string;
}

const FAILED: Failure = { field: '', reason: '' };

const dottedKeys = new WeakMap<object, boolean>();

function hasDottedKeys(object: Record<string, unknown>): boolean {
  let known = dottedKeys.get(object);
  if (known === undefined) {
    known = Object.keys(object).some((key) => key.includes('.'));
    dottedKeys.set(object, known);
  }
  return known;
}

/** The event's value for one path segment; keys with dots (`"a.b": 1`) count as nested fields, as on AWS. */
function lookup(context: unknown, name: string): unknown {
  if (!isPlainObject(context)) return undefined;
  const direct = ownValue(context, name);
  if (!hasDottedKeys(context)) return direct;
  const prefix = `${name}.`;
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(context)) {
    if (!key.startsWith(prefix)) continue;
    extra ??= Object.create(null) as Record<string, unknown>;
    extra[key.slice(prefix.length)] = context[key];
  }
  if (!extra) return direct;
  if (direct === undefined) return extra;
  if (!isPlainObject(direct)) return [direct, extra];
  const merged = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(direct)) merged[key] = direct[key];
  for (const key of Object.keys(extra)) merged[key] = extra[key];
  return merged;
}

/** Elements of an array, nested arrays flattened, without recursion (events may nest deeply). */
function flatten(array: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  const stack: unknown[] = [array];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) for (let index = item.length - 1; index >= 0; index -= 1) stack.push(item[index]);
    else out.push(item);
  }
  return out;
}

function isLeaf(value: unknown): value is Leaf {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function absentReason(value: unknown): string {
  if (value === undefined) return 'field is missing';
  if (isPlainObject(value)) return 'field is an object, but the pattern expects a value here (patterns match leaf values only)';
  if (Array.isArray(value)) return flatten(value).length === 0 ? 'field is an empty array' : 'field holds only objects, but the pattern expects values here';
  return 'field is missing';
}

function leafReason(field: LeafField, values: readonly Leaf[], wasArray: boolean): string {
  const relevant = field.matchers.filter((matcher) => matcher.kind !== 'exists' || !matcher.test(null));
  const only = relevant.length === 1 ? relevant[0]! : undefined;
  if (only && only.kind !== 'exact') {
    return wasArray || values.length !== 1
      ? `no value in ${renderValues(values, wasArray)} matched ${only.text}`
      : only.explain(values[0]!);
  }
  return `expected one of [${relevant.map((matcher) => matcher.text).join(', ')}], got ${renderValues(values, wasArray)}`;
}

function anyMatches(field: LeafField, value: Leaf): boolean {
  for (const matcher of field.matchers) if (matcher.kind !== 'exists' && matcher.test(value)) return true;
  return false;
}

function matchLeaf(field: LeafField, value: unknown, explain: boolean): Failure | null {
  if (isLeaf(value)) {
    if (field.existsTrue || anyMatches(field, value)) return null;
    return explain ? { field: field.path, reason: leafReason(field, [value], false) } : FAILED;
  }
  const values = Array.isArray(value) ? flatten(value).filter(isLeaf) : [];
  if (values.length === 0) {
    if (field.existsFalse) return null;
    return explain ? { field: field.path, reason: absentReason(value) } : FAILED;
  }
  if (field.existsTrue || values.some((item) => anyMatches(field, item))) return null;
  return explain ? { field: field.path, reason: leafReason(field, values, true) } : FAILED;
}

function matchChild(node: ObjectNode, path: string, value: unknown, explain: boolean): Failure | null {
  if (!Array.isArray(value)) return matchNode(node, value, explain);
  const elements = flatten(value);
  if (elements.length === 0) return matchNode(node, undefined, explain);
  let first: Failure | null = null;
  for (const element of elements) {
    const failure = matchNode(node, element, explain);
    if (!failure) return null;
    first ??= failure;
  }
  if (!explain || elements.length === 1) return first;
  return { field: first!.field, reason: `no element of ${path} matched; first element: ${first!.reason}` };
}

function matchNode(node: ObjectNode, context: unknown, explain: boolean): Failure | null {
  for (const field of node.fields) {
    const value = lookup(context, field.name);
    const failure = field.child ? matchChild(field.child, field.path, value, explain) : matchLeaf(field, value, explain);
    if (failure) return failure;
  }
  for (const alternatives of node.ors) {
    let first: Failure | null = null;
    for (const alternative of alternatives) {
      const failure = matchNode(alternative, context, explain);
      if (!failure) {
        first = null;
        break;
      }
      first ??= failure;
    }
    if (first) return explain ? { field: first.field, reason: `no "$or" alternative matched; first alternative: ${first.reason}` } : FAILED;
  }
  return null;
}

function readEvent(event: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof event !== 'string') return { ok: true, value: event };
  try {
    return { ok: true, value: JSON.parse(event) };
  } catch {
    return { ok: false };
  }
}

/** Matches one event (an object, or its JSON text) and says which field failed first, and why. */
export function matchEvent(pattern: CompiledPattern, event: unknown): MatchResult {
  const read = readEvent(event);
  if (!read.ok) return { matched: false, field: '', reason: 'the event is not valid JSON' };
  if (!matchNode(pattern.root, read.value, false)) return { matched: true };
  const failure = matchNode(pattern.root, read.value, true) ?? { field: '', reason: 'no match' };
  return { matched: false, field: failure.field, reason: failure.reason };
}

/** True when the event matches; the fast path, building no messages. */
export function isMatch(pattern: CompiledPattern, event: unknown): boolean {
  const read = readEvent(event);
  return read.ok && !matchNode(pattern.root, read.value, false);
}
