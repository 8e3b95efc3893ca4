/**
 * The evaluation report (issue 7) from the figure rows of migrations/018_reports.sql
 * (report_figures()): a zero row for every catalogue key, so tables of two periods line up; the
 * totals; the reach rate; and in the district scope the small-cell suppression of
 * ./suppression.ts. Pure: the server reads the rows, the report's shape comes from here.
 */
import { NOTICE_KINDS } from '../../contracts/intake.js';
import { TARGET_GROUPS } from '../../contracts/casefile.js';
import { CLOSURE_OUTCOMES, DEBT_CAUSES } from '../../contracts/outreach.js';
import { MEASURE_CATEGORIES, RENT_DEBT_STATUSES } from '../../contracts/measures.js';
import { DAY_BUCKETS, type Breakdown, type Distribution, type EvaluationReport, type Indicator, type ReportScope } from '../../contracts/reports.js';
import { monthsBetween } from '../housing/outcomes.js';
import { isSmall, suppress, type CellState } from './suppression.js';

/** One aggregate row of report_figures(). */
export interface FigureRow {
  indicator: string;
  /** A catalogue code, a month, a bucket; '*' the distinct cases of a multi-valued indicator; 'quartiles'. */
  key: string;
  n: number;
  /** rent_debt: the sum applied for; amount2: the sum approved (decided_amount). */
  amount?: number | null;
  amount2?: number | null;
  q1?: number | null;
  median?: number | null;
  q3?: number | null;
}

export interface EvaluationOptions {
  scope: ReportScope;
  from: string;
  to: string;
  /** The smallest count shown; null: nothing suppressed (the organisation scope). */
  minimumCell: number | null;
}

/** The default smallest count the district scope shows (counts of 1–4 are hidden). */
export const DEFAULT_MINIMUM_CELL = 5;

/** Longest period one report covers: ten years of months (the month table stays readable). */
export const MAX_REPORT_MONTHS = 120;

/** Indicators where a case may count under several keys: their total is the distinct cases (key '*'). */
export const MULTI_VALUED: readonly Indicator[] = ['target_groups', 'causes', 'measures'];

/** Applications that were submitted: their amounts are the sums "applied for". */
const SUBMITTED = RENT_DEBT_STATUSES.filter((s) => s !== 'draft');
/** Decisions that assume (part of) the debt: their decided amounts are the sums approved. */
const ASSUMING = ['approved', 'partly_approved'];

export const TENANCY_KEYS = ['in_place', 'not_in_place', 'unknown'] as const;
export const REACH_KEYS = ['reached', 'not_reached'] as const;

/** The keys of each indicator's table, in the order they are shown (months depend on the period). */
export function indicatorKeys(indicator: Indicator, from: string, to: string): readonly string[] {
  switch (indicator) {
    case 'households':
      return ['all'];
    case 'notices_by_kind':
      return NOTICE_KINDS;
    case 'notices_by_month':
    case 'placements_by_month':
      return monthsBetween(from, to);
    case 'target_groups':
      return TARGET_GROUPS;
    case 'reach':
      return REACH_KEYS;
    case 'days_to_first_attempt':
    case 'days_to_first_conversation':
      return DAY_BUCKETS;
    case 'outcomes':
      return [...CLOSURE_OUTCOMES, 'open'];
    case 'causes':
      return DEBT_CAUSES;
    case 'measures':
      return MEASURE_CATEGORIES;
    case 'rent_debt':
      return RENT_DEBT_STATUSES;
    case 'tenancy_after_6':
    case 'tenancy_after_12':
      return TENANCY_KEYS;
  }
}

const stateOf = (s: CellState): Breakdown['rows'][number]['suppressed'] => (s === 'shown' ? null : s);

class Figures {
  private readonly byIndicator = new Map<string, Map<string, FigureRow>>();
  constructor(rows: readonly FigureRow[]) {
    for (const r of rows) {
      let m = this.byIndicator.get(r.indicator);
      if (!m) this.byIndicator.set(r.indicator, (m = new Map()));
      m.set(r.key, r);
    }
  }
  row(indicator: string, key: string): FigureRow | undefined {
    return this.byIndicator.get(indicator)?.get(key);
  }
  /** Keys the rows hold beyond the catalogue (an old code, a month outside the period): kept, sorted, after it. */
  extraKeys(indicator: string, known: readonly string[]): string[] {
    const seen = new Set(known);
    return [...(this.byIndicator.get(indicator)?.keys() ?? [])].filter((k) => !seen.has(k) && k !== '*' && k !== 'quartiles').sort();
  }
}

function breakdown(f: Figures, indicator: Indicator, opts: EvaluationOptions): Breakdown {
  const catalogue = indicatorKeys(indicator, opts.from, opts.to);
  const keys = [...catalogue, ...f.extraKeys(indicator, catalogue)];
  const counts = keys.map((k) => f.row(indicator, k)?.n ?? 0);
  const multi = MULTI_VALUED.includes(indicator);
  // Single-valued: the cells add up to the total. Multi-valued: the total is the distinct cases.
  const total = multi ? (f.row(indicator, '*')?.n ?? 0) : counts.reduce((a, b) => a + b, 0);
  const min = opts.minimumCell;
  if (min === null) {
    return { rows: keys.map((key, i) => ({ key, count: counts[i], suppressed: null })), total, totalSuppressed: null };
  }
  // A multi-valued table's cells are suppressed as if they summed to a published total (which
  // over-protects: that sum is not published), and its distinct total on its own.
  const s = suppress([counts], min);
  const totalState: CellState = multi ? (isSmall(total, min) ? 'primary' : 'shown') : s.states[0][keys.length];
  return {
    rows: keys.map((key, i) => ({ key, count: s.cells[0][i], suppressed: stateOf(s.states[0][i]) })),
    total: totalState === 'shown' ? total : null,
    totalSuppressed: stateOf(totalState),
  };
}

function distribution(f: Figures, indicator: Indicator, opts: EvaluationOptions): Distribution {
  const buckets = breakdown(f, indicator, opts);
  const q = f.row(indicator, 'quartiles');
  // Quartiles of a handful of cases describe those cases: hidden with their count.
  const hidden = buckets.total === null;
  return {
    n: buckets.total,
    q1: hidden ? null : (q?.q1 ?? null),
    median: hidden ? null : (q?.median ?? null),
    q3: hidden ? null : (q?.q3 ?? null),
    buckets,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The sum of `field` over the rows of `keys`, hidden when the rows it sums are a small number. */
function amountOf(f: Figures, keys: readonly string[], field: 'amount' | 'amount2', opts: EvaluationOptions): number | null {
  const rows = keys.map((k) => f.row('rent_debt', k)).filter((r): r is FigureRow => !!r);
  const n = rows.reduce((a, r) => a + r.n, 0);
  if (opts.minimumCell !== null && isSmall(n, opts.minimumCell)) return null;
  return round2(rows.reduce((a, r) => a + Number(r[field] ?? 0), 0));
}

export function evaluationReport(rows: readonly FigureRow[], opts: EvaluationOptions): EvaluationReport {
  const f = new Figures(rows);
  const households = breakdown(f, 'households', opts);
  const reach = breakdown(f, 'reach', opts);
  const reached = reach.rows.find((r) => r.key === 'reached')?.count ?? null;
  return {
    scope: opts.scope,
    from: opts.from,
    to: opts.to,
    minimumCell: opts.minimumCell,
    households,
    noticesByKind: breakdown(f, 'notices_by_kind', opts),
    noticesByMonth: breakdown(f, 'notices_by_month', opts),
    targetGroups: breakdown(f, 'target_groups', opts),
    reachRate: reached === null || !households.total ? null : reached / households.total,
    reach,
    daysToFirstAttempt: distribution(f, 'days_to_first_attempt', opts),
    daysToFirstConversation: distribution(f, 'days_to_first_conversation', opts),
    outcomes: breakdown(f, 'outcomes', opts),
    causes: breakdown(f, 'causes', opts),
    measures: breakdown(f, 'measures', opts),
    rentDebt: {
      applications: breakdown(f, 'rent_debt', opts),
      appliedAmount: amountOf(f, SUBMITTED, 'amount', opts),
      assumedAmount: amountOf(f, ASSUMING, 'amount2', opts),
    },
    placementsByMonth: breakdown(f, 'placements_by_month', opts),
    tenancyAfter6: breakdown(f, 'tenancy_after_6', opts),
    tenancyAfter12: breakdown(f, 'tenancy_after_12', opts),
  };
}
