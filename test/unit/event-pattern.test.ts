import { describe, expect, it } from 'vitest';
import {
  PatternError,
  isMatch,
  matchEvent,
  parsePattern,
  testEventPattern,
} from '../../src/emulator/services/events/pattern/index.ts';
import { arrayCases, basicCases } from './event-pattern-cases-basics.ts';
import { rejectCases } from './event-pattern-cases-invalid.ts';
import { cidrCases, existsCases, numericCases, orCases } from './event-pattern-cases-logic.ts';
import { affixCases, anythingButCases, wildcardCases } from './event-pattern-cases-strings.ts';
import { withDetail, type MatchCase } from './event-pattern-cases.ts';

const tables: Record<string, MatchCase[]> = {
  'exact values and structure': basicCases,
  'arrays in events': arrayCases,
  'prefix, suffix and equals-ignore-case': affixCases,
  wildcard: wildcardCases,
  'anything-but': anythingButCases,
  numeric: numericCases,
  cidr: cidrCases,
  exists: existsCases,
  $or: orCases,
};

function rejection(pattern: object | string): PatternError {
  try {
    parsePattern(pattern);
  } catch (error) {
    if (error instanceof PatternError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(pattern)} to be rejected`);
}

describe('event patterns: matching', () => {
  for (const [title, cases] of Object.entries(tables)) {
    describe(title, () => {
      it.each(cases)('$name', ({ pattern, event, expected }) => {
        const compiled = parsePattern(pattern);
        const result = matchEvent(compiled, event);
        expect(result.matched).toBe(expected);
        // The quick answer and the explained one must agree, and a failure must name a field.
        expect(isMatch(compiled, event)).toBe(expected);
        if (!result.matched) expect(result.reason).not.toBe('');
      });
    });
  }

  it('covers at least 150 matching cases and 25 rejected patterns', () => {
    expect(Object.values(tables).flat().length).toBeGreaterThanOrEqual(150);
    expect(rejectCases.length).toBeGreaterThanOrEqual(25);
  });
});

describe('event patterns: rejected patterns', () => {
  it.each(rejectCases)('$name', ({ pattern, error }) => {
    const failure = rejection(pattern);
    expect(failure.message).toMatch(/^Event pattern is not valid\. Reason: /);
    expect(failure.message).toMatch(error);
    expect(failure.name).toBe('PatternError');
  });

  it('says which field is wrong', () => {
    const failure = rejection({ detail: { file: [{ prefix: 5 }] } });
    expect(failure.reason).toBe('prefix match pattern must be a string');
    expect(failure.path).toBe('detail.file');
    expect(failure.message).toBe('Event pattern is not valid. Reason: prefix match pattern must be a string\n at field "detail.file"');
  });

  it('rejects patterns longer than a given limit', () => {
    const pattern = JSON.stringify({ source: ['x'.repeat(3000)] });
    expect(() => parsePattern(pattern)).not.toThrow();
    expect(() => parsePattern(pattern, { maxLength: 2048 })).toThrow(/at most 2048 are allowed/);
  });

  it('rejects values that are not JSON', () => {
    expect(() => parsePattern({ a: [10n] })).toThrow(PatternError);
  });
});

describe('event patterns: explaining a failed match', () => {
  const order = withDetail({ order: { total: 12, status: 'OrderShipped', items: [{ sku: 'A1' }, { sku: 'B2' }] } });
  const explain = (pattern: object) => matchEvent(parsePattern(pattern), order);

  it('names the field and lists the expected values', () => {
    expect(explain({ detail: { order: { status: ['OrderPlaced'] } } })).toEqual({
      matched: false,
      field: 'detail.order.status',
      reason: 'expected one of ["OrderPlaced"], got "OrderShipped"',
    });
  });

  it('reports a missing field', () => {
    expect(explain({ detail: { order: { coupon: ['SAVE10'] } } })).toEqual({ matched: false, field: 'detail.order.coupon', reason: 'field is missing' });
  });

  it('explains a numeric comparison', () => {
    expect(explain({ detail: { order: { total: [{ numeric: ['>', 100] }] } } })).toEqual({
      matched: false,
      field: 'detail.order.total',
      reason: 'numeric: 12 is not > 100',
    });
  });

  it('reports the first failing field in pattern order', () => {
    const result = explain({ source: ['shop'], detail: { order: { total: [{ numeric: ['>', 100] }] } } });
    expect(result).toMatchObject({ matched: false, field: 'source', reason: 'expected one of ["shop"], got "test-source"' });
  });

  it('explains prefix, anything-but and exists failures', () => {
    expect(explain({ detail: { order: { status: [{ prefix: 'Order P' }] } } })).toMatchObject({ reason: 'expected a string starting with "Order P", got "OrderShipped"' });
    expect(explain({ detail: { order: { status: [{ 'anything-but': ['OrderShipped'] }] } } })).toMatchObject({ reason: 'expected anything but ["OrderShipped"], got "OrderShipped"' });
    expect(explain({ detail: { order: { status: [{ exists: false }] } } })).toMatchObject({ reason: 'expected the field to be absent, got "OrderShipped"' });
  });

  it('says when a value is expected but the event holds an object', () => {
    expect(explain({ detail: { order: ['x'] } })).toMatchObject({ field: 'detail.order', reason: expect.stringMatching(/^field is an object/) });
  });

  it('explains arrays and $or', () => {
    expect(explain({ detail: { order: { items: { sku: ['C3'] } } } })).toMatchObject({
      field: 'detail.order.items.sku',
      reason: 'no element of detail.order.items matched; first element: expected one of ["C3"], got "A1"',
    });
    expect(explain({ $or: [{ source: ['shop'] }, { region: ['eu-west-1'] }] })).toMatchObject({
      field: 'source',
      reason: expect.stringMatching(/^no "\$or" alternative matched; first alternative: /),
    });
  });

  it('says when the event text is not JSON', () => {
    expect(matchEvent(parsePattern({ source: ['x'] }), '{not json')).toEqual({ matched: false, field: '', reason: 'the event is not valid JSON' });
  });
});

describe('event patterns: API', () => {
  it('accepts the pattern as JSON text or as an object', () => {
    const fromText = parsePattern('{"detail": {"state": ["running"]}}');
    const fromObject = parsePattern({ detail: { state: ['running'] } });
    expect(fromText.source).toBe(fromObject.source);
    expect(matchEvent(fromText, withDetail({ state: 'running' })).matched).toBe(true);
  });

  it('compiles once: later changes to the object do not change the compiled pattern', () => {
    const pattern = { detail: { state: ['running'] } };
    const compiled = parsePattern(pattern);
    pattern.detail.state[0] = 'stopped';
    expect(isMatch(compiled, withDetail({ state: 'running' }))).toBe(true);
  });

  it('testEventPattern takes the event as an object or as JSON text', () => {
    expect(testEventPattern({ source: ['test-source'] }, withDetail({}))).toBe(true);
    expect(testEventPattern('{"source": ["other"]}', JSON.stringify(withDetail({})))).toBe(false);
    expect(() => testEventPattern('{"source": "x"}', {})).toThrow(PatternError);
  });

  it('never reads inherited properties of the event', () => {
    expect(testEventPattern({ constructor: [{ exists: false }] }, {})).toBe(true);
    expect(testEventPattern({ toString: [{ exists: true }] }, {})).toBe(false);
    expect(testEventPattern('{"__proto__": ["x"]}', '{"__proto__": "x"}')).toBe(true);
  });

  it('survives deeply nested event arrays', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(testEventPattern({ detail: { tags: ['x'] } }, withDetail({ tags: deep }))).toBe(true);
  });
});
