import type { CaseFile } from '../../../contracts/casefile';

/** A case file with nothing recorded yet, for component tests. */
export function emptyFile(over: Partial<CaseFile> = {}): CaseFile {
  return {
    members: [],
    facts: { size: 0, children: 0, adults: 0, ageUnknown: 0 },
    targetGroups: [],
    derivedTargetGroups: [],
    livingSituation: null,
    incomeSources: [],
    incomeNote: null,
    tenancy: { landlord: null, baseRent: null, serviceCharges: null, heatingCosts: null, totalRent: null, tenancyStart: null, floorArea: null },
    arrears: { current: null, months: null, entries: [] },
    contact: { phone: null, email: null, postalAddress: null, bestTimes: null, preferredLanguage: null, interpreterNeeded: false },
    handovers: [],
    ...over,
  };
}
