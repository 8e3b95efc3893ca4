import { CLOSURE_OUTCOMES, DEBT_CAUSES } from '../../../contracts/outreach';
import { TARGET_GROUPS } from '../../../contracts/casefile';
import { NOTICE_KINDS } from '../../../contracts/intake';
import { MEASURE_CATEGORIES, RENT_DEBT_STATUSES } from '../../../contracts/measures';
import { DAY_BUCKETS, type Breakdown, type Dashboard, type DrillDownList, type EvaluationReport } from '../../../contracts/reports';

/** Test data of the report pages (web component tests): a small organisation's first quarter. */
export const IDS = {
  org: '22222222-2222-4222-8222-222222222222',
  otherOrg: 'b0000000-0000-4000-8000-000000000002',
  municipality: 'b0000000-0000-4000-8000-000000000003',
  location: 'b0000000-0000-4000-8000-000000000004',
  caseA: 'b0000000-0000-4000-8000-000000000010',
  caseB: 'b0000000-0000-4000-8000-000000000011',
  colleague: 'b0000000-0000-4000-8000-000000000040',
} as const;

type Row = Breakdown['rows'][number];

/** A breakdown over every key, with the counts given (others 0), the total their sum. */
export function breakdown(keys: readonly string[], counts: Record<string, number | null> = {}, suppressed: Record<string, Row['suppressed']> = {}): Breakdown {
  const rows = keys.map((key) => ({ key, count: key in counts ? counts[key] : 0, suppressed: suppressed[key] ?? null }));
  const anySuppressed = rows.some((r) => r.count === null);
  return {
    rows,
    total: anySuppressed ? null : rows.reduce((n, r) => n + (r.count ?? 0), 0),
    totalSuppressed: anySuppressed ? 'secondary' : null,
  };
}

const months = ['2026-01', '2026-02', '2026-03'];

export function report(over: Partial<EvaluationReport> = {}): EvaluationReport {
  return {
    scope: 'organisation',
    from: '2026-01-01',
    to: '2026-03-31',
    minimumCell: null,
    households: breakdown(['all'], { all: 12 }),
    noticesByKind: breakdown(NOTICE_KINDS, { court_eviction_suit: 7, jobcenter_warning: 5, self_referral: 2 }),
    noticesByMonth: breakdown(months, { '2026-01': 4, '2026-02': 6, '2026-03': 4 }),
    targetGroups: breakdown(TARGET_GROUPS, { families_with_children: 5, seniors: 2 }),
    reachRate: 0.75,
    reach: breakdown(['reached', 'not_reached'], { reached: 9, not_reached: 3 }),
    daysToFirstAttempt: { n: 11, q1: 1, median: 2, q3: 4.5, buckets: breakdown(DAY_BUCKETS, { '0': 2, '1': 2, '2': 3, '4-7': 3, '8-14': 1 }) },
    daysToFirstConversation: { n: 9, q1: 3, median: 6, q3: 12, buckets: breakdown(DAY_BUCKETS, { '2': 1, '3': 1, '4-7': 4, '8-14': 2, '15-30': 1 }) },
    outcomes: breakdown([...CLOSURE_OUTCOMES, 'open'], { tenancy_secured_with_assumption: 3, new_flat: 1, open: 8 }),
    causes: breakdown(DEBT_CAUSES, { income_loss: 4, separation: 2 }),
    measures: breakdown(MEASURE_CATEGORIES, { rent_debt_assumption: 4, referral: 3 }),
    rentDebt: { applications: breakdown(RENT_DEBT_STATUSES, { applied: 1, approved: 3 }), appliedAmount: 8450.5, assumedAmount: 6120 },
    placementsByMonth: breakdown(months, { '2026-02': 1 }),
    tenancyAfter6: breakdown(['in_place', 'not_in_place', 'unknown'], { in_place: 2, unknown: 1 }),
    tenancyAfter12: breakdown(['in_place', 'not_in_place', 'unknown'], {}),
    ...over,
  };
}

/** The district's aggregates: one primary suppression (2) and its secondary partner. */
export function districtReport(): EvaluationReport {
  return report({
    scope: 'district',
    minimumCell: 5,
    noticesByKind: breakdown(NOTICE_KINDS, { court_eviction_suit: 31, jobcenter_warning: null, self_referral: null, landlord_notice: 12 }, { jobcenter_warning: 'primary', self_referral: 'secondary' }),
    households: breakdown(['all'], { all: 48 }),
    reachRate: null,
  });
}

export function drillList(over: Partial<DrillDownList> = {}): DrillDownList {
  return {
    items: [
      { caseId: IDS.caseA, caseNumber: '2026-000012', householdName: 'Familie Beispiel', municipality: 'Musterstadt', receivedOn: '2026-01-14', status: 'open' },
      { caseId: IDS.caseB, caseNumber: '2026-000031', householdName: 'Herr Muster', municipality: null, receivedOn: '2026-02-02', status: 'closed' },
    ],
    total: 2,
    page: 1,
    pageSize: 50,
    ...over,
  };
}

export function dashboard(over: Partial<Dashboard> = {}): Dashboard {
  return {
    newNoticesThisWeek: 3,
    openCasesByUrgency: [
      { band: 'overdue', count: 1 },
      { band: 'within_14_days', count: 2 },
      { band: 'within_60_days', count: 4 },
      { band: 'later_or_none', count: 6 },
    ],
    deadlinesNext14Days: [
      { caseId: IDS.caseA, caseNumber: '2026-000012', householdName: 'Familie Beispiel', kind: 'schonfrist_end', date: '2026-12-01', estimate: true },
    ],
    overdueFirstContacts: 1,
    myTasks: { open: 5, dueToday: 2, overdue: 1 },
    team: null,
    ...over,
  };
}
