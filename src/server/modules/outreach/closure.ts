import { sql } from 'kysely';
import type { z } from 'zod';
import { IdParams } from '../../../contracts/common.js';
import { CloseInput, ClosureState, ReopenInput, type Closure } from '../../../contracts/outreach.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { closureProblems, followUpDates, REQUIRED_HOME_VISITS } from '../../../domain/casework/closure.js';
import { homeVisitsMade } from '../../../domain/casework/outreach.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { AppError, invalidInput, versionConflict } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { attemptFacts, caseWasReached } from './attempts.js';
import { instant, moveReceipts, userNames, userRef } from './shared.js';

async function homeVisitsOf(tx: Tx, caseId: string) {
  const rows = await tx.db.selectFrom('contact_attempts').select(['channel', 'attempted_at', 'outcome']).where('case_id', '=', caseId).execute();
  return homeVisitsMade(attemptFacts(rows));
}

async function closureState(tx: Tx, caseId: string): Promise<z.input<typeof ClosureState>> {
  const c = await tx.db.selectFrom('cases').select(['id', 'status', 'version']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const rows = await tx.db.selectFrom('case_closures').selectAll().where('case_id', '=', caseId).orderBy('closed_at', 'desc').execute();
  const names = await userNames(tx, rows.flatMap((r) => [r.closed_by, r.reopened_by]));
  const history = rows.map(
    (r): Closure => ({
      id: r.id,
      closedOn: String(r.closed_on),
      closedAt: instant(r.closed_at)!,
      closedBy: userRef(names, r.closed_by),
      outcome: r.outcome as Closure['outcome'],
      causes: r.causes as Closure['causes'],
      notReachedReason: r.not_reached_reason as Closure['notReachedReason'],
      homeVisits: r.home_visits,
      note: r.note,
      reopenedAt: instant(r.reopened_at),
      reopenedBy: userRef(names, r.reopened_by),
      reopenReason: r.reopen_reason,
    }),
  );
  return {
    caseId: c.id,
    status: c.status as 'open',
    version: c.version,
    homeVisits: await homeVisitsOf(tx, caseId),
    requiredHomeVisits: REQUIRED_HOME_VISITS,
    current: history.find((h) => h.reopenedAt === null) ?? null,
    history,
  };
}

export const closureRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/closure',
    access: 'cases.read',
    summary: 'How a case was closed (outcome, causes of the rent debt), every earlier closing and reopening, and the home visits made',
    tags: ['outreach'],
    params: IdParams,
    response: ClosureState,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        await loadCaseForActor(tx, actor, ctx.params.id);
        tx.audit({ action: 'case.closure.read', entityType: 'case', entityId: ctx.params.id });
        return closureState(tx, ctx.params.id);
      });
    },
  }),
  // Reopening is listed before closing: the permission matrix runs routes in this order and
  // leaves the case as the closing's example found it (open).
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/reopen',
    access: 'cases.edit',
    summary: 'Reopen a closed case, with a reason (audited); its open follow-up questions are withdrawn',
    tags: ['outreach'],
    params: IdParams,
    body: ReopenInput,
    response: ClosureState,
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      let reached = false;
      const state = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        if (c.version !== ctx.body.version) throw versionConflict();
        if (c.status !== 'closed') throw new AppError(409, 'case_not_closed');
        const updated = await tx.db
          .updateTable('cases')
          .set({ status: 'open', version: sql`version + 1`, updated_at: sql`now()` })
          .where('id', '=', c.id)
          .where('version', '=', ctx.body.version)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw versionConflict();
        const closure = await tx.db
          .updateTable('case_closures')
          .set({ reopened_at: ctx.services.now(), reopened_by: actor.userId, reopen_reason: ctx.body.reason })
          .where('case_id', '=', c.id)
          .where('reopened_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        // The household is in care again: "still housed?" is no question to ask of it now.
        const withdrawn = closure
          ? await tx.db
              .updateTable('tasks')
              .set({ status: 'cancelled', version: sql`version + 1`, updated_at: sql`now()` })
              .where('closure_id', '=', closure.id)
              .where('status', '=', 'open')
              .executeTakeFirst()
          : null;
        tx.audit({
          action: 'case.reopen',
          entityType: 'case',
          entityId: c.id,
          details: { closureId: closure?.id ?? null, followUpsWithdrawn: Number(withdrawn?.numUpdatedRows ?? 0) },
        });
        reached = await caseWasReached(tx, c.id);
        return closureState(tx, c.id);
      });
      await moveReceipts(ctx.services.db, state.caseId, ctx.requestId, 'reopened', reached);
      return state;
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/close',
    access: 'cases.edit',
    summary: 'Close a case with its outcome and the causes of the rent debt; creates follow-up tasks 6 and 12 months later ("still housed?")',
    tags: ['outreach'],
    params: IdParams,
    body: CloseInput,
    response: ClosureState,
    handler: async (ctx) => {
      const actor = signedIn(ctx);
      const b = ctx.body;
      const state = await inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        if (c.version !== b.version) throw versionConflict();
        if (c.status === 'closed') throw new AppError(409, 'case_already_closed');
        const homeVisits = await homeVisitsOf(tx, c.id);
        const causes = [...new Set(b.causes)];
        const note = b.note?.trim() ? b.note.trim() : null;
        const problems = closureProblems({ outcome: b.outcome, causes, notReachedReason: b.notReachedReason ?? null, note, homeVisits });
        if (problems.length) throw invalidInput(problems);
        const updated = await tx.db
          .updateTable('cases')
          .set({ status: 'closed', version: sql`version + 1`, updated_at: sql`now()` })
          .where('id', '=', c.id)
          .where('version', '=', b.version)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw versionConflict();
        const closedOn = localDay(ctx.services.now());
        const closure = await tx.db
          .insertInto('case_closures')
          .values({
            org_id: actor.orgId,
            case_id: c.id,
            closed_on: closedOn,
            closed_at: ctx.services.now(),
            closed_by: actor.userId,
            outcome: b.outcome,
            causes,
            not_reached_reason: b.notReachedReason ?? null,
            home_visits: homeVisits,
            note,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // The follow-up questions go to whoever holds the case, or to the person closing it.
        const assignee = c.assigned_user_id ?? actor.userId;
        await tx.db
          .insertInto('tasks')
          .values(
            followUpDates(closedOn).map((f) => ({
              org_id: actor.orgId,
              case_id: c.id,
              kind: 'follow_up',
              title: null,
              due_on: f.dueOn,
              assignee_id: assignee,
              closure_id: closure.id,
              follow_up_months: f.months,
              created_by: actor.userId,
            })),
          )
          .execute();
        tx.audit({ action: 'case.close', entityType: 'case', entityId: c.id, details: { closureId: closure.id, outcome: b.outcome, causes, homeVisits } });
        return closureState(tx, c.id);
      });
      await moveReceipts(ctx.services.db, state.caseId, ctx.requestId, 'closed');
      return state;
    },
  }),
];
