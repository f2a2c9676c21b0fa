/**
 * IAM's condition operators on one value of the request against one value of the policy:
 * String*, Numeric*, Date*, Bool, IpAddress and Arn*. The set qualifiers, IfExists and missing
 * keys are handled in conditions.ts; here a negated operator is its positive one, flipped there.
 */
import { isIP } from 'node:net';
import { wildcard } from './matching.ts';

/** How an operator compares a request value with a policy value; undefined for an operator IAM does not have. */
export type Comparison = (actual: string, expected: string) => boolean;

/** The base operator and whether it is negated: `StringNotLike` is `StringLike`, negated. */
export interface Operator {
  compare: Comparison;
  negated: boolean;
  /** String and Arn operators take policy variables in their values. */
  takesVariables: boolean;
}

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
const date = (text: string) => (/^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text));
const compared = (parse: (text: string) => number, test: (a: number, b: number) => boolean): Comparison => (actual, expected) => {
  const a = parse(actual);
  const b = parse(expected);
  return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
};

const POSITIVE: Record<string, Comparison> = {
  StringEquals: (actual, expected) => actual === expected,
  StringEqualsIgnoreCase: (actual, expected) => actual.toLowerCase() === expected.toLowerCase(),
  StringLike: (actual, expected) => wildcard(expected, actual),
  ArnEquals: (actual, expected) => wildcard(expected, actual),
  ArnLike: (actual, expected) => wildcard(expected, actual),
  Bool: (actual, expected) => actual.toLowerCase() === expected.toLowerCase(),
  NumericEquals: compared(number, (a, b) => a === b),
  NumericLessThan: compared(number, (a, b) => a < b),
  NumericLessThanEquals: compared(number, (a, b) => a <= b),
  NumericGreaterThan: compared(number, (a, b) => a > b),
  NumericGreaterThanEquals: compared(number, (a, b) => a >= b),
  DateEquals: compared(date, (a, b) => a === b),
  DateLessThan: compared(date, (a, b) => a < b),
  DateLessThanEquals: compared(date, (a, b) => a <= b),
  DateGreaterThan: compared(date, (a, b) => a > b),
  DateGreaterThanEquals: compared(date, (a, b) => a >= b),
  IpAddress: inCidr,
};

const NEGATIONS: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
};

/** The operator named `name` (without qualifier or IfExists), or undefined: an unknown operator never matches. */
export function operatorNamed(name: string): Operator | undefined {
  const base = NEGATIONS[name] ?? name;
  const compare = Object.hasOwn(POSITIVE, base) ? POSITIVE[base] : undefined;
  if (!compare) return undefined;
  return { compare, negated: base !== name, takesVariables: /^(String|Arn)/.test(base) };
}

/** True when the address `actual` is inside `cidr` (an address alone is a /32 or /128). */
export function inCidr(actual: string, cidr: string): boolean {
  const [network = '', bits] = cidr.split('/');
  const family = isIP(network);
  if (family === 0 || isIP(actual) !== family) return false;
  const width = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? width : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > width) return false;
  const shift = BigInt(width - prefix);
  return addressValue(actual, family) >> shift === addressValue(network, family) >> shift;
}

function addressValue(address: string, family: number): bigint {
  if (family === 4) return address.split('.').reduce((sum, part) => (sum << 8n) + BigInt(Number(part)), 0n);
  let groups: string[];
  if (address.includes('::')) {
    const [head = '', tail = ''] = address.split('::');
    const left = head === '' ? [] : head.split(':');
    const right = tail === '' ? [] : tail.split(':');
    groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  } else {
    groups = address.split(':');
  }
  return groups.reduce((sum, group) => (sum << 16n) + BigInt(parseInt(group || '0', 16)), 0n);
}
