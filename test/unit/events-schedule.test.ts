import { describe, expect, it } from 'vitest';
import { entrySize, eventTime } from '../../src/emulator/services/events/put-events.ts';
import { nextFireTime, parseSchedule } from '../../src/emulator/services/events/schedule.ts';

const at = (iso: string) => Date.parse(iso);

describe('schedule expressions', () => {
  it('parses rates with AWS\'s singular and plural units', () => {
    expect(parseSchedule('rate(1 minute)')).toEqual({ kind: 'rate', everyMs: 60_000 });
    expect(parseSchedule('rate(5 minutes)')).toEqual({ kind: 'rate', everyMs: 300_000 });
    expect(parseSchedule('rate(2 hours)')).toEqual({ kind: 'rate', everyMs: 7_200_000 });
    for (const bad of ['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'rate(5 seconds)', 'rate(five minutes)', 'every 5 minutes']) {
      expect(() => parseSchedule(bad), bad).toThrow(/ScheduleExpression is not valid/);
    }
  });

  it('fires a rate schedule on whole periods from its start', () => {
    const schedule = parseSchedule('rate(5 minutes)');
    const start = at('2026-01-01T00:00:00Z');
    expect(nextFireTime(schedule, start, start)).toBe(at('2026-01-01T00:05:00Z'));
    expect(nextFireTime(schedule, at('2026-01-01T00:07:00Z'), start)).toBe(at('2026-01-01T00:10:00Z'));
  });

  it('parses six-field cron and finds the next time in UTC', () => {
    // Every day at 12:00 UTC.
    expect(nextFireTime(parseSchedule('cron(0 12 * * ? *)'), at('2026-03-10T13:00:00Z'), 0)).toBe(at('2026-03-11T12:00:00Z'));
    // Every 15 minutes.
    expect(nextFireTime(parseSchedule('cron(0/15 * * * ? *)'), at('2026-03-10T13:07:00Z'), 0)).toBe(at('2026-03-10T13:15:00Z'));
    // 18:00 Monday to Friday (2026-03-14 is a Saturday).
    expect(nextFireTime(parseSchedule('cron(0 18 ? * MON-FRI *)'), at('2026-03-13T19:00:00Z'), 0)).toBe(at('2026-03-16T18:00:00Z'));
    // 08:00 on the first day of each month.
    expect(nextFireTime(parseSchedule('cron(0 8 1 * ? *)'), at('2026-03-10T00:00:00Z'), 0)).toBe(at('2026-04-01T08:00:00Z'));
    // The last day of the month.
    expect(nextFireTime(parseSchedule('cron(30 23 L * ? *)'), at('2026-02-10T00:00:00Z'), 0)).toBe(at('2026-02-28T23:30:00Z'));
  });

  it('rejects cron that AWS rejects', () => {
    for (const bad of ['cron(0 12 * * * *)', 'cron(0 12 ? * ? *)', 'cron(0 12 * *)', 'cron(61 12 * * ? *)', 'cron(0 25 * * ? *)', 'cron(0 12 * 13 ? *)']) {
      expect(() => parseSchedule(bad), bad).toThrow(/ScheduleExpression is not valid/);
    }
  });
});

describe('PutEvents entry size and time', () => {
  it('counts as the EventBridge documentation says: 14 bytes for Time, UTF-8 bytes for the rest', () => {
    expect(entrySize({ Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"a":"é"}' })).toBe(4 + 11 + 10);
    expect(entrySize({ Time: new Date(), Source: 's', DetailType: 'd', Detail: '{}', Resources: ['r1', 'r22'] })).toBe(14 + 1 + 1 + 2 + 2 + 3);
  });

  it('writes times without milliseconds, as events carry them', () => {
    expect(eventTime(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05Z');
  });
});
