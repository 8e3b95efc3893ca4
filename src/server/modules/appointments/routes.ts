import { z } from 'zod';
import {
  Appointment,
  AppointmentInput,
  AppointmentList,
  AppointmentPatch,
  CalendarQuery,
  CalendarWeek,
  type AppointmentKind,
} from '../../../contracts/appointments.js';
import { IdParams } from '../../../contracts/common.js';
import { isoWeek, toLocal, weekOf } from '../../../domain/casework/appointments.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { notFound, versionConflict } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { appointmentsIcs } from './ics.js';
import {
  appointmentsQuery,
  asDoubleBooking,
  assertFree,
  bumpVersion,
  initialsByCase,
  loadAppointmentForActor,
  presentAppointments,
  resolveBooking,
} from './service.js';

const hhmm = (t: string) => t.slice(0, 5);

async function presentOne(tx: Tx, actor: Actor, id: string) {
  const row = await appointmentsQuery(tx, actor).where('a.id', '=', id).executeTakeFirstOrThrow();
  return (await presentAppointments(tx, [row]))[0];
}

/**
 * The week asked for and whose it is: a caseworker of the own organisation, or one of its
 * locations. Anything else does not exist for the caller.
 */
async function calendarScope(tx: Tx, actor: Actor, q: z.output<typeof CalendarQuery>, today: string) {
  const week = weekOf(q.date ?? today);
  if (q.userId) {
    const user = await tx.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', q.userId).where('org_id', '=', actor.orgId).executeTakeFirst();
    if (!user) throw notFound();
    const rows = await appointmentsQuery(tx, actor)
      .where('a.user_id', '=', user.id)
      .where('a.starts_at', '<', week.to)
      .where('a.ends_at', '>', week.from)
      .orderBy('a.starts_at')
      .execute();
    return { week, scope: { kind: 'user' as const, id: user.id, name: user.display_name }, rows, officeHours: [] };
  }
  const location = await tx.db.selectFrom('locations').select(['id', 'name']).where('id', '=', q.locationId!).where('org_id', '=', actor.orgId).executeTakeFirst();
  if (!location) throw notFound();
  const rows = await appointmentsQuery(tx, actor)
    .where('a.location_id', '=', location.id)
    .where('a.starts_at', '<', week.to)
    .where('a.ends_at', '>', week.from)
    .orderBy('a.starts_at')
    .execute();
  const officeHours = await tx.db
    .selectFrom('location_office_hours')
    .select(['weekday', 'opens', 'closes', 'note'])
    .where('location_id', '=', location.id)
    .orderBy('weekday')
    .orderBy('opens')
    .execute();
  return {
    week,
    scope: { kind: 'location' as const, id: location.id, name: location.name },
    rows,
    officeHours: officeHours.map((h) => ({ weekday: h.weekday, opens: hhmm(h.opens), closes: hhmm(h.closes), note: h.note })),
  };
}

export const appointmentRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/appointments',
    access: 'cases.read',
    summary: "A case's appointments, latest first",
    tags: ['appointments'],
    params: IdParams,
    response: AppointmentList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const rows = await appointmentsQuery(tx, actor).where('a.case_id', '=', c.id).orderBy('a.starts_at', 'desc').execute();
        tx.audit({ action: 'appointment.list', entityType: 'case', entityId: c.id, details: { count: rows.length } });
        return { items: await presentAppointments(tx, rows) };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/appointments',
    access: 'cases.edit',
    summary:
      'Book an appointment for the household: a caseworker, a day and Europe/Berlin wall-clock times; office appointments at a location ' +
      'within its office hours (or explicitly outside them). A caseworker is never booked twice: 409 appointment_overlap naming userId.',
    tags: ['appointments'],
    params: IdParams,
    body: AppointmentInput,
    status: 201,
    response: Appointment,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const b = { ...ctx.body, locationId: ctx.body.locationId?.toLowerCase() ?? null, userId: ctx.body.userId.toLowerCase() };
        const resolved = await resolveBooking(tx, actor, b);
        await assertFree(tx, b.userId, resolved, null);
        const { id } = await asDoubleBooking(
          tx.db
            .insertInto('appointments')
            .values({
              org_id: actor.orgId,
              case_id: c.id,
              location_id: b.locationId,
              user_id: b.userId,
              starts_at: resolved.startsAt,
              ends_at: resolved.endsAt,
              kind: b.kind,
              outside_office_hours: resolved.outsideOfficeHours,
              note: b.note ?? null,
              created_by: actor.userId,
            })
            .returning('id')
            .executeTakeFirstOrThrow(),
        );
        tx.audit({ action: 'appointment.create', entityType: 'appointment', entityId: id, details: { caseId: c.id, kind: b.kind, outsideOfficeHours: resolved.outsideOfficeHours } });
        return presentOne(tx, actor, id);
      });
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/appointments/:id',
    access: 'cases.edit',
    summary: 'Reschedule or reassign an appointment, or record that it was held, missed or cancelled (optimistic locking by version)',
    tags: ['appointments'],
    params: IdParams,
    body: AppointmentPatch,
    response: Appointment,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const current = await loadAppointmentForActor(tx, actor, ctx.params.id);
        if (current.version !== ctx.body.version) throw versionConflict();
        const { version, status, note, allowOutsideOfficeHours, ...when } = ctx.body;
        const from = toLocal(new Date(current.starts_at));
        const to = toLocal(new Date(current.ends_at));
        const rescheduled = Object.values(when).some((v) => v !== undefined) || (status === 'planned' && current.status === 'cancelled');
        const set: Record<string, unknown> = {};
        if (rescheduled) {
          const b = {
            kind: (when.kind ?? current.kind) as AppointmentKind,
            locationId: when.locationId !== undefined ? (when.locationId?.toLowerCase() ?? null) : current.location_id,
            userId: when.userId?.toLowerCase() ?? current.user_id,
            date: when.date ?? from.date,
            startTime: when.startTime ?? from.time,
            endTime: when.endTime ?? to.time,
            allowOutsideOfficeHours: allowOutsideOfficeHours ?? current.outside_office_hours,
          };
          const resolved = await resolveBooking(tx, actor, b);
          if ((status ?? current.status) !== 'cancelled') await assertFree(tx, b.userId, resolved, current.id);
          Object.assign(set, {
            kind: b.kind, location_id: b.locationId, user_id: b.userId, starts_at: resolved.startsAt, ends_at: resolved.endsAt,
            outside_office_hours: resolved.outsideOfficeHours,
          });
        }
        if (status !== undefined) set.status = status;
        if (note !== undefined) set.note = note;
        const updated = await asDoubleBooking(
          tx.db
            .updateTable('appointments')
            .set({ ...set, ...bumpVersion })
            .where('id', '=', current.id)
            .where('version', '=', version)
            .returning('id')
            .executeTakeFirst(),
        );
        if (!updated) throw versionConflict();
        tx.audit({ action: 'appointment.update', entityType: 'appointment', entityId: current.id, details: { caseId: current.case_id, fields: Object.keys(set) } });
        return presentOne(tx, actor, current.id);
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/appointments',
    access: 'cases.read',
    summary: "A week (Monday to Sunday, Europe/Berlin) of one caseworker's or one location's appointments (userId or locationId)",
    tags: ['appointments'],
    query: CalendarQuery,
    response: CalendarWeek,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const { week, scope, rows, officeHours } = await calendarScope(tx, actor, ctx.query, localDay(ctx.services.now()));
        tx.audit({ action: 'appointment.calendar', entityType: scope.kind, entityId: scope.id, details: { monday: week.monday, ids: rows.map((r) => r.id) } });
        const { year, week: number } = isoWeek(week.monday);
        return { scope, monday: week.monday, isoYear: year, isoWeek: number, days: week.days, officeHours, items: await presentAppointments(tx, rows) };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/appointments/calendar.ics',
    access: 'cases.read',
    summary: "The same week as an iCalendar file (case number and initials only, no names or addresses)",
    tags: ['appointments'],
    query: CalendarQuery,
    response: z.string(),
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const ics = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const { week, scope, rows } = await calendarScope(tx, actor, ctx.query, localDay(ctx.services.now()));
        tx.audit({ action: 'appointment.export', entityType: scope.kind, entityId: scope.id, details: { monday: week.monday, ids: rows.map((r) => r.id) } });
        const { year, week: number } = isoWeek(week.monday);
        const name = ctx.t('calendar.week_name', { name: scope.name, week: number, year });
        return appointmentsIcs(rows, await initialsByCase(tx, rows.map((r) => r.case_id)), { name, lang: ctx.lang, t: ctx.t });
      });
      ctx.reply.type('text/calendar; charset=utf-8').header('Content-Disposition', 'attachment; filename="bleibe-termine.ics"');
      return ics;
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/appointments/:id/ics',
    access: 'cases.read',
    summary: 'One appointment as an iCalendar file (case number and initials only)',
    tags: ['appointments'],
    params: IdParams,
    response: z.string(),
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const ics = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const a = await loadAppointmentForActor(tx, actor, ctx.params.id);
        const row = await appointmentsQuery(tx, actor).where('a.id', '=', a.id).executeTakeFirstOrThrow();
        tx.audit({ action: 'appointment.export', entityType: 'appointment', entityId: a.id, details: { caseId: a.case_id } });
        return appointmentsIcs([row], await initialsByCase(tx, [row.case_id]), { name: ctx.t('calendar.single_name'), lang: ctx.lang, t: ctx.t });
      });
      ctx.reply.type('text/calendar; charset=utf-8').header('Content-Disposition', 'attachment; filename="bleibe-termin.ics"');
      return ics;
    },
  }),
];
