import { DeadlineInputError } from './errors.js';
import { DEFAULT_STATE, isPublicHoliday, isWorkingDay, type StateCode } from './holidays.js';
import { daysInMonth, formatIsoDate, fromDayNumber, parseIsoDate, toDayNumber, weekday, weekdayName, type IsoDate } from './iso-date.js';

/**
 * Pure date arithmetic on `YYYY-MM-DD` strings. Every function validates its date argument
 * (DeadlineInputError) and returns a new string; nothing here reads the clock.
 */

function assertInteger(n: number, field: string) {
  if (!Number.isInteger(n)) throw new DeadlineInputError(field, 'invalid_number', n);
}

/**
 * `months` calendar months after (or, negative, before) `date`, keeping the day number and
 * clipping it to the last day of the target month: § 188 Abs. 2 BGB (a month period ends on the
 * day whose number equals the start event's day) and § 188 Abs. 3 BGB (…or on the month's last
 * day if that number does not exist — 31 Dec + 2 months = 28/29 Feb).
 */
export function addMonthsClipped(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  assertInteger(months, 'months');
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  assertInteger(days, 'days');
  return fromDayNumber(toDayNumber(date) + days);
}

export const subtractDays = (date: IsoDate, days: number): IsoDate => addDays(date, -days);

/**
 * A period in weeks ends on the same weekday (§ 188 Abs. 2 BGB), i.e. exactly 7·n days later;
 * counting back works the same way (LG Hamburg's § 765a example in domain.md 1.3).
 */
export const addWeeks = (date: IsoDate, weeks: number): IsoDate => {
  assertInteger(weeks, 'weeks');
  return addDays(date, weeks * 7);
};

export const subtractWeeks = (date: IsoDate, weeks: number): IsoDate => addWeeks(date, -weeks);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export { weekday, weekdayName };

/**
 * Why `date` is not a working day in `state`, or null if it is one. A holiday's name wins over
 * the weekday (2. Weihnachtstag on a Saturday is reported as "2. Weihnachtstag") because that is
 * the more specific fact; either way the day is skipped.
 */
export function nonWorkingReason(date: IsoDate, state: StateCode = DEFAULT_STATE): string | null {
  const holiday = isPublicHoliday(date, state);
  if (holiday) return holiday;
  const w = weekday(date);
  return w === 0 || w === 6 ? weekdayName(date) : null;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, state: StateCode = DEFAULT_STATE): IsoDate {
  let d = addDays(date, 1);
  while (!isWorkingDay(d, state)) d = addDays(d, 1);
  return d;
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate, state: StateCode = DEFAULT_STATE): IsoDate {
  let d = addDays(date, -1);
  while (!isWorkingDay(d, state)) d = addDays(d, -1);
  return d;
}

export interface SkippedDay {
  date: IsoDate;
  /** Holiday name, or "Samstag"/"Sonntag". */
  reason: string;
}

/**
 * § 193 BGB / § 222 Abs. 2 ZPO: a deadline ending on a Saturday, Sunday or public holiday ends on
 * the next working day instead. Applied repeatedly (Karfreitag → Samstag → Sonntag → Ostermontag),
 * and every skipped day is returned so the UI can show why the end moved.
 */
export function shiftToWorkingDay(date: IsoDate, state: StateCode = DEFAULT_STATE): { date: IsoDate; skipped: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  let d = date;
  for (let reason = nonWorkingReason(d, state); reason !== null; reason = nonWorkingReason(d, state)) {
    skipped.push({ date: d, reason });
    d = addDays(d, 1);
  }
  return { date: d, skipped };
}

export const MAX_WORKING_DAYS = 1000;

/**
 * `n` working days after `date` (negative: before). The start day itself is not counted, whether
 * or not it is a working day (a notice received on Saturday + 1 working day = Monday); `n = 0`
 * returns `date` unchanged.
 */
export function addWorkingDays(date: IsoDate, n: number, state: StateCode = DEFAULT_STATE): IsoDate {
  assertInteger(n, 'workingDays');
  // A loop per day: refuse absurd counts instead of spinning (≈ 4 years of working days).
  if (Math.abs(n) > MAX_WORKING_DAYS) throw new DeadlineInputError('workingDays', 'invalid_number', n);
  let d = date;
  toDayNumber(d); // validate even when n = 0
  for (let i = 0; i < Math.abs(n); i++) d = n > 0 ? nextWorkingDay(d, state) : previousWorkingDay(d, state);
  return d;
}
