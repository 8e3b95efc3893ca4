import { sql } from 'kysely';
import { IdParams } from '../../../contracts/common.js';
import {
  ContactAttempt,
  ContactAttemptInput,
  ContactAttemptList,
  ContactAttemptUpdate,
  DayList,
  DayListQuery,
  ReachQuery,
  TeamReach,
} from '../../../contracts/outreach.js';
import { addMonths, localDay } from '../../../domain/casework/calendar-day.js';
import { caseReach, groupDayList, isConversation, reachFigures, type ContactOutcome } from '../../../domain/casework/outreach.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { invalidInput, versionConflict } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { assertAttempt, attemptFacts, attemptList, loadAttemptForActor, presentAttempts, syncCaseWithAttempts } from './attempts.js';
import { assertCaseStaff, day, instant, moveReceipts, userNames, userRef } from './shared.js';

export const outreachRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/contact-attempts',
    access: 'cases.read',
    summary: 'Contact attempts of a case (letter, phone, home visit, e-mail, office), newest first, with its reach indicator',
    tags: ['outreach'],
    params: IdParams,
    response: ContactAttemptList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await loadCaseForActor(tx, actor, ctx.params.id);
        tx.audit({ action: 'contact_attempt.list', entityType: 'case', entityId: ctx.params.id });
        return attemptList(tx, ctx.params.id);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/contact-attempts',
    access: 'cases.edit',
    summary: 'Record a contact attempt made (time and outcome) or plan one (a day); the first one opens the case, reaching the household tells the sender',
    tags: ['outreach'],
    params: IdParams,
    body: ContactAttemptInput,
    status: 201,
    response: ContactAttempt,
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      const result = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        assertAttempt(b, ctx.services.now());
        const assignee = b.assigneeId ? await assertCaseStaff(tx, actor, b.assigneeId, 'assigneeId') : actor.userId;
        const row = await tx.db
          .insertInto('contact_attempts')
          .values({
            org_id: actor.orgId,
            case_id: c.id,
            channel: b.channel,
            planned_on: b.plannedOn ?? null,
            attempted_at: b.attemptedAt ? new Date(b.attemptedAt) : null,
            outcome: b.outcome ?? null,
            notes: b.notes || null,
            assignee_id: assignee,
            created_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await syncCaseWithAttempts(tx, c.id);
        tx.audit({ action: 'contact_attempt.create', entityType: 'contact_attempt', entityId: row.id, details: { caseId: c.id, channel: b.channel, outcome: b.outcome ?? null } });
        return (await presentAttempts(tx, [row]))[0];
      });
      if (isConversation(result.outcome)) await moveReceipts(ctx.services.db, result.caseId, ctx.requestId, 'contact_made');
      return result;
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/contact-attempts/:id',
    access: 'cases.edit',
    summary: 'Record how a planned attempt went, or correct an attempt (optimistic locking by version)',
    tags: ['outreach'],
    params: IdParams,
    body: ContactAttemptUpdate,
    response: ContactAttempt,
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      const result = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const a = await loadAttemptForActor(tx, actor, ctx.params.id);
        if (a.version !== b.version) throw versionConflict();
        const merged = {
          channel: a.channel as 'letter',
          plannedOn: b.plannedOn !== undefined ? b.plannedOn : day(a.planned_on),
          attemptedAt: b.attemptedAt !== undefined ? b.attemptedAt : instant(a.attempted_at),
          outcome: b.outcome !== undefined ? b.outcome : (a.outcome as ContactOutcome | null),
        };
        assertAttempt(merged, ctx.services.now());
        const assignee = b.assigneeId ? await assertCaseStaff(tx, actor, b.assigneeId, 'assigneeId') : b.assigneeId === null ? null : a.assignee_id;
        const row = await tx.db
          .updateTable('contact_attempts')
          .set({
            planned_on: merged.plannedOn ?? null,
            attempted_at: merged.attemptedAt ? new Date(merged.attemptedAt) : null,
            outcome: merged.outcome ?? null,
            notes: b.notes !== undefined ? b.notes || null : a.notes,
            assignee_id: assignee,
            version: sql`version + 1`,
            updated_at: sql`now()`,
          })
          .where('id', '=', a.id)
          .where('version', '=', b.version)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw versionConflict();
        await syncCaseWithAttempts(tx, a.case_id);
        tx.audit({ action: 'contact_attempt.update', entityType: 'contact_attempt', entityId: a.id, details: { caseId: a.case_id, outcome: merged.outcome ?? null } });
        return (await presentAttempts(tx, [row]))[0];
      });
      if (isConversation(result.outcome)) await moveReceipts(ctx.services.db, result.caseId, ctx.requestId, 'contact_made');
      return result;
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/outreach/reach',
    access: 'cases.read',
    summary: 'Reach of the organisation and of each caseworker: cases received in a period, share reached, median days to first attempt and first conversation',
    tags: ['outreach'],
    query: ReachQuery,
    response: TeamReach,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const today = localDay(ctx.services.now());
      const to = ctx.query.to ?? today;
      const from = ctx.query.from ?? addMonths(to, -12);
      if (from > to) throw invalidInput([{ path: 'from', key: 'outreach.period_reversed' }]);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const cases = await tx.db
          .selectFrom('cases')
          .select(['id', 'received_on', 'assigned_user_id'])
          .where('org_id', '=', actor.orgId)
          .where('received_on', '>=', from)
          .where('received_on', '<=', to)
          .execute();
        const attempts = cases.length
          ? await tx.db
              .selectFrom('contact_attempts as a')
              .innerJoin('cases as c', 'c.id', 'a.case_id')
              .select(['a.case_id', 'a.channel', 'a.attempted_at', 'a.outcome'])
              .where('c.org_id', '=', actor.orgId)
              .where('c.received_on', '>=', from)
              .where('c.received_on', '<=', to)
              .where('a.attempted_at', 'is not', null)
              .execute()
          : [];
        const byCase = new Map<string, typeof attempts>();
        for (const a of attempts) byCase.set(a.case_id, [...(byCase.get(a.case_id) ?? []), a]);
        const reach = cases.map((c) => ({ assignee: c.assigned_user_id, ...caseReach(String(c.received_on), attemptFacts(byCase.get(c.id) ?? [])) }));
        const groups = new Map<string | null, typeof reach>();
        for (const r of reach) groups.set(r.assignee, [...(groups.get(r.assignee) ?? []), r]);
        const names = await userNames(tx, [...groups.keys()]);
        const byAssignee = [...groups.entries()]
          .map(([id, list]) => ({ assignee: userRef(names, id), figures: reachFigures(list) }))
          .sort((a, b) => (a.assignee?.name ?? '\uffff').localeCompare(b.assignee?.name ?? '\uffff', 'de'));
        return { from, to, organisation: reachFigures(reach), byAssignee };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/outreach/home-visits',
    access: 'cases.read',
    summary: 'The home visits planned for a day (mine, or the team’s), grouped by municipality and street: a printable route sheet',
    tags: ['outreach'],
    query: DayListQuery,
    response: DayList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const q = ctx.query;
      const date = q.date ?? localDay(ctx.services.now());
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        let query = tx.db
          .selectFrom('contact_attempts as a')
          .innerJoin('cases as c', 'c.id', 'a.case_id')
          .innerJoin('households as h', 'h.id', 'c.household_id')
          .leftJoin('municipalities as m', 'm.id', 'h.municipality_id')
          .select([
            'a.id', 'a.case_id', 'a.notes', 'a.assignee_id', 'a.version', 'c.case_number',
            'h.street', 'h.house_number', 'h.postal_code', 'h.city', 'm.name as municipality',
          ])
          .where('a.org_id', '=', actor.orgId)
          .where('a.channel', '=', 'home_visit')
          .where('a.planned_on', '=', date)
          // Still to be made: a visit already recorded has left the route sheet.
          .where('a.attempted_at', 'is', null)
          .where('c.status', '!=', 'closed');
        if (q.scope === 'mine') query = query.where('a.assignee_id', '=', actor.userId);
        else if (q.assigneeId) query = query.where('a.assignee_id', '=', q.assigneeId.toLowerCase());
        const rows = await query.execute();
        const caseIds = [...new Set(rows.map((r) => r.case_id))];
        const tenants = caseIds.length
          ? await tx.db
              .selectFrom('case_tenants as ct')
              .innerJoin('persons as p', 'p.id', 'ct.person_id')
              .select(['ct.case_id', 'p.first_name', 'p.last_name'])
              .where('ct.case_id', 'in', caseIds)
              .orderBy('p.last_name')
              .execute()
          : [];
        const names = await userNames(tx, rows.map((r) => r.assignee_id));
        const visits = rows.map((r) => ({
          attemptId: r.id,
          caseId: r.case_id,
          caseNumber: r.case_number,
          tenants: tenants.filter((t) => t.case_id === r.case_id).map((t) => `${t.first_name} ${t.last_name}`),
          // Without a known municipality the town of the address stands in.
          municipality: r.municipality ?? r.city,
          street: r.street,
          houseNumber: r.house_number,
          postalCode: r.postal_code,
          city: r.city,
          assignee: userRef(names, r.assignee_id),
          notes: r.notes,
          version: r.version,
        }));
        tx.audit({ action: 'outreach.day_list', entityType: 'case', details: { date, scope: q.scope, ids: caseIds } });
        const groups = groupDayList(visits).map((g) => ({
          municipality: g.municipality,
          streets: g.streets.map((s) => ({ street: s.street, visits: s.visits.map(({ municipality: _m, ...v }) => v) })),
        }));
        return { date, count: visits.length, groups };
      });
    },
  }),
];
