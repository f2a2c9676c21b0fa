/** `node:util` in a page: the helpers Node.js code commonly imports. */
import { inspect } from './inspect.ts';

export { inspect };

/** Node's util.inherits. */
export function inherits(constructor: Function, superConstructor: Function): void {
  Object.setPrototypeOf(constructor.prototype, superConstructor.prototype);
  Object.setPrototypeOf(constructor, superConstructor);
}

/** Turns a callback-last function into one that returns a promise. */
export function promisify<T>(fn: (...args: any[]) => void): (...args: any[]) => Promise<T> {
  return (...args) => new Promise<T>((resolve, reject) => fn(...args, (error: unknown, value: T) => (error ? reject(error) : resolve(value))));
}

/** Node's util.format for %s, %d, %i, %f, %j, %o, %O and %%. */
export function format(first?: unknown, ...rest: unknown[]): string {
  // As Node: a lone string is printed as it is, `%%` included.
  if (typeof first === 'string' && rest.length === 0) return first;
  if (typeof first !== 'string') return [first, ...rest].map((item) => (typeof item === 'string' ? item : inspect(item))).join(' ');
  let index = 0;
  const text = first.replace(/%[sdifjoOc%]/g, (token) => {
    if (token === '%%') return '%';
    if (index >= rest.length) return token;
    const value = rest[index++];
    // As Node: %s shows an object one level deep.
    if (token === '%s') return typeof value === 'string' ? value : typeof value === 'object' && value !== null ? inspect(value, { depth: 0 }) : typeof value === 'bigint' ? `${value}n` : String(value);
    if (token === '%d' || token === '%i') return String(token === '%i' ? Number.parseInt(String(value), 10) : Number(value));
    if (token === '%f') return String(Number.parseFloat(String(value)));
    if (token === '%j') return JSON.stringify(value) ?? 'undefined';
    if (token === '%c') return '';
    return inspect(value);
  });
  return [text, ...rest.slice(index).map((item) => (typeof item === 'string' ? item : inspect(item)))].join(' ');
}

/** Deep equality of plain data (objects, arrays, Maps, Sets, Dates, bytes), as tests compare it. */
export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (a instanceof Map) return a.size === (b as Map<unknown, unknown>).size && [...a].every(([key, value]) => (b as Map<unknown, unknown>).has(key) && isDeepStrictEqual(value, (b as Map<unknown, unknown>).get(key)));
  if (a instanceof Set) return a.size === (b as Set<unknown>).size && [...a].every((value) => (b as Set<unknown>).has(value));
  if (ArrayBuffer.isView(a)) {
    const left = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const right = new Uint8Array((b as ArrayBufferView).buffer, (b as ArrayBufferView).byteOffset, (b as ArrayBufferView).byteLength);
    return left.length === right.length && left.every((byte, index) => byte === right[index]);
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && isDeepStrictEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** The type checks of util.types that code commonly uses. */
export const types = {
  isNativeError: (value: unknown) => value instanceof Error,
  isDate: (value: unknown) => value instanceof Date,
  isRegExp: (value: unknown) => value instanceof RegExp,
  isPromise: (value: unknown) => value instanceof Promise,
  isUint8Array: (value: unknown) => value instanceof Uint8Array,
  isAnyArrayBuffer: (value: unknown) => value instanceof ArrayBuffer,
};

/** The page's TextEncoder. */
export const TextEncoder = globalThis.TextEncoder;
/** The page's TextDecoder. */
export const TextDecoder = globalThis.TextDecoder;
/** Marks a function deprecated (warns once). */
export function deprecate<T extends Function>(fn: T, message: string): T {
  let warned = false;
  return function (this: unknown, ...args: unknown[]) {
    if (!warned) console.warn(message);
    warned = true;
    return fn.apply(this, args);
  } as unknown as T;
}

export default { inherits, promisify, inspect, format, isDeepStrictEqual, types, TextEncoder, TextDecoder, deprecate };
