import { DeadlineInputError } from './errors.js';

/**
 * A calendar date as `YYYY-MM-DD`. Deadlines are calendar days at a place in Germany, not
 * instants: working with plain strings (and UTC day numbers internally) keeps the server's and
 * the browser's time zone out of every computation — a local-time `Date` would move 00:00 across
 * midnight for anyone west of Berlin, or twice a year around the DST switch.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Years outside this range are certainly typing errors in a case file, and refusing them keeps
 * `Date.UTC` away from its two-digit-year quirk (years 0–99 map to 1900–1999) and bounds the
 * holiday cache.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export interface DateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** Days in `month` (1–12) of `year`, Gregorian leap-year rule included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The parts of a real calendar date (rejects 2025-02-29, 2025-13-01, "2025-1-1", non-strings). */
export function parseIsoDate(value: unknown, field = 'date'): DateParts {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) throw new DeadlineInputError(field, 'invalid_date', value);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DeadlineInputError(field, 'invalid_date', value);
  }
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is IsoDate {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Throws DeadlineInputError naming `field` unless `value` is a real `YYYY-MM-DD` date. */
export function assertIsoDate(value: unknown, field: string): asserts value is IsoDate {
  parseIsoDate(value, field);
}

export function formatIsoDate({ year, month, day }: DateParts): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 — makes adding days and comparing dates integer arithmetic. */
export function toDayNumber(date: IsoDate, field = 'date'): number {
  const { year, month, day } = parseIsoDate(date, field);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const d = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** 0 = Sunday … 6 = Saturday, as `Date#getDay`, but for the calendar date itself. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export const WEEKDAY_NAMES_DE = ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'] as const;

export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES_DE[weekday(date)];
}

/** Saturdays and Sundays: not working days under § 193 BGB / § 222 Abs. 2 ZPO in any Land. */
export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** ISO strings of real dates compare correctly as strings; these read better at call sites. */
export const maxDate = (dates: readonly IsoDate[]): IsoDate => dates.reduce((a, b) => (b > a ? b : a));
export const minDate = (dates: readonly IsoDate[]): IsoDate => dates.reduce((a, b) => (b < a ? b : a));
