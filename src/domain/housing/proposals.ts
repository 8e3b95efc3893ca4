/**
 * The way of a proposal (Vorschlag eines Haushalts für ein Wohnungsangebot): proposed to the
 * landlord, a viewing planned and held, the landlord's and the household's decisions, and the
 * signed lease. Which status may follow which, and what each status needs, is decided here, so
 * the API and the forms refuse the same steps for the same reasons.
 */
import type { ProposalStatus } from '../../contracts/housing.js';

/**
 * Which status may follow which. A status may follow itself where its details can still change
 * (another viewing time). The lease needs the landlord's yes, or at least a viewing (in practice
 * the yes is often given at the viewing and the lease signed the same week); a landlord may take
 * the yes back until the lease is signed. Declines, the withdrawal and the lease end the proposal.
 */
export const PROPOSAL_TRANSITIONS: Readonly<Record<ProposalStatus, readonly ProposalStatus[]>> = {
  proposed: ['proposed', 'viewing_planned', 'viewed', 'accepted_by_landlord', 'declined_by_landlord', 'declined_by_household', 'withdrawn'],
  viewing_planned: ['viewing_planned', 'viewed', 'accepted_by_landlord', 'declined_by_landlord', 'declined_by_household', 'withdrawn'],
  viewed: ['viewed', 'viewing_planned', 'accepted_by_landlord', 'declined_by_landlord', 'declined_by_household', 'withdrawn', 'lease_signed'],
  accepted_by_landlord: ['accepted_by_landlord', 'declined_by_landlord', 'declined_by_household', 'withdrawn', 'lease_signed'],
  declined_by_landlord: [],
  declined_by_household: [],
  withdrawn: [],
  lease_signed: [],
};

/** Proposals still under way: they block nothing, but end when the flat is let or the household housed. */
export const OPEN_PROPOSAL_STATUSES: readonly ProposalStatus[] = ['proposed', 'viewing_planned', 'viewed', 'accepted_by_landlord'];

export const isFinal = (status: ProposalStatus) => PROPOSAL_TRANSITIONS[status].length === 0;
export const mayFollow = (from: ProposalStatus, to: ProposalStatus) => PROPOSAL_TRANSITIONS[from].includes(to);

/** A proposal after the change, as it would be stored, and what else the change depends on. */
export interface ProposalChange {
  from: ProposalStatus;
  to: ProposalStatus;
  viewingAt: string | null;
  declineReason: string | null;
  decidedOn: string | null;
  leaseSignedOn: string | null;
  tenancyStart: string | null;
  /** The offer's status: a lease needs a flat that is still open (or reserved for this household). */
  offerStatus: 'open' | 'reserved' | 'let' | 'withdrawn';
  /** When the household's search began: a lease cannot be signed before it. */
  searchStartedOn: string;
  today: string;
  /** The fields the change sets to another value than stored (status included). */
  changed: readonly string[];
}

export interface ProposalProblem {
  path: string;
  key: string;
  params?: Record<string, unknown>;
}

/**
 * Everything wrong with a change, field by field (empty: it may be saved). A final proposal
 * changes no more (its note aside); each step needs its facts: a viewing its time, a decline
 * its reason, a lease the day it was signed and the day the tenancy begins.
 */
export function checkProposalChange(c: ProposalChange): ProposalProblem[] {
  const problems: ProposalProblem[] = [];
  if (isFinal(c.from)) {
    // What happened stays on record; only the note may still be added to.
    const field = c.changed.find((f) => f !== 'note');
    if (field) problems.push({ path: field, key: 'housing.proposal_closed', params: { status: c.from } });
    return problems;
  }
  if (c.from !== c.to && !mayFollow(c.from, c.to)) {
    problems.push({ path: 'status', key: 'housing.status_not_allowed', params: { from: c.from, to: c.to } });
    return problems;
  }
  if (c.to === 'viewing_planned' && !c.viewingAt) problems.push({ path: 'viewingAt', key: 'housing.viewing_at_required' });
  if ((c.to === 'declined_by_landlord' || c.to === 'declined_by_household') && !c.declineReason?.trim()) {
    problems.push({ path: 'declineReason', key: 'housing.decline_reason_required' });
  }
  if (c.decidedOn !== null && c.decidedOn > c.today) problems.push({ path: 'decidedOn', key: 'housing.date_in_future' });
  if (c.to === 'lease_signed') {
    if (!c.leaseSignedOn) problems.push({ path: 'leaseSignedOn', key: 'housing.lease_signed_on_required' });
    else if (c.leaseSignedOn > c.today) problems.push({ path: 'leaseSignedOn', key: 'housing.date_in_future' });
    else if (c.leaseSignedOn < c.searchStartedOn) problems.push({ path: 'leaseSignedOn', key: 'housing.before_search_start', params: { date: c.searchStartedOn } });
    if (!c.tenancyStart) problems.push({ path: 'tenancyStart', key: 'housing.tenancy_start_required' });
    // Once let (to whomever) or withdrawn, the flat is no one's to sign for.
    if (c.offerStatus !== 'open' && c.offerStatus !== 'reserved') {
      problems.push({ path: 'status', key: 'housing.offer_not_available', params: { status: c.offerStatus } });
    }
  } else {
    // The lease's days belong to the lease alone (the table's check says the same).
    if (c.leaseSignedOn) problems.push({ path: 'leaseSignedOn', key: 'housing.only_with_lease' });
    if (c.tenancyStart) problems.push({ path: 'tenancyStart', key: 'housing.only_with_lease' });
  }
  return problems;
}
