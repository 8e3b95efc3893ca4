import { sql } from 'kysely';
import { DrillDownList, DrillDownQuery, EvaluationReport, ReportFilter, type ReportScope } from '../../../contracts/reports.js';
import { monthsBetween } from '../../../domain/housing/outcomes.js';
import {
  DEFAULT_MINIMUM_CELL,
  evaluationReport as buildReport,
  indicatorKeys,
  MAX_REPORT_MONTHS,
  type FigureRow,
} from '../../../domain/reports/evaluation.js';
import type { Actor } from '../../platform/auth/actor.js';
import { inTenantTx, type Tx } from '../../platform/db/tenant.js';
import { forbidden, invalidInput } from '../../platform/http/errors.js';
import { route, signedIn } from '../../platform/http/route.js';
import { householdNames } from '../housing/store.js';

/*
 * The evaluation report (issue 7 item 2): the figures come from report_figures() in
 * migrations/018_reports.sql (one definition for both scopes), the report's shape and the
 * suppression from domain/reports/evaluation.ts.
 *
 * organisation scope: report_figures() runs in the tenant transaction as an INVOKER function, so
 *   row-level security limits it to the own organisation (and the code passes the own org id);
 *   nothing is suppressed, every number drills down to its cases.
 * district scope: report_figures_district(), a SECURITY DEFINER wrapper, reads every
 *   organisation's rows; only aggregates leave the database, suppressed before they leave here.
 */

const TAGS = ['reports'];
export const DRILL_DOWN_PAGE_SIZE = 50;

export interface EvaluationReportOptions {
  /** The viewer's organisation: the organisation scope's only organisation. */
  orgId: string;
  /** The smallest count shown in the district scope (default 5). */
  minimumCell?: number;
}

/** The filters as SQL arguments: from, to, organisations, municipalities, locations, target groups, notice kinds. */
function filterArgs(scope: ReportScope, f: ReportFilter, orgId: string) {
  const list = (xs: readonly string[] | undefined) => (xs?.length ? [...new Set(xs.map((x) => x.toLowerCase()))] : null);
  const orgs = scope === 'organisation' ? [orgId] : list(f.orgId);
  return sql`${f.from}::date, ${f.to}::date, ${orgs}::uuid[], ${list(f.municipalityId)}::uuid[], ${list(f.locationId)}::uuid[],
    ${f.targetGroup?.length ? [...new Set(f.targetGroup)] : null}::text[], ${f.noticeKind?.length ? [...new Set(f.noticeKind)] : null}::text[]`;
}

/** The aggregate rows of the period, as report_figures() returns them (numbers as numbers). */
export async function evaluationFigures(tx: Tx, scope: ReportScope, filter: ReportFilter, orgId: string): Promise<FigureRow[]> {
  const fn = scope === 'district' ? sql`report_figures_district` : sql`report_figures`;
  const { rows } = await sql<{ indicator: string; key: string; n: string | number; amount: string | null; amount2: string | null; q1: number | null; median: number | null; q3: number | null }>`
    select indicator, key, n, amount, amount2, q1, median, q3 from ${fn}(${filterArgs(scope, filter, orgId)})`.execute(tx.db);
  const num = (v: string | number | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({ indicator: r.indicator, key: r.key, n: Number(r.n), amount: num(r.amount), amount2: num(r.amount2), q1: num(r.q1), median: num(r.median), q3: num(r.q3) }));
}

/**
 * The evaluation report for a period and filters, without HTTP (the benchmark calls it too). The
 * caller has checked the viewer's permission for the scope (checkFilter).
 */
export async function evaluationReport(tx: Tx, scope: ReportScope, filter: ReportFilter, options: EvaluationReportOptions): Promise<EvaluationReport> {
  const rows = await evaluationFigures(tx, scope, filter, options.orgId);
  return buildReport(rows, {
    scope,
    from: filter.from,
    to: filter.to,
    minimumCell: scope === 'district' ? (options.minimumCell ?? DEFAULT_MINIMUM_CELL) : null,
  });
}

/**
 * What the viewer may ask for: the organisation scope needs reports.read, the district scope
 * reports.aggregate; organisations are chosen only in the district scope; the period runs
 * forwards and covers at most ten years.
 */
export function checkFilter(actor: Actor, f: ReportFilter): void {
  const needed = f.scope === 'district' ? 'reports.aggregate' : 'reports.read';
  if (!actor.permissions.has(needed)) throw forbidden();
  if (f.scope === 'organisation' && f.orgId?.length) throw invalidInput([{ path: 'orgId', key: 'reports.org_filter_district_only' }], 400);
  if (f.to < f.from) throw invalidInput([{ path: 'to', key: 'reports.to_before_from' }], 400);
  if (monthsBetween(f.from, f.to).length > MAX_REPORT_MONTHS) throw invalidInput([{ path: 'to', key: 'reports.period_too_long', params: { max: MAX_REPORT_MONTHS } }], 400);
}

/** The cases behind one number of the organisation scope, a page at a time, oldest receipt first. */
export async function drillDown(tx: Tx, actor: Actor, q: DrillDownQuery): Promise<DrillDownList> {
  const filter = { ...q, scope: 'organisation' as const };
  const ids = sql`select case_id from report_case_ids(${q.indicator}, ${q.key}, ${filterArgs('organisation', filter, actor.orgId)})`;
  const { rows: countRows } = await sql<{ total: string | number }>`
    select count(*) as total from cases c where c.org_id = ${actor.orgId} and c.id in (${ids})`.execute(tx.db);
  const { rows } = await sql<{ id: string; case_number: string; received_on: string | Date; status: 'new' | 'open' | 'closed'; municipality: string | null }>`
    select c.id, c.case_number, c.received_on, c.status, m.name as municipality
    from cases c
    join households h on h.id = c.household_id
    left join municipalities m on m.id = h.municipality_id
    where c.org_id = ${actor.orgId} and c.id in (${ids})
    order by c.received_on, c.case_number
    limit ${DRILL_DOWN_PAGE_SIZE} offset ${(q.page - 1) * DRILL_DOWN_PAGE_SIZE}`.execute(tx.db);
  const names = await householdNames(tx, rows.map((r) => r.id));
  return {
    items: rows.map((r) => ({
      caseId: r.id,
      caseNumber: r.case_number,
      householdName: names.get(r.id) ?? '',
      municipality: r.municipality,
      receivedOn: dayOf(r.received_on),
      status: r.status,
    })),
    total: Number(countRows[0]?.total ?? 0),
    page: q.page,
    pageSize: DRILL_DOWN_PAGE_SIZE,
  };
}

/** A date column as YYYY-MM-DD, whichever way the driver returned it. */
const dayOf = (d: string | Date) => (d instanceof Date ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : String(d).slice(0, 10));

export const evaluationRoutes = [
  route({
    method: 'GET',
    url: '/api/v1/reports/evaluation',
    // Either permission, by scope: checked in checkFilter().
    access: 'authenticated',
    summary:
      'The evaluation report for a period (the cohort: cases whose first notice came in it) and filters: notices per channel and month, households, ' +
      'target groups, reach and reach rate, days to the first contact attempt and to the first conversation (quartiles and histogram), outcomes, ' +
      'causes of rent debt, measures, rent-debt applications with amounts, placements, tenancies in place after 6 and 12 months. ' +
      "scope=organisation (reports.read): the own organisation, unsuppressed. scope=district (reports.aggregate): every organisation, small cells suppressed",
    tags: TAGS,
    query: ReportFilter,
    response: EvaluationReport,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      checkFilter(actor, ctx.query);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const report = await evaluationReport(tx, ctx.query.scope, ctx.query, { orgId: actor.orgId, minimumCell: ctx.services.config.reportMinimumCell });
        tx.audit({ action: 'report.evaluation', details: { scope: ctx.query.scope, from: ctx.query.from, to: ctx.query.to } });
        return report;
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/reports/evaluation/cases',
    access: 'reports.read',
    summary:
      "The cases behind one number of the own organisation's evaluation report (indicator and row key; key '*' for the indicator's total), " +
      `${DRILL_DOWN_PAGE_SIZE} per page, oldest receipt first. Needs cases.read too; the cases listed are audited`,
    tags: TAGS,
    query: DrillDownQuery,
    response: DrillDownList,
    handler: (ctx) => {
      const actor = signedIn(ctx);
      if (!actor.permissions.has('cases.read')) throw forbidden();
      const q = ctx.query;
      if (q.scope !== 'organisation') throw invalidInput([{ path: 'scope', key: 'reports.drill_down_organisation_only' }], 400);
      checkFilter(actor, q);
      if (q.key !== '*' && !indicatorKeys(q.indicator, q.from, q.to).includes(q.key)) throw invalidInput([{ path: 'key', key: 'reports.unknown_key' }], 400);
      return inTenantTx(ctx.services.db, actor, ctx.requestId, async (tx) => {
        const list = await drillDown(tx, actor, q);
        tx.audit({ action: 'report.drill_down', entityType: 'case', details: { indicator: q.indicator, key: q.key, from: q.from, to: q.to, ids: list.items.map((i) => i.caseId) } });
        return list;
      });
    },
  }),
];
