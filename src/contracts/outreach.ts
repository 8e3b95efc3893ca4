import { z } from 'zod';
import { Id, IsoDate, Version } from './common.js';

// ---- catalogues (the domain rules in src/domain/casework use the same lists) ----

export const CONTACT_CHANNELS = ['letter', 'phone', 'home_visit', 'email', 'office'] as const;
export const CONTACT_OUTCOMES = ['reached', 'appointment_agreed', 'refused', 'not_reached', 'message_left', 'letter_sent', 'moved_away'] as const;
export const CLOSURE_OUTCOMES = [
  'tenancy_secured_with_assumption',
  'tenancy_secured_without_assumption',
  'new_flat',
  'emergency_accommodation',
  'moved_away_unknown',
  'declined_help',
  'not_reached',
  'other',
] as const;
export const DEBT_CAUSES = [
  'income_loss',
  'benefit_interruption',
  'separation',
  'illness',
  'addiction',
  'over_indebtedness',
  'service_charge_back_payment',
  'other',
] as const;
export const NOT_REACHED_REASONS = ['address_inaccessible', 'known_moved', 'other'] as const;
export const FOLLOW_UP_ANSWERS = ['yes', 'no', 'unknown'] as const;

export const ContactChannel = z.enum(CONTACT_CHANNELS);
export const ContactOutcome = z.enum(CONTACT_OUTCOMES);
export const ClosureOutcome = z.enum(CLOSURE_OUTCOMES);
/** A closing records one more outcome that nobody chooses: handed over to another organisation (by an accepted transfer). */
export const RecordedClosureOutcome = z.enum([...CLOSURE_OUTCOMES, 'handed_over']);
export const DebtCause = z.enum(DEBT_CAUSES);
export const NotReachedReason = z.enum(NOT_REACHED_REASONS);
export const FollowUpAnswer = z.enum(FOLLOW_UP_ANSWERS);

/** A day of case work: within a range no typo escapes (year 0 cannot even be stored). */
export const WorkDay = z.iso.date({ abort: true }).refine((d) => d >= '2000-01-01' && d <= '2099-12-31', { message: 'invalid_date' });
/** An instant with its offset (the browser sends local time with offset, or UTC). */
export const Instant = z.iso
  .datetime({ offset: true, abort: true })
  .refine((d) => d >= '2000' && d <= '2099', { message: 'invalid_date' });
const Notes = z.string().trim().max(4000);
const UserRef = z.object({ id: Id, name: z.string() });

// ---- contact attempts ----

export const ContactAttempt = z.object({
  id: Id,
  caseId: Id,
  channel: ContactChannel,
  plannedOn: IsoDate.nullable(),
  attemptedAt: z.string().nullable(),
  outcome: ContactOutcome.nullable(),
  notes: z.string().nullable(),
  assignee: UserRef.nullable(),
  createdBy: UserRef.nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ContactAttempt = z.infer<typeof ContactAttempt>;

export const CaseReach = z.object({
  reached: z.boolean(),
  firstAttemptOn: IsoDate.nullable(),
  firstConversationOn: IsoDate.nullable(),
  daysToFirstAttempt: z.number().int().nullable(),
  daysToFirstConversation: z.number().int().nullable(),
  attempts: z.number().int(),
  homeVisits: z.number().int(),
});
export type CaseReach = z.infer<typeof CaseReach>;

export const ContactAttemptList = z.object({ items: z.array(ContactAttempt), reach: CaseReach, requiredHomeVisits: z.number().int() });

/**
 * A new attempt: either made (attemptedAt + outcome) or planned (plannedOn, e.g. a home visit on
 * the day list). Which outcomes fit which channel is a rule of the domain (422 naming `outcome`).
 */
export const ContactAttemptInput = z.strictObject({
  channel: ContactChannel,
  plannedOn: WorkDay.nullable().optional(),
  attemptedAt: Instant.nullable().optional(),
  outcome: ContactOutcome.nullable().optional(),
  notes: Notes.nullable().optional(),
  assigneeId: Id.nullable().optional(),
});

/** Recording how a planned attempt went, or correcting one. */
export const ContactAttemptUpdate = z.strictObject({
  version: Version,
  plannedOn: WorkDay.nullable().optional(),
  attemptedAt: Instant.nullable().optional(),
  outcome: ContactOutcome.nullable().optional(),
  notes: Notes.nullable().optional(),
  assigneeId: Id.nullable().optional(),
});

// ---- reach of the team ----

export const ReachQuery = z.object({
  /** Cases received in this period (default: the last twelve months). */
  from: WorkDay.optional(),
  to: WorkDay.optional(),
});

export const ReachFigures = z.object({
  cases: z.number().int(),
  attempted: z.number().int(),
  reached: z.number().int(),
  shareReached: z.number().nullable(),
  medianDaysToFirstAttempt: z.number().nullable(),
  medianDaysToFirstConversation: z.number().nullable(),
});
export const TeamReach = z.object({
  from: IsoDate,
  to: IsoDate,
  organisation: ReachFigures,
  /** Per caseworker the case is assigned to; unassigned cases under `assignee: null`. */
  byAssignee: z.array(z.object({ assignee: UserRef.nullable(), figures: ReachFigures })),
});

// ---- home-visit day list ----

export const DayListQuery = z.object({
  /** Default: today. */
  date: WorkDay.optional(),
  /** mine: my visits; team: everybody's (optionally one caseworker's). */
  scope: z.enum(['mine', 'team']).default('mine'),
  assigneeId: Id.optional(),
});
export const DayListVisit = z.object({
  attemptId: Id,
  caseId: Id,
  caseNumber: z.string(),
  tenants: z.array(z.string()),
  street: z.string(),
  houseNumber: z.string(),
  postalCode: z.string(),
  city: z.string(),
  assignee: UserRef.nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export const DayList = z.object({
  date: IsoDate,
  count: z.number().int(),
  groups: z.array(z.object({ municipality: z.string(), streets: z.array(z.object({ street: z.string(), visits: z.array(DayListVisit) })) })),
});

// ---- chronological record ----

export const NoteInput = z.strictObject({
  notedOn: WorkDay,
  minutes: z.number().int().min(0).max(1440).nullable().optional(),
  text: z.string().trim().min(1).max(8000),
});
export const CaseNote = z.object({
  id: Id,
  caseId: Id,
  notedOn: IsoDate,
  minutes: z.number().int().nullable(),
  text: z.string(),
  author: UserRef.nullable(),
  createdAt: z.string(),
});

export const RecordEntry = z.object({
  /** note | attempt | notice | assignment | closure | reopening | task_done */
  type: z.enum(['note', 'attempt', 'notice', 'assignment', 'closure', 'reopening', 'task_done']),
  id: z.string(),
  /** The day it happened (the record is ordered by it, then by the time of entry). */
  on: IsoDate,
  at: z.string(),
  by: UserRef.nullable(),
  text: z.string().nullable(),
  minutes: z.number().int().nullable(),
  /** Type-specific codes: channel and outcome, notice kind, closure outcome, assignee … */
  facts: z.record(z.string(), z.string().nullable()),
});
export const CaseRecord = z.object({ entries: z.array(RecordEntry), totalMinutes: z.number().int() });

// ---- closure ----

export const CloseInput = z.strictObject({
  version: Version,
  outcome: ClosureOutcome,
  causes: z.array(DebtCause).max(DEBT_CAUSES.length),
  notReachedReason: NotReachedReason.nullable().optional(),
  note: z.string().trim().max(4000).nullable().optional(),
});
export const ReopenInput = z.strictObject({ version: Version, reason: z.string().trim().min(1).max(2000) });

export const Closure = z.object({
  id: Id,
  closedOn: IsoDate,
  closedAt: z.string(),
  closedBy: UserRef.nullable(),
  outcome: RecordedClosureOutcome,
  causes: z.array(DebtCause),
  notReachedReason: NotReachedReason.nullable(),
  homeVisits: z.number().int(),
  note: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenedBy: UserRef.nullable(),
  reopenReason: z.string().nullable(),
});
export type Closure = z.infer<typeof Closure>;
export const ClosureState = z.object({
  caseId: Id,
  status: z.enum(['new', 'open', 'closed']),
  version: z.number().int(),
  homeVisits: z.number().int(),
  requiredHomeVisits: z.number().int(),
  current: Closure.nullable(),
  history: z.array(Closure),
});
