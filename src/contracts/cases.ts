import { z } from 'zod';
import { Id, IsoDate, Version } from './common.js';
import { CaseFile } from './casefile.js';
import { CaseDate, MatchOutcome, NoticeKind } from './intake.js';

export const Deadline = z.object({
  kind: z.string(),
  date: IsoDate,
  rawDate: IsoDate.nullable(),
  actBy: IsoDate.nullable(),
  estimate: z.boolean(),
  basis: z.string(),
  shifts: z.array(z.object({ date: IsoDate, reason: z.string() })),
  warnings: z.array(z.string()),
});

export const QueueItem = z.object({
  id: Id,
  caseNumber: z.string(),
  status: z.enum(['new', 'open', 'closed']),
  receivedOn: IsoDate,
  assignee: z.object({ id: Id, name: z.string() }).nullable(),
  locationName: z.string().nullable(),
  address: z.string(),
  tenants: z.array(z.string()),
  courtFileNumber: z.string().nullable(),
  nextDeadline: z.object({ kind: z.string(), date: IsoDate, estimate: z.boolean() }).nullable(),
  daysLeft: z.number().int().nullable(),
  children: z.number().int(),
  vulnerable: z.boolean(),
  overdueFirstContact: z.boolean(),
  firstContactDue: IsoDate,
  urgency: z.number(),
  urgencyReasons: z.array(z.string()),
  /** In the "mine" queue: the case of a colleague the caller stands in for while they are away. */
  substituteFor: z.object({ id: Id, name: z.string(), until: IsoDate }).nullable().optional(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const QueueQuery = z.object({
  /** mine: assigned to me; team: the whole organisation; unassigned: nobody's yet (absences). */
  scope: z.enum(['mine', 'team', 'unassigned']).default('team'),
  assigneeId: Id.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const Queue = z.object({ items: z.array(QueueItem) });

export const CaseTenant = z.object({
  personId: Id,
  firstName: z.string(),
  lastName: z.string(),
  birthDate: IsoDate.nullable(),
  servedOn: IsoDate.nullable(),
});

export const CaseSummary = z.object({
  id: Id,
  caseNumber: z.string(),
  status: z.enum(['new', 'open', 'closed']),
  version: z.number().int(),
  receivedOn: IsoDate,
  firstContactDue: IsoDate,
  assignee: z.object({ id: Id, name: z.string() }).nullable(),
  location: z.object({ id: Id, name: z.string() }).nullable(),
  routingNote: z.string().nullable(),
  household: z.object({
    id: Id,
    address: z.object({ street: z.string(), houseNumber: z.string(), postalCode: z.string(), city: z.string() }),
    size: z.number().int().nullable(),
    children: z.number().int().nullable(),
  }),
  tenants: z.array(CaseTenant),
  legal: z.object({
    landlord: z.object({ name: z.string(), address: z.string().optional(), contact: z.string().optional() }).nullable(),
    monthlyRent: z.number().nullable(),
    arrears: z.number().nullable(),
    terminationType: z.string().nullable(),
    terminationReceivedOn: IsoDate.nullable(),
    courtName: z.string().nullable(),
    courtFileNumber: z.string().nullable(),
    suitFiledOn: IsoDate.nullable(),
    hearingOn: IsoDate.nullable(),
    judgmentOn: IsoDate.nullable(),
    judgmentFinalOn: IsoDate.nullable(),
    raeumungsfristEnd: IsoDate.nullable(),
    evictionOn: IsoDate.nullable(),
    earlierCuredTerminations: z.array(IsoDate),
  }),
  /** The household case file (contracts/casefile.ts). Sensitive data is never part of it. */
  file: CaseFile,
  deadlines: z.array(Deadline),
  notices: z.array(
    z.object({ id: Id, kind: NoticeKind, channel: z.string(), receivedOn: IsoDate, sourceOrgName: z.string(), householdMatch: MatchOutcome }),
  ),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const ServiceDatesInput = z.strictObject({
  version: Version,
  tenants: z.array(z.strictObject({ personId: Id, servedOn: CaseDate.nullable() })).min(1).max(20),
});

export const AssignInput = z.strictObject({ version: Version, userId: Id.nullable() });
