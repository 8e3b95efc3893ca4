import { z } from 'zod';
import { Id, IsoDate, Version } from './common.js';

/** A calendar day the case work can compute with (the domain's date arithmetic covers 1900–2199). */
const Day = IsoDate.refine((d) => d >= '1900-01-01' && d <= '2199-12-31', { message: 'invalid_date' });

export const APPOINTMENT_STATUSES = ['planned', 'held', 'missed', 'cancelled'] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const APPOINTMENT_KINDS = ['office', 'home_visit', 'accompaniment', 'phone'] as const;
export const AppointmentKind = z.enum(APPOINTMENT_KINDS);
export type AppointmentKind = z.infer<typeof AppointmentKind>;

/** Wall-clock time in Europe/Berlin, 'HH:MM'. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Note = z.string().trim().max(1000).nullable().optional();

/**
 * A booking in local (Europe/Berlin) time: the day and the wall-clock times the household is told.
 * The server turns them into instants with the zone's rules, summer time included.
 */
export const AppointmentInput = z
  .strictObject({
    kind: AppointmentKind.default('office'),
    /** Required for office appointments. */
    locationId: Id.nullable().optional(),
    /** The caseworker. */
    userId: Id,
    date: Day,
    startTime: LocalTime,
    endTime: LocalTime,
    note: Note,
    /** Book an office appointment although the location is closed then (otherwise refused, naming startTime). */
    allowOutsideOfficeHours: z.boolean().default(false),
  })
  .refine((a) => a.startTime < a.endTime, { message: 'appointment.ends_before_start', path: ['endTime'] });
export type AppointmentInput = z.input<typeof AppointmentInput>;

/** Reschedule, reassign, or record what happened (held, missed, cancelled). */
export const AppointmentPatch = z.strictObject({
  version: Version,
  kind: AppointmentKind.optional(),
  locationId: Id.nullable().optional(),
  userId: Id.optional(),
  date: Day.optional(),
  startTime: LocalTime.optional(),
  endTime: LocalTime.optional(),
  status: AppointmentStatus.optional(),
  note: Note,
  allowOutsideOfficeHours: z.boolean().optional(),
});
export type AppointmentPatch = z.input<typeof AppointmentPatch>;

export const Appointment = z.object({
  id: Id,
  caseId: Id,
  caseNumber: z.string(),
  /** Initials of the household's tenants (what calendars show instead of names). */
  initials: z.string(),
  kind: AppointmentKind,
  status: AppointmentStatus,
  location: z.object({ id: Id, name: z.string() }).nullable(),
  user: z.object({ id: Id, name: z.string() }),
  /** Instants (UTC, ISO 8601). */
  startsAt: z.string(),
  endsAt: z.string(),
  /** The same in Europe/Berlin wall-clock time. */
  date: IsoDate,
  startTime: LocalTime,
  endTime: LocalTime,
  outsideOfficeHours: z.boolean(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type Appointment = z.infer<typeof Appointment>;
export const AppointmentList = z.object({ items: z.array(Appointment) });

/** A week (Monday to Sunday) of one caseworker's or one location's appointments. */
export const CalendarQuery = z
  .object({
    userId: Id.optional(),
    locationId: Id.optional(),
    /** Any day of the week wanted; default: today. */
    date: Day.optional(),
  })
  .refine((q) => (q.userId ? 1 : 0) + (q.locationId ? 1 : 0) === 1, { message: 'appointment.calendar_scope', path: ['userId'] });
export type CalendarQuery = z.input<typeof CalendarQuery>;

export const CalendarWeek = z.object({
  scope: z.object({ kind: z.enum(['user', 'location']), id: Id, name: z.string() }),
  monday: IsoDate,
  isoYear: z.number().int(),
  isoWeek: z.number().int(),
  days: z.array(IsoDate),
  /** The location's office hours (location calendars only). */
  officeHours: z.array(z.object({ weekday: z.number().int(), opens: LocalTime, closes: LocalTime, note: z.string().nullable() })),
  items: z.array(Appointment),
});
export type CalendarWeek = z.infer<typeof CalendarWeek>;
