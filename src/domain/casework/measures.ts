import { MEASURE_CATEGORIES, MEASURE_STATUSES, RENT_DEBT_STATUSES } from '../../contracts/measures.js';
import { toDayNumber, type IsoDate } from '../deadlines/iso-date.js';

export { MEASURE_CATEGORIES, MEASURE_STATUSES, RENT_DEBT_STATUSES };
export type MeasureCategory = (typeof MEASURE_CATEGORIES)[number];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type RentDebtStatus = (typeof RENT_DEBT_STATUSES)[number];

/** Who moves an application on: the case's organisation, or the one deciding rent-debt assumptions. */
export type Side = 'case' | 'deciding';

type Flow = Record<string, readonly { to: MeasureStatus; side: Side }[]>;
const c = (...to: MeasureStatus[]) => to.map((s) => ({ to: s, side: 'case' as const }));
const d = (...to: MeasureStatus[]) => to.map((s) => ({ to: s, side: 'deciding' as const }));

const WORK_STEPS: Flow = {
  planned: c('in_progress', 'done', 'failed', 'cancelled'),
  in_progress: c('done', 'failed', 'cancelled'),
  done: [],
  failed: c('planned'), // tried again (a new round of negotiation)
  cancelled: [],
};

/**
 * The status graph of each category. Final statuses are final, with two exceptions that happen
 * in practice: a referral the client did not attend is made again, and the deciding organisation
 * may correct its decision (an objection, a recalculated amount).
 */
const FLOWS: Record<MeasureCategory, Flow> = {
  rent_debt_assumption: {
    draft: c('applied', 'withdrawn'),
    applied: [...d('approved', 'partly_approved', 'rejected'), ...c('withdrawn')],
    approved: d('partly_approved', 'rejected'),
    partly_approved: d('approved', 'rejected'),
    rejected: d('approved', 'partly_approved'),
    withdrawn: [],
  },
  instalment_agreement: WORK_STEPS,
  direct_payment: WORK_STEPS,
  landlord_negotiation: WORK_STEPS,
  accompaniment: WORK_STEPS,
  other: WORK_STEPS,
  referral: {
    planned: c('referred', 'cancelled'),
    referred: c('attended', 'not_attended', 'cancelled'),
    attended: [],
    not_attended: c('referred', 'cancelled'),
    cancelled: [],
  },
  benefit_application: {
    planned: c('applied', 'withdrawn'),
    applied: c('approved', 'partly_approved', 'rejected', 'withdrawn'),
    approved: [],
    partly_approved: [],
    rejected: [],
    withdrawn: [],
  },
};

const INITIAL: Record<MeasureCategory, readonly MeasureStatus[]> = {
  rent_debt_assumption: ['draft'],
  instalment_agreement: ['planned', 'in_progress', 'done'],
  direct_payment: ['planned', 'in_progress', 'done'],
  landlord_negotiation: ['planned', 'in_progress', 'done'],
  accompaniment: ['planned', 'done'],
  other: ['planned', 'in_progress', 'done'],
  referral: ['planned', 'referred'],
  benefit_application: ['planned', 'applied'],
};

/** Every status a measure of the category can have. */
export function statusesOf(category: MeasureCategory): MeasureStatus[] {
  return Object.keys(FLOWS[category]) as MeasureStatus[];
}

/** The statuses a new measure of the category may start in (recording one that already happened). */
export function initialStatuses(category: MeasureCategory): readonly MeasureStatus[] {
  return INITIAL[category];
}

const FINAL: ReadonlySet<string> = new Set(['done', 'failed', 'cancelled', 'attended', 'not_attended', 'approved', 'partly_approved', 'rejected', 'withdrawn']);

/**
 * Statuses that end a measure: the completion date is recorded then. (A few may still be
 * corrected or repeated, see FLOWS, but nothing is pending.)
 */
export function isFinal(status: string): boolean {
  return FINAL.has(status);
}

export type TransitionCheck = { ok: true } | { ok: false; reason: 'unknown_status' | 'not_allowed' | 'other_side' };

/** Whether `side` may move a measure of the category from one status to another. */
export function checkTransition(category: MeasureCategory, from: string, to: string, side: Side): TransitionCheck {
  const flow = FLOWS[category];
  if (!(from in flow) || !(to in flow)) return { ok: false, reason: 'unknown_status' };
  if (from === to) return { ok: true };
  const step = flow[from].find((s) => s.to === to);
  if (!step) return { ok: false, reason: 'not_allowed' };
  if (step.side !== side) return { ok: false, reason: 'other_side' };
  return { ok: true };
}

// ---- rent-debt assumption and the Schonfrist ---------------------------------------------------

export type RentDebtWarningCode =
  /** The commitment reached the landlord after the Schonfrist ended: it no longer cures the termination. */
  | 'commitment_after_schonfrist'
  /** It reached the landlord in time, but with less than the configured margin. */
  | 'commitment_close_to_schonfrist'
  /** Not decided yet and the Schonfrist ends within the margin. */
  | 'undecided_schonfrist_near'
  /** Approved, but no commitment has reached the landlord yet and the Schonfrist ends within the margin. */
  | 'commitment_missing_schonfrist_near'
  /** The Schonfrist is over and no commitment reached the landlord. */
  | 'schonfrist_passed_without_commitment';

export interface RentDebtWarning {
  code: RentDebtWarningCode;
  /** Days from the commitment (or today) to the Schonfrist end; negative when past. */
  days: number;
}

export interface RentDebtFacts {
  status: RentDebtStatus;
  /** The last day of the Schonfrist (§ 569 Abs. 3 Nr. 2 BGB); null while no suit has been served. */
  schonfristEnd: IsoDate | null;
  /** The day the unconditional payment commitment reached the landlord. */
  commitmentOn: IsoDate | null;
  today: IsoDate;
  /** Warn when fewer than this many days are left (per organisation, default 7). */
  warningDays: number;
}

const OPEN: readonly RentDebtStatus[] = ['draft', 'applied'];
const GRANTED: readonly RentDebtStatus[] = ['approved', 'partly_approved'];

/**
 * What the caseworker and the finance staff must be told about an application and the Schonfrist.
 * A termination for arrears becomes ineffective only if a public body's commitment reaches the
 * landlord by the end of the Schonfrist — a late commitment is ineffective even when the
 * authority caused the delay, so "in time but close" is worth a warning too. Without a known
 * Schonfrist end (no suit served yet) there is nothing to compare with.
 */
export function rentDebtWarnings(f: RentDebtFacts): RentDebtWarning[] {
  if (!f.schonfristEnd) return [];
  const end = toDayNumber(f.schonfristEnd);
  if (f.commitmentOn) {
    const margin = end - toDayNumber(f.commitmentOn);
    if (margin < 0) return [{ code: 'commitment_after_schonfrist', days: margin }];
    if (margin < f.warningDays) return [{ code: 'commitment_close_to_schonfrist', days: margin }];
    return [];
  }
  if (f.status === 'rejected' || f.status === 'withdrawn') return [];
  const left = end - toDayNumber(f.today);
  if (left < 0) return [{ code: 'schonfrist_passed_without_commitment', days: left }];
  if (left >= f.warningDays) return [];
  if (OPEN.includes(f.status)) return [{ code: 'undecided_schonfrist_near', days: left }];
  if (GRANTED.includes(f.status)) return [{ code: 'commitment_missing_schonfrist_near', days: left }];
  return [];
}
