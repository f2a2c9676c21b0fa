/** Submitted zips unpack within Lambda's limits, counted on what is really inflated. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { unzipInto } from '../../src/grade/unzip.ts';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'unzip-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('unzipping a submission', () => {
  it('writes its files, folders included', () => {
    const dir = fresh();
    unzipInto(zipSync({ '01-first-handler/handler.ts': strToU8('export {}\n'), 'empty/': new Uint8Array() }), dir);
    expect(readFileSync(join(dir, '01-first-handler', 'handler.ts'), 'utf8')).toBe('export {}\n');
    expect(existsSync(join(dir, 'empty'))).toBe(true);
  });

  it('stops a zip bomb at the size limit, writing nothing', () => {
    const dir = fresh();
    const bomb = zipSync({ 'first/': new Uint8Array(), 'zeros.bin': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => unzipInto(bomb, dir, { maxBytes: 1024 * 1024, maxEntries: 100 })).toThrow(/unpacks to more than 1 MB/);
    expect(existsSync(join(dir, 'zeros.bin'))).toBe(false);
    expect(existsSync(join(dir, 'first'))).toBe(false);
  });

  it('refuses too many entries, and entries that escape the folder', () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}.txt`, strToU8('x')])));
    expect(() => unzipInto(many, fresh(), { maxBytes: 1024 * 1024, maxEntries: 50 })).toThrow(/more than 50 entries/);
    expect(() => unzipInto(zipSync({ '../outside.txt': strToU8('x') }), fresh())).toThrow(/points outside the submission/);
  });
});
