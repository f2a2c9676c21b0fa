/**
 * DynamoDB attribute values as they travel on the wire (`{ S: 'x' }`, `{ N: '1' }`, B as base64):
 * validation, equality, the sort order of N, S and B, and sizes as AWS counts them.
 */
import { SerializationException } from '../../errors.ts';
import { DynamoValidationException, invalidParameter } from './errors.ts';
import { compareNumbers, normalizeNumber, significantDigits } from './numbers.ts';

/** One attribute value, exactly one member set. */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Item }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

/** An item or a map: attribute name -> value. */
export type Item = Record<string, AttributeValue>;

/** The type names DynamoDB knows. */
export const TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'] as const;

/** One of {@link TYPES}. */
export type TypeName = (typeof TYPES)[number];

/** The type of a (validated) attribute value. */
export function typeOf(value: AttributeValue): TypeName {
  for (const key in value) return key as TypeName;
  throw new DynamoValidationException('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
}

/** The member of a value, whatever its type. */
export function payload(value: AttributeValue): any {
  return (value as Record<string, unknown>)[typeOf(value)];
}

function expectType(value: unknown, kind: 'string' | 'boolean' | 'array' | 'object'): void {
  const ok = kind === 'array' ? Array.isArray(value) : kind === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : typeof value === kind;
  if (!ok) throw new SerializationException(`Unexpected value type in payload: expected a ${kind}`);
}

function canonicalBinary(text: unknown): string {
  expectType(text, 'string');
  return Buffer.from(text as string, 'base64').toString('base64');
}

function checkSet(values: unknown, type: 'SS' | 'NS' | 'BS'): string[] {
  expectType(values, 'array');
  const list = values as unknown[];
  if (list.length === 0) {
    throw invalidParameter(type === 'BS' ? 'Binary sets should not be empty' : `An ${type === 'SS' ? 'string' : 'number'} set  may not be empty`);
  }
  const checked = list.map((member) => {
    if (type === 'NS') {
      expectType(member, 'string');
      return normalizeNumber(member as string);
    }
    if (type === 'BS') return canonicalBinary(member);
    expectType(member, 'string');
    return member as string;
  });
  if (new Set(checked).size !== checked.length) throw invalidParameter(`Input collection [${list.join(', ')}] contains duplicates.`);
  return checked;
}

/**
 * How deep DynamoDB nests maps and lists: the top-level attribute is level 1, so 31 maps or lists
 * may wrap a scalar, and a 32nd is refused (Constraints: "Nested attribute depth: 32 levels").
 */
export const MAX_NESTING_LEVELS = 32;

/** A value nested deeper than {@link MAX_NESTING_LEVELS}; refused before it is stored or compared. */
export class NestingLevelsExceeded extends DynamoValidationException {
  constructor() {
    super('Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit');
  }
}

/**
 * Validates a value from a request and returns it in canonical form (numbers normalized).
 * `level` is the value's nesting level; a map or list at the last level could hold nothing legal.
 */
export function checkAttributeValue(raw: unknown, level = 1): AttributeValue {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SerializationException('Unexpected value type in payload: expected an AttributeValue object');
  const keys = Object.keys(raw).filter((key) => (TYPES as readonly string[]).includes(key) && (raw as Record<string, unknown>)[key] !== undefined && (raw as Record<string, unknown>)[key] !== null);
  if (keys.length === 0) throw new DynamoValidationException('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  if (keys.length > 1) throw new DynamoValidationException('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  const type = keys[0] as TypeName;
  const member = (raw as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
      expectType(member, 'string');
      return { S: member as string };
    case 'N':
      expectType(member, 'string');
      return { N: normalizeNumber(member as string) };
    case 'B':
      return { B: canonicalBinary(member) };
    case 'BOOL':
      expectType(member, 'boolean');
      return { BOOL: member as boolean };
    case 'NULL':
      if (member !== true) throw invalidParameter('Null attribute value types must have the value of true');
      return { NULL: true };
    case 'M':
      expectType(member, 'object');
      if (level >= MAX_NESTING_LEVELS) throw new NestingLevelsExceeded();
      return { M: checkMap(member, level + 1) };
    case 'L':
      expectType(member, 'array');
      if (level >= MAX_NESTING_LEVELS) throw new NestingLevelsExceeded();
      return { L: (member as unknown[]).map((element) => checkAttributeValue(element, level + 1)) };
    default:
      return { [type]: checkSet(member, type) } as AttributeValue;
  }
}

function checkMap(raw: unknown, level: number): Item {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SerializationException('Unexpected value type in payload: expected a map of AttributeValues');
  const item: Item = {};
  for (const [name, value] of Object.entries(raw)) setAttribute(item, name, checkAttributeValue(value, level));
  return item;
}

/** Validates a map of attribute values (an item or a key: its attributes are level 1). */
export function checkItem(raw: unknown): Item {
  return checkMap(raw, 1);
}

/**
 * Throws {@link NestingLevelsExceeded} when an item built by an update nests too deep. Iterative,
 * so a value of any depth is measured without recursion.
 */
export function checkItemNesting(item: Item): void {
  const pending: Array<[AttributeValue, number]> = Object.values(item).map((value) => [value, 1]);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, level] = next;
    const children = 'M' in value ? Object.values(value.M) : 'L' in value ? value.L : undefined;
    if (!children) continue;
    if (level >= MAX_NESTING_LEVELS) throw new NestingLevelsExceeded();
    for (const child of children) pending.push([child, level + 1]);
  }
}

/** An attribute of an item, own properties only (an attribute named `constructor` is no inherited function). */
export function attribute(item: Item, name: string): AttributeValue | undefined {
  return Object.hasOwn(item, name) ? item[name] : undefined;
}

/** Sets an attribute as an own property, even one named `__proto__`. */
export function setAttribute(item: Item, name: string, value: AttributeValue): void {
  Object.defineProperty(item, name, { value, enumerable: true, writable: true, configurable: true });
}

/** Compares two strings in UTF-8 byte order, as DynamoDB sorts them. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    // Characters outside the BMP (surrogate pairs in UTF-16) take four bytes in UTF-8 and sort last.
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Compares two base64 binaries as unsigned bytes. */
export function compareBinaries(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'base64'), Buffer.from(b, 'base64'));
}

/** Orders two values of the same scalar type (S, N or B); `undefined` when they cannot be ordered. */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('S' in a && 'S' in b) return compareStrings(a.S, b.S);
  if ('N' in a && 'N' in b) return compareNumbers(a.N, b.N);
  if ('B' in a && 'B' in b) return compareBinaries(a.B, b.B);
  return undefined;
}

/** True when two values are equal as DynamoDB sees them (sets ignore order). */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  const left = payload(a);
  const right = payload(b);
  switch (type) {
    case 'L':
      return left.length === right.length && (left as AttributeValue[]).every((value, i) => valuesEqual(value, right[i]));
    case 'M': {
      const keys = Object.keys(left);
      return keys.length === Object.keys(right).length && keys.every((key) => key in right && valuesEqual(left[key], right[key]));
    }
    case 'SS':
    case 'NS':
    case 'BS': {
      const members = new Set<string>(right);
      return left.length === right.length && (left as string[]).every((member) => members.has(member));
    }
    default:
      return left === right;
  }
}

/** The size of a value in bytes, as DynamoDB counts it toward the 400 KB item limit. */
export function valueSize(value: AttributeValue): number {
  if ('S' in value) return Buffer.byteLength(value.S);
  if ('N' in value) return Math.ceil(significantDigits(value.N) / 2) + 1;
  if ('B' in value) return Buffer.byteLength(value.B, 'base64');
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return value.SS.reduce((sum, member) => sum + Buffer.byteLength(member), 0);
  if ('NS' in value) return value.NS.reduce((sum, member) => sum + Math.ceil(significantDigits(member) / 2) + 1, 0);
  if ('BS' in value) return value.BS.reduce((sum, member) => sum + Buffer.byteLength(member, 'base64'), 0);
  if ('L' in value) return value.L.reduce((sum, member) => sum + valueSize(member) + 1, 3);
  return Object.entries(value.M).reduce((sum, [name, member]) => sum + Buffer.byteLength(name) + valueSize(member) + 1, 3);
}

/** The size of an item: names plus values. */
export function itemSize(item: Item): number {
  let size = 0;
  for (const name in item) size += Buffer.byteLength(name) + valueSize(item[name]!);
  return size;
}

/** The largest item DynamoDB stores. */
export const MAX_ITEM_BYTES = 400 * 1024;

/** A deep copy, so stored items never share objects with requests or responses. */
export function copyItem<T extends Item | AttributeValue>(value: T): T {
  return structuredClone(value);
}

/** The string a key value is indexed by (its type is fixed by the schema). */
export function keyString(value: AttributeValue): string {
  return String(payload(value));
}
