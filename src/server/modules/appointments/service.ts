import { sql } from 'kysely';
import type { Appointment, AppointmentKind } from '../../../contracts/appointments.js';
import { localToInstant, toLocal, withinOfficeHours } from '../../../domain/casework/appointments.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { AppError, invalidInput, notFound, type FieldProblem } from '../../platform/http/errors.js';
import { loadCaseForActor } from '../cases/access.js';

/**
 * The one access rule for an appointment: it belongs to the actor's organisation and to a case
 * the actor may see (row-level security enforces the organisation as well).
 */
export async function loadAppointmentForActor(tx: Tx, actor: Actor, id: string) {
  const row = await tx.db.selectFrom('appointments').selectAll().where('id', '=', id).where('org_id', '=', actor.orgId).executeTakeFirst();
  if (!row) throw notFound();
  await loadCaseForActor(tx, actor, row.case_id);
  return row;
}

/** A booking as the caseworker entered it, after defaults and (for changes) the stored values. */
export interface Booking {
  kind: AppointmentKind;
  locationId: string | null;
  userId: string;
  date: string;
  startTime: string;
  endTime: string;
  allowOutsideOfficeHours: boolean;
}

export interface ResolvedBooking {
  startsAt: Date;
  endsAt: Date;
  outsideOfficeHours: boolean;
}

/**
 * Checks a booking against the organisation and the location's office hours and turns its
 * Berlin wall-clock times into instants. Every refusal names the field to correct.
 */
export async function resolveBooking(tx: Tx, actor: Actor, b: Booking): Promise<ResolvedBooking> {
  const problems: FieldProblem[] = [];
  const user = await tx.db.selectFrom('users').select(['id', 'roles', 'active']).where('id', '=', b.userId).where('org_id', '=', actor.orgId).executeTakeFirst();
  // Only the organisation's active caseworkers and team leads hold appointments; anyone else
  // (including another organisation's staff) is refused exactly like somebody who does not exist.
  if (!user || !user.active || !user.roles.some((r) => r === 'caseworker' || r === 'team_lead')) problems.push({ path: 'userId', key: 'invalid_uuid' });
  let hours: { weekday: number; opens: string; closes: string }[] = [];
  if (b.locationId) {
    const location = await tx.db.selectFrom('locations').select(['id', 'active']).where('id', '=', b.locationId).where('org_id', '=', actor.orgId).executeTakeFirst();
    if (!location || !location.active) problems.push({ path: 'locationId', key: 'invalid_uuid' });
    else hours = await tx.db.selectFrom('location_office_hours').select(['weekday', 'opens', 'closes']).where('location_id', '=', b.locationId).execute();
  } else if (b.kind === 'office') {
    problems.push({ path: 'locationId', key: 'required' });
  }
  const start = localToInstant(b.date, b.startTime);
  const end = localToInstant(b.date, b.endTime);
  if (!start.ok) problems.push({ path: 'startTime', key: 'appointment.nonexistent_local_time' });
  if (!end.ok) problems.push({ path: 'endTime', key: 'appointment.nonexistent_local_time' });
  if (start.ok && end.ok && end.instant <= start.instant) problems.push({ path: 'endTime', key: 'appointment.ends_before_start' });
  if (problems.length || !start.ok || !end.ok) throw invalidInput(problems);

  // Home visits, phone calls and accompaniments happen wherever they must; only office
  // appointments are measured against the office's opening hours.
  const outside = b.kind === 'office' && !withinOfficeHours(start.instant, end.instant, hours);
  if (outside && !b.allowOutsideOfficeHours) throw invalidInput([{ path: 'startTime', key: 'appointment.outside_office_hours' }]);
  return { startsAt: start.instant, endsAt: end.instant, outsideOfficeHours: outside };
}

/**
 * Refuses a booking that would put the caseworker in two places at once, naming the other
 * appointment's time. This check gives the friendly message; the exclusion constraint
 * (migration 009) is what makes it hold when two bookings race — see `asDoubleBooking`.
 */
export async function assertFree(tx: Tx, userId: string, r: ResolvedBooking, exceptId: string | null) {
  const other = await tx.db
    .selectFrom('appointments')
    .select(['starts_at', 'ends_at'])
    .where('user_id', '=', userId)
    .where('status', '<>', 'cancelled')
    .where('starts_at', '<', r.endsAt)
    .where('ends_at', '>', r.startsAt)
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId!))
    .orderBy('starts_at')
    .executeTakeFirst();
  if (!other) return;
  const from = toLocal(new Date(other.starts_at));
  const to = toLocal(new Date(other.ends_at));
  throw doubleBooked({ date: from.date, from: from.time, to: to.time });
}

function doubleBooked(params?: Record<string, string>) {
  return new AppError(409, 'appointment_overlap', [{ path: 'userId', key: params ? 'appointment.double_booked_at' : 'appointment.double_booked', params }]);
}

/** The exclusion constraint's refusal (a booking that lost a race) as the same 409. */
export async function asDoubleBooking<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e?.code === '23P01' && (e.constraint === undefined || e.constraint === 'appointments_no_double_booking')) throw doubleBooked();
    throw err;
  }
}

/** "Max Muster, Erika Muster" → "M. M., E. M.": enough to recognise a household in a calendar. */
export function initialsOf(tenants: { first_name: string; last_name: string }[]): string {
  const initial = (s: string) => (s.trim() ? `${[...s.trim()][0].toUpperCase()}.` : '');
  return tenants.map((t) => [initial(t.first_name), initial(t.last_name)].filter(Boolean).join(' ')).join(', ');
}

const APPOINTMENT_COLUMNS = [
  'a.id', 'a.case_id', 'c.case_number', 'a.kind', 'a.status', 'a.location_id', 'l.name as location_name', 'l.street', 'l.house_number',
  'l.postal_code', 'l.city', 'a.user_id', 'u.display_name as user_name', 'a.starts_at', 'a.ends_at', 'a.outside_office_hours', 'a.note',
  'a.version', 'a.updated_at',
] as const;

export function appointmentsQuery(tx: Tx, actor: Actor) {
  return tx.db
    .selectFrom('appointments as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('locations as l', 'l.id', 'a.location_id')
    .select([...APPOINTMENT_COLUMNS])
    .where('a.org_id', '=', actor.orgId);
}

export type AppointmentRow = Awaited<ReturnType<ReturnType<typeof appointmentsQuery>['execute']>>[number];

/** The initials of each case's tenants, for many cases in one query. */
export async function initialsByCase(tx: Tx, caseIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!caseIds.length) return out;
  const rows = await tx.db
    .selectFrom('case_tenants as ct')
    .innerJoin('persons as p', 'p.id', 'ct.person_id')
    .select(['ct.case_id', 'p.first_name', 'p.last_name'])
    .where('ct.case_id', 'in', [...new Set(caseIds)])
    .orderBy('ct.case_id')
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  const grouped = new Map<string, { first_name: string; last_name: string }[]>();
  for (const r of rows) grouped.set(r.case_id, [...(grouped.get(r.case_id) ?? []), r]);
  for (const [caseId, tenants] of grouped) out.set(caseId, initialsOf(tenants));
  return out;
}

export function presentAppointment(r: AppointmentRow, initials: Map<string, string>): Appointment {
  const starts = new Date(r.starts_at);
  const ends = new Date(r.ends_at);
  const from = toLocal(starts);
  const to = toLocal(ends);
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    initials: initials.get(r.case_id) ?? '',
    kind: r.kind as AppointmentKind,
    status: r.status as Appointment['status'],
    location: r.location_id ? { id: r.location_id, name: r.location_name ?? '' } : null,
    user: { id: r.user_id, name: r.user_name },
    startsAt: starts.toISOString(),
    endsAt: ends.toISOString(),
    date: from.date,
    startTime: from.time,
    endTime: to.time,
    outsideOfficeHours: r.outside_office_hours,
    note: r.note,
    version: r.version,
  };
}

export async function presentAppointments(tx: Tx, rows: AppointmentRow[]) {
  const initials = await initialsByCase(tx, rows.map((r) => r.case_id));
  return rows.map((r) => presentAppointment(r, initials));
}

export const bumpVersion = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };
