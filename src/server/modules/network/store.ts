import { sql, type UpdateObject } from 'kysely';
import type {
  Agreement,
  AgendaItemInput,
  Meeting,
  MeetingSummary,
  NetworkAction,
  OrganisationRef,
  Participant,
  ParticipantInput,
} from '../../../contracts/network.js';
import { toLocal } from '../../../domain/casework/appointments.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { actionState, agreementValidity, attendance, meetingTiming } from '../../../domain/network/network.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { DB } from '../../platform/db/schema.js';
import type { Tx } from '../../platform/db/tenant.js';
import { invalidInput, notFound, versionConflict, type FieldProblem } from '../../platform/http/errors.js';

/*
 * Reading and writing network meetings, agreed actions and cooperation agreements. Everything
 * here is district information (row-level security lets every signed-in organisation read it);
 * only the owning organisation writes (the policies say so too). Another organisation's record is
 * "not found" for writing, so nobody learns more from a refused write than from reading.
 */

/** May the actor change records of this organisation (meetings it organises, its agreements)? */
export const mayManage = (actor: Actor, ownerOrgId: string) => actor.permissions.has('network.manage') && ownerOrgId === actor.orgId;

/** Europe/Berlin day of an instant; the clock's "today" for due days and validity. */
export const today = (now: Date) => localDay(now);

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * A record of the actor's organisation, loaded for changing it: another organisation's record is
 * "not found"; when the version the change was made on is given, an older one is a conflict.
 */
function ownForChange<R extends { version: number }>(row: R | undefined, version: number | undefined): R {
  if (!row) throw notFound();
  if (version !== undefined && row.version !== version) throw versionConflict();
  return row;
}

const bumpVersion = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };

/**
 * Writes a change guarded by the version it was made on: someone who saved between loading and
 * writing makes it a conflict instead of being overwritten.
 */
export async function saveVersioned<T extends 'network_meetings' | 'network_actions' | 'partner_agreements'>(
  tx: Tx,
  table: T,
  id: string,
  version: number,
  values: UpdateObject<DB, T>,
) {
  // Kysely cannot build an update over a generic table name; the signature keeps the values checked against T.
  const updated = await tx.db
    .updateTable(table as 'network_meetings')
    .set({ ...(values as UpdateObject<DB, 'network_meetings'>), ...bumpVersion })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw versionConflict();
}

/** A reference as the answers show it: the live name of a referenced organisation, else the name kept when it was saved. */
function orgRef(orgId: string | null, orgName: string | null, dirId: string | null, dirName: string | null, kept: string | null): OrganisationRef | null {
  if (orgId) return { kind: 'organisation', id: orgId, name: orgName ?? kept ?? '' };
  if (dirId) return { kind: 'directory', id: dirId, name: dirName ?? kept ?? '' };
  if (kept) return { kind: 'name', id: null, name: kept };
  return null;
}

// ---- meetings --------------------------------------------------------------------------------

export function meetingsQuery(tx: Tx) {
  return tx.db
    .selectFrom('network_meetings as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .leftJoin('municipalities as mu', 'mu.id', 'm.municipality_id')
    .select([
      'm.id', 'm.org_id', 'm.kind', 'm.title', 'm.starts_at', 'm.ends_at', 'm.place', 'm.municipality_id', 'm.status', 'm.minutes',
      'm.updated_at', 'm.version', 'o.name as organiser_name', 'mu.name as municipality_name',
      sql<number>`(select count(*)::int from network_participants p where p.meeting_id = m.id)`.as('participant_count'),
      sql<number>`(select count(*)::int from network_actions a where a.meeting_id = m.id and a.status = 'open')`.as('open_actions'),
    ]);
}
export type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingsQuery>['executeTakeFirstOrThrow']>>;

export function presentSummary(row: MeetingRow, actor: Actor, now: Date): MeetingSummary {
  const start = toLocal(new Date(row.starts_at));
  const end = toLocal(new Date(row.ends_at));
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    organiser: { id: row.org_id, name: row.organiser_name },
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    date: start.date,
    startTime: start.time,
    // A meeting past midnight ends on the next day; the form keeps to one day, so show the clock time.
    endTime: end.time,
    place: row.place,
    municipality: row.municipality_id ? { id: row.municipality_id, name: row.municipality_name ?? '' } : null,
    timing: meetingTiming(new Date(row.ends_at), now),
    participants: Number(row.participant_count),
    openActions: Number(row.open_actions),
    hasMinutes: Boolean(row.minutes && row.minutes.trim()),
    mayEdit: mayManage(actor, row.org_id),
  };
}

/** Any meeting of the district (for reading). */
export async function loadMeeting(tx: Tx, id: string): Promise<MeetingRow> {
  const row = await meetingsQuery(tx).where('m.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** A meeting the actor's organisation organises (for changing it). */
export async function loadOwnMeeting(tx: Tx, actor: Actor, id: string, version?: number): Promise<MeetingRow> {
  return ownForChange(await meetingsQuery(tx).where('m.id', '=', id).where('m.org_id', '=', actor.orgId).executeTakeFirst(), version);
}

export async function presentMeeting(tx: Tx, actor: Actor, row: MeetingRow, now: Date): Promise<Meeting> {
  const agenda = await tx.db
    .selectFrom('network_agenda_items')
    .select(['id', 'position', 'title', 'presenter'])
    .where('meeting_id', '=', row.id)
    .orderBy('position')
    .execute();
  const participants = await tx.db
    .selectFrom('network_participants as p')
    .leftJoin('organisations as o', 'o.id', 'p.participant_org_id')
    .leftJoin('directory_organizations as d', 'd.id', 'p.directory_organization_id')
    .select([
      'p.id', 'p.participant_org_id', 'p.directory_organization_id', 'p.organisation_name', 'p.person_name', 'p.person_function', 'p.attended',
      'o.name as org_name', 'd.name as dir_name',
    ])
    .where('p.meeting_id', '=', row.id)
    .orderBy('p.position')
    .execute();
  const participantList: Participant[] = participants.map((p) => ({
    id: p.id,
    organisation: orgRef(p.participant_org_id, p.org_name, p.directory_organization_id, p.dir_name, p.organisation_name),
    personName: p.person_name,
    personFunction: p.person_function,
    attended: p.attended,
  }));
  const actions = await actionsQuery(tx).where('a.meeting_id', '=', row.id).orderBy('a.created_at').orderBy('a.id').execute();
  return {
    ...presentSummary(row, actor, now),
    agenda,
    participantList,
    attendance: attendance(participantList),
    minutes: row.minutes,
    actions: actions.map((a) => presentAction(a, actor, now)),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** Names of the organisations (of the installation and of the directory) a list refers to; unknown ones are field problems. */
export async function resolveOrganisations(
  tx: Tx,
  refs: { orgId?: string | null; directoryOrganizationId?: string | null; orgPath: string; dirPath: string }[],
): Promise<{ orgs: Map<string, string>; dirs: Map<string, string> }> {
  const orgIds = [...new Set(refs.map((r) => r.orgId?.toLowerCase()).filter((x): x is string => Boolean(x)))];
  const dirIds = [...new Set(refs.map((r) => r.directoryOrganizationId?.toLowerCase()).filter((x): x is string => Boolean(x)))];
  const orgs = new Map(
    orgIds.length ? (await tx.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', orgIds).execute()).map((o) => [o.id, o.name] as const) : [],
  );
  const dirs = new Map(
    dirIds.length
      ? (await tx.db.selectFrom('directory_organizations').select(['id', 'name']).where('id', 'in', dirIds).execute()).map((o) => [o.id, o.name] as const)
      : [],
  );
  const problems: FieldProblem[] = [];
  for (const r of refs) {
    if (r.orgId && !orgs.has(r.orgId.toLowerCase())) problems.push({ path: r.orgPath, key: 'network.unknown_organisation' });
    if (r.directoryOrganizationId && !dirs.has(r.directoryOrganizationId.toLowerCase())) problems.push({ path: r.dirPath, key: 'network.unknown_partner' });
  }
  if (problems.length) throw invalidInput(problems);
  return { orgs, dirs };
}

export async function assertMunicipality(tx: Tx, id: string | null | undefined) {
  if (!id) return;
  const found = await tx.db.selectFrom('municipalities').select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw invalidInput([{ path: 'municipalityId', key: 'network.unknown_municipality' }]);
}

/**
 * Replaces a meeting's agenda and participant list with the ones sent (the form edits them as a
 * whole; nothing else refers to their rows). Positions follow the order sent.
 */
export async function writeAgenda(tx: Tx, meetingId: string, orgId: string, agenda: AgendaItemInput[]) {
  await tx.db.deleteFrom('network_agenda_items').where('meeting_id', '=', meetingId).execute();
  if (!agenda.length) return;
  await tx.db
    .insertInto('network_agenda_items')
    .values(agenda.map((a, i) => ({ org_id: orgId, meeting_id: meetingId, position: i, title: a.title, presenter: a.presenter ?? null })))
    .execute();
}

export async function writeParticipants(tx: Tx, meetingId: string, orgId: string, participants: ParticipantInput[]) {
  const { orgs, dirs } = await resolveOrganisations(
    tx,
    participants.map((p, i) => ({ ...p, orgPath: `participants.${i}.orgId`, dirPath: `participants.${i}.directoryOrganizationId` })),
  );
  await tx.db.deleteFrom('network_participants').where('meeting_id', '=', meetingId).execute();
  if (!participants.length) return;
  await tx.db
    .insertInto('network_participants')
    .values(
      participants.map((p, i) => {
        const orgIdRef = p.orgId?.toLowerCase() ?? null;
        const dirIdRef = p.directoryOrganizationId?.toLowerCase() ?? null;
        return {
          org_id: orgId,
          meeting_id: meetingId,
          position: i,
          participant_org_id: orgIdRef,
          directory_organization_id: dirIdRef,
          organisation_name: orgIdRef ? orgs.get(orgIdRef)! : dirIdRef ? dirs.get(dirIdRef)! : null,
          person_name: p.personName || null,
          person_function: p.personFunction || null,
          attended: p.attended ?? null,
        };
      }),
    )
    .execute();
}

// ---- agreed actions --------------------------------------------------------------------------

export function actionsQuery(tx: Tx) {
  return tx.db
    .selectFrom('network_actions as a')
    .innerJoin('network_meetings as m', 'm.id', 'a.meeting_id')
    .innerJoin('organisations as mo', 'mo.id', 'm.org_id')
    .leftJoin('organisations as ro', 'ro.id', 'a.responsible_org_id')
    .leftJoin('directory_organizations as rd', 'rd.id', 'a.responsible_directory_organization_id')
    .select([
      'a.id', 'a.org_id', 'a.meeting_id', 'a.text', 'a.responsible_org_id', 'a.responsible_directory_organization_id', 'a.responsible_org_name',
      'a.responsible_name', 'a.due_on', 'a.status', 'a.done_on', 'a.version', 'a.created_at',
      'm.title as meeting_title', 'm.kind as meeting_kind', 'm.starts_at as meeting_starts_at', 'mo.name as organiser_name',
      'ro.name as responsible_org_live_name', 'rd.name as responsible_dir_live_name',
    ]);
}
export type ActionRow = Awaited<ReturnType<ReturnType<typeof actionsQuery>['executeTakeFirstOrThrow']>>;

export function presentAction(a: ActionRow, actor: Actor, now: Date): NetworkAction {
  return {
    id: a.id,
    meeting: { id: a.meeting_id, title: a.meeting_title, kind: a.meeting_kind, date: toLocal(new Date(a.meeting_starts_at)).date, organiser: { id: a.org_id, name: a.organiser_name } },
    text: a.text,
    responsibleOrganisation: orgRef(a.responsible_org_id, a.responsible_org_live_name, a.responsible_directory_organization_id, a.responsible_dir_live_name, a.responsible_org_name),
    responsibleName: a.responsible_name,
    dueOn: a.due_on,
    status: a.status,
    doneOn: a.done_on,
    state: actionState(a.status, a.due_on, today(now)),
    mayEdit: mayManage(actor, a.org_id),
    version: a.version,
  };
}

/** An action of a meeting the actor's organisation organises (for changing it). */
export async function loadOwnAction(tx: Tx, actor: Actor, id: string, version?: number): Promise<ActionRow> {
  return ownForChange(await actionsQuery(tx).where('a.id', '=', id).where('a.org_id', '=', actor.orgId).executeTakeFirst(), version);
}

// ---- cooperation agreements ------------------------------------------------------------------

export function agreementsQuery(tx: Tx) {
  return tx.db
    .selectFrom('partner_agreements as g')
    .innerJoin('organisations as o', 'o.id', 'g.org_id')
    .innerJoin('directory_organizations as d', 'd.id', 'g.directory_organization_id')
    .select([
      'g.id', 'g.org_id', 'g.directory_organization_id', 'g.kind', 'g.title', 'g.subject', 'g.valid_from', 'g.valid_until', 'g.note', 'g.version',
      'o.name as owner_name', 'd.name as partner_name',
    ]);
}
export type AgreementRow = Awaited<ReturnType<ReturnType<typeof agreementsQuery>['executeTakeFirstOrThrow']>>;

export function presentAgreement(g: AgreementRow, actor: Actor, now: Date): Agreement {
  const validity = agreementValidity(g.valid_from, g.valid_until, today(now));
  return {
    id: g.id,
    owner: { id: g.org_id, name: g.owner_name },
    partner: { id: g.directory_organization_id, name: g.partner_name },
    kind: g.kind,
    title: g.title,
    subject: g.subject,
    validFrom: g.valid_from,
    validUntil: g.valid_until,
    note: g.note,
    state: validity.state,
    daysLeft: validity.daysLeft,
    mayEdit: mayManage(actor, g.org_id),
    version: g.version,
  };
}

/** An agreement of the actor's organisation (for changing it). */
export async function loadOwnAgreement(tx: Tx, actor: Actor, id: string, version?: number): Promise<AgreementRow> {
  return ownForChange(await agreementsQuery(tx).where('g.id', '=', id).where('g.org_id', '=', actor.orgId).executeTakeFirst(), version);
}
