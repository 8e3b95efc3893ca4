import { z } from 'zod';
import { Id, IsoDate, Version } from './common.js';

/*
 * Network work (Netzwerkarbeit): meetings of the district network, the steering group and
 * working groups with agenda, participants, minutes and agreed actions; cooperation agreements
 * with partners of the directory. No client data: every staff member with network.read of any
 * organisation of the district reads all of it; the organiser (the agreement's owner) edits it.
 */

export const MEETING_KINDS = [
  'district_network', // Netzwerktreffen des Kreises
  'steering_group', // Lenkungsgruppe
  'working_group', // Arbeitsgruppe / Arbeitskreis
] as const;
export const MeetingKind = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof MeetingKind>;

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const MeetingStatus = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const ACTION_STATUSES = ['open', 'done'] as const;
export const ActionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatus>;
/** Derived from status and due day (domain/network): what the overview sorts and colours by. */
export const ACTION_STATES = ['overdue', 'due_soon', 'open', 'done'] as const;
export const ActionState = z.enum(ACTION_STATES);
export type ActionState = z.infer<typeof ActionState>;

export const AGREEMENT_KINDS = [
  'cooperation', // Kooperationsvereinbarung
  'referral_pathway', // Verfahrensabsprache zur Vermittlung (Überleitung)
  'data_processing', // Vereinbarung zur Datenverarbeitung (Art. 26/28 DSGVO)
  'other',
] as const;
export const AgreementKind = z.enum(AGREEMENT_KINDS);
export type AgreementKind = z.infer<typeof AgreementKind>;
/** Derived on the day of the request (domain/network): in force, ending within 90 days, over, or not yet in force. */
export const AGREEMENT_STATES = ['expiring', 'active', 'upcoming', 'expired'] as const;
export const AgreementState = z.enum(AGREEMENT_STATES);
export type AgreementState = z.infer<typeof AgreementState>;

/** Calendar days the domain's date arithmetic covers (1900–2199); anything else is a typing error. */
const Day = IsoDate.refine((d) => d >= '1900-01-01' && d <= '2199-12-31', { message: 'invalid_date' });
/** Wall-clock time in Europe/Berlin, 'HH:MM'. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const MEETING_LIMITS = { agendaItems: 50, participants: 200, minutesChars: 50_000 } as const;

// ---- inputs ------------------------------------------------------------------------------------

export const AgendaItemInput = z.strictObject({
  title: Text(300),
  presenter: OptionalText(200),
});
export type AgendaItemInput = z.input<typeof AgendaItemInput>;

/**
 * One participant: an organisation of the installation (orgId), a partner of the directory
 * (directoryOrganizationId), or neither; with or without a named person. At least one of them.
 */
export const ParticipantInput = z
  .strictObject({
    orgId: Id.nullable().optional(),
    directoryOrganizationId: Id.nullable().optional(),
    personName: OptionalText(200),
    personFunction: OptionalText(200),
    /** null: attendance not recorded (yet). */
    attended: z.boolean().nullable().optional(),
  })
  .refine((p) => !(p.orgId && p.directoryOrganizationId), { message: 'network.one_organisation', path: ['directoryOrganizationId'] })
  .refine((p) => Boolean(p.orgId || p.directoryOrganizationId || p.personName), { message: 'network.participant_required', path: ['personName'] });
export type ParticipantInput = z.input<typeof ParticipantInput>;

const MeetingFields = z.strictObject({
  kind: MeetingKind,
  title: Text(200),
  /** The day and the wall-clock times in Europe/Berlin, as the invitation states them. */
  date: Day,
  startTime: LocalTime,
  endTime: LocalTime,
  place: OptionalText(300),
  municipalityId: Id.nullable().optional(),
  status: MeetingStatus,
  agenda: z.array(AgendaItemInput).max(MEETING_LIMITS.agendaItems),
  participants: z.array(ParticipantInput).max(MEETING_LIMITS.participants),
  /** Minutes (Protokoll): the course of the meeting and its results — never data of clients. */
  minutes: z.string().max(MEETING_LIMITS.minutesChars).nullable().optional(),
});
export const MeetingInput = MeetingFields.extend({
  status: MeetingStatus.default('planned'),
  agenda: MeetingFields.shape.agenda.default([]),
  participants: MeetingFields.shape.participants.default([]),
});
export type MeetingInput = z.input<typeof MeetingInput>;
/** Any subset of the fields; agenda and participants, when sent, replace the lists as a whole. */
export const MeetingPatch = MeetingFields.partial().extend({ version: Version });
export type MeetingPatch = z.input<typeof MeetingPatch>;

const ResponsibleFields = {
  responsibleOrgId: Id.nullable().optional(),
  responsibleDirectoryOrganizationId: Id.nullable().optional(),
  /** A person (or a body such as "the steering group") responsible, as free text. */
  responsibleName: OptionalText(200),
};

export const ActionInput = z
  .strictObject({
    text: Text(1000),
    ...ResponsibleFields,
    dueOn: Day.nullable().optional(),
  })
  .refine((a) => !(a.responsibleOrgId && a.responsibleDirectoryOrganizationId), { message: 'network.one_organisation', path: ['responsibleDirectoryOrganizationId'] })
  .refine((a) => Boolean(a.responsibleOrgId || a.responsibleDirectoryOrganizationId || a.responsibleName), {
    message: 'network.responsible_required',
    path: ['responsibleName'],
  });
export type ActionInput = z.input<typeof ActionInput>;

/** Change an action, or mark it done (doneOn defaults to today) or open again. */
export const ActionPatch = z
  .strictObject({
    version: Version,
    text: Text(1000).optional(),
    ...ResponsibleFields,
    dueOn: Day.nullable().optional(),
    status: ActionStatus.optional(),
    doneOn: Day.nullable().optional(),
  })
  .refine((a) => !(a.responsibleOrgId && a.responsibleDirectoryOrganizationId), { message: 'network.one_organisation', path: ['responsibleDirectoryOrganizationId'] });
export type ActionPatch = z.input<typeof ActionPatch>;

const AgreementFields = z.strictObject({
  directoryOrganizationId: Id,
  kind: AgreementKind,
  title: Text(200),
  subject: OptionalText(4000),
  validFrom: Day,
  /** null: concluded for an indefinite period. */
  validUntil: Day.nullable(),
  note: OptionalText(2000),
});
export const AgreementInput = AgreementFields.extend({ validUntil: Day.nullable().default(null) }).refine(
  (a) => a.validUntil === null || a.validUntil >= a.validFrom,
  { message: 'network.until_before_from', path: ['validUntil'] },
);
export type AgreementInput = z.input<typeof AgreementInput>;
export const AgreementPatch = AgreementFields.partial().extend({ version: Version });
export type AgreementPatch = z.input<typeof AgreementPatch>;

// ---- queries -----------------------------------------------------------------------------------

export const MeetingsQuery = z.object({
  /** upcoming: not yet ended (soonest first); past: ended (latest first). */
  timing: z.enum(['upcoming', 'past']).default('upcoming'),
  kind: MeetingKind.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type MeetingsQuery = z.input<typeof MeetingsQuery>;

export const ActionsQuery = z.object({
  status: z.enum(['open', 'done', 'all']).default('open'),
  /** own: actions the caller's organisation is responsible for. */
  responsible: z.enum(['all', 'own']).default('all'),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type ActionsQuery = z.input<typeof ActionsQuery>;

export const AgreementsQuery = z.object({
  /** own: the caller's organisation's agreements; all: the district's. */
  scope: z.enum(['all', 'own']).default('all'),
  state: AgreementState.optional(),
  directoryOrganizationId: Id.optional(),
});
export type AgreementsQuery = z.input<typeof AgreementsQuery>;

// ---- answers -----------------------------------------------------------------------------------

const OrgRef = z.object({ id: Id, name: z.string() });

/** An organisation a participant or an action refers to: of the installation, of the directory, or only its name. */
export const OrganisationRef = z.object({
  kind: z.enum(['organisation', 'directory', 'name']),
  id: Id.nullable(),
  name: z.string(),
});
export type OrganisationRef = z.infer<typeof OrganisationRef>;

export const Participant = z.object({
  id: Id,
  organisation: OrganisationRef.nullable(),
  personName: z.string().nullable(),
  personFunction: z.string().nullable(),
  attended: z.boolean().nullable(),
});
export type Participant = z.infer<typeof Participant>;

export const AgendaItem = z.object({ id: Id, position: z.number().int(), title: z.string(), presenter: z.string().nullable() });
export type AgendaItem = z.infer<typeof AgendaItem>;

export const NetworkAction = z.object({
  id: Id,
  meeting: z.object({ id: Id, title: z.string(), kind: MeetingKind, date: IsoDate, organiser: OrgRef }),
  text: z.string(),
  responsibleOrganisation: OrganisationRef.nullable(),
  responsibleName: z.string().nullable(),
  dueOn: IsoDate.nullable(),
  status: ActionStatus,
  doneOn: IsoDate.nullable(),
  state: ActionState,
  mayEdit: z.boolean(),
  version: z.number().int(),
});
export type NetworkAction = z.infer<typeof NetworkAction>;
export const NetworkActionList = z.object({ items: z.array(NetworkAction) });

export const MeetingSummary = z.object({
  id: Id,
  kind: MeetingKind,
  title: z.string(),
  status: MeetingStatus,
  organiser: OrgRef,
  /** Instants (UTC, ISO 8601), and the same as a Berlin day and wall-clock times. */
  startsAt: z.string(),
  endsAt: z.string(),
  date: IsoDate,
  startTime: LocalTime,
  endTime: LocalTime,
  place: z.string().nullable(),
  municipality: OrgRef.nullable(),
  timing: z.enum(['upcoming', 'past']),
  participants: z.number().int(),
  openActions: z.number().int(),
  hasMinutes: z.boolean(),
  mayEdit: z.boolean(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;
export const MeetingList = z.object({ items: z.array(MeetingSummary), mayCreate: z.boolean() });

export const Meeting = MeetingSummary.extend({
  agenda: z.array(AgendaItem),
  participantList: z.array(Participant),
  attendance: z.object({ present: z.number().int(), absent: z.number().int(), unknown: z.number().int() }),
  minutes: z.string().nullable(),
  actions: z.array(NetworkAction),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Meeting = z.infer<typeof Meeting>;

export const Agreement = z.object({
  id: Id,
  owner: OrgRef,
  partner: OrgRef,
  kind: AgreementKind,
  title: z.string(),
  subject: z.string().nullable(),
  validFrom: IsoDate,
  validUntil: IsoDate.nullable(),
  note: z.string().nullable(),
  state: AgreementState,
  /** Days to the last valid day (0 on it); null when open-ended or over. */
  daysLeft: z.number().int().nullable(),
  mayEdit: z.boolean(),
  version: z.number().int(),
});
export type Agreement = z.infer<typeof Agreement>;
export const AgreementList = z.object({
  items: z.array(Agreement),
  counts: z.object({ expiring: z.number().int(), active: z.number().int(), upcoming: z.number().int(), expired: z.number().int() }),
  mayCreate: z.boolean(),
});
export type AgreementList = z.infer<typeof AgreementList>;
