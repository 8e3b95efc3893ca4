import type { ProposalStatus } from '../../../contracts/housing';
import { PROPOSAL_TRANSITIONS } from '../../../domain/housing/proposals';

/** A status a proposal can be moved to by a caseworker (every status but the first). */
export type ProposalStep = Exclude<ProposalStatus, 'proposed'>;

/** The order the steps are offered in: the way of a proposal from the viewing to the lease, the ends last. */
const ORDER: readonly ProposalStep[] = ['viewing_planned', 'viewed', 'accepted_by_landlord', 'lease_signed', 'declined_by_landlord', 'declined_by_household', 'withdrawn'];

/**
 * The steps the proposal list offers after a status, from the domain's transition table (the
 * server checks the same table). A status following itself only changes details; of those only
 * the viewing is offered again (to move it). Ends (declined, withdrawn, lease signed) offer nothing.
 */
export function stepsAfter(status: ProposalStatus): ProposalStep[] {
  const next = PROPOSAL_TRANSITIONS[status];
  return ORDER.filter((step) => next.includes(step) && (step !== status || step === 'viewing_planned'));
}
