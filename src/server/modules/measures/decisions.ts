import { IdParams } from '../../../contracts/common.js';
import { DecisionInput, SubmittedApplication, SubmittedApplicationList, SubmittedApplicationQuery, type RentDebtStatus } from '../../../contracts/measures.js';
import { localDay } from '../../../domain/casework/calendar-day.js';
import { checkTransition, rentDebtWarnings } from '../../../domain/casework/measures.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { invalidInput, notFound, versionConflict } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { bumpVersion, decisionOf, warningDaysOf } from './service.js';

/*
 * The deciding organisation's side of a rent-debt assumption (Wirtschaftsdienst of the district
 * office, or a Jobcenter): a work list of the applications submitted to it, and the decision.
 *
 * Why it may see them: the application is the household's own application for a social benefit
 * (§ 22 Abs. 8 SGB II, § 36 SGB XII), prepared with its caseworker and submitted by the household's
 * wish to the body that decides it. Processing what the application says in order to decide it is
 * that body's legal task (Art. 6 Abs. 1 lit. c and e DSGVO with §§ 67a, 67b SGB X). Purpose
 * limitation draws the line: the body gets the application — names, address, amount, landlord,
 * Schonfrist end, reasoning — and never the case file behind it. Row-level security enforces
 * the same (policies rent_debt_applications_deciding_* in migration 009); every read and every
 * decision is audited.
 */

const COLUMNS = [
  'r.id', 'r.status', 'r.case_number', 'r.org_id', 'o.name as org_name', 'r.submitted_at', 'r.submitted_by_name', 'r.applicant_names',
  'r.household_address', 'r.landlord_name', 'r.amount', 'r.body', 'r.form', 'r.reasoning', 'r.schonfrist_end', 'r.schonfrist_estimate',
  'r.decided_amount', 'r.decided_form', 'r.decided_on', 'r.decision_note', 'r.decided_by_name', 'r.decided_at', 'r.commitment_on', 'r.version',
] as const;

const DECIDED: RentDebtStatus[] = ['approved', 'partly_approved', 'rejected'];

/** Submitted applications addressed to the actor's organisation; drafts do not exist for it. */
function submittedTo(tx: Tx, actor: Actor) {
  return tx.db
    .selectFrom('rent_debt_applications as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .select([...COLUMNS])
    .where('r.deciding_org_id', '=', actor.orgId)
    .where('r.status', '<>', 'draft');
}

type Row = Awaited<ReturnType<ReturnType<typeof submittedTo>['execute']>>[number];

/** The one access rule for the deciding side: submitted to the actor's organisation, else 404. */
async function loadSubmitted(tx: Tx, actor: Actor, id: string) {
  const row = await submittedTo(tx, actor).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

const day = (d: unknown) => (d ? String(d) : null);

function present(r: Row, today: string, warningDays: number): SubmittedApplication {
  const status = r.status as RentDebtStatus;
  const schonfristEnd = day(r.schonfrist_end);
  const commitmentOn = day(r.commitment_on);
  return {
    id: r.id,
    status,
    caseNumber: r.case_number ?? '',
    submittingOrg: { id: r.org_id, name: r.org_name },
    submittedAt: new Date(r.submitted_at!).toISOString(),
    submittedByName: r.submitted_by_name,
    applicantNames: r.applicant_names ?? '',
    householdAddress: r.household_address ?? '',
    landlordName: r.landlord_name,
    amount: Number(r.amount),
    body: r.body as 'jobcenter',
    form: r.form as 'loan',
    reasoning: r.reasoning,
    schonfristEnd,
    schonfristEstimate: r.schonfrist_estimate ?? false,
    decision: decisionOf(r),
    commitmentOn,
    // Measured against the Schonfrist end as submitted: the deciding side cannot see the case.
    warnings: rentDebtWarnings({ status, schonfristEnd, commitmentOn, today, warningDays }),
    version: r.version,
  };
}

export const decisionRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/rent-debt-applications',
    access: 'measures.decide',
    summary: 'Rent-debt assumption applications submitted to the own organisation for decision, nearest Schonfrist end first',
    tags: ['measures'],
    query: SubmittedApplicationQuery,
    response: SubmittedApplicationList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const filter = ctx.query.status;
        const rows = await submittedTo(tx, actor)
          .$if(filter === 'open', (q) => q.where('r.status', '=', 'applied'))
          .$if(filter === 'decided', (q) => q.where('r.status', 'in', DECIDED))
          .orderBy('r.schonfrist_end', (o) => o.asc().nullsLast())
          .orderBy('r.submitted_at')
          .limit(500)
          .execute();
        const { days } = await warningDaysOf(tx, actor.orgId);
        const today = localDay(ctx.services.now());
        tx.audit({ action: 'rent_debt.list', entityType: 'rent_debt_application', details: { status: filter, ids: rows.map((r) => r.id) } });
        return { items: rows.map((r) => present(r, today, days)), warningDays: days };
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/rent-debt-applications/:id',
    access: 'measures.decide',
    summary: 'One application submitted to the own organisation (the application only, not the case)',
    tags: ['measures'],
    params: IdParams,
    response: SubmittedApplication,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const row = await loadSubmitted(tx, actor, ctx.params.id);
        tx.audit({ action: 'rent_debt.read', entityType: 'rent_debt_application', entityId: row.id });
        return present(row, localDay(ctx.services.now()), (await warningDaysOf(tx, actor.orgId)).days);
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/rent-debt-applications/:id/decision',
    access: 'measures.decide',
    summary:
      'Decide an application: approved, partly approved (less than applied for) or rejected, with amount, loan or grant, decision date ' +
      'and the day the payment commitment reached the landlord; may be corrected later (optimistic locking by version)',
    tags: ['measures'],
    params: IdParams,
    body: DecisionInput,
    response: SubmittedApplication,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const current = await loadSubmitted(tx, actor, ctx.params.id);
        if (current.version !== ctx.body.version) throw versionConflict();
        const d = ctx.body;
        const check = checkTransition('rent_debt_assumption', current.status, d.status, 'deciding');
        if (!check.ok) throw invalidInput([{ path: 'status', key: 'measure.status_not_allowed', params: { from: current.status, to: d.status } }]);
        if (d.status === 'partly_approved' && d.amount != null && d.amount >= Number(current.amount)) {
          throw invalidInput([{ path: 'amount', key: 'measure.partial_not_less', params: { applied: String(current.amount) } }]);
        }
        const updated = await tx.db
          .updateTable('rent_debt_applications')
          .set({
            status: d.status,
            decided_amount: d.status === 'rejected' ? null : d.amount!,
            decided_form: d.status === 'rejected' ? null : d.form!,
            decided_on: d.decidedOn,
            decision_note: d.note ?? null,
            decided_by: actor.userId,
            decided_by_name: actor.displayName,
            decided_at: ctx.services.now(),
            // Left as it is unless given: the caseworker may have recorded it already.
            commitment_on: d.status === 'rejected' ? null : d.commitmentOn !== undefined ? d.commitmentOn : current.commitment_on,
            ...bumpVersion,
          })
          .where('id', '=', current.id)
          .where('version', '=', d.version)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw versionConflict();
        tx.audit({
          action: 'rent_debt.decide',
          entityType: 'rent_debt_application',
          entityId: current.id,
          details: { from: current.status, to: d.status, amount: d.amount ?? null, form: d.form ?? null, commitmentOn: d.commitmentOn ?? null, caseOrgId: current.org_id },
        });
        const row = await loadSubmitted(tx, actor, current.id);
        return present(row, localDay(ctx.services.now()), (await warningDaysOf(tx, actor.orgId)).days);
      });
    },
  }),
];
