import { formatIsoDate, fromDayNumber, parseIsoDate, toDayNumber, weekday as weekdaySun0, type IsoDate } from '../deadlines/iso-date.js';

/**
 * Appointments happen at offices in Germany: they are booked, shown and checked against office
 * hours in Europe/Berlin wall-clock time, and stored as instants. The conversions here take the
 * zone's rules from the runtime's time-zone database (Intl), so the switches to and from summer
 * time (last Sunday of March and of October) are exact, not guessed.
 */
export const APPOINTMENT_TIME_ZONE = 'Europe/Berlin';

/** Wall-clock time 'HH:MM' (24 h). */
export type LocalTime = string;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const MS_PER_MINUTE = 60_000;

export function minutesOfDay(time: LocalTime): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`not a time of day: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatMinutes(minutes: number): LocalTime {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

export interface LocalDateTime {
  date: IsoDate;
  time: LocalTime;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** The wall-clock date and time of an instant in the zone. */
export function toLocal(instant: Date, timeZone = APPOINTMENT_TIME_ZONE): LocalDateTime {
  const parts = Object.fromEntries(partsFormatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, time: `${parts.hour}:${parts.minute}`, weekday: isoWeekday(date) };
}

/** Minutes the zone is ahead of UTC at that instant (Berlin: 60 in winter, 120 in summer). */
export function utcOffsetMinutes(instant: Date, timeZone = APPOINTMENT_TIME_ZONE): number {
  const parts = Object.fromEntries(partsFormatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MS_PER_MINUTE);
}

export type LocalToInstant =
  | { ok: true; instant: Date; /** The wall-clock time happens twice (end of summer time); the first is meant. */ ambiguous: boolean }
  | { ok: false; reason: 'nonexistent_local_time' };

/**
 * The instant a wall-clock time denotes. On the spring switch 02:00–02:59 does not exist and is
 * refused (a booking there is a typing error, not an appointment); on the autumn switch
 * 02:00–02:59 happens twice and the first (summer-time) occurrence is taken, as people mean
 * "before the clocks go back".
 */
export function localToInstant(date: IsoDate, time: LocalTime, timeZone = APPOINTMENT_TIME_ZONE): LocalToInstant {
  const { year, month, day } = parseIsoDate(date);
  const minutes = minutesOfDay(time);
  const wall = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  // A zone's offset is one of the offsets around that day; try both and keep those that map back.
  const candidates = new Set([utcOffsetMinutes(new Date(wall - 12 * 3_600_000), timeZone), utcOffsetMinutes(new Date(wall + 12 * 3_600_000), timeZone)]);
  const matches = [...candidates]
    .map((offset) => new Date(wall - offset * MS_PER_MINUTE))
    .filter((instant) => {
      const back = toLocal(instant, timeZone);
      return back.date === date && back.time === formatMinutes(minutes);
    })
    .sort((a, b) => a.getTime() - b.getTime());
  if (!matches.length) return { ok: false, reason: 'nonexistent_local_time' };
  return { ok: true, instant: matches[0], ambiguous: matches.length > 1 };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const w = weekdaySun0(date);
  return w === 0 ? 7 : w;
}

/** The Monday of the week a date lies in. */
export function mondayOf(date: IsoDate): IsoDate {
  return fromDayNumber(toDayNumber(date) - (isoWeekday(date) - 1));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** ISO 8601 week number and its year (the week with the year's first Thursday is week 1). */
export function isoWeek(date: IsoDate): { year: number; week: number } {
  const thursday = addDays(mondayOf(date), 3);
  const year = parseIsoDate(thursday).year;
  // 4 January always lies in week 1.
  const firstThursdayWeekMonday = mondayOf(formatIsoDate({ year, month: 1, day: 4 }));
  return { year, week: Math.floor((toDayNumber(mondayOf(date)) - toDayNumber(firstThursdayWeekMonday)) / 7) + 1 };
}

export interface Week {
  monday: IsoDate;
  days: IsoDate[];
  /** Monday 00:00 local time … next Monday 00:00 local time, as instants (167 h or 169 h in a switch week). */
  from: Date;
  to: Date;
}

/** The calendar week (Monday to Sunday) containing `date`, with its bounds as instants. */
export function weekOf(date: IsoDate, timeZone = APPOINTMENT_TIME_ZONE): Week {
  const monday = mondayOf(date);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const start = localToInstant(monday, '00:00', timeZone);
  const end = localToInstant(addDays(monday, 7), '00:00', timeZone);
  // Midnight exists on every day in Europe/Berlin (the switches happen at 02:00/03:00).
  if (!start.ok || !end.ok) throw new RangeError(`midnight does not exist in ${timeZone} on ${monday}`);
  return { monday, days, from: start.instant, to: end.instant };
}

// ---- office hours ----------------------------------------------------------------------------

export interface OfficeHours {
  /** ISO weekday 1–7. */
  weekday: number;
  /** 'HH:MM' or 'HH:MM:SS' (as PostgreSQL returns `time`). */
  opens: string;
  closes: string;
}

/**
 * Whether an appointment lies entirely inside one opening period of its location, judged in
 * local wall-clock time. Appointments running past midnight are never inside office hours.
 */
export function withinOfficeHours(startsAt: Date, endsAt: Date, hours: readonly OfficeHours[], timeZone = APPOINTMENT_TIME_ZONE): boolean {
  const start = toLocal(startsAt, timeZone);
  const end = toLocal(endsAt, timeZone);
  const startMin = minutesOfDay(start.time);
  // An end at 00:00 the next day would be 24:00 of this one; no office is open then anyway.
  if (end.date !== start.date) return false;
  const endMin = minutesOfDay(end.time);
  return hours.some((h) => h.weekday === start.weekday && minutesOfDay(h.opens) <= startMin && endMin <= minutesOfDay(h.closes));
}

// ---- double booking --------------------------------------------------------------------------

export interface Slot {
  startsAt: Date;
  endsAt: Date;
  status?: string;
}

/**
 * Two appointments collide when their half-open time ranges [start, end) share a moment and
 * neither is cancelled: one ending at 11:00 and the next starting at 11:00 do not collide. The
 * database enforces the same rule (exclusion constraint in migration 009); this is for showing
 * conflicts before booking.
 */
export function collides(a: Slot, b: Slot): boolean {
  if (a.status === 'cancelled' || b.status === 'cancelled') return false;
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}
