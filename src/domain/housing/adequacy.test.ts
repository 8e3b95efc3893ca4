import { describe, expect, it } from 'vitest';
import { checkAdequacy, checkLimitRows, grossColdRent, limitFor, nrwFloorArea, tableOn, type AdequacyTableFacts } from './adequacy.js';

// Hagen's figures (domain.md §1.6): 1 person 370 €, 2: 440 €, 3: 530 €, 4: 650 €; NRW floor areas.
const hagen: AdequacyTableFacts = {
  areaName: 'Hagen',
  validFrom: '2025-01-01',
  validUntil: null,
  extraPersonRent: 110,
  extraPersonArea: 15,
  limits: [
    { householdSize: 1, grossColdRent: 370, floorArea: 50 },
    { householdSize: 2, grossColdRent: 440, floorArea: 65 },
    { householdSize: 3, grossColdRent: 530, floorArea: 80 },
    { householdSize: 4, grossColdRent: 650, floorArea: 95 },
  ],
};

describe('nrwFloorArea', () => {
  it.each([[1, 50], [2, 65], [3, 80], [4, 95], [6, 125]])('%i persons: %i m²', (n, area) => expect(nrwFloorArea(n)).toBe(area));
});

describe('limitFor', () => {
  it.each([
    ['a row of the table', 2, { rent: 440, area: 65 }],
    ['the largest row', 4, { rent: 650, area: 95 }],
    ['one person beyond the largest row', 5, { rent: 760, area: 110 }],
    ['three persons beyond', 7, { rent: 980, area: 140 }],
  ])('%s', (_label, size, limit) => expect(limitFor(hagen, size)).toEqual(limit));

  it('says nothing beyond the table when it has no amount per further person', () => {
    expect(limitFor({ ...hagen, extraPersonRent: null }, 5)).toBeNull();
  });
  it('takes 15 m² per further person when the table names only the rent', () => {
    expect(limitFor({ ...hagen, extraPersonArea: null }, 5)).toEqual({ rent: 760, area: 110 });
  });
});

describe('tableOn', () => {
  const tables = [
    { id: 'old', validFrom: '2022-01-01', validUntil: '2024-12-31' },
    { id: 'current', validFrom: '2025-01-01', validUntil: null },
    { id: 'next', validFrom: '2027-01-01', validUntil: null },
  ];
  it.each([
    ['before any table', '2021-12-31', null],
    ['first day of the old table', '2022-01-01', 'old'],
    ['last day of the old table', '2024-12-31', 'old'],
    ['the current table', '2026-11-21', 'current'],
    ['a newer table replaces an open-ended one from its first day', '2027-01-01', 'next'],
  ])('%s', (_label, day, id) => expect(tableOn(tables, day)?.id ?? null).toBe(id));

  it('leaves a gap where no table is in force', () => {
    expect(tableOn([{ validFrom: '2020-01-01', validUntil: '2020-12-31' }], '2021-06-01')).toBeNull();
  });
});

describe('checkAdequacy', () => {
  // [label, household size, gross cold rent, floor area, verdict, excess, area above limit]
  const cases: [string, number, number | null, number | null, string, number | null, boolean][] = [
    ['well within the limit', 1, 320, 45, 'adequate', -50, false],
    ['exactly at the limit is adequate', 2, 440, 65, 'adequate', 0, false],
    ['one cent above is too high', 2, 440.01, 60, 'rent_too_high', 0.01, false],
    ['larger than the area limit, rent within: adequate with a note (Produkttheorie)', 1, 360, 58, 'adequate', -10, true],
    ['small flat, rent too high for the household size', 1, 400, 40, 'rent_too_high', 30, false],
    ['the same flat is adequate for two persons', 2, 400, 40, 'adequate', -40, false],
    ['beyond the largest row', 6, 860, 120, 'adequate', -10, false],
    ['rent not known yet', 3, null, 70, 'rent_unknown', null, false],
  ];
  it.each(cases)('%s', (_label, size, rent, area, verdict, excess, areaAbove) => {
    const check = checkAdequacy({ table: hagen, householdSize: size, grossColdRent: rent, floorArea: area });
    expect([check.verdict, check.rentExcess, check.areaAboveLimit]).toEqual([verdict, excess, areaAbove]);
  });

  it('without a table in force there is no verdict on the rent', () => {
    expect(checkAdequacy({ table: null, householdSize: 2, grossColdRent: 300, floorArea: 50 })).toMatchObject({ verdict: 'no_limit', rentLimit: null, areaName: null });
  });
  it('names the area and the table it used', () => {
    expect(checkAdequacy({ table: hagen, householdSize: 3, grossColdRent: 500, floorArea: 75 })).toMatchObject({ areaName: 'Hagen', tableValidFrom: '2025-01-01', rentLimit: 530, areaLimit: 80 });
  });
});

describe('grossColdRent', () => {
  it('adds base rent and service charges to the cent', () => expect(grossColdRent(405.1, 90.2)).toBe(495.3));
});

describe('checkLimitRows', () => {
  it.each([
    ['sizes 1 to 3', [1, 2, 3], []],
    ['a size twice', [1, 2, 2], [{ path: 'limits.2.householdSize', key: 'housing.household_size_twice' }]],
    ['a gap', [1, 3], [{ path: 'limits.1.householdSize', key: 'housing.household_sizes_gap' }]],
    ['not starting at one', [2, 3], [{ path: 'limits.1.householdSize', key: 'housing.household_sizes_gap' }]],
  ])('%s', (_label, sizes, problems) => {
    expect(checkLimitRows(sizes.map((householdSize) => ({ householdSize, grossColdRent: 400, floorArea: 50 })))).toEqual(problems);
  });
});
