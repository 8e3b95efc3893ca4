import { sql } from 'kysely';
import type { Measure, MeasureCategory, MeasureStatus, RentDebtApplication, RentDebtStatus } from '../../../contracts/measures.js';
import { rentDebtWarnings } from '../../../domain/casework/measures.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/tenant.js';
import { invalidInput, notFound } from '../../platform/http/errors.js';
import { loadCaseForActor } from '../cases/access.js';

export const DEFAULT_WARNING_DAYS = 7;

/** The organisation's margin before the Schonfrist end (measure_settings, default 7 days). */
export async function warningDaysOf(tx: Tx, orgId: string) {
  const row = await tx.db.selectFrom('measure_settings').select(['schonfrist_warning_days', 'version']).where('org_id', '=', orgId).executeTakeFirst();
  return { days: row?.schonfrist_warning_days ?? DEFAULT_WARNING_DAYS, version: row?.version ?? 0 };
}

/** The case's Schonfrist end as the deadline engine last computed it (null: no suit served). */
export async function schonfristOf(tx: Tx, caseId: string): Promise<{ end: string | null; estimate: boolean }> {
  const row = await tx.db
    .selectFrom('case_deadlines')
    .select(['date', 'estimate'])
    .where('case_id', '=', caseId)
    .where('kind', '=', 'schonfrist_end')
    .orderBy('date')
    .executeTakeFirst();
  return { end: row ? String(row.date) : null, estimate: row?.estimate ?? false };
}

/**
 * The one access rule for a measure: it belongs to the actor's organisation and to a case the
 * actor may see. For rent-debt assumptions the application comes along.
 */
export async function loadMeasureForActor(tx: Tx, actor: Actor, id: string) {
  const measure = await tx.db.selectFrom('measures').selectAll().where('id', '=', id).where('org_id', '=', actor.orgId).executeTakeFirst();
  if (!measure) throw notFound();
  await loadCaseForActor(tx, actor, measure.case_id);
  const application =
    measure.category === 'rent_debt_assumption'
      ? await tx.db.selectFrom('rent_debt_applications').selectAll().where('id', '=', measure.id).where('org_id', '=', actor.orgId).executeTakeFirstOrThrow()
      : null;
  return { measure, application };
}

/** An active type of the actor's own catalogue, or a 422 naming the field. */
export async function activeTypeOf(tx: Tx, actor: Actor, typeId: string) {
  const type = await tx.db
    .selectFrom('measure_types')
    .select(['id', 'key', 'category', 'label'])
    .where('id', '=', typeId)
    .where('org_id', '=', actor.orgId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!type) throw invalidInput([{ path: 'typeId', key: 'invalid_uuid' }]);
  return { ...type, category: type.category as MeasureCategory };
}

/**
 * Where a rent-debt assumption may be submitted: the district office or a Jobcenter (whose
 * finance staff decide), or the own organisation when it decides its cases itself.
 */
export async function assertDecidingOrg(tx: Tx, actor: Actor, orgId: string, path: string) {
  const org = await tx.db.selectFrom('organisations').select(['id', 'kind', 'active']).where('id', '=', orgId).executeTakeFirst();
  const eligible = org && org.active && (org.kind === 'district_office' || org.kind === 'jobcenter' || org.id === actor.orgId);
  if (!eligible) throw invalidInput([{ path, key: 'measure.not_a_deciding_org' }]);
}

const day = (d: unknown) => (d ? String(d) : null);

export function decisionOf(a: {
  decided_amount: number | null;
  decided_form: string | null;
  decided_on: string | null;
  decision_note: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
}) {
  if (!a.decided_at) return null;
  return {
    amount: a.decided_amount === null ? null : Number(a.decided_amount),
    form: (a.decided_form as 'loan' | 'grant' | null) ?? null,
    decidedOn: day(a.decided_on),
    note: a.decision_note,
    decidedByName: a.decided_by_name,
  };
}

/** The measures of a case, with each rent-debt application, its Schonfrist comparison and warnings. */
export async function measuresOfCase(tx: Tx, actor: Actor, caseId: string, today: string, onlyId?: string): Promise<Measure[]> {
  const rows = await tx.db
    .selectFrom('measures as m')
    .innerJoin('measure_types as t', 't.id', 'm.type_id')
    .leftJoin('rent_debt_applications as r', (j) => j.onRef('r.id', '=', 'm.id').on('r.org_id', '=', actor.orgId))
    .leftJoin('organisations as o', 'o.id', 'r.deciding_org_id')
    .select([
      'm.id', 'm.case_id', 'm.type_id', 't.key as type_key', 't.label as type_label', 'm.category', 'm.status', 'm.started_on', 'm.due_on',
      'm.completed_on', 'm.amount', 'm.counterpart', 'm.note', 'm.version', 'm.created_at',
      'r.status as r_status', 'r.amount as r_amount', 'r.body as r_body', 'r.form as r_form', 'r.reasoning as r_reasoning',
      'r.deciding_org_id as r_deciding_org_id', 'o.name as r_deciding_org_name', 'r.submitted_at as r_submitted_at',
      'r.decided_amount', 'r.decided_form', 'r.decided_on', 'r.decision_note', 'r.decided_by_name', 'r.decided_at', 'r.commitment_on',
      'r.version as r_version',
    ])
    .where('m.case_id', '=', caseId)
    .where('m.org_id', '=', actor.orgId)
    .$if(onlyId !== undefined, (q) => q.where('m.id', '=', onlyId!))
    .orderBy('m.created_at', 'desc')
    .execute();
  const needsSchonfrist = rows.some((r) => r.category === 'rent_debt_assumption');
  const schonfrist = needsSchonfrist ? await schonfristOf(tx, caseId) : { end: null, estimate: false };
  const warningDays = needsSchonfrist ? (await warningDaysOf(tx, actor.orgId)).days : DEFAULT_WARNING_DAYS;
  return rows.map((r) => {
    let rentDebt: RentDebtApplication | null = null;
    if (r.category === 'rent_debt_assumption' && r.r_status) {
      const status = r.r_status as RentDebtStatus;
      const commitmentOn = day(r.commitment_on);
      rentDebt = {
        status,
        amount: Number(r.r_amount),
        body: r.r_body as 'jobcenter',
        form: r.r_form as 'loan',
        reasoning: r.r_reasoning,
        decidingOrg: r.r_deciding_org_id ? { id: r.r_deciding_org_id, name: r.r_deciding_org_name ?? '' } : null,
        submittedAt: r.r_submitted_at ? new Date(r.r_submitted_at).toISOString() : null,
        decision: decisionOf(r),
        commitmentOn,
        schonfristEnd: schonfrist.end,
        schonfristEstimate: schonfrist.estimate,
        warningDays,
        warnings: rentDebtWarnings({ status, schonfristEnd: schonfrist.end, commitmentOn, today, warningDays }),
      };
    }
    return {
      id: r.id,
      caseId: r.case_id,
      type: { id: r.type_id, key: r.type_key, label: r.type_label },
      category: r.category as MeasureCategory,
      status: (rentDebt?.status ?? r.status) as MeasureStatus,
      startedOn: day(r.started_on),
      dueOn: day(r.due_on),
      completedOn: day(r.completed_on),
      amount: r.amount === null ? null : Number(r.amount),
      counterpart: r.counterpart,
      note: r.note,
      rentDebt,
      version: r.category === 'rent_debt_assumption' ? Number(r.r_version) : r.version,
    };
  });
}

/**
 * What the deciding organisation is given at submission: the application as the household
 * makes it — who, where, how much, to whom the arrears are owed, until when the tenancy can be
 * saved, and why. Copied, so the deciding organisation never needs to read the case itself.
 */
export async function applicationSnapshot(tx: Tx, caseId: string) {
  const c = await tx.db
    .selectFrom('cases as c')
    .innerJoin('households as h', 'h.id', 'c.household_id')
    .leftJoin('case_legal as cl', 'cl.case_id', 'c.id')
    .select(['c.case_number', 'h.street', 'h.house_number', 'h.postal_code', 'h.city', 'cl.landlord'])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const tenants = await tx.db
    .selectFrom('case_tenants as ct')
    .innerJoin('persons as p', 'p.id', 'ct.person_id')
    .select(['p.first_name', 'p.last_name'])
    .where('ct.case_id', '=', caseId)
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  const schonfrist = await schonfristOf(tx, caseId);
  const landlord = c.landlord as { name?: string } | null;
  return {
    case_number: c.case_number,
    applicant_names: tenants.map((t) => `${t.first_name} ${t.last_name}`).join(', '),
    household_address: `${c.street} ${c.house_number}, ${c.postal_code} ${c.city}`,
    landlord_name: landlord?.name ?? null,
    schonfrist_end: schonfrist.end,
    schonfrist_estimate: schonfrist.estimate,
  };
}

export const bumpVersion = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };
