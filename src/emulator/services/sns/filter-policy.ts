/**
 * Subscription filter policies. SNS validates a policy with its own rules and words (at most 5
 * top-level keys, 150 combinations, no nesting for the MessageAttributes scope, no `wildcard`),
 * then matches with the same engine as EventBridge's patterns, whose operators (exact values,
 * `prefix`, `suffix`, `equals-ignore-case`, `anything-but`, `numeric`, `exists`, `cidr`, `$or`) mean
 * the same. A message's attributes are matched as `{name: value}`: Number attributes as numbers,
 * String.Array attributes as arrays, Binary attributes never.
 */
import { matchEvent, parsePattern, PatternError, type CompiledPattern } from '../events/pattern/index.ts';
import { InvalidParameter } from './errors.ts';

/** Where a filter policy looks. */
export type FilterScope = 'MessageAttributes' | 'MessageBody';

/** A message attribute as Publish takes it. */
export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;
const TEXT_OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case']);

type Fail = (reason: string) => never;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// SNS reports numeric-match problems from its JSON reader, with a location suffix and, from Subscribe, the `Attributes Reason:` prefix.
function checkNumeric(value: unknown, fail: Fail): void {
  if (!Array.isArray(value) || value.length === 0) fail('Invalid member in numeric match: ]');
  const [operator, first, second, top, ...rest] = value as unknown[];
  if (typeof operator !== 'string') fail(`Invalid member in numeric match: ${String(operator)}`);
  if (!['<', '<=', '=', '>', '>='].includes(operator)) fail(`Unrecognized numeric range operator: ${operator}`);
  if (typeof first !== 'number') fail(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
  if (value.length === 2) return;
  if (operator !== '>' && operator !== '>=') fail('Too many elements in numeric expression');
  if (typeof second !== 'string') fail(`Bad value in numeric range: ${String(second)}`);
  if (second !== '<' && second !== '<=') fail(`Bad numeric range operator: ${second}`);
  if (typeof top !== 'number') fail(`Value of ${second} must be numeric`);
  if (top <= first) fail('Bottom must be less than top');
  if (rest.length > 0) fail('Too many terms in numeric range expression');
}

function checkRule(rule: unknown, fail: Fail, failNumeric: Fail): void {
  if (rule === null || ['string', 'number', 'boolean'].includes(typeof rule)) return;
  if (!isObject(rule)) fail('Match value must be String, number, true, false, or null');
  const keys = Object.keys(rule);
  if (keys.length !== 1) fail('Only one key allowed in match expression');
  const operator = keys[0]!;
  const value = rule[operator];
  if (TEXT_OPERATORS.has(operator)) {
    if (typeof value !== 'string') fail(`${operator} match pattern must be a string`);
    return;
  }
  switch (operator) {
    case 'anything-but':
      if (Array.isArray(value)) value.forEach((item) => checkRule(item, fail, failNumeric));
      else if (isObject(value)) {
        for (const inner of Object.keys(value)) if (inner !== 'prefix' && inner !== 'suffix' && inner !== 'equals-ignore-case') fail(`Unsupported anything-but pattern: ${inner}`);
        checkRule(value, fail, failNumeric);
      } else checkRule(value, fail, failNumeric);
      return;
    case 'exists':
      if (typeof value !== 'boolean') fail('exists match pattern must be either true or false.');
      return;
    case 'numeric':
      return checkNumeric(value, failNumeric);
    case 'cidr':
      if (typeof value !== 'string') fail('prefix match pattern must be a string');
      if (value.split('/').length !== 2) fail('Malformed CIDR, one \'/\' required');
      return;
    default:
      fail(`Unrecognized match type ${operator}`);
  }
}

/** Walks the policy: checks every rule and returns the number of combinations SNS counts. */
function walk(policy: Record<string, unknown>, scope: FilterScope, depth: number, carried: number, fail: Fail, failNumeric: Fail): number {
  let combinations = carried;
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) {
      if (value.length < 2) fail('There must have at least 2 Objects in $or relationship.');
      let sum = 0;
      for (const alternative of value) {
        if (!isObject(alternative)) fail('Only JSON object is allowed in array of $or relationship.');
        sum += walk(alternative, scope, depth, combinations, fail, failNumeric);
      }
      combinations = sum;
    } else if (Array.isArray(value)) {
      if (value.length === 0) fail('Empty arrays are not allowed');
      value.forEach((rule) => checkRule(rule, fail, failNumeric));
      combinations *= value.length * depth;
    } else if (isObject(value)) {
      if (scope === 'MessageAttributes') throw new InvalidParameter('Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy');
      combinations = walk(value, scope, depth + 1, combinations, fail, failNumeric);
    } else fail(`"${key}" must be an object or an array`);
  }
  return combinations;
}

/** Validates a FilterPolicy as SNS does (in its words, which differ a little from Subscribe) and compiles it. */
export function compileFilterPolicy(text: string, scope: FilterScope, fromSubscribe = false): CompiledPattern {
  const fail: Fail = (reason) => {
    throw new InvalidParameter(`Invalid parameter: FilterPolicy: ${reason}`);
  };
  const failNumeric: Fail = (reason) => {
    throw new InvalidParameter(`Invalid parameter: ${fromSubscribe ? 'Attributes Reason: ' : ''}FilterPolicy: ${reason}\n at ...`);
  };
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    fail('failed to parse JSON.');
  }
  if (!isObject(policy)) fail('Filter policy must be a JSON object');
  if (Object.keys(policy).length > MAX_KEYS) fail(`Filter policy can not have more than ${MAX_KEYS} keys`);
  const combinations = walk(policy, scope, 1, 1, fail, failNumeric);
  if (combinations > MAX_COMBINATIONS) fail('Filter policy is too complex');
  try {
    return parsePattern(policy);
  } catch (error) {
    if (error instanceof PatternError) fail(error.reason);
    throw error;
  }
}

/** The attributes as the filter engine sees them: values by name, typed as SNS compares them. */
export function attributeDocument(attributes: Record<string, MessageAttribute>): Record<string, unknown> {
  const document: Record<string, unknown> = Object.create(null);
  for (const [name, attribute] of Object.entries(attributes)) {
    const type = attribute.DataType.split('.')[0];
    if (type === 'Binary' || attribute.StringValue === undefined) continue;
    if (type === 'Number') document[name] = Number(attribute.StringValue);
    else if (attribute.DataType === 'String.Array') {
      try {
        document[name] = JSON.parse(attribute.StringValue);
      } catch {
        document[name] = attribute.StringValue;
      }
    } else document[name] = attribute.StringValue;
  }
  return document;
}

/** The verdict of a subscription's filter policy on one message; a reason for a non-match. */
export function filterVerdict(policy: CompiledPattern, scope: FilterScope, message: string, attributes: Record<string, MessageAttribute>): { matched: true } | { matched: false; field: string; reason: string } {
  if (scope === 'MessageBody') {
    let body: unknown;
    try {
      body = JSON.parse(message);
    } catch {
      return { matched: false, field: '', reason: 'the message body is not a JSON object, so a MessageBody filter policy cannot match it' };
    }
    if (!isObject(body)) return { matched: false, field: '', reason: 'the message body is not a JSON object, so a MessageBody filter policy cannot match it' };
    return matchEvent(policy, body);
  }
  return matchEvent(policy, attributeDocument(attributes));
}
