import { daysInMonth, formatIsoDate, parseIsoDate, toDayNumber, type IsoDate } from '../deadlines/iso-date.js';

/** Case work happens in Germany: "today", "the day of the visit" are days on the Berlin calendar. */
export const CASEWORK_TIME_ZONE = 'Europe/Berlin';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day an instant falls on in `timeZone`. A visit at 00:30 Berlin time on 1 March is
 * on 1 March, although its UTC timestamp still says 28 February.
 */
export function localDay(instant: Date, timeZone = CASEWORK_TIME_ZONE): IsoDate {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The same day `months` months later; when that month is shorter, its last day
 * (31 August + 6 months = 28/29 February), as § 188 Abs. 3 BGB counts months too.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** The middle value (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
