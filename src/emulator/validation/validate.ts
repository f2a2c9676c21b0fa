/**
 * Walks a decoded input against its compiled shape and words every failed constraint as AWS's
 * request validation does: "Value 'x' at 'path' failed to satisfy constraint: Member must ...".
 * The happy path allocates nothing: paths and values are written only for a failure.
 */
import type { Node } from './compile.ts';

/** AWS lists at most this many failures (and counts only those it lists). */
export const MAX_LISTED = 10;

/** The failures found so far; `null` until the first. */
interface Found {
  list: string[] | null;
}

function at(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** A value as AWS's (Java) validator prints it: lists as [a, b], maps and structures as {k=v}. */
function shown(value: unknown, node: Node | undefined): string {
  if (node?.kind === 'blob') {
    const length = blobLength(value);
    return `java.nio.HeapByteBuffer[pos=0 lim=${length} cap=${length}]`;
  }
  if (Array.isArray(value)) return `[${value.map((item) => shown(item, node?.member)).join(', ')}]`;
  if (isRecord(value)) return `{${Object.keys(value).map((key) => `${key}=${shown(value[key], node?.value)}`).join(', ')}}`;
  return String(value);
}

/**
 * AWS prints a value only when it is plain: a scalar, or a list or map of scalars. A sensitive
 * member, or a collection of structures ("Value at 'requestItems.orders.member.keys'"), is left out.
 */
function printable(value: unknown, node: Node): boolean {
  if (node.hide) return false;
  if (Array.isArray(value)) return value.every((item) => typeof item !== 'object' || item === null);
  if (isRecord(value)) {
    if (node.kind === 'structure') return false;
    for (const key in value) if (typeof value[key] === 'object' && value[key] !== null) return false;
  }
  return true;
}

function fail(found: Found, node: Node, value: unknown, prefix: string, name: string, constraint: string): void {
  found.list ??= [];
  if (found.list.length >= MAX_LISTED) return;
  const value_ = printable(value, node) ? ` '${shown(value, node)}'` : '';
  found.list.push(`Value${value_} at '${at(prefix, name)}' failed to satisfy constraint: ${constraint}`);
}

function blobLength(value: unknown): number {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return value.length;
  return typeof value === 'string' ? Buffer.byteLength(value, 'base64') : 0;
}

/** The number a member holds: JSON gives numbers, the query protocol and REST bindings give text. */
function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

/** The size a length constraint measures, or -1 when the value is not of the shape's kind (not this layer's business). */
function sizeOf(node: Node, value: unknown): number {
  switch (node.kind) {
    case 'string':
      return typeof value === 'string' ? value.length : -1;
    case 'blob':
      return Buffer.isBuffer(value) || value instanceof Uint8Array || typeof value === 'string' ? blobLength(value) : -1;
    case 'list':
      return Array.isArray(value) ? value.length : -1;
    case 'map': {
      if (!isRecord(value)) return -1;
      let count = 0;
      for (const key in value) if (Object.hasOwn(value, key)) count++;
      return count;
    }
    default:
      return -1;
  }
}

/** True when a scalar (string, number, blob) meets all its constraints. */
function scalarOk(node: Node, value: unknown): boolean {
  if (node.kind === 'number') {
    const number = numberOf(value);
    return Number.isNaN(number) || ((node.min === undefined || number >= node.min) && (node.max === undefined || number <= node.max));
  }
  const size = sizeOf(node, value);
  if (size < 0) return true;
  if (node.min !== undefined && size < node.min) return false;
  if (node.max !== undefined && size > node.max) return false;
  if (typeof value !== 'string') return true;
  if (node.pattern !== undefined && !node.pattern.test(value)) return false;
  return node.enumValues === undefined || node.enumValues.has(value);
}

/** A list member's or map key's constraints, as the message brackets them. */
function constraintsOf(node: Node): string {
  const parts: string[] = [];
  const word = node.kind === 'number' ? 'value' : 'length';
  if (node.max !== undefined) parts.push(`Member must have ${word} less than or equal to ${node.max}`);
  if (node.min !== undefined) parts.push(`Member must have ${word} greater than or equal to ${node.min}`);
  if (node.pattern !== undefined) parts.push(`Member must satisfy regular expression pattern: ${node.patternText}`);
  if (node.enumValues !== undefined) parts.push(`Member must satisfy enum value set: ${node.enumText}`);
  return `[${parts.join(', ')}]`;
}

function isScalar(node: Node): boolean {
  return node.kind === 'string' || node.kind === 'number' || node.kind === 'blob';
}

function checkValue(node: Node, value: unknown, prefix: string, name: string, found: Found): void {
  if (node.kind === 'number') {
    const number = numberOf(value);
    if (Number.isNaN(number)) return;
    if (node.min !== undefined && number < node.min) fail(found, node, value, prefix, name, `Member must have value greater than or equal to ${node.min}`);
    if (node.max !== undefined && number > node.max) fail(found, node, value, prefix, name, `Member must have value less than or equal to ${node.max}`);
    return;
  }
  if (node.kind === 'structure') {
    if (isRecord(value)) checkMembers(node, value, at(prefix, name), found);
    return;
  }
  const size = sizeOf(node, value);
  if (size < 0) return;
  if (node.min !== undefined && size < node.min) fail(found, node, value, prefix, name, `Member must have length greater than or equal to ${node.min}`);
  if (node.max !== undefined && size > node.max) fail(found, node, value, prefix, name, `Member must have length less than or equal to ${node.max}`);
  if (typeof value === 'string') {
    if (node.pattern !== undefined && !node.pattern.test(value)) fail(found, node, value, prefix, name, `Member must satisfy regular expression pattern: ${node.patternText}`);
    if (node.enumValues !== undefined && !node.enumValues.has(value)) fail(found, node, value, prefix, name, `Member must satisfy enum value set: ${node.enumText}`);
  } else if (Array.isArray(value) && node.member) {
    checkItems(node, node.member, value, prefix, name, found);
  } else if (isRecord(value)) {
    checkEntries(node, value, prefix, name, found);
  }
}

function checkItems(list: Node, member: Node, items: unknown[], prefix: string, name: string, found: Found): void {
  if (isScalar(member)) {
    for (const item of items) {
      if (!scalarOk(member, item)) return fail(found, list, items, prefix, name, `Member must satisfy constraint: ${constraintsOf(member)}`);
    }
    return;
  }
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item !== undefined && item !== null) checkValue(member, item, at(prefix, name), `${index + 1}.member`, found);
  }
}

function checkEntries(map: Node, entries: Record<string, unknown>, prefix: string, name: string, found: Found): void {
  const { key, value } = map;
  if (key) {
    for (const entry in entries) {
      if (Object.hasOwn(entries, entry) && !scalarOk(key, entry)) {
        fail(found, map, entries, prefix, name, `Map keys must satisfy constraint: ${constraintsOf(key)}`);
        break;
      }
    }
  }
  if (!value) return;
  for (const entry in entries) {
    if (!Object.hasOwn(entries, entry)) continue;
    const item = entries[entry];
    if (item === undefined || item === null) continue;
    if (isScalar(value)) {
      if (!scalarOk(value, item)) return fail(found, map, entries, prefix, name, `Map value must satisfy constraint: ${constraintsOf(value)}`);
    } else {
      checkValue(value, item, at(prefix, name), `${entry}.member`, found);
    }
  }
}

function checkMembers(node: Node, input: Record<string, unknown>, prefix: string, found: Found): void {
  for (const member of node.members) {
    if (found.list !== null && found.list.length >= MAX_LISTED) return;
    const value = Object.hasOwn(input, member.name) ? input[member.name] : undefined;
    if (value === undefined || value === null) {
      if (member.required) {
        found.list ??= [];
        found.list.push(`Value null at '${at(prefix, member.path)}' failed to satisfy constraint: Member must not be null`);
      }
      continue;
    }
    if (member.node) checkValue(member.node, value, prefix, member.path, found);
  }
}

/** AWS's message for the failures of `input` against its shape, or undefined when it meets them all. */
export function violations(shape: Node, input: Record<string, unknown>): string | undefined {
  const found: Found = { list: null };
  checkMembers(shape, input, '', found);
  const list = found.list;
  if (list === null || list.length === 0) return undefined;
  return `${list.length} validation error${list.length > 1 ? 's' : ''} detected: ${list.join('; ')}`;
}
