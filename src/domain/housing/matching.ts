/**
 * Brokerage matching (Wohnraumvermittlung): does a searching household fit a flat, and how urgent
 * is it compared with the others? One pure function answers both for every pair, so the list of
 * candidates for an offer and the list of offers for a household always agree, and every answer
 * carries its reasons in words a caseworker can repeat to the household and the landlord.
 *
 * Blockers exclude a household (the Jobcenter would not pay the rent, the flat cannot be reached,
 * the household is too large for it, the landlord needs a WBS the household lacks). Notes explain
 * the ranking among the households that fit: urgency first (a long shelter stay — the priority
 * group of the state programme —, children, a move-out day), then the household's wishes.
 */
import type { Fit, FitBlocker, FitNote } from '../../contracts/housing.js';
import { addMonths, daysBetween } from '../casework/calendar-day.js';
import type { Limit } from './adequacy.js';

export interface OfferFacts {
  rooms: number;
  floor: number;
  stepFree: boolean;
  lift: boolean;
  grossColdRent: number;
  floorArea: number;
  wbsRequired: boolean;
  municipalityId: string;
  availableFrom: string;
}

export interface SearchFacts {
  persons: number;
  children: number;
  minRooms: number | null;
  needsStepFree: boolean;
  hasWbs: boolean;
  preferredMunicipalityIds: readonly string[];
  neededBy: string | null;
  startedOn: string;
  /** Move-in day of the household's current shelter placement, if it lives in one. */
  shelterSince: string | null;
}

export interface MatchContext {
  today: string;
  /** Shelter stays at least this long are the priority group (BLEIBE_LONG_STAY_MONTHS). */
  longStayMonths: number;
  /** The adequacy limit for the household's size where the flat is, on the day it is free. */
  limit: Limit | null;
}

/** The order blockers are reported in: what can least be changed first. */
const BLOCKER_ORDER: readonly FitBlocker[] = ['wbs_missing', 'not_step_free', 'too_few_rooms', 'below_min_rooms', 'too_many_rooms', 'no_adequacy_limit', 'rent_above_limit'];

/**
 * The rooms a household of `persons` can live in: at most two persons a room (below that the
 * flat is overcrowded), and at most one room more than persons (beyond that the rent limit of
 * the household size will not carry the flat, and landlords let it to larger households).
 */
export function roomRange(persons: number): { min: number; max: number } {
  return { min: Math.max(1, Math.ceil(persons / 2)), max: persons + 1 };
}

/** The household sizes a flat with `rooms` rooms suits (the inverse of roomRange). */
export function personsRange(rooms: number): { min: number; max: number } {
  return { min: Math.max(1, Math.ceil(rooms - 1)), max: 2 * Math.floor(rooms) };
}

/** A household that needs step-free access reaches the flat: no steps, and a lift above the ground floor. */
export function reachableWithoutSteps(o: Pick<OfferFacts, 'stepFree' | 'floor' | 'lift'>): boolean {
  return o.stepFree && (o.floor <= 0 || o.lift);
}

/** Whole months from `from` to `to` (a stay from 15 January is one month old on 15 February). */
export function wholeMonths(from: string, to: string): number {
  if (to < from) return 0;
  let months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  if (addMonths(from, months) > to) months--;
  return Math.max(0, months);
}

// Weights of the urgency score. A shelter stay dominates (the programme's priority group), a year
// in a shelter outweighs any combination of wishes; children and a near move-out day come next.
const W = {
  inShelter: 20,
  perShelterMonth: 2,
  maxShelterMonths: 36,
  perChild: 5,
  maxChildren: 4,
  perSearchMonth: 1,
  maxSearchMonths: 24,
  preferred: 10,
  notPreferred: -10,
  neededSoon: 15,
  tooLate: -5,
  areaAbove: -3,
} as const;
/** A move-out day this close makes an offer free in time urgent. */
const NEEDED_SOON_DAYS = 60;
const LONG_SEARCH_MONTHS = 12;

export function fit(offer: OfferFacts, search: SearchFacts, ctx: MatchContext): Fit {
  const blockers = new Set<FitBlocker>();
  const notes: FitNote[] = [];
  const rooms = roomRange(search.persons);

  if (offer.wbsRequired && !search.hasWbs) blockers.add('wbs_missing');
  if (search.needsStepFree && !reachableWithoutSteps(offer)) blockers.add('not_step_free');
  if (offer.rooms < rooms.min) blockers.add('too_few_rooms');
  else if (search.minRooms !== null && offer.rooms < search.minRooms) blockers.add('below_min_rooms');
  if (offer.rooms > rooms.max) blockers.add('too_many_rooms');
  if (!ctx.limit) blockers.add('no_adequacy_limit');
  else if (offer.grossColdRent > ctx.limit.rent) blockers.add('rent_above_limit');

  let score = 0;
  const shelterMonths = search.shelterSince ? wholeMonths(search.shelterSince, ctx.today) : null;
  if (shelterMonths !== null) {
    score += W.inShelter + Math.min(shelterMonths, W.maxShelterMonths) * W.perShelterMonth;
    notes.push(shelterMonths >= ctx.longStayMonths ? 'long_shelter_stay' : 'in_shelter');
  }
  if (search.children > 0) {
    score += Math.min(search.children, W.maxChildren) * W.perChild;
    notes.push('children');
  }
  if (search.neededBy) {
    if (offer.availableFrom <= search.neededBy) {
      notes.push('available_in_time');
      if (daysBetween(ctx.today, search.neededBy) <= NEEDED_SOON_DAYS) score += W.neededSoon;
    } else {
      notes.push('available_too_late');
      score += W.tooLate;
    }
  }
  if (search.preferredMunicipalityIds.length) {
    const preferred = search.preferredMunicipalityIds.includes(offer.municipalityId);
    notes.push(preferred ? 'preferred_municipality' : 'other_municipality');
    score += preferred ? W.preferred : W.notPreferred;
  }
  const searchMonths = wholeMonths(search.startedOn, ctx.today);
  score += Math.min(searchMonths, W.maxSearchMonths) * W.perSearchMonth;
  if (searchMonths >= LONG_SEARCH_MONTHS) notes.push('long_search');
  if (ctx.limit && offer.floorArea > ctx.limit.area) {
    notes.push('area_above_limit');
    score += W.areaAbove;
  }

  return {
    fits: blockers.size === 0,
    score,
    blockers: BLOCKER_ORDER.filter((b) => blockers.has(b)),
    notes,
    rentLimit: ctx.limit?.rent ?? null,
    shelterMonths,
    searchMonths,
  };
}

export interface Ranked<T> {
  item: T;
  fit: Fit;
}

/**
 * Fitting pairs best first; ties go to the household searching longer, then a stable key, so the
 * same data always gives the same order. Near misses: the non-fitting closest to fitting.
 */
export function rank<T>(pairs: readonly Ranked<T>[], startedOn: (item: T) => string, key: (item: T) => string) {
  const byUrgency = (a: Ranked<T>, b: Ranked<T>) =>
    b.fit.score - a.fit.score || startedOn(a.item).localeCompare(startedOn(b.item)) || key(a.item).localeCompare(key(b.item));
  const fitting = pairs.filter((p) => p.fit.fits).sort(byUrgency);
  const misses = pairs.filter((p) => !p.fit.fits);
  const excluded = new Map<FitBlocker, number>();
  for (const p of misses) excluded.set(p.fit.blockers[0], (excluded.get(p.fit.blockers[0]) ?? 0) + 1);
  const nearMisses = [...misses].sort((a, b) => a.fit.blockers.length - b.fit.blockers.length || byUrgency(a, b));
  return {
    fitting,
    excluded: BLOCKER_ORDER.filter((b) => excluded.has(b)).map((blocker) => ({ blocker, count: excluded.get(blocker)! })),
    nearMisses,
  };
}
