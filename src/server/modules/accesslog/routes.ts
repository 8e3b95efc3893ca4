import { AccessLog, AccessLogQuery } from '../../../contracts/accesslog.js';
import { IdParams } from '../../../contracts/common.js';
import { accessPeriod } from '../../../domain/accesslog/summary.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { invalidInput } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { caseAccessLog } from './query.js';

export const accessLogRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/access-log',
    access: 'cases.access_log',
    summary:
      'Who saw this? Every organisation and user that read, changed, received or passed on the data of the case’s household, from the audit log, for a data subject’s request for access (Art. 15 GDPR). Days on the Berlin calendar; reading it is audited.',
    tags: ['cases'],
    params: IdParams,
    query: AccessLogQuery,
    response: AccessLog,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      const { from = null, to = null } = ctx.query;
      const period = accessPeriod(from, to);
      if (period.problem) throw invalidInput([{ path: 'to', key: 'accesslog.to_before_from' }]);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const log = await caseAccessLog(tx, c, period);
        // Who looked at who looked: the answer names other people's work, so asking is recorded.
        tx.audit({ action: 'case.access_log.read', entityType: 'case', entityId: c.id, details: { from, to, entries: log.total } });
        return { caseId: c.id, from, to, generatedAt: ctx.services.now().toISOString(), ...log };
      });
    },
  }),
];
