import { z } from 'zod';
import { Id, IsoDate } from './common.js';
import { NOTICE_KINDS } from './intake.js';
import { TARGET_GROUPS } from './casefile.js';

/*
 * Reports and evaluation (issue 7): the dashboard, the evaluation report with drill-down, and
 * its exports. Official stock counts and the pseudonymised case export are in
 * contracts/official-statistics.ts.
 *
 * Two scopes:
 * - organisation: the viewer's own organisation (caseworkers, team leads). Computed inside the
 *   tenant transaction (row-level security applies), not suppressed (the viewer may open every
 *   case behind a number), every number drills down to its cases.
 * - district: every organisation of the installation, for the statistics role. Aggregates only,
 *   small cells suppressed (primary and secondary), no drill-down.
 */

/** Calendar days the reports cover. */
const Day = IsoDate.refine((d) => d >= '1990-01-01' && d <= '2199-12-31', { message: 'invalid_date' });
/** A query parameter given once or repeated (?x=a&x=b): always an array. */
const many = <T extends z.ZodType>(item: T, max = 200) =>
  z.union([item, z.array(item).max(max)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

export const REPORT_SCOPES = ['organisation', 'district'] as const;
export const ReportScope = z.enum(REPORT_SCOPES);
export type ReportScope = z.infer<typeof ReportScope>;

/**
 * The period and the filters. A case belongs to the period when its first notice was received in
 * it (a cohort: what became of the households reported from … to …); notices count by their own
 * receipt day, placements by the day the lease was signed, follow-ups by their due day.
 * Filters combine with AND; values within one filter with OR. Empty: no restriction.
 */
export const ReportFilter = z.strictObject({
  from: Day,
  to: Day,
  scope: ReportScope.default('organisation'),
  municipalityId: many(Id).optional(),
  /** Only in the district scope: the organisation scope is the viewer's own organisation. */
  orgId: many(Id).optional(),
  locationId: many(Id).optional(),
  targetGroup: many(z.enum(TARGET_GROUPS)).optional(),
  /** The notice channel: the kind of the notices that reported the household (court, Jobcenter …). */
  noticeKind: many(z.enum(NOTICE_KINDS)).optional(),
});
export type ReportFilter = z.infer<typeof ReportFilter>;

/** A count, or null where it is suppressed (district scope). */
export const Count = z.number().int().min(0).nullable();
export const SUPPRESSION_STATES = ['primary', 'secondary'] as const;
export const Suppression = z.enum(SUPPRESSION_STATES).nullable();

/**
 * A one-dimensional table: counts per key, with the total. Keys are catalogue codes (notice
 * kinds, outcomes, causes …), months as YYYY-MM, or bucket codes; the UI labels them.
 * Zero rows are included for every catalogue key, so tables of two periods line up.
 */
export const Breakdown = z.object({
  rows: z.array(z.object({ key: z.string(), count: Count, suppressed: Suppression })),
  total: Count,
  totalSuppressed: Suppression,
});
export type Breakdown = z.infer<typeof Breakdown>;

/** Days between two events per case: quartiles (null when there are none, or suppressed) and a histogram. */
export const Distribution = z.object({
  n: Count,
  q1: z.number().nullable(),
  median: z.number().nullable(),
  q3: z.number().nullable(),
  /** Buckets of days: '0', '1', '2', '3', '4-7', '8-14', '15-30', '31+'. */
  buckets: Breakdown,
});
export type Distribution = z.infer<typeof Distribution>;
export const DAY_BUCKETS = ['0', '1', '2', '3', '4-7', '8-14', '15-30', '31+'] as const;

/** Every drillable number is addressed by its indicator and its row key. */
export const INDICATORS = [
  'households', // key 'all': the cases of the cohort
  'notices_by_kind',
  'notices_by_month',
  'target_groups',
  'reach', // keys 'reached', 'not_reached'
  'days_to_first_attempt', // keys DAY_BUCKETS
  'days_to_first_conversation',
  'outcomes', // CLOSURE_OUTCOMES and 'open'
  'causes', // DEBT_CAUSES
  'measures', // MEASURE_CATEGORIES
  'rent_debt', // application statuses
  'placements_by_month',
  'tenancy_after_6', // keys 'in_place', 'not_in_place', 'unknown'
  'tenancy_after_12',
] as const;
export const Indicator = z.enum(INDICATORS);
export type Indicator = z.infer<typeof Indicator>;

export const EvaluationReport = z.object({
  scope: ReportScope,
  from: IsoDate,
  to: IsoDate,
  /** The smallest count shown in the district scope (default 5); null: nothing is suppressed. */
  minimumCell: z.number().int().nullable(),
  households: Breakdown,
  noticesByKind: Breakdown,
  noticesByMonth: Breakdown,
  targetGroups: Breakdown,
  /** reached / households; null when either is suppressed or there are no households. */
  reachRate: z.number().min(0).max(1).nullable(),
  reach: Breakdown,
  daysToFirstAttempt: Distribution,
  daysToFirstConversation: Distribution,
  outcomes: Breakdown,
  causes: Breakdown,
  measures: Breakdown,
  rentDebt: z.object({
    applications: Breakdown,
    /** Sum of the amounts applied for, and of the amounts approved (euros); null when suppressed. */
    appliedAmount: z.number().nullable(),
    assumedAmount: z.number().nullable(),
  }),
  placementsByMonth: Breakdown,
  tenancyAfter6: Breakdown,
  tenancyAfter12: Breakdown,
});
export type EvaluationReport = z.infer<typeof EvaluationReport>;

/** The cases behind one number (organisation scope only). */
export const DrillDownQuery = ReportFilter.extend({
  indicator: Indicator,
  key: z.string().min(1).max(40),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type DrillDownQuery = z.infer<typeof DrillDownQuery>;

export const DrillDownCase = z.object({
  caseId: Id,
  caseNumber: z.string(),
  householdName: z.string(),
  municipality: z.string().nullable(),
  receivedOn: IsoDate,
  status: z.enum(['new', 'open', 'closed']),
});
export const DrillDownList = z.object({
  items: z.array(DrillDownCase),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type DrillDownList = z.infer<typeof DrillDownList>;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const EvaluationExportQuery = ReportFilter.extend({ format: ExportFormat, lang: z.enum(['de', 'en']).default('de') });

// ---- dashboard ----------------------------------------------------------------------------

export const URGENCY_BANDS = ['overdue', 'within_14_days', 'within_60_days', 'later_or_none'] as const;

/** The start page's figures for a signed-in user with case access; `team` for team leads only. */
export const Dashboard = z.object({
  /** Notices received Monday to today (Europe/Berlin). */
  newNoticesThisWeek: z.number().int(),
  /** Open cases by the days left to their nearest deadline (Schonfrist end, eviction date …). */
  openCasesByUrgency: z.array(z.object({ band: z.enum(URGENCY_BANDS), count: z.number().int() })),
  deadlinesNext14Days: z.array(
    z.object({ caseId: Id, caseNumber: z.string(), householdName: z.string(), kind: z.string(), date: IsoDate, estimate: z.boolean() }),
  ),
  overdueFirstContacts: z.number().int(),
  myTasks: z.object({ open: z.number().int(), dueToday: z.number().int(), overdue: z.number().int() }),
  team: z
    .array(z.object({ userId: Id, name: z.string(), openCases: z.number().int(), overdueFirstContacts: z.number().int(), openTasks: z.number().int() }))
    .nullable(),
});
export type Dashboard = z.infer<typeof Dashboard>;
