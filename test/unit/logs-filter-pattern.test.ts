import { describe, expect, it } from 'vitest';
import { FilterPatternError, compileFilterPattern } from '../../src/emulator/services/logs/filter-pattern.ts';
import { splitFields } from '../../src/emulator/services/logs/filter-pattern-delimited.ts';

/** The messages of `lines` that `pattern` keeps. */
function keep(pattern: string, lines: string[]): string[] {
  const matches = compileFilterPattern(pattern);
  return lines.filter((line) => matches(line));
}

const TEXT = [
  '[ERROR 400] BAD REQUEST',
  '[ERROR 401] UNAUTHORIZED REQUEST',
  '[WARN 429] Too many requests, retrying',
  '[INFO 200] order 42 Failed to notify, will retry',
  '[INFO 200] order 43 shipped',
];

describe('filter patterns on unstructured events', () => {
  it('matches every event when the pattern is empty or ""', () => {
    expect(keep('', TEXT)).toHaveLength(5);
    expect(keep('   ', TEXT)).toHaveLength(5);
    expect(keep('""', TEXT)).toHaveLength(5);
    expect(compileFilterPattern(undefined)('anything')).toBe(true);
  });

  it('ANDs plain terms and is case-sensitive', () => {
    expect(keep('ERROR', TEXT)).toEqual(TEXT.slice(0, 2));
    expect(keep('ERROR UNAUTHORIZED', TEXT)).toEqual([TEXT[1]]);
    expect(keep('error', TEXT)).toEqual([]);
  });

  it('keeps a quoted phrase together', () => {
    expect(keep('"Failed to"', TEXT)).toEqual([TEXT[3]]);
    expect(keep('"to Failed"', TEXT)).toEqual([]);
    expect(keep('"say \\"hi\\""', ['they say "hi"', 'say hi'])).toEqual(['they say "hi"']);
  });

  it('ORs ?terms', () => {
    expect(keep('?ERROR ?WARN', TEXT)).toEqual(TEXT.slice(0, 3));
    expect(keep('?"Too many" ?shipped', TEXT)).toEqual([TEXT[2], TEXT[4]]);
  });

  it('excludes -terms', () => {
    expect(keep('ERROR -UNAUTHORIZED', TEXT)).toEqual([TEXT[0]]);
    expect(keep('-ERROR', TEXT)).toEqual(TEXT.slice(2));
    expect(keep('INFO -"will retry"', TEXT)).toEqual([TEXT[4]]);
  });

  it('matches %regular expressions%', () => {
    expect(keep('%4[0-9]{2}%', TEXT)).toEqual(TEXT.slice(0, 3));
    expect(() => compileFilterPattern('%[unclosed%')).toThrow(FilterPatternError);
  });

  it('rejects a pattern that cannot be read', () => {
    expect(() => compileFilterPattern('"unterminated')).toThrow(FilterPatternError);
    expect(() => compileFilterPattern('ERROR ?')).toThrow(FilterPatternError);
    expect(() => compileFilterPattern('x'.repeat(1025))).toThrow(FilterPatternError);
  });
});

const JSON_EVENTS = [
  { level: 'ERROR', latency: 120, user: { id: 7, email: 'a@shop.example' }, items: ['book', 'pen'], retry: true, coupon: null },
  { level: 'INFO', latency: 30, user: { id: 8 }, items: ['mug'], retry: false, ip: '10.0.0.5' },
  { level: 'WARN', latency: 80.5, user: { id: 9 }, items: [], ip: '192.168.1.20' },
].map((event) => JSON.stringify(event));

describe('filter patterns on JSON events', () => {
  const pick = (pattern: string): number[] => JSON_EVENTS.flatMap((line, index) => (compileFilterPattern(pattern)(line) ? [index] : []));

  it('compares strings, quoted or bare, with wildcards', () => {
    expect(pick('{ $.level = "ERROR" }')).toEqual([0]);
    expect(pick('{ $.level = ERROR }')).toEqual([0]);
    expect(pick('{ $.level != "ERROR" }')).toEqual([1, 2]);
    expect(pick('{ $.ip = 192.168.* }')).toEqual([2]);
    expect(pick('{ $.ip != 192.168.* }')).toEqual([1]);
    expect(pick('{ $.user.email = "*@shop.example" }')).toEqual([0]);
  });

  it('compares numbers', () => {
    expect(pick('{ $.latency > 50 }')).toEqual([0, 2]);
    expect(pick('{ $.latency >= 80.5 }')).toEqual([0, 2]);
    expect(pick('{ $.latency < 80.5 }')).toEqual([1]);
    expect(pick('{ $.latency <= 30 }')).toEqual([1]);
    expect(pick('{ $.user.id = 8 }')).toEqual([1]);
    expect(pick('{ $.user.id != 8 }')).toEqual([0, 2]);
    expect(pick('{ $.latency > 1e2 }')).toEqual([0]);
  });

  it('reads array elements', () => {
    expect(pick('{ $.items[0] = "mug" }')).toEqual([1]);
    expect(pick('{ $.items[1] = pen }')).toEqual([0]);
  });

  it('combines with && and || and parentheses', () => {
    expect(pick('{ $.level = "ERROR" && $.latency > 100 }')).toEqual([0]);
    expect(pick('{ $.level = "ERROR" || $.latency < 50 }')).toEqual([0, 1]);
    expect(pick('{ ($.level = "WARN" || $.level = "INFO") && $.latency > 50 }')).toEqual([2]);
    expect(pick('{ $.level = "WARN" || $.level = "INFO" && $.latency > 50 }')).toEqual([2]);
  });

  it('knows IS TRUE, IS FALSE, IS NULL and NOT EXISTS', () => {
    expect(pick('{ $.retry IS TRUE }')).toEqual([0]);
    expect(pick('{ $.retry IS FALSE }')).toEqual([1]);
    expect(pick('{ $.coupon IS NULL }')).toEqual([0]);
    expect(pick('{ $.retry NOT EXISTS }')).toEqual([2]);
  });

  it('never matches an event that is not JSON, or a missing field', () => {
    expect(compileFilterPattern('{ $.level = "ERROR" }')('ERROR level')).toBe(false);
    expect(compileFilterPattern('{ $.level = "ERROR" }')('"ERROR"')).toBe(false);
    expect(pick('{ $.missing = 1 }')).toEqual([]);
    expect(pick('{ $.missing != 1 }')).toEqual([]);
  });

  it('rejects malformed JSON patterns', () => {
    for (const bad of ['{ $.level = "ERROR"', '{ level = 1 }', '{ $.a > abc }', '{ $.a IS MAYBE }', '{ $.a = 1 } extra', '{ $.a = 1 && }', '{ $ = 1 }']) {
      expect(() => compileFilterPattern(bad), bad).toThrow(FilterPatternError);
    }
  });
});

describe('space-delimited filter patterns', () => {
  const ACCESS = [
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
    '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /index.html HTTP/1.0" 404 310',
    '10.1.1.1 - anna [10/Oct/2000:13:50:35 -0700] "POST /checkout HTTP/1.0" 500 20',
  ];

  it('splits fields, keeping quoted and bracketed text whole', () => {
    expect(splitFields(ACCESS[0]!)).toEqual(['127.0.0.1', '-', 'frank', '10/Oct/2000:13:25:15 -0700', 'GET /apache_pb.gif HTTP/1.0', '200', '1534']);
  });

  it('matches fields by position with conditions', () => {
    expect(keep('[ip, user, username, timestamp, request, status_code, bytes]', ACCESS)).toEqual(ACCESS);
    expect(keep('[ip, user, username, timestamp, request, status_code = 4*, bytes]', ACCESS)).toEqual([ACCESS[1]]);
    expect(keep('[ip, user, username, timestamp, request = *html*, status_code, bytes]', ACCESS)).toEqual([ACCESS[1]]);
    expect(keep('[ip, user, username, timestamp, request, status_code, bytes > 1000]', ACCESS)).toEqual([ACCESS[0]]);
    expect(keep('[ip, user, username, timestamp, request, status_code = 4* || status_code = 5*, bytes]', ACCESS)).toEqual(ACCESS.slice(1));
  });

  it('needs every field unless ... stands for the rest', () => {
    expect(keep('[ip, user]', ACCESS)).toEqual([]);
    expect(keep('[ip = 10.*, ...]', ACCESS)).toEqual([ACCESS[2]]);
    expect(keep('[..., status_code = 500, bytes]', ACCESS)).toEqual([ACCESS[2]]);
  });

  it('rejects malformed delimited patterns', () => {
    expect(() => compileFilterPattern('[ip, user')).toThrow(FilterPatternError);
    expect(() => compileFilterPattern('[ip = ]')).toThrow(FilterPatternError);
    expect(() => compileFilterPattern('[ip > abc]')).toThrow(FilterPatternError);
  });
});
