import {
  addMonthsClipped,
  addWeeks,
  addWorkingDays,
  nonWorkingReason,
  previousWorkingDay,
  shiftToWorkingDay,
  subtractWeeks,
  type SkippedDay,
} from './calendar.js';
import { DeadlineInputError } from './errors.js';
import { assertStateCode, DEFAULT_STATE, type StateCode } from './holidays.js';
import { assertIsoDate, maxDate, minDate, type IsoDate } from './iso-date.js';

/**
 * The legal deadlines of a tenancy-at-risk case (domain.md 1.2, 1.3 and 6). Each rule is a pure
 * function of dates and the Land; none reads the clock, so "overdue" is decided by the caller.
 *
 * Not legal advice: domain.md asks for confirmation by the Fachstelle's legal department before
 * production use, and marks the unverified points repeated in the comments below.
 */

export type CaseDeadlineKind =
  | 'schonfrist_end'
  | 'defence_notice'
  | 'hearing'
  | 'eviction'
  | 'bailiff_notice'
  | 'protection_request_765a'
  | 'raeumungsfrist_extension_request'
  | 'raeumungsfrist_max';

/** `first_contact` is an internal service standard, not a legal deadline (work queue only). */
export type DeadlineKind = CaseDeadlineKind | 'first_contact';

export type DeadlineShift = SkippedDay;

/**
 * Stable keys (for the i18n catalogue) of the caveats a deadline can carry.
 * - schonfrist_estimated: no service date known; computed from the court notice (lower bound).
 * - schonfrist_service_incomplete: some tenants' service dates are missing; computed from the
 *   latest known one (lower bound — the period runs from the last service).
 * - schonfrist_reuse_possibly_excluded: an earlier termination was cured within two years
 *   (§ 569 Abs. 3 Nr. 2 S. 2 BGB); see schonfristReuseWarning.
 * - backward_deadline_on_non_working_day: a deadline counted back from a later date falls on a
 *   weekend/holiday; it is not moved forward — act by `actBy`, the working day before.
 * - raeumungsfrist_beyond_maximum: the granted Räumungsfrist ends after the one-year limit.
 */
export type DeadlineWarning =
  | 'schonfrist_estimated'
  | 'schonfrist_service_incomplete'
  | 'schonfrist_reuse_possibly_excluded'
  | 'backward_deadline_on_non_working_day'
  | 'raeumungsfrist_beyond_maximum';

export interface Deadline {
  kind: DeadlineKind;
  /** The deadline day (last day to act, or the day of the event), after any § 193 shift. */
  date: IsoDate;
  /** For forward periods: the end before the § 193 BGB / § 222 Abs. 2 ZPO shift. */
  rawDate?: IsoDate;
  /** Days skipped by the shift, with the reason each one is not a working day. */
  shifts: DeadlineShift[];
  /** German legal basis, for display and for the case file. */
  basis: string;
  /** The event the period runs from (e.g. the last service), where there is one. */
  from?: IsoDate;
  /** Computed from incomplete facts; the real deadline cannot be earlier, but may be later. */
  estimate?: boolean;
  warnings?: DeadlineWarning[];
  /** For backward deadlines on a non-working day: the last working day before `date`. */
  actBy?: IsoDate;
  /** defence_notice: indexes (into the case's servedOn list) of the tenants it applies to. */
  tenants?: number[];
}

export const BASIS = {
  schonfrist_end: '§ 569 Abs. 3 Nr. 2 BGB i. V. m. §§ 187 Abs. 1, 188 Abs. 2 und 3, 193 BGB',
  defence_notice: '§ 276 Abs. 1 S. 1 ZPO i. V. m. § 222 Abs. 1 und 2 ZPO, §§ 187 Abs. 1, 188 Abs. 2 BGB',
  hearing: 'Terminsbestimmung des Gerichts (§ 216 ZPO)',
  eviction: 'Räumungstermin des Gerichtsvollziehers (§ 885 ZPO, § 128 GVGA)',
  bailiff_notice: '§ 128 Abs. 2 GVGA',
  protection_request_765a: '§ 765a Abs. 3 ZPO',
  raeumungsfrist_extension_request: '§ 721 Abs. 3 ZPO i. V. m. § 193 BGB analog',
  raeumungsfrist_max: '§ 721 Abs. 5 ZPO i. V. m. §§ 187 Abs. 1, 188 Abs. 2 und 3 BGB',
  first_contact: 'Interne Bearbeitungsvorgabe (Erstkontaktversuch)',
  schonfrist_reuse: '§ 569 Abs. 3 Nr. 2 S. 2 BGB',
} as const;

// ---------------------------------------------------------------------------------------------
// Input checks: every public rule validates what it is given, naming the field, so the HTTP
// layer can answer 400 with a pointer instead of computing with garbage.

function requireDate(value: unknown, field: string): IsoDate {
  if (value === undefined || value === null || value === '') throw new DeadlineInputError(field, 'required', value);
  assertIsoDate(value, field);
  return value;
}

function optionalDate(value: unknown, field: string): IsoDate | undefined {
  return value === undefined || value === null || value === '' ? undefined : requireDate(value, field);
}

function stateOf(value: unknown): StateCode {
  if (value === undefined || value === null || value === '') return DEFAULT_STATE;
  assertStateCode(value, 'state');
  return value;
}

function dateList(value: unknown, field: string): IsoDate[] {
  if (!Array.isArray(value) || value.length === 0) throw new DeadlineInputError(field, 'required', value);
  return value.map((d, i) => requireDate(d, `${field}[${i}]`));
}

// ---------------------------------------------------------------------------------------------
// Schonfrist (§ 569 Abs. 3 Nr. 2 BGB)

/**
 * Two months from `from` (§ 187 Abs. 1: the service day itself is not counted; § 188 Abs. 2/3:
 * same day number two months later, clipped to the month's end), then § 193 BGB: paying the
 * arrears or a public body's commitment is a performance/declaration, so an end on a weekend or
 * holiday of the place of performance moves to the next working day. The start is never shifted
 * — service on a Saturday or a holiday is valid (§ 222 ZPO commentary, TC-07).
 *
 * domain.md 1.3 [Unverified]: no source applies § 193 to the Schonfrist explicitly. Both dates
 * are returned; the UI should plan for `rawDate` and treat `date` as the legal limit.
 */
function schonfristFrom(from: IsoDate, state: StateCode): Deadline {
  const rawDate = addMonthsClipped(from, 2);
  const shifted = shiftToWorkingDay(rawDate, state);
  return { kind: 'schonfrist_end', date: shifted.date, rawDate, shifts: shifted.skipped, basis: BASIS.schonfrist_end, from };
}

/**
 * End of the Schonfrist. `servedOn` holds one service date per tenant (defendant): with several
 * tenants the period runs from the LAST service (domain.md 1.3, TC-19).
 */
export function schonfristEnd(input: { servedOn: readonly IsoDate[]; state?: StateCode }): Deadline {
  const servedOn = dateList(input?.servedOn, 'servedOn');
  return schonfristFrom(maxDate(servedOn), stateOf(input.state));
}

/**
 * The earliest possible Schonfrist end when no service date is known yet, computed as if the suit
 * had been served on the day the court's notice (MiZi) was received — or on the date the notice
 * bears, if known, whichever is earlier.
 *
 * Why this is a lower bound: the court sends the notice "unverzüglich" when the suit arrives
 * (MiZi IV/1, domain.md 1.2 row 2), while the suit itself is served afterwards (normally only once
 * the court-fee advance is paid, § 12 Abs. 1 GKG). Service therefore happens on or after the
 * notice, and the end computed above never decreases when the start moves later (month clipping
 * and the § 193 shift are both monotonic). So the real end is on or after this estimate: planning
 * for it never misses the real deadline, but it must be replaced as soon as the service date is
 * known (computeCaseDeadlines does so). Caveat: the Fachstelle's *receipt* date is only a lower
 * bound if the notice arrived before the suit was served; pass `noticeDatedOn` (the letter's
 * date) when available, and ask the court for the service date.
 */
export function schonfristEstimate(input: { receivedOn: IsoDate; noticeDatedOn?: IsoDate; state?: StateCode }): Deadline {
  const receivedOn = requireDate(input?.receivedOn, 'receivedOn');
  const noticeDatedOn = optionalDate(input.noticeDatedOn, 'noticeDatedOn');
  const from = noticeDatedOn ? minDate([receivedOn, noticeDatedOn]) : receivedOn;
  return { ...schonfristFrom(from, stateOf(input.state)), estimate: true, warnings: ['schonfrist_estimated'] };
}

export interface SchonfristReuseWarning {
  key: 'schonfrist_reuse_possibly_excluded';
  basis: typeof BASIS.schonfrist_reuse;
  currentTerminationOn: IsoDate;
  /** Earliest date an earlier cured termination may have to trigger the exclusion. */
  windowStart: IsoDate;
  /** The earlier cured terminations inside the window, oldest first. */
  earlierTerminations: IsoDate[];
  /** The compared dates are an assumption (domain.md 1.3 [Unverified]): a lawyer must decide. */
  unverified: true;
}

/**
 * § 569 Abs. 3 Nr. 2 S. 2 BGB: the Schonfrist cure is unavailable if "not longer than two years"
 * before the current termination an earlier termination was already cured this way. domain.md
 * could not confirm which dates the courts compare — the reading assumed here is the receipt of
 * the earlier vs. the current termination — so this only raises a flag for a human decision.
 * The window boundary (exactly two years back, § 188 Abs. 2 BGB counted backwards) is included,
 * erring towards warning.
 */
export function schonfristReuseWarning(input: {
  currentTerminationOn: IsoDate;
  earlierCuredTerminations: readonly IsoDate[];
}): SchonfristReuseWarning | null {
  const current = requireDate(input?.currentTerminationOn, 'currentTerminationOn');
  const earlier = Array.isArray(input.earlierCuredTerminations)
    ? input.earlierCuredTerminations.map((d, i) => requireDate(d, `earlierCuredTerminations[${i}]`))
    : [];
  const windowStart = addMonthsClipped(current, -24);
  const inWindow = earlier.filter((d) => d >= windowStart && d < current).sort();
  if (inWindow.length === 0) return null;
  return {
    key: 'schonfrist_reuse_possibly_excluded',
    basis: BASIS.schonfrist_reuse,
    currentTerminationOn: current,
    windowStart,
    earlierTerminations: inWindow,
    unverified: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Backward deadlines: "at least n weeks before" a date set by someone else.

/**
 * Counted back with § 188 Abs. 2 logic (same weekday n weeks earlier). Never shifted forward — a
 * later date would be too late. If the day is not a working day, the date stays (it is still the
 * legal limit) but the caseworker is told to act on the previous working day, when courts and
 * bailiffs can actually receive it.
 */
function backward(kind: CaseDeadlineKind, date: IsoDate, basis: string, state: StateCode, from: IsoDate): Deadline {
  const deadline: Deadline = { kind, date, shifts: [], basis, from };
  if (nonWorkingReason(date, state) !== null) {
    deadline.actBy = previousWorkingDay(date, state);
    deadline.warnings = ['backward_deadline_on_non_working_day'];
  }
  return deadline;
}

/**
 * Around a bailiff's eviction date: the date itself, the latest day the bailiff's notice may have
 * been served (≥ 3 weeks before, § 128 Abs. 2 GVGA — an internal rule for bailiffs; courts have
 * accepted ≥ 2 weeks, so a later notice is a point to check, not automatically void; TD-01), and
 * the latest day to file a § 765a protection request (≥ 2 weeks before, § 765a Abs. 3 ZPO; TD-02).
 */
export function evictionDeadlines(input: { evictionOn: IsoDate; state?: StateCode }): Deadline[] {
  const evictionOn = requireDate(input?.evictionOn, 'evictionOn');
  const state = stateOf(input.state);
  return [
    { kind: 'eviction', date: evictionOn, shifts: [], basis: BASIS.eviction },
    backward('bailiff_notice', subtractWeeks(evictionOn, 3), BASIS.bailiff_notice, state, evictionOn),
    backward('protection_request_765a', subtractWeeks(evictionOn, 2), BASIS.protection_request_765a, state, evictionOn),
  ];
}

/**
 * After a judgment with a Räumungsfrist (§ 721 ZPO; TD-03):
 * - the extension request is due ≥ 2 weeks before the Räumungsfrist ends (§ 721 Abs. 3 ZPO). A
 *   Räumungsfrist ending on a weekend/holiday ends on the next working day (§ 193 BGB analog, LG
 *   Hamburg 1990, domain.md 1.3); the two weeks are counted back from that shifted end. `rawDate`
 *   counts back from the unshifted end instead — the safe planning date.
 * - the Räumungsfrist may total at most one year from Rechtskraft, or from the later day on which
 *   a judgment for future eviction requires clearance (§ 721 Abs. 5 ZPO). That cap limits what
 *   the court may grant; it is not a deadline for an act, so it is not shifted.
 */
export function raeumungsfristDeadlines(input: {
  raeumungsfristEnd: IsoDate;
  judgmentFinalOn?: IsoDate;
  /** § 721 Abs. 5 S. 2 alt.: clearance day of a judgment for future eviction, if later. */
  clearanceDueOn?: IsoDate;
  state?: StateCode;
}): Deadline[] {
  const end = requireDate(input?.raeumungsfristEnd, 'raeumungsfristEnd');
  const judgmentFinalOn = optionalDate(input.judgmentFinalOn, 'judgmentFinalOn');
  const clearanceDueOn = optionalDate(input.clearanceDueOn, 'clearanceDueOn');
  const state = stateOf(input.state);

  const shiftedEnd = shiftToWorkingDay(end, state);
  const request = backward(
    'raeumungsfrist_extension_request',
    subtractWeeks(shiftedEnd.date, 2),
    BASIS.raeumungsfrist_extension_request,
    state,
    shiftedEnd.date,
  );
  request.rawDate = subtractWeeks(end, 2);
  request.shifts = shiftedEnd.skipped;
  const result = [request];

  if (judgmentFinalOn) {
    const from = clearanceDueOn ? maxDate([judgmentFinalOn, clearanceDueOn]) : judgmentFinalOn;
    const max: Deadline = { kind: 'raeumungsfrist_max', date: addMonthsClipped(from, 12), shifts: [], basis: BASIS.raeumungsfrist_max, from };
    if (end > max.date) max.warnings = ['raeumungsfrist_beyond_maximum'];
    result.push(max);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Court procedure

/** The hearing date as set by the court, for the timeline (nothing to compute). */
export function hearingDeadline(input: { hearingOn: IsoDate }): Deadline {
  const hearingOn = requireDate(input?.hearingOn, 'hearingOn');
  return { kind: 'hearing', date: hearingOn, shifts: [], basis: BASIS.hearing };
}

/**
 * Written preliminary procedure: the defendant must announce the intention to defend within an
 * emergency period of two weeks from service of the suit (§ 276 Abs. 1 S. 1 ZPO), else a default
 * judgment threatens. Two weeks end on the same weekday (§ 222 Abs. 1 ZPO, §§ 187 Abs. 1,
 * 188 Abs. 2 BGB); an end on a weekend or a holiday at the court's seat moves to the next working
 * day (§ 222 Abs. 2 ZPO). If the court chose an early first hearing (§ 275 ZPO) instead, there is
 * no such period — the court's order is authoritative.
 */
export function defenceNoticeDeadline(input: { servedOn: IsoDate; state?: StateCode }): Deadline {
  const servedOn = requireDate(input?.servedOn, 'servedOn');
  const rawDate = addWeeks(servedOn, 2);
  const shifted = shiftToWorkingDay(rawDate, stateOf(input.state));
  return { kind: 'defence_notice', date: shifted.date, rawDate, shifts: shifted.skipped, basis: BASIS.defence_notice, from: servedOn };
}

// ---------------------------------------------------------------------------------------------
// Work queue

export const DEFAULT_FIRST_CONTACT_WORKING_DAYS = 3;

/**
 * The day by which a first contact attempt is due after a notice was received: `workingDays`
 * working days later (receipt day not counted), so a Friday notice is due on Wednesday, not
 * Monday. An internal standard, not law; the work queue marks cases past it as overdue.
 */
export function firstContactDue(input: { receivedOn: IsoDate; workingDays?: number; state?: StateCode }): Deadline {
  const receivedOn = requireDate(input?.receivedOn, 'receivedOn');
  const n = input.workingDays ?? DEFAULT_FIRST_CONTACT_WORKING_DAYS;
  if (!Number.isInteger(n) || n < 0 || n > 60) throw new DeadlineInputError('workingDays', 'invalid_number', n);
  return {
    kind: 'first_contact',
    date: addWorkingDays(receivedOn, n, stateOf(input.state)),
    shifts: [],
    basis: `${BASIS.first_contact}: ${n} Arbeitstage`,
    from: receivedOn,
  };
}

// ---------------------------------------------------------------------------------------------
// All deadlines of a case

export interface CaseDeadlineFacts {
  /** Land of the place of performance / the court (holidays); default NW. */
  state?: StateCode;
  /**
   * One entry per tenant (defendant): the day the suit was served on them, or null while unknown.
   * Empty or missing: no service known yet.
   */
  servedOn?: readonly (IsoDate | null)[];
  /** Day the court's notice (MiZi) reached the Fachstelle. */
  receivedOn?: IsoDate;
  /** Date printed on the court's notice, if recorded (tightens the estimate). */
  noticeDatedOn?: IsoDate;
  hearingOn?: IsoDate;
  evictionOn?: IsoDate;
  judgmentFinalOn?: IsoDate;
  raeumungsfristEnd?: IsoDate;
  clearanceDueOn?: IsoDate;
  /** Receipt of the current termination and earlier terminations cured by a Schonfrist payment. */
  terminationReceivedOn?: IsoDate;
  earlierCuredTerminations?: readonly IsoDate[];
}

const KIND_ORDER: DeadlineKind[] = [
  'first_contact',
  'defence_notice',
  'schonfrist_end',
  'hearing',
  'raeumungsfrist_extension_request',
  'raeumungsfrist_max',
  'bailiff_notice',
  'protection_request_765a',
  'eviction',
];

/**
 * Every deadline that follows from what is known about a case, sorted by date. Called at intake
 * and again whenever a fact changes (e.g. the service date arrives, replacing the estimate).
 */
export function computeCaseDeadlines(facts: CaseDeadlineFacts): Deadline[] {
  if (facts === null || typeof facts !== 'object') throw new DeadlineInputError('facts', 'required', facts);
  // Validate every fact first, so a bad date is reported even where it would not be used.
  const state = stateOf(facts.state);
  if (facts.servedOn !== undefined && facts.servedOn !== null && !Array.isArray(facts.servedOn)) {
    throw new DeadlineInputError('servedOn', 'invalid_date', facts.servedOn);
  }
  const served = (facts.servedOn ?? []).map((d, i) => (d === null || d === undefined ? null : requireDate(d, `servedOn[${i}]`)));
  const receivedOn = optionalDate(facts.receivedOn, 'receivedOn');
  const noticeDatedOn = optionalDate(facts.noticeDatedOn, 'noticeDatedOn');
  const hearingOn = optionalDate(facts.hearingOn, 'hearingOn');
  const evictionOn = optionalDate(facts.evictionOn, 'evictionOn');
  const judgmentFinalOn = optionalDate(facts.judgmentFinalOn, 'judgmentFinalOn');
  const raeumungsfristEnd = optionalDate(facts.raeumungsfristEnd, 'raeumungsfristEnd');
  const clearanceDueOn = optionalDate(facts.clearanceDueOn, 'clearanceDueOn');
  const terminationReceivedOn = optionalDate(facts.terminationReceivedOn, 'terminationReceivedOn');
  const reuse = terminationReceivedOn
    ? schonfristReuseWarning({ currentTerminationOn: terminationReceivedOn, earlierCuredTerminations: facts.earlierCuredTerminations ?? [] })
    : null;

  const out: Deadline[] = [];
  const known = served.filter((d): d is IsoDate => d !== null);
  let schonfrist: Deadline | undefined;
  if (known.length > 0) {
    schonfrist = schonfristFrom(maxDate(known), state);
    // A tenant not yet served can only be served later, so the real end is on or after this one.
    if (known.length < served.length) {
      schonfrist.estimate = true;
      schonfrist.warnings = ['schonfrist_service_incomplete'];
    }
  } else if (receivedOn || noticeDatedOn) {
    schonfrist = schonfristEstimate({ receivedOn: (receivedOn ?? noticeDatedOn)!, noticeDatedOn, state });
  }
  if (schonfrist) {
    if (reuse) schonfrist.warnings = [...(schonfrist.warnings ?? []), reuse.key];
    out.push(schonfrist);
  }

  // One defence deadline per day it ends on, naming the tenants it applies to. Different service
  // days can end on the same day (served Saturday and Sunday → both end on the Monday two weeks
  // later); the row then keeps the earliest service as its origin and lists every tenant.
  const defence = new Map<IsoDate, Deadline>();
  for (const date of [...new Set(known)].sort()) {
    const tenants = served.flatMap((d, i) => (d === date ? [i] : []));
    const d = defenceNoticeDeadline({ servedOn: date, state });
    const same = defence.get(d.date);
    if (same) same.tenants = [...same.tenants!, ...tenants].sort((a, b) => a - b);
    else defence.set(d.date, { ...d, tenants });
  }
  out.push(...defence.values());

  if (hearingOn) out.push(hearingDeadline({ hearingOn }));
  // The one-year cap only matters once a Räumungsfrist has been granted.
  if (raeumungsfristEnd) out.push(...raeumungsfristDeadlines({ raeumungsfristEnd, judgmentFinalOn, clearanceDueOn, state }));
  if (evictionOn) out.push(...evictionDeadlines({ evictionOn, state }));

  return out.sort((a, b) => (a.date === b.date ? KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) : a.date < b.date ? -1 : 1));
}
