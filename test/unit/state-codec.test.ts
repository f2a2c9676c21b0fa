/** The state format gives back what it was given: bytes, dates (even invalid ones), maps, sets, and user names that look like its markers. */
import { describe, expect, it } from 'vitest';
import { stateFromJson, stateToJson } from '../../src/emulator/state-codec.ts';

describe('state codec', () => {
  it('round-trips the values state holds', () => {
    const value = {
      bytes: Buffer.from([0, 1, 255]),
      view: new Uint8Array([9, 8]).subarray(1),
      when: new Date('2026-01-02T03:04:05.678Z'),
      map: new Map<string, unknown>([['a', { deep: [1, 'x', null] }]]),
      set: new Set(['s']),
      tags: { $bytes: 'not bytes', $date: 'not a date', plain: 'kept' },
      list: [undefined, 2],
      skipped: undefined,
      fn: () => 1,
    };
    const back = stateFromJson(stateToJson(value)) as Record<string, any>;
    expect(back.bytes).toEqual(Buffer.from([0, 1, 255]));
    expect(back.view).toEqual(Buffer.from([8]));
    expect(back.when).toEqual(value.when);
    expect(back.map).toEqual(value.map);
    expect(back.set).toEqual(value.set);
    expect({ ...back.tags }).toEqual(value.tags);
    expect(back.list).toEqual([null, 2]);
    expect('skipped' in back || 'fn' in back).toBe(false);
    expect(Object.getPrototypeOf(back.tags)).toBeNull();
  });

  it('gives an invalid date back as an invalid date, not as a record', () => {
    const back = stateFromJson(stateToJson({ when: new Date(Number.NaN) })) as { when: Date };
    expect(back.when).toBeInstanceOf(Date);
    expect(Number.isNaN(back.when.getTime())).toBe(true);
  });

  it('writes what JSON.stringify writes for plain data', () => {
    const plain = { a: 1, b: 'two', c: [true, false, null], d: { e: 1.5, f: -0, g: Infinity } };
    expect(stateToJson(plain)).toBe(JSON.stringify(plain));
  });
});
