/**
 * The shelter register and the landlord file: how full an accommodation is, whether a household's
 * stays fit together, and which agreement year a cooperation agreement's quota is counted in.
 */
import type { EthosCategory, EthosSituation } from '../../contracts/casefile.js';
import type { AccommodationKind } from '../../contracts/housing.js';
import { addMonths } from '../casework/calendar-day.js';
import { addDays } from '../deadlines/index.js';
import { wholeMonths } from './matching.js';

export interface Occupancy {
  households: number;
  persons: number;
  /** Places not taken; never below zero (an overcrowded house shows persons above places). */
  free: number;
}

export function occupancy(places: number, households: number, persons: number): Occupancy {
  return { households, persons, free: Math.max(0, places - persons) };
}

/** A household's stay in an accommodation: from the move-in day to the move-out day (open: still there). */
export interface Stay {
  movedInOn: string;
  movedOutOn: string | null;
}

export interface StayProblem {
  path: 'accommodationId' | 'movedInOn' | 'movedOutOn';
  key: string;
}

/**
 * Problems of a stay among the household's other stays, judged on `today`: nothing is recorded
 * ahead (a move planned for next week is a task, not a stay), the move-out is not before the
 * move-in, a household lives in one place at a time (moving from one to the next on the same day
 * is fine), and only one stay is open.
 */
export function stayProblems(stay: Stay, others: readonly Stay[], today: string): StayProblem[] {
  const problems: StayProblem[] = [];
  if (stay.movedInOn > today) problems.push({ path: 'movedInOn', key: 'housing.moved_in_future' });
  if (stay.movedOutOn !== null && stay.movedOutOn > today) problems.push({ path: 'movedOutOn', key: 'housing.moved_out_future' });
  if (stay.movedOutOn !== null && stay.movedOutOn < stay.movedInOn) problems.push({ path: 'movedOutOn', key: 'housing.moved_out_before_in' });
  if (problems.length) return problems;
  if (stay.movedOutOn === null && others.some((o) => o.movedOutOn === null)) {
    problems.push({ path: 'accommodationId', key: 'housing.already_placed' });
  } else if (others.some((o) => overlap(stay, o))) {
    problems.push({ path: 'movedInOn', key: 'housing.overlaps_other_stay' });
  }
  return problems;
}

/** Two stays share a night: each begins before the other ends. */
function overlap(a: Stay, b: Stay): boolean {
  const endA = a.movedOutOn ?? '9999-12-31';
  const endB = b.movedOutOn ?? '9999-12-31';
  return a.movedInOn < endB && b.movedInOn < endA;
}

/** Whole months of a stay so far, or of the whole stay once it ended. */
export function stayMonths(stay: Stay, today: string): number {
  return wholeMonths(stay.movedInOn, stay.movedOutOn ?? today);
}

/**
 * The agreement year a quota ("five flats a year") is counted in: the year since the latest
 * anniversary of the agreement's start, on `today` or — for an agreement that has ended — on its
 * last day, and never beyond that last day. Null before the agreement begins.
 */
export function agreementYear(validFrom: string, validUntil: string | null, today: string): { from: string; to: string } | null {
  if (today < validFrom) return null;
  const day = validUntil !== null && validUntil < today ? validUntil : today;
  const from = addMonths(validFrom, 12 * Math.floor(wholeMonths(validFrom, day) / 12));
  const yearEnd = addDays(addMonths(from, 12), -1);
  return { from, to: validUntil !== null && validUntil < yearEnd ? validUntil : yearEnd };
}

/** How many of the days lie within the period (both ends included). */
export function countWithin(days: readonly string[], period: { from: string; to: string } | null): number {
  if (!period) return 0;
  return days.filter((d) => d >= period.from && d <= period.to).length;
}

/**
 * The living situation (ETHOS Light) a placement puts a household in: an emergency shelter is
 * category 2, every other kind of accommodation for the homeless category 3. The case file shows
 * it from the move-in day, so the evaluation counts the household as accommodated, not as housed.
 */
export function livingSituationOfPlacement(kind: AccommodationKind): { category: EthosCategory; situation: EthosSituation } {
  switch (kind) {
    case 'emergency_shelter':
      return { category: 'emergency_accommodation', situation: 'overnight_shelter' };
    case 'transitional_housing':
      return { category: 'homeless_accommodation', situation: 'transitional_supported' };
    case 'refugee_accommodation':
    case 'hostel':
    case 'temporary_flat':
      return { category: 'homeless_accommodation', situation: 'temporary_accommodation' };
  }
}
