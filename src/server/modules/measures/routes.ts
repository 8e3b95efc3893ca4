import { sql } from 'kysely';
import { IdParams } from '../../../contracts/common.js';
import { Measure, MeasureInput, MeasureList, MeasurePatch, type MeasureStatus } from '../../../contracts/measures.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { checkTransition, initialStatuses, isFinal, type MeasureCategory } from '../../../domain/casework/measures.js';
import { inTenantTx } from '../../platform/db/tenant.js';
import { invalidInput, versionConflict, type FieldProblem } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { loadCaseForActor } from '../cases/access.js';
import { activeTypeOf, applicationSnapshot, assertDecidingOrg, bumpVersion, loadMeasureForActor, measuresOfCase } from './service.js';

/** 422 naming `status` unless the move is one the case's organisation may make. */
function assertCaseTransition(category: MeasureCategory, from: string, to: string) {
  const check = checkTransition(category, from, to, 'case');
  if (!check.ok) throw invalidInput([{ path: 'status', key: check.reason === 'other_side' ? 'measure.decided_elsewhere' : 'measure.status_not_allowed', params: { from, to } }]);
}

export const measureRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/cases/:id/measures',
    access: 'cases.read',
    summary: "A case's measures, newest first; rent-debt assumptions with their application, decision and Schonfrist warnings",
    tags: ['measures'],
    params: IdParams,
    response: MeasureList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const items = await measuresOfCase(tx, actor, c.id, localDay(ctx.services.now()));
        tx.audit({ action: 'measure.list', entityType: 'case', entityId: c.id, details: { count: items.length } });
        return { items };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/cases/:id/measures',
    access: 'cases.edit',
    summary: 'Record a measure of the organisation catalogue for the case (a rent-debt assumption starts as a draft application)',
    tags: ['measures'],
    params: IdParams,
    body: MeasureInput,
    status: 201,
    response: Measure,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const c = await loadCaseForActor(tx, actor, ctx.params.id);
        const b = ctx.body;
        const type = await activeTypeOf(tx, actor, b.typeId.toLowerCase());
        const today = localDay(ctx.services.now());
        const rentDebt = type.category === 'rent_debt_assumption';
        if (rentDebt && !b.rentDebt) throw invalidInput([{ path: 'rentDebt', key: 'required' }]);
        if (!rentDebt && b.rentDebt) throw invalidInput([{ path: 'rentDebt', key: 'measure.only_for_rent_debt' }]);
        const status = b.status ?? initialStatuses(type.category)[0];
        if (!initialStatuses(type.category).includes(status)) {
          throw invalidInput([{ path: 'status', key: 'measure.status_not_allowed', params: { from: '–', to: status } }]);
        }
        if (b.rentDebt?.decidingOrgId) await assertDecidingOrg(tx, actor, b.rentDebt.decidingOrgId.toLowerCase(), 'rentDebt.decidingOrgId');
        const { id } = await tx.db
          .insertInto('measures')
          .values({
            org_id: actor.orgId,
            case_id: c.id,
            type_id: type.id,
            category: type.category,
            status: rentDebt ? null : status,
            started_on: b.startedOn ?? null,
            due_on: b.dueOn ?? null,
            completed_on: b.completedOn ?? (!rentDebt && isFinal(status) ? today : null),
            amount: b.amount ?? null,
            counterpart: b.counterpart ?? null,
            note: b.note ?? null,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (b.rentDebt) {
          await tx.db
            .insertInto('rent_debt_applications')
            .values({
              id,
              org_id: actor.orgId,
              case_id: c.id,
              status: 'draft',
              amount: b.rentDebt.amount,
              body: b.rentDebt.body,
              form: b.rentDebt.form,
              reasoning: b.rentDebt.reasoning ?? null,
              deciding_org_id: b.rentDebt.decidingOrgId?.toLowerCase() ?? null,
            })
            .execute();
        }
        tx.audit({ action: 'measure.create', entityType: 'measure', entityId: id, details: { caseId: c.id, type: type.key, status } });
        return (await measuresOfCase(tx, actor, c.id, today, id))[0];
      });
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/measures/:id',
    access: 'cases.edit',
    summary:
      'Change a measure: status, dates, notes; for a rent-debt assumption the draft application, its submission to the deciding ' +
      "organisation (status 'applied'), its withdrawal, and the day the payment commitment reached the landlord (optimistic locking)",
    tags: ['measures'],
    params: IdParams,
    body: MeasurePatch,
    response: Measure,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const { measure, application } = await loadMeasureForActor(tx, actor, ctx.params.id);
        const category = measure.category as MeasureCategory;
        const today = localDay(ctx.services.now());
        const { version, status, rentDebt, ...fields } = ctx.body;
        const set: Record<string, unknown> = {};
        for (const [k, column] of [['startedOn', 'started_on'], ['dueOn', 'due_on'], ['completedOn', 'completed_on'], ['amount', 'amount'], ['counterpart', 'counterpart'], ['note', 'note']] as const) {
          if (fields[k] !== undefined) set[column] = fields[k];
        }
        const details: Record<string, unknown> = { caseId: measure.case_id, fields: Object.keys(set) };

        if (!application) {
          if (rentDebt) throw invalidInput([{ path: 'rentDebt', key: 'measure.only_for_rent_debt' }]);
          if (status !== undefined && status !== measure.status) {
            assertCaseTransition(category, measure.status!, status);
            set.status = status;
            if (isFinal(status) && fields.completedOn === undefined) set.completed_on = today;
            details.status = { from: measure.status, to: status };
          }
          const updated = await tx.db
            .updateTable('measures')
            .set({ ...set, ...bumpVersion })
            .where('id', '=', measure.id)
            .where('version', '=', version)
            .returning('id')
            .executeTakeFirst();
          if (!updated) throw versionConflict();
        } else {
          // A rent-debt assumption: the application carries the status and the version, as the
          // deciding organisation changes it too.
          if (application.version !== version) throw versionConflict();
          const app: Record<string, unknown> = {};
          const problems: FieldProblem[] = [];
          const draft = application.status === 'draft';
          for (const [k, column] of [['amount', 'amount'], ['body', 'body'], ['form', 'form'], ['reasoning', 'reasoning'], ['decidingOrgId', 'deciding_org_id']] as const) {
            const v = rentDebt?.[k];
            if (v === undefined) continue;
            if (!draft) problems.push({ path: `rentDebt.${k}`, key: 'measure.application_submitted' });
            app[column] = k === 'decidingOrgId' && typeof v === 'string' ? v.toLowerCase() : v;
          }
          if (rentDebt?.commitmentOn !== undefined) {
            if (application.status !== 'approved' && application.status !== 'partly_approved') problems.push({ path: 'rentDebt.commitmentOn', key: 'measure.commitment_needs_approval' });
            app.commitment_on = rentDebt.commitmentOn;
          }
          if (problems.length) throw invalidInput(problems);
          if (typeof app.deciding_org_id === 'string') await assertDecidingOrg(tx, actor, app.deciding_org_id, 'rentDebt.decidingOrgId');
          if (status !== undefined && status !== application.status) {
            assertCaseTransition(category, application.status, status);
            app.status = status;
            details.status = { from: application.status, to: status };
            if (status === 'applied') {
              const decidingOrgId = (app.deciding_org_id as string | null | undefined) ?? application.deciding_org_id;
              if (!decidingOrgId) throw invalidInput([{ path: 'rentDebt.decidingOrgId', key: 'required' }]);
              // Submitting hands the application over: what it says is copied now (see applicationSnapshot).
              Object.assign(app, await applicationSnapshot(tx, measure.case_id), {
                submitted_at: ctx.services.now(),
                submitted_by: actor.userId,
                submitted_by_name: actor.displayName,
              });
              details.decidingOrgId = decidingOrgId;
            }
            if (status === 'withdrawn' && fields.completedOn === undefined) set.completed_on = today;
          }
          details.application = Object.keys(app);
          const updated = await tx.db
            .updateTable('rent_debt_applications')
            .set({ ...app, ...bumpVersion })
            .where('id', '=', application.id)
            .where('version', '=', version)
            .returning('id')
            .executeTakeFirst();
          if (!updated) throw versionConflict();
          await tx.db.updateTable('measures').set({ ...set, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` }).where('id', '=', measure.id).execute();
        }
        const action = details.status && (details.status as { to: MeasureStatus }).to === 'applied' ? 'rent_debt.submit' : 'measure.update';
        tx.audit({ action, entityType: 'measure', entityId: measure.id, details });
        return (await measuresOfCase(tx, actor, measure.case_id, today, measure.id))[0];
      });
    },
  }),
];
