import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { FollowUpList as FollowUpListSchema, LandlordList as LandlordListSchema, OfferFit as OfferFitSchema, OfferList as OfferListSchema, ProposalStatus, SearchStatus } from '../../../contracts/housing';
import { api } from '../../app/api';
import type { Tone } from '../../ui/StatusBadge';
import { parseAmount } from '../casefile/parts';
import { localInputToInstant } from '../outreach/types';

export type {
  Candidate,
  CandidateList,
  CaseHousing,
  Fit,
  FitBlocker,
  FitNote,
  FollowUp,
  HousingOutcomes,
  Offer,
  OfferDetail,
  Proposal,
  ProposalPatch,
  Search,
} from '../../../contracts/housing';

// Response shapes the contracts declare as schemas only.
export type OfferList = z.infer<typeof OfferListSchema>;
export type OfferFit = z.infer<typeof OfferFitSchema>;
export type FollowUpList = z.infer<typeof FollowUpListSchema>;
export type LandlordList = z.infer<typeof LandlordListSchema>;

/**
 * Query keys of brokerage (offers, candidates, a case's housing, proposals, outcomes). They all
 * start with 'housing', so a lease — which changes offers, searches, placements and the case — can
 * refresh everything of housing at once.
 */
export const brokerageKeys = {
  all: ['housing'] as const,
  offers: (status: string) => ['housing', 'offers', status] as const,
  offer: (id: string) => ['housing', 'offer', id] as const,
  candidates: (offerId: string) => ['housing', 'candidates', offerId] as const,
  ofCase: (caseId: string) => ['housing', 'case', caseId] as const,
  landlordOptions: ['housing', 'landlords', 'options'] as const,
  outcomes: (from: string, to: string) => ['housing', 'outcomes', from, to] as const,
  followUps: ['housing', 'follow-ups'] as const,
};

export const SEARCH_STATUS_TONES: Record<SearchStatus, Tone> = { active: 'success', paused: 'info', housed: 'success', ended: 'neutral' };
export const PROPOSAL_STATUS_TONES: Record<ProposalStatus, Tone> = {
  proposed: 'info',
  viewing_planned: 'info',
  viewed: 'info',
  accepted_by_landlord: 'success',
  declined_by_landlord: 'danger',
  declined_by_household: 'danger',
  withdrawn: 'neutral',
  lease_signed: 'success',
};

/** The landlords the organisation may offer flats of (its own and the shared ones), for the offer form. */
export function useLandlordOptions(enabled = true) {
  return useQuery({
    queryKey: brokerageKeys.landlordOptions,
    queryFn: async () => (await api.get<LandlordList>('/housing/landlords')).items,
    enabled,
    staleTime: 60_000,
  });
}

/** "Lindenstraße 5, 05101 Musterstadt" as lists and headings name a flat. */
export const offerAddress = (o: { street: string; houseNumber: string; postalCode: string; city: string }) =>
  `${o.street} ${o.houseNumber}, ${o.postalCode} ${o.city}`;

/**
 * A number field's value for a request body: the number ("2,5", "1.234,50" and "68.5" all read),
 * null when empty, or — when unreadable — the text itself, so that the server's validation names
 * the field instead of the form guessing.
 */
export function numberOrText(value: string): number | string | null {
  const n = parseAmount(value);
  return n !== null && Number.isNaN(n) ? value.trim() : n;
}

/** Day + time of a form (browser time) → the instant the API takes; null while either is missing or unreadable. */
export function viewingInstant(day: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return localInputToInstant(`${day}T${time}`);
}

/** An instant → the day and time fields of the viewing form, in browser time. */
export function viewingFields(instant: string | null): { day: string; time: string } {
  if (!instant) return { day: '', time: '' };
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return { day: '', time: '' };
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
}

/** The first day of the month `monthsBack` months before `today`'s month (YYYY-MM-DD). */
export function monthStart(today: string, monthsBack: number): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1 - monthsBack;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** A share as a whole percentage, or null when there is nothing to divide by. */
export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : null);

/** "3 Personen, davon 1 Kind" as candidates, searches and past searches describe a household. */
export function householdText(t: TFunction, persons: number, children: number): string {
  const who = t('housing.search.persons', { count: persons });
  return children > 0 ? `${who}, ${t('housing.search.ofThemChildren', { count: children })}` : who;
}
