/**
 * The dashboard's urgency bands (contracts/reports.ts URGENCY_BANDS) from the days left to a
 * case's nearest decisive deadline, as the work queue computes them (domain/urgency).
 */
import type { URGENCY_BANDS } from '../../contracts/reports.js';

export type UrgencyBand = (typeof URGENCY_BANDS)[number];

/** Passed deadlines are overdue; 0–14 days left is the Schonfrist's working window; up to 60 days the next; the rest later. */
export function urgencyBand(daysLeft: number | null): UrgencyBand {
  if (daysLeft === null) return 'later_or_none';
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= 14) return 'within_14_days';
  if (daysLeft <= 60) return 'within_60_days';
  return 'later_or_none';
}
