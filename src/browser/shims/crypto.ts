/**
 * `node:crypto` in a page: random values from the Web Crypto API, hashes and HMACs computed
 * synchronously with @noble/hashes (Web Crypto's digests are asynchronous, Node's are not), and
 * the one cipher the emulator uses (AES-256-GCM, for SSM's opaque SecureString blobs).
 */
import { gcm } from '@noble/ciphers/aes.js';
import { hmac } from '@noble/hashes/hmac.js';
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { Buffer } from 'buffer';
import { unavailable } from './unavailable.ts';

type Data = string | Uint8Array | ArrayBuffer | DataView;
type Encoding = 'hex' | 'base64' | 'base64url' | 'latin1' | 'binary' | 'utf8' | 'utf-8';
interface Incremental {
  update(data: Uint8Array): Incremental;
  digest(): Uint8Array;
}

const HASHES: Record<string, { create(): Incremental }> = { md5, sha1, sha256, sha384, sha512, 'sha-1': sha1, 'sha-256': sha256, 'sha-512': sha512 };

function bytesOf(data: Data, encoding?: string): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, (encoding ?? 'utf8') as BufferEncoding);
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function algorithm(name: string): { create(): Incremental } {
  const hash = HASHES[name.toLowerCase()];
  if (!hash) throw new Error(`Digest method not supported: ${name} (the page computes md5, sha1, sha256, sha384 and sha512)`);
  return hash;
}

/** A hash or HMAC in progress, with Node's update/digest API. */
export class Hash {
  private readonly state: Incremental;
  private done = false;

  constructor(state: Incremental) {
    this.state = state;
  }

  update(data: Data, encoding?: string): this {
    if (this.done) throw new Error('Digest already called');
    this.state.update(bytesOf(data, encoding));
    return this;
  }

  digest(): Buffer;
  digest(encoding: Encoding): string;
  digest(encoding?: Encoding): Buffer | string {
    this.done = true;
    const out = Buffer.from(this.state.digest());
    return encoding ? out.toString(encoding) : out;
  }
}

/** Node's createHash for md5, sha1, sha256, sha384 and sha512. */
export function createHash(name: string): Hash {
  return new Hash(algorithm(name).create());
}

/** Node's createHmac for the same algorithms. */
export function createHmac(name: string, key: Data): Hash {
  return new Hash(hmac.create(algorithm(name) as never, bytesOf(key)) as unknown as Incremental);
}

/** Random bytes from the Web Crypto API (in chunks: it fills at most 64 KB per call). */
export function randomBytes(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += 65536) globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(size, offset + 65536)));
  return out;
}

/** Fills `buffer` with random bytes. */
export function randomFillSync<T extends ArrayBufferView>(buffer: T): T {
  globalThis.crypto.getRandomValues(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  return buffer;
}

/** A random integer in [min, max), or [0, min) with one argument, without modulo bias. */
export function randomInt(min: number, max?: number): number {
  const [low, high] = max === undefined ? [0, min] : [min, max];
  const range = high - low;
  if (!Number.isSafeInteger(range) || range <= 0) throw new RangeError(`The value of "max" is out of range. It must be greater than the value of "min" (${low}). Received ${high}`);
  const limit = Math.floor(2 ** 48 / range) * range;
  for (;;) {
    const bytes = randomBytes(6);
    const value = bytes.readUIntBE(0, 6);
    if (value < limit) return low + (value % range);
  }
}

/** A random version 4 UUID. */
export function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}

/** Compares two equally long byte sequences in time independent of their contents. */
export function timingSafeEqual(a: ArrayBufferView, b: ArrayBufferView): boolean {
  const left = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const right = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (left.length !== right.length) throw new RangeError('Input buffers must have the same byte length');
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= left[index]! ^ right[index]!;
  return difference === 0;
}

/** AES-256-GCM encryption with Node's cipher API (the whole message is encrypted on `final`). */
export function createCipheriv(name: string, key: Data, iv: Data): { update(data: Data, encoding?: string): Buffer; final(): Buffer; getAuthTag(): Buffer } {
  if (name.toLowerCase() !== 'aes-256-gcm') throw new Error(`Unknown cipher ${name}: the page implements aes-256-gcm only`);
  const parts: Uint8Array[] = [];
  let tag: Buffer | undefined;
  return {
    update(data, encoding) {
      parts.push(bytesOf(data, encoding));
      return Buffer.alloc(0);
    },
    final() {
      const sealed = gcm(bytesOf(key), bytesOf(iv)).encrypt(Buffer.concat(parts));
      tag = Buffer.from(sealed.subarray(sealed.length - 16));
      return Buffer.from(sealed.subarray(0, sealed.length - 16));
    },
    getAuthTag() {
      if (!tag) throw new Error('Attempting to get auth tag in unsupported state');
      return tag;
    },
  };
}

/** The Web Crypto API, as `crypto.webcrypto`. */
export const webcrypto = globalThis.crypto;
/** `crypto.getRandomValues`, bound to the Web Crypto API. */
export const getRandomValues = <T extends ArrayBufferView>(array: T): T => globalThis.crypto.getRandomValues(array as never) as T;
/** Key pairs, signing and key derivation are not implemented in the page. */
export const generateKeyPairSync = unavailable('crypto.generateKeyPairSync');
/** Signing is not implemented in the page. */
export const createSign = unavailable('crypto.createSign');
/** Deciphering is not implemented in the page. */
export const createDecipheriv = unavailable('crypto.createDecipheriv');

export default { createHash, createHmac, randomBytes, randomFillSync, randomInt, randomUUID, timingSafeEqual, createCipheriv, webcrypto, getRandomValues, generateKeyPairSync, createSign, createDecipheriv };
