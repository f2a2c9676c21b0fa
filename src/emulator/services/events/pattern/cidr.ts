/**
 * IP address matching: `{"cidr": "10.0.0.0/24"}` for IPv4 and IPv6, and bare IP literals in a
 * value list, which EventBridge compares as addresses rather than as text. Addresses are byte
 * arrays; a CIDR is the inclusive range from the address as written to the address with every
 * host bit set, which is how EventBridge's matching engine builds it.
 */
import { reject } from './pattern-error.ts';
import { renderLeaf, renderPattern } from './render.ts';
import type { Leaf, ValueMatcher } from './types.ts';

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

function parseIpv4(text: string): number[] | undefined {
  const bytes = text.split('.').map(Number);
  return bytes.every((byte) => byte <= 255) && text.split('.').every((part) => part.length <= 3) ? bytes : undefined;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    groups.push(parseInt(group, 16));
  }
  return groups;
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0]!);
  const tail = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/** The bytes of an IPv4 (4) or IPv6 (16) address literal, or undefined for anything else. */
export function parseIp(text: string): number[] | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
}

/** True when `text` has the shape of an IP literal, as EventBridge decides before parsing it. */
export function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function compareBytes(left: readonly number[], right: readonly number[]): number {
  for (let index = 0; index < left.length; index += 1) {
    const difference = left[index]! - right[index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

function patternIp(text: string, path: string): number[] {
  if (!looksLikeIp(text)) reject(`Nonstandard IP address: ${text}`, path);
  const bytes = parseIp(text);
  if (!bytes) reject(`Invalid IP address: ${text}`, path);
  return bytes;
}

function readMask(text: string, path: string): number {
  if (!/^[+-]?[0-9]+$/.test(text)) reject('Malformed CIDR, mask bits must be an integer', path);
  const bits = Number(text);
  if (bits < 0) reject('Malformed CIDR, mask bits must not be negative', path);
  return bits;
}

/** Compiles the value of `{"cidr": "..."}`. */
export function compileCidr(argument: unknown, path: string): ValueMatcher {
  // EventBridge's own wording for a CIDR that is not a string.
  if (typeof argument !== 'string') reject('prefix match pattern must be a string', path);
  const parts = argument.split('/');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) reject("Malformed CIDR, one '/' required", path);
  const bits = readMask(parts[1]!, path);
  const bottom = patternIp(parts[0]!, path);
  if (bottom.length === 4 && bits > 31) reject('IPv4 mask bits must be < 32', path);
  if (bottom.length === 16 && bits > 127) reject('IPv6 mask bits must be < 128', path);
  const top = bottom.map((byte, index) => {
    const hostBits = Math.min(8, Math.max(0, bottom.length * 8 - bits - (bottom.length - 1 - index) * 8));
    return byte | ((1 << hostBits) - 1);
  });
  const inRange = (value: Leaf): 'yes' | 'no' | 'not-ip' => {
    const bytes = typeof value === 'string' ? parseIp(value) : undefined;
    if (!bytes || bytes.length !== bottom.length) return 'not-ip';
    return compareBytes(bytes, bottom) >= 0 && compareBytes(bytes, top) <= 0 ? 'yes' : 'no';
  };
  return {
    kind: 'cidr',
    text: renderPattern({ cidr: argument }),
    test: (value) => inRange(value) === 'yes',
    explain(value) {
      const family = bottom.length === 4 ? 'IPv4' : 'IPv6';
      if (inRange(value) === 'not-ip') return `expected an ${family} address in ${argument}, got ${renderLeaf(value)} (not an ${family} address)`;
      return `expected an IP address in ${argument}, got ${renderLeaf(value)}`;
    },
  };
}

/** For a bare IP literal in a value list: true when an event string is the same address. */
export function sameAddress(literal: readonly number[], value: string): boolean {
  const bytes = parseIp(value);
  return bytes !== undefined && bytes.length === literal.length && compareBytes(bytes, literal) === 0;
}
