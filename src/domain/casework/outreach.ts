import type { IsoDate } from '../deadlines/iso-date.js';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES } from '../../contracts/outreach.js';
import { daysBetween, localDay, median } from './calendar-day.js';

/**
 * Outreach (aufsuchende Arbeit): reaching the household by letter, phone, e-mail, at the office
 * and — when nothing else works — at the door. Good projects reach about two thirds of households.
 */
export { CONTACT_CHANNELS, CONTACT_OUTCOMES };
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
// reached: spoke with the household; appointment_agreed: spoke and agreed an appointment;
// refused: spoke, they do not want help; not_reached: nobody answered or came; message_left:
// voicemail, or a card in the letterbox at a home visit; letter_sent: letter or e-mail sent;
// moved_away: the household no longer lives there (neighbours, a returned letter).
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Outcomes that mean a conversation took place: the household counts as reached. */
export const CONVERSATION_OUTCOMES: readonly ContactOutcome[] = ['reached', 'appointment_agreed', 'refused'];

/** Which outcomes an attempt on each channel can have (a letter cannot "leave a message"). */
export const OUTCOMES_BY_CHANNEL: Record<ContactChannel, readonly ContactOutcome[]> = {
  letter: ['letter_sent', 'reached', 'moved_away'],
  email: ['letter_sent', 'reached', 'moved_away'],
  phone: ['reached', 'appointment_agreed', 'refused', 'not_reached', 'message_left', 'moved_away'],
  home_visit: ['reached', 'appointment_agreed', 'refused', 'not_reached', 'message_left', 'moved_away'],
  office: ['reached', 'appointment_agreed', 'refused', 'not_reached'],
};

export const outcomeFits = (channel: ContactChannel, outcome: ContactOutcome) => OUTCOMES_BY_CHANNEL[channel].includes(outcome);

export const isConversation = (outcome: ContactOutcome | null) => outcome !== null && CONVERSATION_OUTCOMES.includes(outcome);

export interface AttemptFact {
  channel: ContactChannel;
  /** When the attempt was made; null while it is only planned. */
  attemptedAt: Date | null;
  outcome: ContactOutcome | null;
}

/** Home visits actually made (planned ones do not count towards the three required). */
export function homeVisitsMade(attempts: readonly AttemptFact[]): number {
  return attempts.filter((a) => a.channel === 'home_visit' && a.attemptedAt !== null && a.outcome !== null).length;
}

export interface CaseReach {
  reached: boolean;
  firstAttemptOn: IsoDate | null;
  firstConversationOn: IsoDate | null;
  /** Days from the notice's receipt to the first attempt / the first conversation (null: not yet). */
  daysToFirstAttempt: number | null;
  daysToFirstConversation: number | null;
  attempts: number;
  homeVisits: number;
}

/** The reach indicator of one case, from its receipt date and its contact attempts. */
export function caseReach(receivedOn: IsoDate, attempts: readonly AttemptFact[], timeZone?: string): CaseReach {
  const made = attempts.filter((a): a is AttemptFact & { attemptedAt: Date } => a.attemptedAt !== null && a.outcome !== null);
  const earliest = (list: typeof made) =>
    list.length ? localDay(new Date(Math.min(...list.map((a) => a.attemptedAt.getTime()))), timeZone) : null;
  const firstAttemptOn = earliest(made);
  const firstConversationOn = earliest(made.filter((a) => isConversation(a.outcome)));
  // An attempt recorded before the notice arrived (a walk-in seen first) counts as day 0.
  const days = (d: IsoDate | null) => (d === null ? null : Math.max(0, daysBetween(receivedOn, d)));
  return {
    reached: firstConversationOn !== null,
    firstAttemptOn,
    firstConversationOn,
    daysToFirstAttempt: days(firstAttemptOn),
    daysToFirstConversation: days(firstConversationOn),
    attempts: made.length,
    homeVisits: homeVisitsMade(attempts),
  };
}

export interface ReachFigures {
  cases: number;
  /** Cases with at least one attempt made. */
  attempted: number;
  reached: number;
  /** reached / cases (0–1); null without cases. */
  shareReached: number | null;
  medianDaysToFirstAttempt: number | null;
  medianDaysToFirstConversation: number | null;
}

/** Reach of a team or organisation: counts, share reached and median days, over its cases. */
export function reachFigures(cases: readonly Pick<CaseReach, 'reached' | 'daysToFirstAttempt' | 'daysToFirstConversation'>[]): ReachFigures {
  const reached = cases.filter((c) => c.reached).length;
  const toAttempt = cases.map((c) => c.daysToFirstAttempt).filter((d): d is number => d !== null);
  const toConversation = cases.map((c) => c.daysToFirstConversation).filter((d): d is number => d !== null);
  return {
    cases: cases.length,
    attempted: toAttempt.length,
    reached,
    shareReached: cases.length ? reached / cases.length : null,
    medianDaysToFirstAttempt: median(toAttempt),
    medianDaysToFirstConversation: median(toConversation),
  };
}

export interface DayListStop {
  municipality: string;
  street: string;
  houseNumber: string;
}

export interface DayListGroup<T> {
  municipality: string;
  streets: { street: string; visits: T[] }[];
}

const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });

/**
 * The home visits of one day as a route sheet: by municipality, then street, then house number
 * in natural order (2 before 10, 5 before 5a), so the visits in one street follow each other.
 */
export function groupDayList<T extends DayListStop>(visits: readonly T[]): DayListGroup<T>[] {
  const sorted = [...visits].sort(
    (a, b) =>
      collator.compare(a.municipality, b.municipality) ||
      collator.compare(a.street, b.street) ||
      collator.compare(a.houseNumber, b.houseNumber),
  );
  const groups: DayListGroup<T>[] = [];
  for (const v of sorted) {
    let g = groups.at(-1);
    if (!g || collator.compare(g.municipality, v.municipality) !== 0) {
      g = { municipality: v.municipality, streets: [] };
      groups.push(g);
    }
    let s = g.streets.at(-1);
    if (!s || collator.compare(s.street, v.street) !== 0) {
      s = { street: v.street, visits: [] };
      g.streets.push(s);
    }
    s.visits.push(v);
  }
  return groups;
}

/**
 * The chronological record's order: newest day first; within a day, the latest entry first.
 * A note written today about yesterday's visit stands at yesterday.
 */
export function newestFirst<T extends { on: IsoDate; at: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.on === b.on ? Date.parse(b.at) - Date.parse(a.at) : a.on < b.on ? 1 : -1));
}
