import { z } from 'zod';
import { Id } from './common.js';

/**
 * "Who saw this?" — for a client (the household of a case), every organisation and user that
 * read, changed, received or passed on their data, from the audit log: the answer to a data
 * subject's request for access (Art. 15 GDPR). What each audit action means is decided in
 * src/domain/accesslog; the UI words the activities in German and English.
 */

/**
 * How an activity touched the data: read it, saw it in a list (work queue, search results,
 * calendars), changed it, passed it on to someone else, or received it from someone else.
 */
export const ACCESS_KINDS = ['read', 'list', 'change', 'transmit', 'receive'] as const;
export const AccessKind = z.enum(ACCESS_KINDS);
export type AccessKind = z.infer<typeof AccessKind>;

/** What was accessed, in words a client understands (labels in web.json under accessLog.activities). */
export const ACCESS_ACTIVITIES = [
  // read
  'case_read',
  'record_read',
  'closure_read',
  'sensitive_read',
  'contact_attempts_read',
  'tasks_read',
  'reminder_read',
  'appointments_read',
  'appointment_exported',
  'documents_read',
  'document_opened',
  'letter_prepared',
  'measures_read',
  'rent_debt_read',
  'consents_read',
  'disclosures_read',
  'access_log_read',
  // list
  'listed_queue',
  'listed_search',
  'listed_day_list',
  'listed_calendar',
  'listed_review',
  'listed_rent_debt',
  'listed_reminders',
  'listed_received',
  // change
  'case_updated',
  'sensitive_updated',
  'case_assigned',
  'case_closed',
  'case_reopened',
  'note_written',
  'contact_attempt_recorded',
  'task_changed',
  'appointment_changed',
  'document_uploaded',
  'document_deleted',
  'letter_generated',
  'measure_changed',
  'rent_debt_decided',
  'person_matched',
  'consent_recorded',
  'consent_revoked',
  'disclosure_withdrawn',
  'disclosure_reply_recorded',
  // transmit
  'notice_sent',
  'data_disclosed',
  'rent_debt_submitted',
  'case_handed_over',
  // receive
  'disclosure_received_read',
  'disclosure_accepted',
  'disclosure_declined',
  'case_transfer_received',
  // an action this version does not know yet (shown with its code)
  'other',
] as const;
export const AccessActivity = z.enum(ACCESS_ACTIVITIES);
export type AccessActivity = z.infer<typeof AccessActivity>;

/**
 * A day of the period, on the Berlin calendar. Years before 1000 and after 9998 cannot be passed
 * to the database as timestamps on both engines (as in the audit search); no entry is that old.
 */
const AccessDay = z.iso.date({ abort: true }).refine((d) => d >= '1000-01-01' && d <= '9998-12-31', { message: 'invalid_date' });

export const AccessLogQuery = z.object({
  from: AccessDay.optional(),
  to: AccessDay.optional(),
});
export type AccessLogQuery = z.infer<typeof AccessLogQuery>;

const Span = {
  count: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
};

export const AccessLogActivity = z.object({
  activity: AccessActivity,
  kind: AccessKind,
  /** The audit actions behind it (for 'other', the only way to say what it was). */
  actions: z.array(z.string()),
  /** For passing data on: to whom (names as recorded at the time). */
  recipients: z.array(z.string()),
  ...Span,
});
export type AccessLogActivity = z.infer<typeof AccessLogActivity>;

export const AccessLogActor = z.object({
  /** user: a staff account; api_key: a partner system; system: Bleibe itself (jobs, sign-in of another account). */
  kind: z.enum(['user', 'api_key', 'system']),
  userId: Id.nullable(),
  /** The account's name, a partner system's key name, or what the entry recorded. */
  name: z.string(),
  ...Span,
  activities: z.array(AccessLogActivity),
});
export type AccessLogActor = z.infer<typeof AccessLogActor>;

export const AccessLogOrganisation = z.object({
  /** null: entries of no organisation (platform-internal work). */
  orgId: Id.nullable(),
  name: z.string().nullable(),
  kind: z.string().nullable(),
  /** The organisation that holds the case (the one answering the request). */
  own: z.boolean(),
  ...Span,
  actors: z.array(AccessLogActor),
});
export type AccessLogOrganisation = z.infer<typeof AccessLogOrganisation>;

/** One flow of the client's data to another party, and whether it was received. */
export const AccessLogDisclosure = z.object({
  /** The disclosure (share, referral, transfer, status report) or the rent-debt application. */
  id: Id.nullable(),
  kind: z.string(),
  at: z.string(),
  fromOrgId: Id.nullable(),
  fromOrgName: z.string().nullable(),
  by: z.string(),
  recipientOrgId: Id.nullable(),
  recipientName: z.string(),
  categories: z.array(z.string()),
  /** The disclosure's state now (open, accepted, ended …); null when unknown. */
  status: z.string().nullable(),
  /** The recipient's reads and answers in Bleibe, when it uses Bleibe. */
  received: z.object(Span).nullable(),
});
export type AccessLogDisclosure = z.infer<typeof AccessLogDisclosure>;

export const AccessLog = z.object({
  caseId: Id,
  from: z.string().nullable(),
  to: z.string().nullable(),
  generatedAt: z.string(),
  /** Audit entries found (each read, list appearance, change …). */
  total: z.number().int(),
  organisations: z.array(AccessLogOrganisation),
  disclosures: z.array(AccessLogDisclosure),
});
export type AccessLog = z.infer<typeof AccessLog>;
