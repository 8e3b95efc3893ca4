/**
 * What brokerage achieved in a period (Ergebnisse der Wohnraumvermittlung): leases signed per
 * month, how long households searched until they signed, and whether the tenancies still stand
 * at the 6- and 12-month follow-ups. Pure: the server gathers the rows, the figures come from here.
 */
import type { HousingOutcomes } from '../../contracts/housing.js';
import { daysBetween } from '../casework/calendar-day.js';

export interface Quartiles {
  count: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
}

/**
 * The value below which a share `p` of the sorted values lies, interpolating between neighbours
 * (the common spreadsheet definition, QUARTILE.INC / R type 7): the median of an even count is
 * the mean of the middle two, and one value is its own quartiles.
 */
function quantileOfSorted(sorted: readonly number[], p: number): number {
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function quartiles(values: readonly number[]): Quartiles {
  if (!values.length) return { count: 0, median: null, q1: null, q3: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, median: quantileOfSorted(sorted, 0.5), q1: quantileOfSorted(sorted, 0.25), q3: quantileOfSorted(sorted, 0.75) };
}

/** Every month (YYYY-MM) from the one of `from` to the one of `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Longest period one answer covers: ten years of months. */
export const MAX_OUTCOME_MONTHS = 120;

export interface LeaseFacts {
  /** The day the household's search began. */
  startedOn: string;
  leaseSignedOn: string;
}

export interface FollowUpFacts {
  months: number;
  dueOn: string;
  /** null: not checked yet. */
  inPlace: boolean | null;
}

export const FOLLOW_UP_MONTHS = [6, 12] as const;

/**
 * The figures of a period [from, to] (both days included). Leases count in the period they were
 * signed in; the follow-ups count once they are due by the period's end, whenever the tenancy
 * began, so the share still housed grows with every checked household.
 */
export function housingOutcomes(from: string, to: string, leases: readonly LeaseFacts[], followUps: readonly FollowUpFacts[]): HousingOutcomes {
  const inPeriod = leases.filter((l) => l.leaseSignedOn >= from && l.leaseSignedOn <= to);
  const perMonth = new Map(monthsBetween(from, to).map((m) => [m, 0]));
  for (const l of inPeriod) {
    const month = l.leaseSignedOn.slice(0, 7);
    perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
  }
  return {
    from,
    to,
    placementsPerMonth: [...perMonth].map(([month, placements]) => ({ month, placements })),
    daysToLease: quartiles(inPeriod.map((l) => daysBetween(l.startedOn, l.leaseSignedOn))),
    sustainment: FOLLOW_UP_MONTHS.map((months) => {
      const due = followUps.filter((f) => f.months === months && f.dueOn <= to);
      const checked = due.filter((f) => f.inPlace !== null);
      return { months, due: due.length, checked: checked.length, inPlace: checked.filter((f) => f.inPlace).length };
    }),
  };
}
