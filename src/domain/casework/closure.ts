import type { IsoDate } from '../deadlines/iso-date.js';
import { CLOSURE_OUTCOMES, DEBT_CAUSES, NOT_REACHED_REASONS } from '../../contracts/outreach.js';
import { addMonths } from './calendar-day.js';

// How a case ended (Verbleib), the causes of the rent debt (multi-select) and why a household
// may count as "not reached" before three home visits; issue 7's statistics count all of them.
export { CLOSURE_OUTCOMES, DEBT_CAUSES, NOT_REACHED_REASONS };
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];
export type DebtCause = (typeof DEBT_CAUSES)[number];
export type NotReachedReason = (typeof NOT_REACHED_REASONS)[number];

/** Practice in the prevention projects: at least three attempts at the door before giving up. */
export const REQUIRED_HOME_VISITS = 3;

/** Follow-up questions ("is the household still housed?") after closure. */
export const FOLLOW_UP_MONTHS = [6, 12] as const;

export interface ClosureInput {
  outcome: ClosureOutcome;
  causes: readonly DebtCause[];
  notReachedReason: NotReachedReason | null;
  note: string | null;
  /** Home visits made so far (domain/casework/outreach homeVisitsMade). */
  homeVisits: number;
}

export interface ClosureProblem {
  path: string;
  key: string;
  params?: Record<string, string>;
}

const blank = (s: string | null) => s === null || s.trim() === '';

/**
 * What stands in the way of closing with these facts, named by field (empty: may close):
 * - "not reached" needs three home visits, or a recorded reason why they could not be made;
 * - a reason only belongs to "not reached";
 * - "other" (as outcome or reason) needs a note saying what it was.
 */
export function closureProblems(input: ClosureInput): ClosureProblem[] {
  const problems: ClosureProblem[] = [];
  if (input.outcome === 'not_reached') {
    if (input.notReachedReason === null && input.homeVisits < REQUIRED_HOME_VISITS) {
      problems.push({
        path: 'notReachedReason',
        key: 'closure.home_visits_required',
        params: { required: String(REQUIRED_HOME_VISITS), count: String(input.homeVisits) },
      });
    }
  } else if (input.notReachedReason !== null) {
    problems.push({ path: 'notReachedReason', key: 'closure.reason_only_when_not_reached' });
  }
  if ((input.outcome === 'other' || input.notReachedReason === 'other') && blank(input.note)) {
    problems.push({ path: 'note', key: 'closure.note_required_for_other' });
  }
  return problems;
}

/** The follow-up due dates of a closure: 6 and 12 months later, at the month's end if shorter. */
export function followUpDates(closedOn: IsoDate): { months: (typeof FOLLOW_UP_MONTHS)[number]; dueOn: IsoDate }[] {
  return FOLLOW_UP_MONTHS.map((months) => ({ months, dueOn: addMonths(closedOn, months) }));
}
