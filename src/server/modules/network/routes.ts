import { sql } from 'kysely';
import { z } from 'zod';
import { IdParams, Ok } from '../../../contracts/common.js';
import {
  ActionInput,
  ActionPatch,
  ActionsQuery,
  Agreement,
  AgreementInput,
  AgreementList,
  AgreementPatch,
  AgreementsQuery,
  AGREEMENT_STATES,
  Meeting,
  MeetingInput,
  MeetingList,
  MeetingPatch,
  MeetingsQuery,
  NetworkAction,
  NetworkActionList,
} from '../../../contracts/network.js';
import { toLocal } from '../../../domain/casework/appointments.js';
import { AGREEMENT_STATE_ORDER, meetingWindow, statusAllowed } from '../../../domain/network/network.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { invalidInput, type FieldProblem } from '../../platform/http/errors.js';
import { route, signedIn, type RequestContext } from '../../platform/http/route.js';
import { meetingIcs } from './ics.js';
import {
  actionsQuery,
  agreementsQuery,
  assertMunicipality,
  loadMeeting,
  loadOwnAction,
  loadOwnAgreement,
  loadOwnMeeting,
  meetingsQuery,
  presentAction,
  presentAgreement,
  presentMeeting,
  presentSummary,
  resolveOrganisations,
  saveVersioned,
  today,
  writeAgenda,
  writeParticipants,
} from './store.js';

const TAGS = ['network'];

/** The answer after a change: the meeting as everyone reads it. */
async function meetingAnswer(tx: Tx, actor: Actor, id: string, now: Date) {
  return presentMeeting(tx, actor, await loadMeeting(tx, id), now);
}

async function actionAnswer(tx: Tx, actor: Actor, id: string, now: Date) {
  const row = await actionsQuery(tx).where('a.id', '=', id).executeTakeFirstOrThrow();
  return presentAction(row, actor, now);
}

async function agreementAnswer(tx: Tx, actor: Actor, id: string, now: Date) {
  const row = await agreementsQuery(tx).where('g.id', '=', id).executeTakeFirstOrThrow();
  return presentAgreement(row, actor, now);
}

/** The organisation an action's responsibility refers to, by id, with the name kept beside it. */
async function responsibleOrg(tx: Tx, orgId: string | null, dirId: string | null) {
  const { orgs, dirs } = await resolveOrganisations(tx, [
    { orgId, directoryOrganizationId: dirId, orgPath: 'responsibleOrgId', dirPath: 'responsibleDirectoryOrganizationId' },
  ]);
  return {
    responsible_org_id: orgId,
    responsible_directory_organization_id: dirId,
    responsible_org_name: orgId ? orgs.get(orgId)! : dirId ? dirs.get(dirId)! : null,
  };
}

const lower = (id: string | null | undefined) => id?.toLowerCase() ?? null;

/** A partner of the directory an agreement is made with; an unknown one is a field problem. */
async function assertPartner(tx: Tx, partnerId: string) {
  await resolveOrganisations(tx, [{ directoryOrganizationId: partnerId, orgPath: 'orgId', dirPath: 'directoryOrganizationId' }]);
}

/** A meeting is "held" only once it has begun. */
function assertStatusAllowed(status: Meeting['status'], startsAt: Date, now: Date) {
  if (!statusAllowed(status, startsAt, now)) throw invalidInput([{ path: 'status', key: 'network.held_in_future' }]);
}

/** The fields a change sent, for the audit record (the version only guards it). */
const changedFields = (body: { version: number }) => Object.keys(body).filter((k) => k !== 'version');

/** A handler's work in the actor's tenant transaction, with the clock's "now". */
function inNetworkTx<T>(ctx: RequestContext<unknown, unknown, unknown>, fn: (tx: Tx, actor: Actor, now: Date) => Promise<T>): Promise<T> {
  const actor = signedIn(ctx);
  const now = ctx.services.now();
  return inTenantTx(ctx.services.db, actor, ctx.requestId, (tx) => fn(tx, actor, now));
}

export const networkRoutes = [
  // ---- meetings ------------------------------------------------------------------------------
  route({
    method: 'GET',
    url: '/api/v1/network/meetings',
    access: 'network.read',
    summary: 'Meetings of the district network, steering group and working groups: upcoming (soonest first) or past (latest first)',
    tags: TAGS,
    query: MeetingsQuery,
    response: MeetingList,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor, now) => {
        const q = ctx.query;
        let query = meetingsQuery(tx);
        query = q.timing === 'upcoming' ? query.where('m.ends_at', '>', now).orderBy('m.starts_at', 'asc') : query.where('m.ends_at', '<=', now).orderBy('m.starts_at', 'desc');
        if (q.kind) query = query.where('m.kind', '=', q.kind);
        const rows = await query.orderBy('m.id').limit(q.limit).execute();
        return { items: rows.map((r) => presentSummary(r, actor, now)), mayCreate: actor.permissions.has('network.manage') };
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/network/meetings',
    access: 'network.manage',
    summary:
      'Plan a meeting organised by the own organisation: kind, title, a day with Europe/Berlin wall-clock times, place, agenda and participants ' +
      '(organisations of the installation, partners of the directory, named persons)',
    tags: TAGS,
    body: MeetingInput,
    status: 201,
    response: Meeting,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const window = meetingWindow(b.date, b.startTime, b.endTime);
        if (!window.ok) throw invalidInput(window.problems);
        assertStatusAllowed(b.status, window.startsAt, now);
        await assertMunicipality(tx, b.municipalityId);
        const { id } = await tx.db
          .insertInto('network_meetings')
          .values({
            org_id: actor.orgId,
            kind: b.kind,
            title: b.title,
            starts_at: window.startsAt,
            ends_at: window.endsAt,
            place: b.place || null,
            municipality_id: lower(b.municipalityId),
            status: b.status,
            minutes: b.minutes?.trim() ? b.minutes : null,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAgenda(tx, id, actor.orgId, b.agenda);
        await writeParticipants(tx, id, actor.orgId, b.participants);
        tx.audit({ action: 'network.meeting.create', entityType: 'network_meeting', entityId: id, details: { kind: b.kind, status: b.status } });
        return meetingAnswer(tx, actor, id, now);
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/network/meetings/:id',
    access: 'network.read',
    summary: 'One meeting with agenda, participants and attendance, minutes and agreed actions (any meeting of the district)',
    tags: TAGS,
    params: IdParams,
    response: Meeting,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor, now) => {
        const row = await loadMeeting(tx, ctx.params.id);
        // The participant list names people (representatives, guests): its reading is on record.
        tx.audit({ action: 'network.meeting.read', entityType: 'network_meeting', entityId: row.id });
        return presentMeeting(tx, actor, row, now);
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/network/meetings/:id',
    access: 'network.manage',
    summary:
      'Change a meeting of the own organisation: data, status (held only once it has begun), minutes; agenda and participants, when sent, ' +
      'replace the lists (optimistic locking by version; another organisation\'s meeting is not found)',
    tags: TAGS,
    params: IdParams,
    body: MeetingPatch,
    response: Meeting,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const m = await loadOwnMeeting(tx, actor, ctx.params.id, b.version);
        let startsAt = new Date(m.starts_at);
        let endsAt = new Date(m.ends_at);
        if (b.date !== undefined || b.startTime !== undefined || b.endTime !== undefined) {
          const from = toLocal(startsAt);
          const to = toLocal(endsAt);
          const window = meetingWindow(b.date ?? from.date, b.startTime ?? from.time, b.endTime ?? to.time);
          if (!window.ok) throw invalidInput(window.problems);
          ({ startsAt, endsAt } = window);
        }
        const status = b.status ?? m.status;
        assertStatusAllowed(status, startsAt, now);
        if (b.municipalityId) await assertMunicipality(tx, b.municipalityId);
        await saveVersioned(tx, 'network_meetings', m.id, b.version, {
          kind: b.kind ?? m.kind,
          title: b.title ?? m.title,
          starts_at: startsAt,
          ends_at: endsAt,
          place: b.place !== undefined ? b.place || null : m.place,
          municipality_id: b.municipalityId !== undefined ? lower(b.municipalityId) : m.municipality_id,
          status,
          minutes: b.minutes !== undefined ? (b.minutes?.trim() ? b.minutes : null) : m.minutes,
        });
        if (b.agenda) await writeAgenda(tx, m.id, actor.orgId, b.agenda);
        if (b.participants) await writeParticipants(tx, m.id, actor.orgId, b.participants);
        tx.audit({ action: 'network.meeting.update', entityType: 'network_meeting', entityId: m.id, details: { fields: changedFields(b), status } });
        return meetingAnswer(tx, actor, m.id, now);
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/network/meetings/:id/ics',
    access: 'network.read',
    summary: 'One meeting as an iCalendar file (title, time, place, organiser and agenda; no minutes)',
    tags: TAGS,
    params: IdParams,
    response: z.string(),
    handler: async (ctx) => {
      const ics = await inNetworkTx(ctx, async (tx, actor, now) => {
        const meeting = await presentMeeting(tx, actor, await loadMeeting(tx, ctx.params.id), now);
        tx.audit({ action: 'network.meeting.export', entityType: 'network_meeting', entityId: meeting.id });
        return meetingIcs(meeting, { lang: ctx.lang, t: ctx.t });
      });
      ctx.reply.type('text/calendar; charset=utf-8').header('Content-Disposition', 'attachment; filename="bleibe-netzwerktreffen.ics"');
      return ics;
    },
  }),

  // ---- agreed actions ------------------------------------------------------------------------
  route({
    method: 'POST',
    url: '/api/v1/network/meetings/:id/actions',
    access: 'network.manage',
    summary: 'Record an action agreed in a meeting of the own organisation: what, who is responsible (organisation and/or person), by when',
    tags: TAGS,
    params: IdParams,
    body: ActionInput,
    status: 201,
    response: NetworkAction,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const m = await loadOwnMeeting(tx, actor, ctx.params.id);
        const responsible = await responsibleOrg(tx, lower(b.responsibleOrgId), lower(b.responsibleDirectoryOrganizationId));
        const { id } = await tx.db
          .insertInto('network_actions')
          .values({
            org_id: actor.orgId,
            meeting_id: m.id,
            text: b.text,
            ...responsible,
            responsible_name: b.responsibleName || null,
            due_on: b.dueOn ?? null,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'network.action.create', entityType: 'network_action', entityId: id, details: { meetingId: m.id, dueOn: b.dueOn ?? null } });
        return actionAnswer(tx, actor, id, now);
      }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/network/actions',
    access: 'network.read',
    summary: 'Agreed actions across all meetings of the district: open ones by due day (overdue first), done ones latest first; optionally only those of the own organisation',
    tags: TAGS,
    query: ActionsQuery,
    response: NetworkActionList,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor, now) => {
        const q = ctx.query;
        let query = actionsQuery(tx);
        if (q.status !== 'all') query = query.where('a.status', '=', q.status);
        if (q.responsible === 'own') {
          // The own organisation, named directly or through its entry in the partner directory.
          query = query.where((eb) =>
            eb.or([
              eb('a.responsible_org_id', '=', actor.orgId),
              eb('a.responsible_directory_organization_id', 'in', eb.selectFrom('directory_organizations').select('id').where('bleibe_org_id', '=', actor.orgId)),
            ]),
          );
        }
        query =
          q.status === 'done'
            ? query.orderBy('a.done_on', 'desc')
            : query.orderBy(sql`a.status = 'done'`).orderBy(sql`a.due_on asc nulls last`).orderBy('m.starts_at');
        const rows = await query.orderBy('a.created_at').orderBy('a.id').limit(q.limit).execute();
        // Responsible persons are named: the list's reading is on record.
        tx.audit({ action: 'network.action.list', entityType: 'network_action', details: { status: q.status, responsible: q.responsible, count: rows.length } });
        return { items: rows.map((r) => presentAction(r, actor, now)) };
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/network/actions/:id',
    access: 'network.manage',
    summary: 'Change an agreed action of a meeting of the own organisation, mark it done (done on today unless given) or open again',
    tags: TAGS,
    params: IdParams,
    body: ActionPatch,
    response: NetworkAction,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const a = await loadOwnAction(tx, actor, ctx.params.id, b.version);
        // The organisation is replaced as a whole when either of its fields is sent.
        const orgChanged = b.responsibleOrgId !== undefined || b.responsibleDirectoryOrganizationId !== undefined;
        const responsible = orgChanged
          ? await responsibleOrg(tx, lower(b.responsibleOrgId), lower(b.responsibleDirectoryOrganizationId))
          : {
              responsible_org_id: a.responsible_org_id,
              responsible_directory_organization_id: a.responsible_directory_organization_id,
              responsible_org_name: a.responsible_org_name,
            };
        const responsibleName = b.responsibleName !== undefined ? b.responsibleName || null : a.responsible_name;
        const problems: FieldProblem[] = [];
        if (!responsible.responsible_org_name && !responsibleName) problems.push({ path: 'responsibleName', key: 'network.responsible_required' });
        const status = b.status ?? a.status;
        const day = today(now);
        let doneOn: string | null = null;
        if (status === 'done') {
          doneOn = b.doneOn ?? (a.status === 'done' ? a.done_on : null) ?? day;
          if (doneOn > day) problems.push({ path: 'doneOn', key: 'network.done_in_future' });
        } else if (b.doneOn) problems.push({ path: 'doneOn', key: 'network.done_on_only_when_done' });
        if (problems.length) throw invalidInput(problems);
        await saveVersioned(tx, 'network_actions', a.id, b.version, {
          text: b.text ?? a.text,
          ...responsible,
          responsible_name: responsibleName,
          due_on: b.dueOn !== undefined ? b.dueOn : a.due_on,
          status,
          done_on: doneOn,
        });
        tx.audit({ action: 'network.action.update', entityType: 'network_action', entityId: a.id, details: { meetingId: a.meeting_id, status, fields: changedFields(b) } });
        return actionAnswer(tx, actor, a.id, now);
      }),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/network/actions/:id',
    access: 'network.manage',
    summary: 'Remove an action recorded by mistake from a meeting of the own organisation',
    tags: TAGS,
    params: IdParams,
    response: Ok,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor) => {
        const a = await loadOwnAction(tx, actor, ctx.params.id);
        await tx.db.deleteFrom('network_actions').where('id', '=', a.id).execute();
        tx.audit({ action: 'network.action.delete', entityType: 'network_action', entityId: a.id, details: { meetingId: a.meeting_id } });
        return { ok: true as const };
      }),
  }),

  // ---- cooperation agreements ----------------------------------------------------------------
  route({
    method: 'GET',
    url: '/api/v1/network/agreements',
    access: 'network.read',
    summary: 'Cooperation agreements with partners of the directory, with their validity today: expiring within 90 days first, then in force, not yet in force, expired',
    tags: TAGS,
    query: AgreementsQuery,
    response: AgreementList,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor, now) => {
        const q = ctx.query;
        let query = agreementsQuery(tx);
        if (q.scope === 'own') query = query.where('g.org_id', '=', actor.orgId);
        if (q.directoryOrganizationId) query = query.where('g.directory_organization_id', '=', q.directoryOrganizationId);
        const all = (await query.orderBy('g.title').orderBy('g.id').execute()).map((g) => presentAgreement(g, actor, now));
        const counts = Object.fromEntries(AGREEMENT_STATES.map((s) => [s, all.filter((g) => g.state === s).length])) as Record<(typeof AGREEMENT_STATES)[number], number>;
        const rank = (s: (typeof AGREEMENT_STATES)[number]) => AGREEMENT_STATE_ORDER.indexOf(s);
        const items = all
          .filter((g) => !q.state || g.state === q.state)
          .sort((x, y) => rank(x.state) - rank(y.state) || (x.validUntil ?? '9999').localeCompare(y.validUntil ?? '9999') || x.title.localeCompare(y.title, 'de'));
        return { items, counts, mayCreate: actor.permissions.has('network.manage') };
      }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/network/agreements',
    access: 'network.manage',
    summary: 'Record a cooperation agreement of the own organisation with a partner of the directory (validUntil null: indefinite)',
    tags: TAGS,
    body: AgreementInput,
    status: 201,
    response: Agreement,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const partner = b.directoryOrganizationId.toLowerCase();
        await assertPartner(tx, partner);
        const { id } = await tx.db
          .insertInto('partner_agreements')
          .values({
            org_id: actor.orgId,
            directory_organization_id: partner,
            kind: b.kind,
            title: b.title,
            subject: b.subject || null,
            valid_from: b.validFrom,
            valid_until: b.validUntil,
            note: b.note || null,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        tx.audit({ action: 'network.agreement.create', entityType: 'partner_agreement', entityId: id, details: { partnerId: partner, kind: b.kind } });
        return agreementAnswer(tx, actor, id, now);
      }),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/network/agreements/:id',
    access: 'network.manage',
    summary: "Change a cooperation agreement of the own organisation, e.g. extend or end its validity (another organisation's agreement is not found)",
    tags: TAGS,
    params: IdParams,
    body: AgreementPatch,
    response: Agreement,
    handler: (ctx) =>
      inNetworkTx(ctx, async (tx, actor, now) => {
        const b = ctx.body;
        const g = await loadOwnAgreement(tx, actor, ctx.params.id, b.version);
        const partner = b.directoryOrganizationId?.toLowerCase() ?? g.directory_organization_id;
        if (b.directoryOrganizationId) await assertPartner(tx, partner);
        const validFrom = b.validFrom ?? g.valid_from;
        const validUntil = b.validUntil !== undefined ? b.validUntil : g.valid_until;
        if (validUntil !== null && validUntil < validFrom) throw invalidInput([{ path: 'validUntil', key: 'network.until_before_from' }]);
        await saveVersioned(tx, 'partner_agreements', g.id, b.version, {
          directory_organization_id: partner,
          kind: b.kind ?? g.kind,
          title: b.title ?? g.title,
          subject: b.subject !== undefined ? b.subject || null : g.subject,
          valid_from: validFrom,
          valid_until: validUntil,
          note: b.note !== undefined ? b.note || null : g.note,
        });
        tx.audit({ action: 'network.agreement.update', entityType: 'partner_agreement', entityId: g.id, details: { fields: changedFields(b), validUntil } });
        return agreementAnswer(tx, actor, g.id, now);
      }),
  }),
];
