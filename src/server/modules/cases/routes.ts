import { sql } from 'kysely';
import { AssignInput, CaseSummary, Queue, QueueQuery, ServiceDatesInput } from '../../../contracts/cases.js';
import { IdParams } from '../../../contracts/common.js';
import { can } from '../../platform/auth/actor.js';
import { inTenantTx, unsafeInternalTx } from '../../platform/db/tenant.js';
import { AppError, invalidInput, versionConflict } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { recomputeDeadlines } from '../intake/pipeline.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { loadCaseForActor } from './access.js';
import { caseSummary } from './summary.js';
import { workQueue } from './queue.js';

/** Moves the senders' receipts forward: partners see that their notice is being worked on. */
async function markReceiptsInProgress(services: Parameters<typeof unsafeInternalTx>[0], caseId: string, requestId: string) {
  await unsafeInternalTx(services, requestId, (tx) =>
    tx.db
      .updateTable('notice_receipts')
      .set({ status: 'in_progress', updated_at: sql`now()` })
      .where('status', '=', 'received')
      .where('id', 'in', (eb) => eb.selectFrom('notices').select('receipt_id').where('case_id', '=', caseId))
      .execute(),
  );
}

export const caseRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/cases/queue',
    access: 'cases.read',
    summary: 'The urgency work queue: open cases of the own organisation, most urgent first; search by name, file number or address',
    tags: ['cases'],
    query: QueueQuery,
    response: Queue,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const items = await workQueue(tx, actor, ctx.query, ctx.services.now());
        tx.audit({ action: 'case.queue', entityType: 'case', details: { scope: ctx.query.scope, search: Boolean(ctx.query.q), ids: items.map((i) => i.id) } });
        return { items };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/cases/:id',
    access: 'cases.read',
    summary: 'A case: household, tenants, legal facts, deadlines and the notices behind it',
    tags: ['cases'],
    params: IdParams,
    response: CaseSummary,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await loadCaseForActor(tx, actor, ctx.params.id);
        tx.audit({ action: 'case.read', entityType: 'case', entityId: ctx.params.id });
        return caseSummary(tx, ctx.params.id, localDay(ctx.services.now()));
      });
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/cases/:id/service-dates',
    access: 'cases.edit',
    summary: 'Record (or correct) the dates the eviction suit was served on each tenant; every deadline is recomputed',
    tags: ['cases'],
    params: IdParams,
    body: ServiceDatesInput,
    response: CaseSummary,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        if (c.version !== ctx.body.version) throw versionConflict();
        const known = new Set((await tx.db.selectFrom('case_tenants').select('person_id').where('case_id', '=', c.id).execute()).map((t) => t.person_id));
        const unknown = ctx.body.tenants.map((t, i) => ({ t, i })).filter((x) => !known.has(x.t.personId.toLowerCase()));
        if (unknown.length) throw invalidInput(unknown.map((u) => ({ path: `tenants.${u.i}.personId`, key: 'invalid_uuid' })));
        for (const t of ctx.body.tenants) {
          await tx.db.updateTable('case_tenants').set({ served_on: t.servedOn }).where('case_id', '=', c.id).where('person_id', '=', t.personId.toLowerCase()).execute();
        }
        await tx.db.updateTable('cases').set({ version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', c.id).execute();
        await recomputeDeadlines(tx, c.id);
        tx.audit({ action: 'case.service_dates', entityType: 'case', entityId: c.id, details: { tenants: ctx.body.tenants.length } });
        return caseSummary(tx, c.id, localDay(ctx.services.now()));
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/assign',
    access: 'cases.read',
    summary: 'Assign a case to a caseworker of the organisation (team leads: anyone; caseworkers: take or give back their own)',
    tags: ['cases'],
    params: IdParams,
    body: AssignInput,
    response: CaseSummary,
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const summary = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const target = ctx.body.userId?.toLowerCase() ?? null;
        // Without cases.assign: take an unassigned case, or give back one's own — never a colleague's.
        const selfService =
          (target === actor.userId && (c.assigned_user_id === null || c.assigned_user_id === actor.userId)) ||
          (target === null && c.assigned_user_id === actor.userId);
        if (!can(actor, 'cases.assign') && !(can(actor, 'cases.edit') && selfService)) throw new AppError(403, 'forbidden');
        if (target) {
          const user = await tx.db.selectFrom('users').select(['id', 'roles', 'active']).where('id', '=', target).where('org_id', '=', actor.orgId).executeTakeFirst();
          if (!user || !user.active || !user.roles.some((r) => r === 'caseworker' || r === 'team_lead')) {
            throw invalidInput([{ path: 'userId', key: 'invalid_uuid' }]);
          }
        }
        const updated = await tx.db
          .updateTable('cases')
          .set({ assigned_user_id: target, status: sql`case when status = 'new' then 'open' else status end`, version: sql`version + 1`, updated_at: sql`now()` })
          .where('id', '=', c.id)
          .where('version', '=', ctx.body.version)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw versionConflict();
        tx.audit({ action: 'case.assign', entityType: 'case', entityId: c.id, details: { to: target } });
        return caseSummary(tx, c.id, localDay(ctx.services.now()));
      });
      await markReceiptsInProgress(ctx.services.db, summary.id, ctx.requestId);
      return summary;
    },
  }),
];
