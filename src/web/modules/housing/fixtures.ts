import type { AdequacyCheck, Candidate, Fit, Offer, Proposal, Search } from '../../../contracts/housing';

/** Test data of brokerage (web component tests): a three-room flat of a cooperating housing company. */
export const IDS = {
  org: '22222222-2222-4222-8222-222222222222',
  offer: 'a0000000-0000-4000-8000-000000000001',
  landlord: 'a0000000-0000-4000-8000-000000000002',
  municipality: 'a0000000-0000-4000-8000-000000000003',
  otherMunicipality: 'a0000000-0000-4000-8000-000000000004',
  caseA: 'a0000000-0000-4000-8000-000000000010',
  caseB: 'a0000000-0000-4000-8000-000000000011',
  searchA: 'a0000000-0000-4000-8000-000000000020',
  searchB: 'a0000000-0000-4000-8000-000000000021',
  searchC: 'a0000000-0000-4000-8000-000000000022',
  proposal: 'a0000000-0000-4000-8000-000000000030',
  colleague: 'a0000000-0000-4000-8000-000000000040',
} as const;

export function offer(over: Partial<Offer> = {}): Offer {
  return {
    id: IDS.offer,
    landlord: { id: IDS.landlord, name: 'Musterländer Wohnungsbau GmbH', kind: 'housing_company', cooperating: true },
    street: 'Birkenweg',
    houseNumber: '12',
    postalCode: '05101',
    city: 'Musterstadt',
    municipality: { id: IDS.municipality, name: 'Musterstadt' },
    floorArea: 68.5,
    rooms: 3,
    floor: 2,
    stepFree: false,
    lift: true,
    baseRent: 430,
    serviceCharges: 90,
    heatingCosts: 70,
    grossColdRent: 520,
    deposit: 1290,
    availableFrom: '2026-12-01',
    wbsRequired: false,
    status: 'open',
    note: null,
    proposals: 0,
    version: 1,
    ...over,
  };
}

export function fit(over: Partial<Fit> = {}): Fit {
  return { fits: true, score: 70, blockers: [], notes: [], rentLimit: 560, shelterMonths: null, searchMonths: 0, ...over };
}

export function candidate(over: Partial<Candidate> = {}): Candidate {
  return {
    searchId: IDS.searchA,
    caseId: IDS.caseA,
    caseNumber: '2025-000117',
    householdName: 'Familie Demir',
    persons: 4,
    children: 2,
    searchingSince: '2025-09-15',
    fit: fit({ notes: ['long_shelter_stay', 'children', 'preferred_municipality'], shelterMonths: 14 }),
    proposalId: null,
    ...over,
  };
}

export function adequacy(householdSize: number, over: Partial<AdequacyCheck> = {}): AdequacyCheck {
  return {
    verdict: 'adequate',
    householdSize,
    grossColdRent: 520,
    rentLimit: 380 + householdSize * 60,
    rentExcess: null,
    floorArea: 68.5,
    areaLimit: 35 + householdSize * 15,
    areaAboveLimit: false,
    areaName: 'Vergleichsraum Nord',
    tableValidFrom: '2026-01-01',
    ...over,
  };
}

export function proposal(over: Partial<Proposal> = {}): Proposal {
  return {
    id: IDS.proposal,
    offerId: IDS.offer,
    searchId: IDS.searchA,
    caseId: IDS.caseA,
    caseNumber: '2025-000117',
    householdName: 'Familie Demir',
    offerAddress: 'Birkenweg 12, 05101 Musterstadt',
    landlordName: 'Musterländer Wohnungsbau GmbH',
    status: 'proposed',
    proposedOn: '2026-11-20',
    viewingAt: null,
    viewingPlace: null,
    accompaniedBy: null,
    decidedOn: null,
    declineReason: null,
    leaseSignedOn: null,
    tenancyStart: null,
    note: null,
    version: 1,
    ...over,
  };
}

export function search(over: Partial<Search> = {}): Search {
  return {
    id: IDS.searchA,
    caseId: IDS.caseA,
    status: 'active',
    startedOn: '2025-09-15',
    endedOn: null,
    persons: 4,
    children: 2,
    minRooms: null,
    needsStepFree: false,
    hasWbs: false,
    preferredMunicipalities: [{ id: IDS.municipality, name: 'Musterstadt' }],
    neededBy: null,
    note: null,
    version: 1,
    ...over,
  };
}
