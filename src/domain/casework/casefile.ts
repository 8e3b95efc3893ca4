/**
 * The household case file: the small rules that derive facts from it or check it (the
 * catalogues — relations, target groups, ETHOS Light, income sources, special categories — are
 * in contracts/casefile.ts, shared with the web app). Pure functions on plain values.
 */
import {
  ETHOS_CATEGORIES,
  TENANT_RELATIONS,
  type EthosCategory,
  type MemberRelation,
  type TargetGroup,
} from '../../contracts/casefile.js';

/** A calendar date `YYYY-MM-DD` (see domain/deadlines/iso-date.ts for why not `Date`). */
export type IsoDate = string;

/** A problem with one input field: `key` is below `errors.field` in the error catalogue. */
export interface FileProblem {
  path: string;
  key: string;
  params?: Record<string, unknown>;
}

// ---- ages and the household ------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Completed years of life on `today`. Someone born on 29 February becomes a year older on
 * 1 March in common years (§§ 187 Abs. 2, 188 Abs. 3 BGB). Null when the birth date is unknown
 * or after `today`.
 */
export function ageOn(birthDate: IsoDate | null | undefined, today: IsoDate): number | null {
  const b = birthDate ? DATE.exec(birthDate) : null;
  const t = DATE.exec(today);
  if (!b || !t) return null;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [ty, tm, td] = [Number(t[1]), Number(t[2]), Number(t[3])];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return age >= 0 ? age : null;
}

export interface MemberFacts {
  relation: MemberRelation;
  birthDate: IsoDate | null;
}

export interface HouseholdFacts {
  size: number;
  /** Under 18 by birth date or, without one, recorded as a child. */
  children: number;
  adults: number;
  /** Members whose age is unknown (no birth date, not recorded as a child). */
  ageUnknown: number;
  /** Tenants (main or co-tenant) aged 18–24 / 65 and older. */
  youngAdultTenants: number;
  seniorTenants: number;
  tenants: number;
}

/** The counts the case shows and the work queue weighs, derived from the recorded members. */
export function householdFacts(members: readonly MemberFacts[], today: IsoDate): HouseholdFacts {
  const f: HouseholdFacts = { size: members.length, children: 0, adults: 0, ageUnknown: 0, youngAdultTenants: 0, seniorTenants: 0, tenants: 0 };
  for (const m of members) {
    const age = ageOn(m.birthDate, today);
    const tenant = TENANT_RELATIONS.includes(m.relation);
    if (tenant) f.tenants++;
    // An adult son is not a child of the household; a child without a birth date still is.
    if (age !== null ? age < 18 : m.relation === 'child') f.children++;
    else if (age !== null) f.adults++;
    else f.ageUnknown++;
    if (tenant && age !== null && age >= 18 && age <= 24) f.youngAdultTenants++;
    if (tenant && age !== null && age >= 65) f.seniorTenants++;
  }
  return f;
}

/**
 * Target groups that follow from the members alone, shown beside the recorded ones: families
 * (a child in the household), single parents (children and exactly one adult), young adults and
 * seniors (every tenant of that age), large households (five or more people).
 */
export function derivedTargetGroups(f: HouseholdFacts): TargetGroup[] {
  const out: TargetGroup[] = [];
  if (f.children > 0) out.push('families_with_children');
  if (f.children > 0 && f.adults === 1 && f.ageUnknown === 0) out.push('single_parents');
  if (f.tenants > 0 && f.youngAdultTenants === f.tenants) out.push('young_adults');
  if (f.tenants > 0 && f.seniorTenants === f.tenants) out.push('seniors');
  if (f.size >= 5) out.push('large_households');
  return out;
}

/**
 * Whether the work queue treats the household as vulnerable: a recorded target group. Families
 * are not counted here (children weigh in the urgency on their own), and the sensitive markers
 * never are: the queue is seen by everyone in the team, so it must not reveal an illness or a
 * prison term, not even as a raised priority.
 */
export function isVulnerable(targetGroups: readonly string[]): boolean {
  return targetGroups.some((g) => g !== 'families_with_children');
}

export interface MemberInput extends MemberFacts {
  personId?: string | null;
  /** Case tenants (defendants with a service date) cannot leave the household through the file. */
  isCaseTenant?: boolean;
}

/** Members: at most one main tenant, no birth date in the future. */
export function checkMembers(members: readonly MemberFacts[], today: IsoDate): FileProblem[] {
  const problems: FileProblem[] = [];
  const mains = members.map((m, i) => ({ m, i })).filter((x) => x.m.relation === 'main_tenant');
  for (const x of mains.slice(1)) problems.push({ path: `members.${x.i}.relation`, key: 'casefile.one_main_tenant' });
  members.forEach((m, i) => {
    if (m.birthDate && m.birthDate > today) problems.push({ path: `members.${i}.birthDate`, key: 'casefile.date_in_future' });
  });
  return problems;
}

// ---- situation -------------------------------------------------------------------------------

/** The category a living situation belongs to (each situation code is in exactly one category). */
export function ethosCategoryOf(situation: string): EthosCategory | null {
  return ETHOS_CATEGORIES.find((c) => (c.situations as readonly string[]).includes(situation))?.code ?? null;
}

/** The living situation must belong to the category it is given with. */
export function checkLivingSituation(ls: { category: string; situation: string } | null, path = 'situation.livingSituation'): FileProblem[] {
  if (!ls) return [];
  const category = ethosCategoryOf(ls.situation);
  if (category === null) return [{ path: `${path}.situation`, key: 'casefile.unknown_code' }];
  return category === ls.category ? [] : [{ path: `${path}.situation`, key: 'casefile.situation_not_in_category' }];
}

/** Income sources: each once; "none" excludes every other source. */
export function checkIncomeSources(sources: readonly string[], path = 'situation.incomeSources'): FileProblem[] {
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  sources.forEach((s, i) => {
    if (seen.has(s)) problems.push({ path: `${path}.${i}`, key: 'casefile.duplicate' });
    seen.add(s);
  });
  if (seen.has('none') && seen.size > 1) problems.push({ path: `${path}.${sources.indexOf('none')}`, key: 'casefile.none_with_others' });
  return problems;
}

// ---- tenancy and arrears ---------------------------------------------------------------------

export interface RentSplit {
  baseRent: number | null;
  serviceCharges: number | null;
  heatingCosts: number | null;
}

/** The gross rent: the sum of the split when all of it is known, else the total as reported. */
export function rentTotal(split: RentSplit, reported: number | null): number | null {
  const { baseRent, serviceCharges, heatingCosts } = split;
  if (baseRent === null || serviceCharges === null || heatingCosts === null) return reported;
  return Math.round((baseRent + serviceCharges + heatingCosts) * 100) / 100;
}

export interface ArrearsEntry {
  recordedOn: IsoDate;
  amount: number;
}

/** The arrears as of the latest dated entry (the history is kept; this is what counts now). */
export function currentArrears<T extends ArrearsEntry>(entries: readonly T[]): T | null {
  let latest: T | null = null;
  for (const e of entries) if (!latest || e.recordedOn >= latest.recordedOn) latest = e;
  return latest;
}

/**
 * Arrears in monthly rents, to one decimal. Two months' rent allows a termination without
 * notice (§ 543 Abs. 2 Nr. 3 BGB), so the case shows this number beside the amount.
 */
export function arrearsInMonths(amount: number | null, monthlyRent: number | null): number | null {
  if (amount === null || !monthlyRent || monthlyRent <= 0) return null;
  return Math.round((amount / monthlyRent) * 10) / 10;
}

export function checkArrears(entries: readonly ArrearsEntry[], today: IsoDate): FileProblem[] {
  return entries.flatMap((e, i) => (e.recordedOn > today ? [{ path: `entries.${i}.recordedOn`, key: 'casefile.date_in_future' }] : []));
}

// ---- legal timeline --------------------------------------------------------------------------

export interface LegalTimeline {
  terminationReceivedOn?: IsoDate | null;
  suitFiledOn?: IsoDate | null;
  hearingOn?: IsoDate | null;
  judgmentOn?: IsoDate | null;
  judgmentFinalOn?: IsoDate | null;
  raeumungsfristEnd?: IsoDate | null;
  evictionOn?: IsoDate | null;
}

/**
 * The order the steps of an eviction necessarily follow. Each rule names the later field, so the
 * error sits where the caseworker most likely mistyped. Steps that may legitimately be recorded
 * out of order (a hearing before a suit we only learned of later) are not checked against each
 * other beyond what the law makes impossible.
 */
const ORDER: [keyof LegalTimeline, keyof LegalTimeline][] = [
  ['suitFiledOn', 'hearingOn'],
  ['suitFiledOn', 'judgmentOn'],
  ['judgmentOn', 'judgmentFinalOn'],
  ['judgmentOn', 'raeumungsfristEnd'],
  ['judgmentOn', 'evictionOn'],
];

export function checkLegalTimeline(t: LegalTimeline, path = 'legal'): FileProblem[] {
  const problems: FileProblem[] = [];
  for (const [earlier, later] of ORDER) {
    const a = t[earlier];
    const b = t[later];
    if (a && b && b < a && !problems.some((p) => p.path === `${path}.${later}`)) {
      problems.push({ path: `${path}.${later}`, key: `casefile.before_${earlier}` });
    }
  }
  return problems;
}

// ---- handover and absences -------------------------------------------------------------------

export interface AbsencePeriod {
  id?: string;
  userId: string;
  substituteId: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** Does the absence cover `day` (both ends included)? */
export const absenceCovers = (a: Pick<AbsencePeriod, 'startsOn' | 'endsOn'>, day: IsoDate) => a.startsOn <= day && day <= a.endsOn;

/**
 * A new absence: it ends on or after it starts, is not in the past, names someone else as the
 * substitute, and does not overlap another absence of the same person.
 */
export function checkAbsence(a: AbsencePeriod, others: readonly AbsencePeriod[], today: IsoDate): FileProblem[] {
  const problems: FileProblem[] = [];
  if (a.endsOn < a.startsOn) problems.push({ path: 'endsOn', key: 'casefile.ends_before_starts' });
  else if (a.endsOn < today) problems.push({ path: 'endsOn', key: 'casefile.date_in_past' });
  if (a.substituteId === a.userId) problems.push({ path: 'substituteId', key: 'casefile.substitute_is_absentee' });
  const clash = others.find((o) => o.id !== a.id && o.userId === a.userId && o.startsOn <= a.endsOn && a.startsOn <= o.endsOn);
  if (clash && a.endsOn >= a.startsOn) problems.push({ path: 'startsOn', key: 'casefile.absence_overlaps', params: { from: clash.startsOn, to: clash.endsOn } });
  return problems;
}

export interface HandoverActor {
  userId: string;
  /** cases.assign: team leads hand any case over. */
  mayAssign: boolean;
  /** cases.edit */
  mayEdit: boolean;
  /** The users this actor stands in for today (their absences name the actor as substitute). */
  standsInFor: readonly string[];
}

/**
 * Who may hand a case over to a colleague: a team lead any case; a caseworker the cases assigned
 * to them, and those of a colleague they stand in for while the colleague is away.
 */
export function mayHandOver(actor: HandoverActor, assigneeId: string | null): boolean {
  if (actor.mayAssign) return true;
  if (!actor.mayEdit || assigneeId === null) return false;
  return assigneeId === actor.userId || actor.standsInFor.includes(assigneeId);
}
