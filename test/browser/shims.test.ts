/**
 * The page's shims of Node.js built-ins, run in Node.js against the real modules: the hashes,
 * HMACs and AES-GCM the emulator computes (ETags, SigV4, SSM blobs), CRC-32, gzip, the string
 * decoder and the helpers code commonly imports must give exactly what Node gives.
 */
import * as node from 'node:crypto';
import { isIP as nodeNetIsIP } from 'node:net';
import { StringDecoder as NodeDecoder } from 'node:string_decoder';
import { format as nodeFormat, inspect as nodeInspect, isDeepStrictEqual as nodeDeepEqual } from 'node:util';
import * as nodeZlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as page from '../../src/browser/shims/crypto.ts';
import { isIP } from '../../src/browser/shims/net.ts';
import { StringDecoder } from '../../src/browser/shims/string-decoder.ts';
import { format, inspect, isDeepStrictEqual } from '../../src/browser/shims/util.ts';
import * as zlib from '../../src/browser/shims/zlib.ts';

const inputs = ['', 'abc', 'ünïcödé ✓ 订单', 'x'.repeat(1000), Buffer.from([0, 1, 2, 255, 254])];

describe('node:crypto in a page', () => {
  it('hashes as Node does, in hex, base64 and bytes, over several updates', () => {
    for (const algorithm of ['md5', 'sha1', 'sha256', 'sha384', 'sha512']) {
      for (const input of inputs) {
        expect(page.createHash(algorithm).update(input).digest('hex')).toBe(node.createHash(algorithm).update(input).digest('hex'));
        expect(page.createHash(algorithm).update(input).update('more').digest('base64')).toBe(node.createHash(algorithm).update(input).update('more').digest('base64'));
      }
      expect(page.createHash(algorithm).update('ff00', 'hex').digest().equals(node.createHash(algorithm).update('ff00', 'hex').digest())).toBe(true);
    }
  });

  it('computes HMACs as Node does (SigV4 signs with sha256)', () => {
    for (const algorithm of ['sha256', 'sha512', 'sha1']) {
      for (const input of inputs) {
        for (const key of ['key', Buffer.from('AWS4secret'), 'k'.repeat(200)]) {
          expect(page.createHmac(algorithm, key).update(input).digest('hex')).toBe(node.createHmac(algorithm, key).update(input).digest('hex'));
        }
      }
    }
  });

  it('refuses an algorithm it does not know, naming it', () => {
    expect(() => page.createHash('whirlpool')).toThrow('Digest method not supported: whirlpool');
  });

  it('encrypts AES-256-GCM as Node does (SSM SecureString blobs)', () => {
    const key = node.createHash('sha256').update('key').digest();
    const iv = node.createHash('sha256').update('iv').digest().subarray(0, 12);
    const ours = page.createCipheriv('aes-256-gcm', key, iv);
    const theirs = node.createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([ours.update('s3cr3t ✓', 'utf8'), ours.final()]);
    const expected = Buffer.concat([theirs.update('s3cr3t ✓', 'utf8'), theirs.final()]);
    expect(body.toString('hex')).toBe(expected.toString('hex'));
    expect(ours.getAuthTag().toString('hex')).toBe(theirs.getAuthTag().toString('hex'));
  });

  it('gives random values of the asked size and range, and compares in constant time', () => {
    expect(page.randomBytes(70_000)).toHaveLength(70_000);
    expect(page.randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const seen = new Set(Array.from({ length: 2000 }, () => page.randomInt(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(page.randomInt(1)).toBe(0);
    expect(() => page.randomInt(5, 5)).toThrow(RangeError);
    expect(page.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
    expect(page.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
    expect(() => page.timingSafeEqual(Buffer.from('a'), Buffer.from('ab'))).toThrow('Input buffers must have the same byte length');
  });
});

describe('other built-ins in a page', () => {
  it('computes CRC-32 as node:zlib does, continuing from a value', () => {
    for (const input of inputs) expect(zlib.crc32(input)).toBe(nodeZlib.crc32(input));
    expect(zlib.crc32('world', zlib.crc32('hello '))).toBe(nodeZlib.crc32('hello world'));
  });

  it('writes gzip and deflate that Node reads back', () => {
    const text = 'order placed '.repeat(100);
    expect(nodeZlib.gunzipSync(zlib.gzipSync(text)).toString()).toBe(text);
    expect(nodeZlib.inflateSync(zlib.deflateSync(text)).toString()).toBe(text);
    expect(zlib.inflateSync(nodeZlib.deflateSync(text)).toString()).toBe(text);
    expect(zlib.gunzipSync(nodeZlib.gzipSync(text)).toString()).toBe(text);
  });

  it('decodes UTF-8 split across chunks as string_decoder does', () => {
    const bytes = Buffer.from('订单 ✓ done');
    const ours = new StringDecoder('utf8');
    const theirs = new NodeDecoder('utf8');
    let a = '';
    let b = '';
    for (let index = 0; index < bytes.length; index += 2) {
      a += ours.write(bytes.subarray(index, index + 2));
      b += theirs.write(bytes.subarray(index, index + 2));
    }
    expect(a + ours.end()).toBe(b + theirs.end());
  });

  it('formats and compares as node:util does for the cases logs and graders use', () => {
    const cases: unknown[][] = [['%s has %d items', 'cart', 3], ['plain', 'extra', 4], ['%j', { a: 1 }], ['100%% sure'], ['%i', '42.9']];
    for (const args of cases) expect(format(...args)).toBe(nodeFormat(...(args as [string])));
    for (const [a, b] of [[{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }], [{ a: 1 }, { a: 2 }], [new Map([[1, 'x']]), new Map([[1, 'x']])], [[1, 2], [1, 2, 3]]]) {
      expect(isDeepStrictEqual(a, b)).toBe(nodeDeepEqual(a, b));
    }
  });

  it('lays values out as util.inspect does, so console.log(order) reads alike in the logs', () => {
    class Order {
      id = 'o-1';
      lines = [{ sku: 'tea', qty: 2 }];
    }
    const nested = { a: { b: { c: { d: { e: 1 } } } } };
    const values: unknown[] = [
      { orderId: 'o-1', totalCents: 2500, items: ['tea', 'cake'], paid: true, note: null, extra: undefined },
      [1, 2, 3], [], {}, 'it\'s', { 'not-an-identifier': 1, ok: "say \"hi\"" }, nested, new Order(),
      Array.from({ length: 30 }, (_, index) => index * 7), Array.from({ length: 12 }, (_, index) => `sku-${index}`),
      new Map([['tea', 2]]), new Set([1, 2]), -0, 12n, Buffer.from('hi'), [undefined, null],
      { customer: { name: 'Ada Lovelace', address: { street: '12 Analytical Engine Road', city: 'London', country: 'United Kingdom' } }, status: 'PLACED' },
      Object.assign(Object.create(null), { bare: 1 }), new Date(0), /order-\d+/g,
    ];
    for (const value of values) expect(inspect(value)).toBe(nodeInspect(value));
    expect(format('order %s', { id: 'o-1', lines: [1, 2] })).toBe(nodeFormat('order %s', { id: 'o-1', lines: [1, 2] }));
    expect(format('placed', { id: 'o-1' }, 3)).toBe(nodeFormat('placed', { id: 'o-1' }, 3));
  });

  it('tells IP addresses as node:net does', () => {
    for (const text of ['127.0.0.1', '::1', '2001:db8::8a2e:370:7334', '256.1.1.1', 'localhost', '1.2.3', '::ffff:192.0.2.1']) expect(isIP(text)).toBe(nodeNetIsIP(text));
  });
});
