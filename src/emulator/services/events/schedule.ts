/**
 * Schedule expressions: `rate(5 minutes)` and AWS's six-field `cron(min hour day-of-month month
 * day-of-week year)`, parsed with AWS's rules and asked for the next time they fire (in UTC).
 */
import { EventsValidationException } from './errors.ts';

/** A parsed schedule expression. */
export type Schedule = { kind: 'rate'; everyMs: number } | { kind: 'cron'; fields: CronFields };

/** The allowed values of each cron field, after parsing. */
export interface CronFields {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number> | 'any' | 'last';
  months: Set<number>;
  /** 1 = Sunday ... 7 = Saturday, as AWS numbers them. */
  daysOfWeek: Set<number> | 'any';
  years: Set<number> | 'any';
}

const UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function invalid(): EventsValidationException {
  return new EventsValidationException('Parameter ScheduleExpression is not valid.');
}

function field(text: string, min: number, max: number, names: string[] = [], nameBase = 1): Set<number> {
  const values = new Set<number>();
  const toNumber = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const value = named >= 0 ? named + nameBase : /^\d+$/.test(token) ? Number(token) : Number.NaN;
    if (!(value >= min && value <= max)) throw invalid();
    return value;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || range === undefined) throw invalid();
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [toNumber(a ?? ''), toNumber(b ?? '')];
    } else {
      from = toNumber(range);
      to = stepText === undefined ? from : max;
    }
    if (from > to) throw invalid();
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/** Parses a schedule expression or throws ValidationException as PutRule does. */
export function parseSchedule(expression: string): Schedule {
  // AWS reads the expression as written (" rate(10 minutes)" is invalid), so nothing is trimmed.
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2]!;
    // AWS insists on "1 minute" and "5 minutes".
    if (value < 1 || (value === 1) !== !unit.endsWith('s')) throw invalid();
    return { kind: 'rate', everyMs: value * UNITS[unit.replace(/s$/, '')]! };
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (!cron) throw invalid();
  const parts = cron[1]!.trim().split(/\s+/);
  if (parts.length !== 6) throw invalid();
  const [minutes, hours, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  // Exactly one of day-of-month and day-of-week must be '?'.
  if ((dom === '?') === (dow === '?')) throw invalid();
  return {
    kind: 'cron',
    fields: {
      minutes: field(minutes, 0, 59),
      hours: field(hours, 0, 23),
      daysOfMonth: dom === '?' ? 'any' : dom === 'L' ? 'last' : field(dom, 1, 31),
      months: field(month, 1, 12, MONTHS),
      daysOfWeek: dow === '?' ? 'any' : field(dow, 1, 7, DAYS),
      years: year === '*' ? 'any' : field(year, 1970, 2199),
    },
  };
}

function cronMatches(fields: CronFields, date: Date): boolean {
  const inSet = (set: Set<number> | 'any', value: number) => set === 'any' || set.has(value);
  if (!fields.minutes.has(date.getUTCMinutes()) || !fields.hours.has(date.getUTCHours())) return false;
  if (!fields.months.has(date.getUTCMonth() + 1) || !inSet(fields.years, date.getUTCFullYear())) return false;
  if (fields.daysOfMonth === 'last') {
    const next = new Date(date.getTime() + 86_400_000);
    if (next.getUTCDate() !== 1) return false;
  } else if (!inSet(fields.daysOfMonth, date.getUTCDate())) return false;
  return inSet(fields.daysOfWeek, date.getUTCDay() + 1);
}

/** The first time after `after` (ms since epoch) that the schedule fires; undefined if never within ten years. */
export function nextFireTime(schedule: Schedule, after: number, createdAt: number): number | undefined {
  if (schedule.kind === 'rate') {
    const periods = Math.floor((after - createdAt) / schedule.everyMs) + 1;
    return createdAt + periods * schedule.everyMs;
  }
  let candidate = Math.floor(after / 60_000) * 60_000 + 60_000;
  const limit = after + 10 * 366 * 86_400_000;
  while (candidate < limit) {
    const date = new Date(candidate);
    if (!schedule.fields.months.has(date.getUTCMonth() + 1)) {
      candidate = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      continue;
    }
    if (cronMatches(schedule.fields, date)) return candidate;
    candidate += schedule.fields.hours.has(date.getUTCHours()) ? 60_000 : 3_600_000 - date.getUTCMinutes() * 60_000;
  }
  return undefined;
}
