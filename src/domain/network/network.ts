import { daysBetween } from '../casework/calendar-day.js';
import { localToInstant, type LocalTime } from '../casework/appointments.js';
import type { IsoDate } from '../deadlines/iso-date.js';

/*
 * Network work (Netzwerkarbeit): the few rules about meetings, agreed actions and cooperation
 * agreements that do not need a database. Days are calendar days in Berlin (IsoDate strings);
 * "today" is always an argument, never read from a clock.
 */

// ---- cooperation agreements ------------------------------------------------------------------

/** How far ahead an agreement's end is announced: a quarter is the usual notice and renewal lead time. */
export const EXPIRING_WITHIN_DAYS = 90;

export type AgreementState = 'upcoming' | 'active' | 'expiring' | 'expired';

export interface AgreementValidity {
  state: AgreementState;
  /** Days from today to the last valid day (0 on that day); null when open-ended or already over. */
  daysLeft: number | null;
}

/**
 * Where an agreement stands on `today`. It is valid from `validFrom` through `validUntil`, both
 * days included; without an end it runs until terminated. It is "expiring" from 90 days before
 * its last day up to and including that day, so the coordinator has a quarter to renew it.
 */
export function agreementValidity(validFrom: IsoDate, validUntil: IsoDate | null, today: IsoDate, expiringWithinDays = EXPIRING_WITHIN_DAYS): AgreementValidity {
  if (today < validFrom) return { state: 'upcoming', daysLeft: validUntil === null ? null : daysBetween(today, validUntil) };
  if (validUntil === null) return { state: 'active', daysLeft: null };
  const left = daysBetween(today, validUntil);
  if (left < 0) return { state: 'expired', daysLeft: null };
  return { state: left <= expiringWithinDays ? 'expiring' : 'active', daysLeft: left };
}

/** The order of the agreement list: what needs attention first (expiring), then in force, then the rest. */
export const AGREEMENT_STATE_ORDER: readonly AgreementState[] = ['expiring', 'active', 'upcoming', 'expired'];

// ---- agreed actions --------------------------------------------------------------------------

/** An open action due within this many days is shown as "due soon". */
export const DUE_SOON_DAYS = 14;

export type ActionState = 'done' | 'overdue' | 'due_soon' | 'open';

/** Where an agreed action stands on `today`: done, past its due day, due within two weeks, or open. */
export function actionState(status: 'open' | 'done', dueOn: IsoDate | null, today: IsoDate, dueSoonDays = DUE_SOON_DAYS): ActionState {
  if (status === 'done') return 'done';
  if (dueOn === null) return 'open';
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'overdue';
  return left <= dueSoonDays ? 'due_soon' : 'open';
}

// ---- meetings --------------------------------------------------------------------------------

export type MeetingTiming = 'upcoming' | 'past';

/** A meeting stays "upcoming" until it has ended, so one that is going on now is still on the agenda list. */
export function meetingTiming(endsAt: Date, now: Date): MeetingTiming {
  return endsAt.getTime() > now.getTime() ? 'upcoming' : 'past';
}

export interface WindowProblem {
  path: 'startTime' | 'endTime';
  key: 'network.nonexistent_local_time' | 'network.ends_before_start';
}

export type MeetingWindow = { ok: true; startsAt: Date; endsAt: Date } | { ok: false; problems: WindowProblem[] };

/**
 * The instants of a meeting given as a Berlin day with wall-clock start and end (as invitations
 * state them). A time that does not exist on that day (the spring switch to summer time) and an
 * end not after the start are refused, naming the field.
 */
export function meetingWindow(date: IsoDate, startTime: LocalTime, endTime: LocalTime): MeetingWindow {
  const start = localToInstant(date, startTime);
  const end = localToInstant(date, endTime);
  const problems: WindowProblem[] = [];
  if (!start.ok) problems.push({ path: 'startTime', key: 'network.nonexistent_local_time' });
  if (!end.ok) problems.push({ path: 'endTime', key: 'network.nonexistent_local_time' });
  if (start.ok && end.ok && end.instant <= start.instant) problems.push({ path: 'endTime', key: 'network.ends_before_start' });
  if (problems.length || !start.ok || !end.ok) return { ok: false, problems };
  return { ok: true, startsAt: start.instant, endsAt: end.instant };
}

/** Is a status allowed for a meeting at `now`? A meeting cannot be recorded as held before it has begun. */
export function statusAllowed(status: 'planned' | 'held' | 'cancelled', startsAt: Date, now: Date): boolean {
  return status !== 'held' || startsAt.getTime() <= now.getTime();
}

export interface AttendanceCount {
  present: number;
  absent: number;
  unknown: number;
}

/** Present, excused/absent and not (yet) recorded participants, for the list and the minutes' header. */
export function attendance(participants: readonly { attended: boolean | null }[]): AttendanceCount {
  const out = { present: 0, absent: 0, unknown: 0 };
  for (const p of participants) {
    if (p.attended === true) out.present++;
    else if (p.attended === false) out.absent++;
    else out.unknown++;
  }
  return out;
}
