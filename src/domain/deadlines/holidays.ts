import Holidays from 'date-holidays';
import { DeadlineInputError } from './errors.js';
import { isWeekend, MAX_YEAR, MIN_YEAR, parseIsoDate, type IsoDate } from './iso-date.js';

/**
 * The 16 Länder (ISO 3166-2:DE suffixes). Public holidays are Land law (e.g. FeiertG NW § 2), and
 * § 193 BGB / § 222 Abs. 2 ZPO look at holidays at the place of performance or the court's seat,
 * so every case stores its Land.
 */
export const STATE_CODES = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'] as const;
export type StateCode = (typeof STATE_CODES)[number];
export const DEFAULT_STATE: StateCode = 'NW';

export function isStateCode(value: unknown): value is StateCode {
  return typeof value === 'string' && (STATE_CODES as readonly string[]).includes(value);
}

/** Throws DeadlineInputError naming `field` unless `value` is one of the 16 Land codes. */
export function assertStateCode(value: unknown, field = 'state'): asserts value is StateCode {
  if (!isStateCode(value)) throw new DeadlineInputError(field, 'invalid_state', value);
}

export interface PublicHoliday {
  date: IsoDate;
  /** German name as date-holidays spells it, e.g. "Karfreitag", "Maifeiertag". */
  name: string;
}

const calendars = new Map<StateCode, Holidays>();
/** `${state}:${year}` → date → name. Bounded: 16 Länder × the years parseIsoDate accepts. */
const byYear = new Map<string, ReadonlyMap<IsoDate, string>>();

function calendarFor(state: StateCode): Holidays {
  let hd = calendars.get(state);
  if (!hd) {
    // Land-wide list only (no region): holidays of single towns or districts — Augsburger
    // Friedensfest, Fronleichnam in parts of Saxony and Thuringia, Mariä Himmelfahrt in Catholic
    // Bavarian communities — do not hold for the whole Land, and a deadline must not be extended
    // by a holiday that may not exist at the place of performance.
    hd = new Holidays('DE', state, { languages: ['de'] });
    calendars.set(state, hd);
  }
  return hd;
}

function holidayMap(year: number, state: StateCode): ReadonlyMap<IsoDate, string> {
  const key = `${state}:${year}`;
  let map = byYear.get(key);
  if (!map) {
    const m = new Map<IsoDate, string>();
    for (const h of calendarFor(state).getHolidays(year, 'de')) {
      // Only statutory holidays count. date-holidays also lists observances and bank/school days
      // (Heiliger Abend, Silvester, Buß- und Bettag outside Saxony, …): those are working days for
      // § 193 BGB and § 222 ZPO.
      if (h.type !== 'public') continue;
      // `date` is the holiday's local calendar date ("2026-04-03 00:00:00"), independent of the
      // process time zone, unlike `start`/`end` which are instants.
      const date = h.date.slice(0, 10);
      if (!m.has(date)) m.set(date, h.name);
    }
    map = m;
    byYear.set(key, map);
  }
  return map;
}

/** Statutory public holidays of `state` in `year`, in date order. */
export function publicHolidays(year: number, state: StateCode = DEFAULT_STATE): PublicHoliday[] {
  assertStateCode(state);
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new DeadlineInputError('year', 'invalid_number', year);
  return [...holidayMap(year, state)].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** The German name of the public holiday on `date` in `state`, or null. */
export function isPublicHoliday(date: IsoDate, state: StateCode = DEFAULT_STATE): string | null {
  const { year } = parseIsoDate(date, 'date');
  assertStateCode(state);
  return holidayMap(year, state).get(date) ?? null;
}

/** Neither Saturday, Sunday nor a public holiday of `state` (§ 193 BGB, § 222 Abs. 2 ZPO). */
export function isWorkingDay(date: IsoDate, state: StateCode = DEFAULT_STATE): boolean {
  return !isWeekend(date) && isPublicHoliday(date, state) === null;
}
