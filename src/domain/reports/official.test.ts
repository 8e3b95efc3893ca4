import { describe, expect, it } from 'vitest';
import { ageGroup, federalCount, householdType, lastReferenceDay, nationalityGroup, nationalityKind, nrwCount, type MemberFacts, type PlacedPersonRow } from './official.js';
import { ageGroups, codes, month, pseudonym, roundAmount } from './pseudonymise.js';

const m = (relation: string | null, age: number | null): MemberFacts => ({ relation, age });

describe('householdType', () => {
  it.each<[string, MemberFacts[], string]>([
    ['alone', [m('main_tenant', 40)], 'single_person'],
    ['alone, not on file', [m(null, null)], 'single_person'],
    ['couple', [m('main_tenant', 40), m('partner', 38)], 'couple_without_children'],
    ['couple with two children', [m('main_tenant', 40), m('partner', 38), m('child', 10), m('child', 3)], 'couple_with_children'],
    ['couple with a child of unknown age', [m('main_tenant', 40), m('partner', 38), m('child', null)], 'couple_with_children'],
    ['couple with an adult child', [m('main_tenant', 50), m('partner', 48), m('child', 22)], 'other_multi_person'],
    ['single parent', [m('main_tenant', 30), m('child', 5)], 'single_parent'],
    ['single parent, grandchild as relative under 18', [m('main_tenant', 60), m('relative', 12)], 'single_parent'],
    ['two flatmates', [m('main_tenant', 30), m('co_tenant', 31)], 'other_multi_person'],
    ['mother and adult son', [m('main_tenant', 60), m('child', 30)], 'other_multi_person'],
    ['adult of unknown age counts as adult', [m('main_tenant', null), m('partner', null)], 'couple_without_children'],
    ['a placed person not on file', [m('main_tenant', 40), m(null, null)], 'unknown'],
    ['nobody', [], 'unknown'],
  ])('%s', (_name, members, expected) => {
    expect(householdType(members)).toBe(expected);
  });
});

describe('characteristics', () => {
  it.each([
    ['2026-03-01', 1, 31, '2026-01-31'],
    ['2026-01-31', 1, 31, '2026-01-31'],
    ['2026-01-30', 1, 31, '2025-01-31'],
    ['2026-06-29', 6, 30, '2025-06-30'],
    ['2026-12-31', 6, 30, '2026-06-30'],
  ])('lastReferenceDay(%s, %i, %i) = %s', (today, mo, d, expected) => {
    expect(lastReferenceDay(today, mo, d)).toBe(expected);
  });

  it.each([
    [null, 'unknown'],
    [0, '0-17'],
    [17, '0-17'],
    [18, '18-20'],
    [24, '21-24'],
    [29, '25-29'],
    [64, '60-64'],
    [65, '65+'],
  ])('ageGroup(%s) = %s', (age, group) => expect(ageGroup(age)).toBe(group));

  it.each([
    ['DE', 'german', null, 'german'],
    ['XX', 'stateless', null, 'stateless'],
    [null, 'unknown', null, 'unknown'],
    ['PL', 'foreign', 'PL', 'eu'],
    ['SY', 'foreign', 'SY', 'non_eu'],
  ])('nationality %s', (code, kind, isoCode, group) => {
    expect(nationalityKind(code)).toEqual({ kind, code: isoCode });
    expect(nationalityGroup(code)).toBe(group);
  });
});

const row = (placementNo: number, placedPersons: number, memberNo: number | null, relation: string | null, age: number | null, extra: Partial<PlacedPersonRow> = {}): PlacedPersonRow => ({
  placementNo,
  placedPersons,
  memberNo,
  relation,
  age,
  sex: null,
  nationality: null,
  provisionType: 'short_term',
  providerType: 'municipality',
  welfareAssociation: null,
  movedInOn: '2025-11-03',
  ags: '05999001',
  ...extra,
});

describe('federalCount', () => {
  it('one record per placed person; unlisted persons added unknown; extra members beyond the count left out', () => {
    const rows = [
      // A couple with one child, all three placed.
      row(1, 3, 1, 'main_tenant', 35, { sex: 'female', nationality: 'DE' }),
      row(1, 3, 2, 'partner', 37, { sex: 'male', nationality: 'SY' }),
      row(1, 3, 3, 'child', 4, { sex: 'diverse', nationality: 'XX' }),
      // Two placed, one on file.
      row(2, 2, 1, 'main_tenant', 50, { providerType: 'voluntary', welfareAssociation: 'caritas', provisionType: 'residential', ags: '05999002' }),
      // One placed of a household of three on file (the main tenant counts).
      row(3, 1, 1, 'main_tenant', 44, { sex: 'male' }),
      row(3, 1, 2, 'partner', 41),
      row(3, 1, 3, 'child', 12),
      // No members on file at all.
      row(4, 1, null, null, null),
    ];
    const c = federalCount('2026-01-31', rows);
    expect(c.persons).toBe(7);
    expect(c.placements).toBe(4);
    expect(c.unlistedPersons).toBe(2);
    expect(c.records[0]).toEqual({
      sex: 'female',
      age: 35,
      nationality: 'german',
      nationalityCode: null,
      householdType: 'couple_with_children',
      householdSize: 3,
      provisionType: 'short_term',
      providerType: 'municipality',
      welfareAssociation: null,
      placedSince: '2025-11-03',
      municipalityKey: '05999001',
    });
    expect(c.records[1]).toMatchObject({ nationality: 'foreign', nationalityCode: 'SY' });
    expect(c.records[2]).toMatchObject({ nationality: 'stateless', sex: 'diverse' });
    expect(c.records.slice(3, 5).map((r) => [r.householdType, r.householdSize, r.age, r.welfareAssociation])).toEqual([
      ['unknown', 2, 50, 'caritas'],
      ['unknown', 2, null, 'caritas'],
    ]);
    expect(c.records[5]).toMatchObject({ householdType: 'single_person', householdSize: 1, age: 44 });
    expect(c.records[6]).toMatchObject({ householdType: 'single_person', sex: null, nationality: 'unknown' });
    expect(c.totals.sex).toEqual([
      { key: 'female', count: 1 },
      { key: 'male', count: 2 },
      { key: 'diverse', count: 1 },
      { key: 'unspecified', count: 0 },
      { key: 'unknown', count: 3 },
    ]);
    expect(c.totals.householdSize).toEqual([
      { key: '1', count: 2 },
      { key: '2', count: 2 },
      { key: '3', count: 3 },
    ]);
    expect(c.totals.welfareAssociation.find((t) => t.key === 'caritas')?.count).toBe(2);
    expect(c.totals.municipalityKey).toEqual([
      { key: '05999001', count: 5 },
      { key: '05999002', count: 2 },
    ]);
  });
});

describe('nrwCount', () => {
  it('placed persons by kind of provision plus counselled persons by ETHOS category', () => {
    const c = nrwCount(
      '2026-06-30',
      [row(1, 1, 1, 'main_tenant', 19, { sex: 'male', nationality: 'PL', provisionType: 'semi_residential' })],
      [
        { caseNo: 1, memberNo: 1, relation: 'main_tenant', sex: 'female', age: 30, nationality: 'DE', livingSituation: 'public_space', ags: '05999001' },
        { caseNo: 1, memberNo: 2, relation: 'child', sex: 'male', age: 2, nationality: 'DE', livingSituation: 'public_space', ags: '05999001' },
        { caseNo: 2, memberNo: null, relation: null, sex: null, age: null, nationality: null, livingSituation: 'penal_institution', ags: null },
      ],
    );
    expect([c.persons, c.placed, c.counselled]).toEqual([4, 1, 3]);
    expect(c.records.map((r) => [r.situation, r.ageGroup, r.sex, r.nationalityGroup, r.householdType])).toEqual([
      ['placed_semi_residential', '18-20', 'male', 'eu', 'single_person'],
      ['rough_sleeping', '30-39', 'female', 'german', 'single_parent'],
      ['rough_sleeping', '0-17', 'male', 'german', 'single_parent'],
      ['institution', 'unknown', 'unknown', 'unknown', 'single_person'],
    ]);
    expect(c.totals.situation.filter((t) => t.count)).toEqual([
      { key: 'placed_semi_residential', count: 1 },
      { key: 'rough_sleeping', count: 2 },
      { key: 'institution', count: 1 },
    ]);
  });
});

describe('pseudonymise', () => {
  it('stable per key, different per key and per kind', () => {
    const id = '0b6f7a52-9d1e-4a57-8f7b-2a1d9c3e4f50';
    expect(pseudonym('evaluator-key-1', 'case', id)).toBe(pseudonym('evaluator-key-1', 'case', id));
    expect(pseudonym('evaluator-key-1', 'case', id)).toMatch(/^[0-9a-f]{16}$/);
    expect(pseudonym('evaluator-key-2', 'case', id)).not.toBe(pseudonym('evaluator-key-1', 'case', id));
    expect(pseudonym('evaluator-key-1', 'household', id)).not.toBe(pseudonym('evaluator-key-1', 'case', id));
  });

  it.each([
    [1349.99, 1300],
    [1350, 1400],
    [49, 0],
    [null, null],
  ])('roundAmount(%s) = %s', (a, r) => expect(roundAmount(a)).toBe(r));

  it('months, age groups, codes', () => {
    expect(month('2026-02-17')).toBe('2026-02');
    expect(month(null)).toBeNull();
    expect(ageGroups([40, 3, null])).toBe('0-17|40-49|unknown');
    expect(codes(['b', 'a', null, 'a'])).toBe('a|b');
    expect(codes(null)).toBe('');
  });
});
