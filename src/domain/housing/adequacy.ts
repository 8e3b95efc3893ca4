/**
 * Rent adequacy (Angemessenheit der Kosten der Unterkunft, § 22 SGB II / § 35 SGB XII).
 *
 * The Jobcenter pays the rent of a flat only up to the local limit for the household's size; a
 * brokered flat above it fails, and a rent-debt assumption for such a flat is usually refused.
 * The limit is the gross cold rent (Bruttokaltmiete: base rent plus service charges, heating
 * apart) of the local concept, per comparison area and household size, replaced from time to
 * time. The floor area is only a factor of that product (Produkttheorie, BSG B 7b AS 18/06 R): a
 * larger flat is adequate when its rent stays within the limit, so area is reported, not refused.
 */
import type { AdequacyCheck, AdequacyLimitRow } from '../../contracts/housing.js';

export interface AdequacyTableFacts {
  areaName: string;
  validFrom: string;
  validUntil: string | null;
  extraPersonRent: number | null;
  extraPersonArea: number | null;
  limits: readonly AdequacyLimitRow[];
}

export interface Limit {
  rent: number;
  area: number;
}

/** NRW floor areas (WNB NRW Nr. 8.2): 50 m² for one person, 15 m² more for each further one. */
export function nrwFloorArea(householdSize: number): number {
  return 50 + 15 * (householdSize - 1);
}

/** Euro amounts to the cent, without binary-fraction noise (405.1 + 90.2 = 495.3, not 495.29999). */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

export function grossColdRent(baseRent: number, serviceCharges: number): number {
  return cents(baseRent + serviceCharges);
}

/** The table in force on `day`: the latest one starting on or before it and not ended before it. */
export function tableOn<T extends Pick<AdequacyTableFacts, 'validFrom' | 'validUntil'>>(tables: readonly T[], day: string): T | null {
  let best: T | null = null;
  for (const t of tables) {
    if (t.validFrom > day || (t.validUntil !== null && t.validUntil < day)) continue;
    if (!best || t.validFrom > best.validFrom) best = t;
  }
  return best;
}

/**
 * The limit for a household size: its row; beyond the largest row, that row plus the amounts per
 * further person (when the table has them). Null where the table says nothing.
 */
export function limitFor(table: AdequacyTableFacts, householdSize: number): Limit | null {
  const exact = table.limits.find((l) => l.householdSize === householdSize);
  if (exact) return { rent: exact.grossColdRent, area: exact.floorArea };
  const largest = table.limits.reduce<AdequacyLimitRow | null>((max, l) => (!max || l.householdSize > max.householdSize ? l : max), null);
  if (!largest || householdSize < largest.householdSize || table.extraPersonRent === null) return null;
  const further = householdSize - largest.householdSize;
  return {
    rent: cents(largest.grossColdRent + further * table.extraPersonRent),
    area: cents(largest.floorArea + further * (table.extraPersonArea ?? 15)),
  };
}

/** Problems of a table as entered: each household size once, sizes from 1 without gaps. */
export function checkLimitRows(limits: readonly AdequacyLimitRow[], path = 'limits'): { path: string; key: string }[] {
  const problems: { path: string; key: string }[] = [];
  const seen = new Set<number>();
  limits.forEach((l, i) => {
    if (seen.has(l.householdSize)) problems.push({ path: `${path}.${i}.householdSize`, key: 'housing.household_size_twice' });
    seen.add(l.householdSize);
  });
  for (let size = 1; size <= Math.max(...seen); size++) {
    if (!seen.has(size)) {
      problems.push({ path: `${path}.${limits.length - 1}.householdSize`, key: 'housing.household_sizes_gap' });
      break;
    }
  }
  return problems;
}

export interface AdequacyInput {
  table: AdequacyTableFacts | null;
  householdSize: number;
  grossColdRent: number | null;
  floorArea: number | null;
}

export function checkAdequacy({ table, householdSize, grossColdRent: rent, floorArea }: AdequacyInput): AdequacyCheck {
  const limit = table ? limitFor(table, householdSize) : null;
  const base = {
    householdSize,
    grossColdRent: rent,
    floorArea,
    areaName: table?.areaName ?? null,
    tableValidFrom: table?.validFrom ?? null,
  };
  if (!limit) return { ...base, verdict: 'no_limit', rentLimit: null, rentExcess: null, areaLimit: null, areaAboveLimit: false };
  const excess = rent === null ? null : cents(rent - limit.rent);
  return {
    ...base,
    verdict: excess === null ? 'rent_unknown' : excess > 0 ? 'rent_too_high' : 'adequate',
    rentLimit: limit.rent,
    rentExcess: excess,
    areaLimit: limit.area,
    areaAboveLimit: floorArea !== null && floorArea > limit.area,
  };
}
