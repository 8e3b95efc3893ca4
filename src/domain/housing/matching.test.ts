import { describe, expect, it } from 'vitest';
import { fit, personsRange, rank, reachableWithoutSteps, roomRange, wholeMonths, type MatchContext, type OfferFacts, type SearchFacts } from './matching.js';

const TODAY = '2026-11-21';
const ESSEN = 'muni-essen';
const BOCHUM = 'muni-bochum';

// A 3-room flat on the first floor with a lift, 520 € gross cold rent, 70 m².
const offer: OfferFacts = {
  rooms: 3,
  floor: 1,
  stepFree: true,
  lift: true,
  grossColdRent: 520,
  floorArea: 70,
  wbsRequired: false,
  municipalityId: ESSEN,
  availableFrom: '2026-12-01',
};
const family: SearchFacts = {
  persons: 3,
  children: 1,
  minRooms: null,
  needsStepFree: false,
  hasWbs: false,
  preferredMunicipalityIds: [],
  neededBy: null,
  startedOn: '2026-09-21',
  shelterSince: null,
};
// Limit for three persons: 530 € and 80 m².
const ctx: MatchContext = { today: TODAY, longStayMonths: 12, limit: { rent: 530, area: 80 } };

describe('fit: households that must not be proposed, and why', () => {
  // [label, changes to the offer, changes to the search, changes to the context, blockers]
  const cases: [string, Partial<OfferFacts>, Partial<SearchFacts>, Partial<MatchContext>, string[]][] = [
    ['fits', {}, {}, {}, []],
    ['rent above the limit for the household size', { grossColdRent: 530.5 }, {}, {}, ['rent_above_limit']],
    ['rent exactly at the limit fits', { grossColdRent: 530 }, {}, {}, []],
    ['no adequacy table for the place and day', {}, {}, { limit: null }, ['no_adequacy_limit']],
    ['seven persons in three rooms: overcrowded', {}, { persons: 7, children: 5 }, {}, ['too_few_rooms']],
    ['six persons in three rooms still fit', {}, { persons: 6, children: 4 }, {}, []],
    ['a single in three rooms: too many rooms', {}, { persons: 1, children: 0 }, {}, ['too_many_rooms']],
    ['a couple in three rooms fits', {}, { persons: 2, children: 0 }, {}, []],
    ['wants four rooms', {}, { minRooms: 4 }, {}, ['below_min_rooms']],
    ['WBS needed, household has none', { wbsRequired: true }, {}, {}, ['wbs_missing']],
    ['WBS needed and held', { wbsRequired: true }, { hasWbs: true }, {}, []],
    ['needs step-free access, the flat has steps', { stepFree: false }, { needsStepFree: true }, {}, ['not_step_free']],
    ['needs step-free access, upper floor without lift', { lift: false }, { needsStepFree: true }, {}, ['not_step_free']],
    ['needs step-free access, ground floor without lift', { lift: false, floor: 0 }, { needsStepFree: true }, {}, []],
    ['steps do not matter to a household that can climb them', { stepFree: false }, {}, {}, []],
    [
      'several reasons, the least changeable first',
      { wbsRequired: true, grossColdRent: 900, stepFree: false },
      { needsStepFree: true, persons: 7, children: 5 },
      {},
      ['wbs_missing', 'not_step_free', 'too_few_rooms', 'rent_above_limit'],
    ],
  ];
  it.each(cases)('%s', (_label, o, s, c, blockers) => {
    const f = fit({ ...offer, ...o }, { ...family, ...s }, { ...ctx, ...c });
    expect(f.blockers).toEqual(blockers);
    expect(f.fits).toBe(blockers.length === 0);
  });
});

describe('fit: why a household ranks where it does', () => {
  // [label, changes to the search, changes to the offer, notes, score]
  const cases: [string, Partial<SearchFacts>, Partial<OfferFacts>, string[], number][] = [
    // two months searching: 2; one child: 5
    ['a family searching for two months', {}, {}, ['children'], 7],
    ['no children', { children: 0 }, {}, [], 2],
    ['in a shelter for three months', { shelterSince: '2026-08-21' }, {}, ['in_shelter', 'children'], 20 + 6 + 7],
    ['in a shelter for 14 months: the priority group', { shelterSince: '2025-09-15' }, {}, ['long_shelter_stay', 'children'], 20 + 28 + 7],
    ['in a shelter for four years: capped at 36 months', { shelterSince: '2022-11-01' }, {}, ['long_shelter_stay', 'children'], 20 + 72 + 7],
    ['must move within 60 days, flat free in time', { neededBy: '2027-01-15' }, {}, ['children', 'available_in_time'], 7 + 15],
    ['must move in half a year, flat free in time', { neededBy: '2027-05-31' }, {}, ['children', 'available_in_time'], 7],
    ['flat free only after the household must move', { neededBy: '2026-11-30' }, {}, ['children', 'available_too_late'], 7 - 5],
    ['in a preferred municipality', { preferredMunicipalityIds: [ESSEN, BOCHUM] }, {}, ['children', 'preferred_municipality'], 7 + 10],
    ['outside the preferred municipalities', { preferredMunicipalityIds: [BOCHUM] }, {}, ['children', 'other_municipality'], 7 - 10],
    ['searching for 13 months', { startedOn: '2025-10-01' }, {}, ['children', 'long_search'], 5 + 13],
    ['larger than the adequate area', {}, { floorArea: 85 }, ['children', 'area_above_limit'], 7 - 3],
  ];
  it.each(cases)('%s', (_label, s, o, notes, score) => {
    const f = fit({ ...offer, ...o }, { ...family, ...s }, ctx);
    expect([f.notes, f.score]).toEqual([notes, score]);
  });

  it('reports the months in the shelter and of the search, and the rent limit used', () => {
    expect(fit(offer, { ...family, shelterSince: '2025-09-15' }, ctx)).toMatchObject({ shelterMonths: 14, searchMonths: 2, rentLimit: 530 });
    expect(fit(offer, { ...family, startedOn: '2025-10-22' }, ctx)).toMatchObject({ searchMonths: 12 });
    expect(fit(offer, family, { ...ctx, limit: null })).toMatchObject({ shelterMonths: null, rentLimit: null });
  });
});

describe('rank', () => {
  const pair = (key: string, startedOn: string, s: Partial<SearchFacts>, o: Partial<OfferFacts> = {}) => ({
    item: { key, startedOn },
    fit: fit({ ...offer, ...o }, { ...family, startedOn, ...s }, ctx),
  });

  it('puts the long shelter stay first, then by urgency, ties to the longer search, and counts the excluded by their first reason', () => {
    const pairs = [
      pair('family', '2026-09-21', {}),
      pair('shelter-14-months', '2026-10-01', { shelterSince: '2025-09-15' }),
      pair('couple-same-score-later', '2026-10-21', { persons: 2, children: 0, startedOn: '2026-10-21' }),
      pair('couple-same-score-earlier', '2026-10-20', { persons: 2, children: 0 }),
      pair('too-large', '2026-01-01', { persons: 8, children: 6 }),
      pair('single', '2026-01-01', { persons: 1, children: 0 }),
      pair('no-wbs-and-too-large', '2026-01-01', { persons: 8, children: 6 }, { wbsRequired: true }),
    ];
    const r = rank(pairs, (i) => i.startedOn, (i) => i.key);
    expect(r.fitting.map((p) => p.item.key)).toEqual(['shelter-14-months', 'family', 'couple-same-score-earlier', 'couple-same-score-later']);
    expect(r.excluded).toEqual([
      { blocker: 'wbs_missing', count: 1 },
      { blocker: 'too_few_rooms', count: 1 },
      { blocker: 'too_many_rooms', count: 1 },
    ]);
    // Near misses: fewest reasons first (one each), then by urgency (the longer search ranks higher).
    expect(r.nearMisses.map((p) => p.item.key)).toEqual(['too-large', 'single', 'no-wbs-and-too-large']);
  });
});

describe('rooms and household sizes', () => {
  it.each([
    [1, 1, 2],
    [2, 1, 3],
    [3, 2, 4],
    [4, 2, 5],
    [5, 3, 6],
  ])('%i persons live in %i to %i rooms', (persons, min, max) => expect(roomRange(persons)).toEqual({ min, max }));

  it('personsRange is the exact inverse of roomRange', () => {
    for (let rooms = 1; rooms <= 8; rooms += 0.5) {
      const range = personsRange(rooms);
      for (let persons = 1; persons <= 20; persons++) {
        const r = roomRange(persons);
        const suits = rooms >= r.min && rooms <= r.max;
        expect([rooms, persons, suits]).toEqual([rooms, persons, persons >= range.min && persons <= range.max]);
      }
    }
  });
});

describe('reachableWithoutSteps', () => {
  it.each([
    [true, 0, false, true],
    [true, -1, false, true],
    [true, 2, true, true],
    [true, 2, false, false],
    [false, 0, true, false],
  ])('step-free %s, floor %i, lift %s → %s', (stepFree, floor, lift, ok) => expect(reachableWithoutSteps({ stepFree, floor, lift })).toBe(ok));
});

describe('wholeMonths', () => {
  it.each([
    ['2026-01-15', '2026-02-14', 0],
    ['2026-01-15', '2026-02-15', 1],
    ['2025-09-15', '2026-11-21', 14],
    ['2026-01-31', '2026-02-28', 1], // month end: 31 January + 1 month = 28 February
    ['2026-03-01', '2026-02-01', 0],
  ])('%s to %s: %i', (from, to, months) => expect(wholeMonths(from, to)).toBe(months));
});
