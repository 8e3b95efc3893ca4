import {
  AGE_GROUPS,
  HOUSEHOLD_TYPES,
  NATIONALITY_GROUPS,
  NATIONALITY_KINDS,
  NRW_SITUATIONS,
  PROVIDER_TYPES,
  PROVISION_TYPES,
  SEXES,
  STATELESS,
  WELFARE_ASSOCIATIONS,
  type AgeGroup,
  type FederalCount,
  type FederalRecord,
  type HouseholdType,
  type NationalityGroup,
  type NationalityKind,
  type NrwCount,
  type NrwRecord,
  type NrwSituation,
  type ProviderType,
  type ProvisionType,
  type Sex,
  type Totals,
  type WelfareAssociation,
} from '../../contracts/official-statistics.js';

/*
 * The official stock counts from the rows the definer functions return (migration 017): which
 * persons of a placed household count, their household type, and the totals.
 */

// ---- reference days ----------------------------------------------------------------------------

/** The latest month/day on or before today (ISO dates): the default reference day of a count. */
export function lastReferenceDay(today: string, month: number, day: number): string {
  const year = Number(today.slice(0, 4));
  const md = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return today.slice(5) >= md ? `${year}-${md}` : `${year - 1}-${md}`;
}

// ---- characteristics ----------------------------------------------------------------------------

export interface MemberFacts {
  /** The relation in the case file (main_tenant, co_tenant, partner, child, relative, other); null: not on file. */
  relation: string | null;
  age: number | null;
}

const isChild = (m: MemberFacts) => (m.age !== null ? m.age < 18 : m.relation === 'child');

/**
 * Household type (§ 4 no. 4 WoBerichtsG) from the relations and ages of the placed persons:
 * - one person: single person;
 * - children are members under 18 (a member recorded as child without a birth date counts as one);
 * - a couple is the first member with a member recorded as partner, and no other adult;
 * - one adult with children: single parent; everything else with several persons: other.
 * A placed person not on file (relation null) makes the type unknown, unless alone.
 */
export function householdType(members: MemberFacts[]): HouseholdType {
  if (members.length === 1) return 'single_person';
  if (members.length === 0 || members.some((m) => m.relation === null)) return 'unknown';
  const children = members.filter(isChild);
  const adults = members.filter((m) => !isChild(m));
  const couple = adults.length === 2 && adults.some((m) => m.relation === 'partner');
  if (couple) return children.length ? 'couple_with_children' : 'couple_without_children';
  if (adults.length === 1 && children.length > 0) return 'single_parent';
  return 'other_multi_person';
}

export function nationalityKind(code: string | null): { kind: NationalityKind; code: string | null } {
  if (code === null) return { kind: 'unknown', code: null };
  if (code === 'DE') return { kind: 'german', code: null };
  if (code === STATELESS) return { kind: 'stateless', code: null };
  return { kind: 'foreign', code };
}

/** EU member states (ISO 3166-1; Greece is EL in EU usage, GR in ISO). */
const EU = new Set('AT BE BG CY CZ DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '));

export function nationalityGroup(code: string | null): NationalityGroup {
  if (code === null) return 'unknown';
  if (code === 'DE') return 'german';
  if (code === STATELESS) return 'stateless';
  return EU.has(code) ? 'eu' : 'non_eu';
}

export function ageGroup(age: number | null): AgeGroup {
  if (age === null) return 'unknown';
  if (age < 18) return '0-17';
  if (age <= 20) return '18-20';
  if (age <= 24) return '21-24';
  if (age <= 29) return '25-29';
  if (age <= 39) return '30-39';
  if (age <= 49) return '40-49';
  if (age <= 59) return '50-59';
  if (age <= 64) return '60-64';
  return '65+';
}

// ---- the federal count --------------------------------------------------------------------------

/** A row of official_placed_persons(): one member of a placed household (member fields null: none on file). */
export interface PlacedPersonRow {
  placementNo: number;
  placedPersons: number;
  memberNo: number | null;
  relation: string | null;
  sex: Sex | null;
  age: number | null;
  nationality: string | null;
  provisionType: ProvisionType;
  providerType: ProviderType;
  welfareAssociation: WelfareAssociation | null;
  movedInOn: string;
  ags: string;
}

interface PlacedPerson extends MemberFacts {
  sex: Sex | null;
  nationality: string | null;
}

interface Placement {
  first: PlacedPersonRow;
  persons: PlacedPerson[];
  unlisted: number;
}

/**
 * The persons of each placement: the placement's person count decides how many. With fewer
 * members on file, the rest are added with unknown characteristics; with more, the first ones in
 * case-file order (main tenant first) count — the file does not say who stayed behind.
 */
export function placedPersons(rows: PlacedPersonRow[]): Placement[] {
  const byPlacement = new Map<number, PlacedPersonRow[]>();
  for (const r of rows) {
    const list = byPlacement.get(r.placementNo) ?? [];
    list.push(r);
    byPlacement.set(r.placementNo, list);
  }
  return [...byPlacement.values()].map((list) => {
    const members = list
      .filter((r) => r.memberNo !== null)
      .sort((a, b) => a.memberNo! - b.memberNo!)
      .map((r): PlacedPerson => ({ relation: r.relation, age: r.age, sex: r.sex, nationality: r.nationality }));
    const n = list[0].placedPersons;
    const persons = members.slice(0, n);
    const unlisted = Math.max(0, n - persons.length);
    for (let i = 0; i < unlisted; i++) persons.push({ relation: null, age: null, sex: null, nationality: null });
    return { first: list[0], persons, unlisted };
  });
}

export function federalCount(on: string, rows: PlacedPersonRow[]): FederalCount {
  const placements = placedPersons(rows);
  const records: FederalRecord[] = [];
  for (const p of placements) {
    const type = householdType(p.persons);
    for (const person of p.persons) {
      const nat = nationalityKind(person.nationality);
      records.push({
        sex: person.sex,
        age: person.age,
        nationality: nat.kind,
        nationalityCode: nat.code,
        householdType: type,
        householdSize: p.persons.length,
        provisionType: p.first.provisionType,
        providerType: p.first.providerType,
        welfareAssociation: p.first.welfareAssociation,
        placedSince: p.first.movedInOn,
        municipalityKey: p.first.ags,
      });
    }
  }
  return {
    on,
    persons: records.length,
    placements: placements.length,
    unlistedPersons: placements.reduce((s, p) => s + p.unlisted, 0),
    records,
    totals: {
      sex: totals(records.map((r) => r.sex ?? 'unknown'), [...SEXES, 'unknown']),
      ageGroup: totals(records.map((r) => ageGroup(r.age)), AGE_GROUPS),
      nationality: totals(records.map((r) => r.nationality), NATIONALITY_KINDS),
      householdType: totals(records.map((r) => r.householdType), HOUSEHOLD_TYPES),
      householdSize: totals(records.map((r) => String(r.householdSize))),
      provisionType: totals(records.map((r) => r.provisionType), PROVISION_TYPES),
      providerType: totals(records.map((r) => r.providerType), PROVIDER_TYPES),
      welfareAssociation: totals(records.filter((r) => r.welfareAssociation).map((r) => r.welfareAssociation!), WELFARE_ASSOCIATIONS),
      municipalityKey: totals(records.map((r) => r.municipalityKey)),
    },
  };
}

// ---- the NRW count ------------------------------------------------------------------------------

/** A row of official_homeless_counselled(). */
export interface CounselledPersonRow {
  caseNo: number;
  memberNo: number | null;
  relation: string | null;
  sex: Sex | null;
  age: number | null;
  nationality: string | null;
  livingSituation: string;
  ags: string | null;
}

const ETHOS_CATEGORY: Record<string, NrwSituation> = {
  public_space: 'rough_sleeping',
  overnight_shelter: 'emergency_accommodation',
  homeless_hostel: 'homeless_accommodation',
  temporary_accommodation: 'homeless_accommodation',
  transitional_supported: 'homeless_accommodation',
  womens_shelter: 'homeless_accommodation',
  health_care_institution: 'institution',
  penal_institution: 'institution',
};

function nrwRecord(p: PlacedPerson, type: HouseholdType, situation: NrwSituation, ags: string | null): NrwRecord {
  return { ageGroup: ageGroup(p.age), sex: p.sex ?? 'unknown', nationalityGroup: nationalityGroup(p.nationality), householdType: type, situation, municipalityKey: ags };
}

export function nrwCount(on: string, placed: PlacedPersonRow[], counselled: CounselledPersonRow[]): NrwCount {
  const records: NrwRecord[] = [];
  for (const p of placedPersons(placed)) {
    const type = householdType(p.persons);
    for (const person of p.persons) records.push(nrwRecord(person, type, `placed_${p.first.provisionType}`, p.first.ags));
  }
  const placedCount = records.length;
  const byCase = new Map<number, CounselledPersonRow[]>();
  for (const r of counselled) byCase.set(r.caseNo, [...(byCase.get(r.caseNo) ?? []), r]);
  for (const list of byCase.values()) {
    // A household without members on file still counts as one person of unknown characteristics.
    const persons: PlacedPerson[] = list.some((r) => r.memberNo !== null)
      ? list.filter((r) => r.memberNo !== null).map((r) => ({ relation: r.relation, age: r.age, sex: r.sex, nationality: r.nationality }))
      : [{ relation: null, age: null, sex: null, nationality: null }];
    const type = householdType(persons);
    const situation = ETHOS_CATEGORY[list[0].livingSituation];
    for (const person of persons) records.push(nrwRecord(person, type, situation, list[0].ags));
  }
  return {
    on,
    persons: records.length,
    placed: placedCount,
    counselled: records.length - placedCount,
    records,
    totals: {
      ageGroup: totals(records.map((r) => r.ageGroup), AGE_GROUPS),
      sex: totals(records.map((r) => r.sex), [...SEXES, 'unknown']),
      nationalityGroup: totals(records.map((r) => r.nationalityGroup), NATIONALITY_GROUPS),
      householdType: totals(records.map((r) => r.householdType), HOUSEHOLD_TYPES),
      situation: totals(records.map((r) => r.situation), NRW_SITUATIONS),
    },
  };
}

/** Counts per key: every catalogue key (zeros included) in its order, then other keys sorted. */
export function totals(values: string[], catalogue: readonly string[] = []): Totals {
  const counts = new Map<string, number>(catalogue.map((k) => [k, 0]));
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const extra = [...counts.keys()].filter((k) => !catalogue.includes(k)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return [...catalogue, ...extra].map((key) => ({ key, count: counts.get(key)! }));
}
