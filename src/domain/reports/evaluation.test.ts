import { describe, expect, it } from 'vitest';
import { NOTICE_KINDS } from '../../contracts/intake.js';
import { CLOSURE_OUTCOMES } from '../../contracts/outreach.js';
import { EvaluationReport } from '../../contracts/reports.js';
import { evaluationReport, indicatorKeys, type EvaluationOptions, type FigureRow } from './evaluation.js';

/*
 * A hand-made period (Q1 2026) with known answers: 12 households reported, 10 reached, the days
 * to the first attempt of 10 cases, a few closures, causes and rent-debt applications.
 */
const rows: FigureRow[] = [
  { indicator: 'households', key: 'all', n: 12 },
  { indicator: 'notices_by_kind', key: 'court_eviction_suit', n: 7 },
  { indicator: 'notices_by_kind', key: 'jobcenter_warning', n: 6 },
  { indicator: 'notices_by_kind', key: 'self_referral', n: 1 },
  { indicator: 'notices_by_month', key: '2026-01', n: 8 },
  { indicator: 'notices_by_month', key: '2026-03', n: 6 },
  { indicator: 'target_groups', key: 'families_with_children', n: 6 },
  { indicator: 'target_groups', key: 'single_parents', n: 3 },
  { indicator: 'target_groups', key: '*', n: 7 },
  { indicator: 'reach', key: 'reached', n: 10 },
  { indicator: 'reach', key: 'not_reached', n: 2 },
  { indicator: 'days_to_first_attempt', key: '0', n: 2 },
  { indicator: 'days_to_first_attempt', key: '1', n: 5 },
  { indicator: 'days_to_first_attempt', key: '4-7', n: 3 },
  { indicator: 'days_to_first_attempt', key: 'quartiles', n: 10, q1: 1, median: 1, q3: 4.5 },
  { indicator: 'days_to_first_conversation', key: '8-14', n: 3 },
  { indicator: 'days_to_first_conversation', key: 'quartiles', n: 3, q1: 9, median: 10, q3: 11 },
  { indicator: 'outcomes', key: 'tenancy_secured_with_assumption', n: 6 },
  { indicator: 'outcomes', key: 'new_flat', n: 1 },
  { indicator: 'outcomes', key: 'open', n: 5 },
  { indicator: 'causes', key: 'income_loss', n: 5 },
  { indicator: 'causes', key: 'separation', n: 2 },
  { indicator: 'causes', key: '*', n: 6 },
  { indicator: 'rent_debt', key: 'draft', n: 1, amount: 500, amount2: null },
  { indicator: 'rent_debt', key: 'approved', n: 5, amount: 6000, amount2: 5000 },
  { indicator: 'rent_debt', key: 'partly_approved', n: 1, amount: 2000, amount2: 1000.5 },
  { indicator: 'rent_debt', key: 'rejected', n: 1, amount: 900, amount2: 0 },
  { indicator: 'placements_by_month', key: '2026-02', n: 2 },
  { indicator: 'tenancy_after_6', key: 'in_place', n: 6 },
  { indicator: 'tenancy_after_6', key: 'unknown', n: 1 },
];

const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const organisation: EvaluationOptions = { scope: 'organisation', ...Q1, minimumCell: null };
const district: EvaluationOptions = { scope: 'district', ...Q1, minimumCell: 5 };

const cells = (b: { rows: { key: string; count: number | null }[] }) => Object.fromEntries(b.rows.map((r) => [r.key, r.count]));
const states = (b: { rows: { key: string; suppressed: string | null }[] }) =>
  Object.fromEntries(b.rows.filter((r) => r.suppressed).map((r) => [r.key, r.suppressed]));

describe('evaluation report, organisation scope (nothing suppressed)', () => {
  const r = evaluationReport(rows, organisation);

  it('has the contract shape', () => {
    expect(() => EvaluationReport.parse(r)).not.toThrow();
  });

  it.each([
    ['households', r.households, { all: 12 }, 12],
    ['notices by kind', r.noticesByKind, { court_eviction_suit: 7, jobcenter_warning: 6, landlord_notice: 0, termination_notice: 0, eviction_date: 0, self_referral: 1, other: 0 }, 14],
    ['notices by month', r.noticesByMonth, { '2026-01': 8, '2026-02': 0, '2026-03': 6 }, 14],
    ['reach', r.reach, { reached: 10, not_reached: 2 }, 12],
    ['outcomes (+ open)', r.outcomes, { ...Object.fromEntries(CLOSURE_OUTCOMES.map((o) => [o, 0])), tenancy_secured_with_assumption: 6, new_flat: 1, open: 5 }, 12],
    ['placements', r.placementsByMonth, { '2026-01': 0, '2026-02': 2, '2026-03': 0 }, 2],
    ['tenancy after 6 months', r.tenancyAfter6, { in_place: 6, not_in_place: 0, unknown: 1 }, 7],
    ['tenancy after 12 months (none due)', r.tenancyAfter12, { in_place: 0, not_in_place: 0, unknown: 0 }, 0],
  ])('%s: a row for every key, zeros included, and the total', (_name, b, expected, total) => {
    expect(cells(b)).toEqual(expected);
    expect(b.total).toBe(total);
    expect(b.totalSuppressed).toBeNull();
  });

  it('multi-valued tables: the total is the distinct cases, not the sum of the rows', () => {
    expect(r.targetGroups.total).toBe(7);
    expect(cells(r.targetGroups).families_with_children).toBe(6);
    expect(r.targetGroups.rows).toHaveLength(indicatorKeys('target_groups', Q1.from, Q1.to).length);
    expect(r.causes.total).toBe(6);
    expect(r.measures.total).toBe(0);
  });

  it('reach rate: reached / households', () => {
    expect(r.reachRate).toBeCloseTo(10 / 12);
  });

  it('distributions: quartiles from the rows, buckets with zeros', () => {
    expect(r.daysToFirstAttempt).toMatchObject({ n: 10, q1: 1, median: 1, q3: 4.5 });
    expect(cells(r.daysToFirstAttempt.buckets)).toEqual({ '0': 2, '1': 5, '2': 0, '3': 0, '4-7': 3, '8-14': 0, '15-30': 0, '31+': 0 });
    expect(r.daysToFirstConversation).toMatchObject({ n: 3, median: 10 });
  });

  it('rent debt: applications by status; applied = every submitted one, assumed = the approved amounts', () => {
    expect(cells(r.rentDebt.applications)).toEqual({ draft: 1, applied: 0, approved: 5, partly_approved: 1, rejected: 1, withdrawn: 0 });
    expect(r.rentDebt.appliedAmount).toBe(8900);
    expect(r.rentDebt.assumedAmount).toBe(6000.5);
  });

  it('an empty period: zeros everywhere, no rate, no quartiles', () => {
    const e = evaluationReport([], organisation);
    expect(e.households.total).toBe(0);
    expect(e.reachRate).toBeNull();
    expect(e.daysToFirstAttempt).toMatchObject({ n: 0, q1: null, median: null, q3: null });
    expect(e.noticesByKind.rows.map((x) => x.key)).toEqual([...NOTICE_KINDS]);
    expect(e.rentDebt).toMatchObject({ appliedAmount: 0, assumedAmount: 0 });
  });

  it('keys outside the catalogue are kept after it', () => {
    const e = evaluationReport([{ indicator: 'notices_by_month', key: '2025-12', n: 1 }], organisation);
    expect(e.noticesByMonth.rows.map((x) => x.key)).toEqual(['2026-01', '2026-02', '2026-03', '2025-12']);
  });
});

describe('evaluation report, district scope (minimum cell 5)', () => {
  const r = evaluationReport(rows, district);

  it('has the contract shape and names its minimum', () => {
    expect(() => EvaluationReport.parse(r)).not.toThrow();
    expect(r.minimumCell).toBe(5);
  });

  it.each([
    // 1 self-referral is primary; the smallest other non-zero cell (6) goes with it.
    ['notices by kind', r.noticesByKind, { court_eviction_suit: 7, jobcenter_warning: null, self_referral: null }, { jobcenter_warning: 'secondary', self_referral: 'primary' }, 14],
    // 2 not reached is primary; only "reached" can hide it.
    ['reach', r.reach, { reached: null, not_reached: null }, { reached: 'secondary', not_reached: 'primary' }, 12],
    // 1 new flat is primary; 5 open is the smallest partner.
    ['outcomes', r.outcomes, { tenancy_secured_with_assumption: 6, new_flat: null, open: null }, { new_flat: 'primary', open: 'secondary' }, 12],
    // a total below 5 is hidden, and its one non-zero cell with it
    ['placements', r.placementsByMonth, { '2026-02': null }, { '2026-02': 'primary' }, null],
    ['notices by month (nothing small)', r.noticesByMonth, { '2026-01': 8, '2026-02': 0, '2026-03': 6 }, {}, 14],
  ])('%s', (_name, b, expected, expectedStates, total) => {
    expect(cells(b)).toMatchObject(expected);
    expect(states(b)).toEqual(expectedStates);
    expect(b.total).toBe(total);
  });

  it('the reach rate is hidden with the reached count', () => {
    expect(r.reachRate).toBeNull();
  });

  it('zero cells are shown', () => {
    expect(cells(r.noticesByKind).landlord_notice).toBe(0);
  });

  it('multi-valued tables: small cells hidden, the distinct total on its own', () => {
    // Suppressed as if the rows' sum were published (it is not): the 5 goes with the 2.
    expect(cells(r.causes)).toMatchObject({ income_loss: null, separation: null });
    expect(states(r.causes)).toEqual({ income_loss: 'secondary', separation: 'primary' });
    expect(r.causes.total).toBe(6);
    expect(r.targetGroups.total).toBe(7);
    expect(cells(r.targetGroups)).toMatchObject({ families_with_children: null, single_parents: null });
  });

  it('quartiles are hidden with a small count, shown with a large one', () => {
    expect(r.daysToFirstConversation).toMatchObject({ n: null, q1: null, median: null, q3: null });
    expect(r.daysToFirstAttempt).toMatchObject({ n: 10, median: 1 });
  });

  it('amounts: hidden when few applications make them, shown otherwise', () => {
    // 7 submitted applications: the sum applied for is shown; 6 approving decisions: shown.
    expect(r.rentDebt.appliedAmount).toBe(8900);
    expect(r.rentDebt.assumedAmount).toBe(6000.5);
    const few = evaluationReport([{ indicator: 'rent_debt', key: 'approved', n: 2, amount: 3000, amount2: 2500 }], district);
    expect(few.rentDebt).toMatchObject({ appliedAmount: null, assumedAmount: null });
    expect(cells(few.rentDebt.applications).approved).toBeNull();
  });

  it('the minimum is configurable', () => {
    // Minimum 2: only counts of 1 are hidden.
    const r2 = evaluationReport(rows, { ...district, minimumCell: 2 });
    expect(cells(r2.reach)).toEqual({ reached: 10, not_reached: 2 });
    expect(r2.reachRate).toBeCloseTo(10 / 12);
    expect(cells(r2.outcomes)).toMatchObject({ new_flat: null, open: null, tenancy_secured_with_assumption: 6 });
  });
});
