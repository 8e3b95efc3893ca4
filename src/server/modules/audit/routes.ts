import { AuditPage, AuditQuery, AuditVerifyResult } from '../../../contracts/audit.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { route, signedIn } from '../../platform/http/route.js';
import { verifyAuditChain } from './verify.js';

export const auditRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/audit',
    access: 'audit.read',
    summary: 'Search the audit log by user, entity, action and period (own organisation; system administrators: all)',
    tags: ['audit'],
    query: AuditQuery,
    response: AuditPage,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const f = ctx.query;
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        let q = tx.db
          .selectFrom('audit_log')
          .select(['id', 'at', 'org_id', 'actor_user_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'request_id'])
          .orderBy('id', 'desc')
          .limit(f.limit + 1);
        if (!actor.globalAdmin) q = q.where('org_id', '=', actor.orgId);
        if (f.userId) q = q.where((eb) => eb.or([eb('actor_user_id', '=', f.userId!), eb.and([eb('entity_type', '=', 'user'), eb('entity_id', '=', f.userId!)])]));
        if (f.entityType) q = q.where('entity_type', '=', f.entityType);
        if (f.entityId) q = q.where('entity_id', '=', f.entityId);
        if (f.action) q = q.where('action', 'like', `${f.action.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
        if (f.from) q = q.where('at', '>=', new Date(`${f.from}T00:00:00Z`));
        if (f.to) q = q.where('at', '<', new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000));
        if (f.beforeId) q = q.where('id', '<', f.beforeId);
        const rows = await q.execute();
        const page = rows.slice(0, f.limit);
        // Reading the log reveals who touched whose data: that itself is recorded.
        tx.audit({ action: 'audit.search', details: { filters: { ...f } } });
        return {
          items: page.map((r) => ({
            id: Number(r.id),
            at: new Date(r.at).toISOString(),
            orgId: r.org_id,
            actorUserId: r.actor_user_id,
            actorLabel: r.actor_label,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            requestId: r.request_id,
          })),
          nextBeforeId: rows.length > f.limit ? Number(page[page.length - 1].id) : null,
        };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/audit/verify',
    access: 'audit.verify',
    summary: 'Verify the hash chain of the whole audit log',
    tags: ['audit'],
    response: AuditVerifyResult,
    handler: async (ctx) => {
      const result = await verifyAuditChain(ctx.services.db);
      await inTenantTx(ctx.services.db, signedIn(ctx), ctx.requestId, async (tx) =>
        tx.audit({ action: 'audit.verify', details: { ...result } }),
      );
      return result;
    },
  }),
];
