/**
 * A statement's Condition block, as IAM evaluates it: every operator must hold, every key under
 * an operator must hold, and a key holds when any of its policy values matches. `...IfExists`
 * holds when the key is missing; a negated operator holds on a missing key; `ForAnyValue:` and
 * `ForAllValues:` compare every value of a multi-valued key (like dynamodb:LeadingKeys); `Null`
 * asks whether the key is there at all.
 */
import { listOf, substitute, type KeyLookup } from './matching.ts';
import { operatorNamed, type Operator } from './operators.ts';

/** A statement's Condition element: operator -> key -> value or values. */
export type ConditionBlock = Record<string, Record<string, unknown>>;

/** True when every condition of the block holds for the request's keys; no block always holds. */
export function conditionsHold(block: unknown, lookup: KeyLookup): boolean {
  if (block === undefined || block === null) return true;
  if (typeof block !== 'object') return false;
  for (const [name, entries] of Object.entries(block as ConditionBlock)) {
    if (typeof entries !== 'object' || entries === null) return false;
    for (const [key, values] of Object.entries(entries)) {
      if (!operatorHolds(name, lookup(key.toLowerCase()), listOf(values), lookup)) return false;
    }
  }
  return true;
}

function operatorHolds(name: string, actual: string | string[] | undefined, expected: string[], lookup: KeyLookup): boolean {
  const qualifier = /^(ForAnyValue|ForAllValues):/.exec(name)?.[1];
  let bare = qualifier ? name.slice(qualifier.length + 1) : name;
  const ifExists = bare.endsWith('IfExists');
  if (ifExists) bare = bare.slice(0, -'IfExists'.length);
  if (bare === 'Null') return expected.some((value) => (value.toLowerCase() === 'true') === (actual === undefined || (Array.isArray(actual) && actual.length === 0)));
  const operator = operatorNamed(bare);
  if (!operator) return false;
  const wanted = operator.takesVariables ? expected.flatMap((value) => substitute(value, lookup) ?? []) : expected;
  const values = actual === undefined ? [] : Array.isArray(actual) ? actual : [actual];
  const missing = actual === undefined;
  if (qualifier === 'ForAllValues') return values.every((value) => valueHolds(operator, value, wanted));
  if (missing) return ifExists || (qualifier === undefined && operator.negated);
  if (qualifier === 'ForAnyValue') return values.some((value) => valueHolds(operator, value, wanted));
  // A single-valued operator on a multi-valued key: the negated form holds only when no value matches.
  return operator.negated ? values.every((value) => valueHolds(operator, value, wanted)) : values.some((value) => valueHolds(operator, value, wanted));
}

/** One request value against the policy's values: positive when any matches, negated when none does. */
function valueHolds(operator: Operator, value: string, wanted: string[]): boolean {
  const matched = wanted.some((expected) => operator.compare(value, expected));
  return operator.negated ? !matched : matched;
}
