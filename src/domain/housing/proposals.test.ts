import { describe, expect, it } from 'vitest';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../contracts/housing.js';
import { checkProposalChange, isFinal, mayFollow, OPEN_PROPOSAL_STATUSES, PROPOSAL_TRANSITIONS, type ProposalChange } from './proposals.js';

const TODAY = '2026-11-21';

describe('which status may follow which', () => {
  // [from, to, allowed] — every pair of the eight statuses, written out, so a change to the table is a change here.
  const P = 'proposed';
  const VP = 'viewing_planned';
  const V = 'viewed';
  const A = 'accepted_by_landlord';
  const DL = 'declined_by_landlord';
  const DH = 'declined_by_household';
  const W = 'withdrawn';
  const L = 'lease_signed';
  const allowed: Record<ProposalStatus, ProposalStatus[]> = {
    proposed: [P, VP, V, A, DL, DH, W],
    viewing_planned: [VP, V, A, DL, DH, W],
    viewed: [V, VP, A, DL, DH, W, L],
    accepted_by_landlord: [A, DL, DH, W, L],
    declined_by_landlord: [],
    declined_by_household: [],
    withdrawn: [],
    lease_signed: [],
  };
  const pairs = PROPOSAL_STATUSES.flatMap((from) => PROPOSAL_STATUSES.map((to) => [from, to, allowed[from].includes(to)] as const));
  it.each(pairs)('%s → %s: %s', (from, to, ok) => {
    expect(mayFollow(from, to)).toBe(ok);
  });

  it('a lease only after a viewing or the landlord’s yes; never straight from the proposal', () => {
    expect(PROPOSAL_STATUSES.filter((s) => mayFollow(s, 'lease_signed'))).toEqual(['viewed', 'accepted_by_landlord']);
  });

  it('declines, the withdrawal and the lease end a proposal; the others are open', () => {
    expect(PROPOSAL_STATUSES.filter(isFinal)).toEqual(['declined_by_landlord', 'declined_by_household', 'withdrawn', 'lease_signed']);
    expect(OPEN_PROPOSAL_STATUSES).toEqual(PROPOSAL_STATUSES.filter((s) => !isFinal(s)));
    expect(Object.keys(PROPOSAL_TRANSITIONS).sort()).toEqual([...PROPOSAL_STATUSES].sort());
  });
});

describe('what each step needs', () => {
  const base: ProposalChange = {
    from: 'proposed',
    to: 'proposed',
    viewingAt: null,
    declineReason: null,
    decidedOn: null,
    leaseSignedOn: null,
    tenancyStart: null,
    offerStatus: 'open',
    searchStartedOn: '2025-09-01',
    today: TODAY,
    changed: [],
  };
  const lease: Partial<ProposalChange> = { from: 'accepted_by_landlord', to: 'lease_signed', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01', changed: ['status', 'leaseSignedOn', 'tenancyStart'] };
  // [label, change, problems as path:key]
  const cases: [string, Partial<ProposalChange>, string[]][] = [
    ['a note on a fresh proposal', { changed: ['note'] }, []],
    ['viewing planned with its time', { to: 'viewing_planned', viewingAt: '2026-11-25T10:00:00+01:00', changed: ['status', 'viewingAt'] }, []],
    ['viewing planned without a time', { to: 'viewing_planned', changed: ['status'] }, ['viewingAt:housing.viewing_at_required']],
    ['another time for the viewing', { from: 'viewing_planned', to: 'viewing_planned', viewingAt: '2026-11-26T10:00:00+01:00', changed: ['viewingAt'] }, []],
    ['the planned viewing loses its time', { from: 'viewing_planned', to: 'viewing_planned', changed: ['viewingAt'] }, ['viewingAt:housing.viewing_at_required']],
    ['viewed', { from: 'viewing_planned', to: 'viewed', viewingAt: '2026-11-20T10:00:00+01:00', changed: ['status'] }, []],
    ['landlord declines with a reason', { from: 'viewed', to: 'declined_by_landlord', declineReason: 'Schufa-Eintrag', decidedOn: TODAY, changed: ['status'] }, []],
    ['landlord declines without a reason', { from: 'viewed', to: 'declined_by_landlord', changed: ['status'] }, ['declineReason:housing.decline_reason_required']],
    ['household declines with only blanks as the reason', { to: 'declined_by_household', declineReason: '   ', changed: ['status'] }, ['declineReason:housing.decline_reason_required']],
    ['a decision dated tomorrow', { from: 'viewed', to: 'accepted_by_landlord', decidedOn: '2026-11-22', changed: ['status', 'decidedOn'] }, ['decidedOn:housing.date_in_future']],
    ['lease signed', lease, []],
    ['lease signed today, tenancy from today', { ...lease, leaseSignedOn: TODAY, tenancyStart: TODAY }, []],
    ['lease on a reserved flat', { ...lease, offerStatus: 'reserved' }, []],
    ['lease without the day it was signed', { ...lease, leaseSignedOn: null }, ['leaseSignedOn:housing.lease_signed_on_required']],
    ['lease without the tenancy start', { ...lease, tenancyStart: null }, ['tenancyStart:housing.tenancy_start_required']],
    ['lease signed tomorrow', { ...lease, leaseSignedOn: '2026-11-22' }, ['leaseSignedOn:housing.date_in_future']],
    ['lease signed before the search began', { ...lease, leaseSignedOn: '2025-08-31' }, ['leaseSignedOn:housing.before_search_start']],
    ['lease on a flat already let', { ...lease, offerStatus: 'let' }, ['status:housing.offer_not_available']],
    ['lease on a withdrawn offer', { ...lease, offerStatus: 'withdrawn' }, ['status:housing.offer_not_available']],
    ['lease straight from the proposal', { ...lease, from: 'proposed' }, ['status:housing.status_not_allowed']],
    ['lease days without the lease', { from: 'viewed', to: 'accepted_by_landlord', leaseSignedOn: '2026-11-20', tenancyStart: '2026-12-01', changed: ['status'] }, [
      'leaseSignedOn:housing.only_with_lease',
      'tenancyStart:housing.only_with_lease',
    ]],
    ['back from a decline', { from: 'declined_by_landlord', to: 'proposed', declineReason: 'x', changed: ['status'] }, ['status:housing.proposal_closed']],
    ['a signed lease gets another tenancy start', { ...lease, from: 'lease_signed', changed: ['tenancyStart'] }, ['tenancyStart:housing.proposal_closed']],
    ['a note on a signed lease', { ...lease, from: 'lease_signed', changed: ['note'] }, []],
    ['a note on a withdrawn proposal', { from: 'withdrawn', to: 'withdrawn', changed: ['note'] }, []],
    ['the landlord takes the yes back before the lease', { from: 'accepted_by_landlord', to: 'declined_by_landlord', declineReason: 'Eigenbedarf', changed: ['status'] }, []],
    ['a viewing after the landlord’s yes', { from: 'accepted_by_landlord', to: 'viewing_planned', viewingAt: '2026-11-25T10:00:00+01:00', changed: ['status'] }, [
      'status:housing.status_not_allowed',
    ]],
  ];
  it.each(cases)('%s', (_label, change, problems) => {
    expect(checkProposalChange({ ...base, ...change }).map((p) => `${p.path}:${p.key}`)).toEqual(problems);
  });

  it('names the refused step and the day the search began', () => {
    expect(checkProposalChange({ ...base, ...lease, from: 'proposed' })).toEqual([
      { path: 'status', key: 'housing.status_not_allowed', params: { from: 'proposed', to: 'lease_signed' } },
    ]);
    expect(checkProposalChange({ ...base, ...lease, leaseSignedOn: '2025-01-01' })).toEqual([
      { path: 'leaseSignedOn', key: 'housing.before_search_start', params: { date: '2025-09-01' } },
    ]);
  });
});
