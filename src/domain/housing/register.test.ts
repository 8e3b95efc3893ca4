import { describe, expect, it } from 'vitest';
import { ethosCategoryOf } from '../casework/casefile.js';
import { agreementYear, countWithin, livingSituationOfPlacement, occupancy, stayMonths, stayProblems, type Stay } from './register.js';

const TODAY = '2026-11-21';

describe('occupancy', () => {
  it.each([
    ['empty', 40, 0, 0, { households: 0, persons: 0, free: 40 }],
    ['partly taken', 40, 3, 7, { households: 3, persons: 7, free: 33 }],
    ['full', 12, 4, 12, { households: 4, persons: 12, free: 0 }],
    ['overcrowded: no negative free places', 12, 5, 14, { households: 5, persons: 14, free: 0 }],
  ])('%s', (_label, places, households, persons, expected) => expect(occupancy(places, households, persons)).toEqual(expected));
});

describe('stayProblems', () => {
  const open = (movedInOn: string): Stay => ({ movedInOn, movedOutOn: null });
  const closed = (movedInOn: string, movedOutOn: string): Stay => ({ movedInOn, movedOutOn });
  it.each<[string, Stay, Stay[], { path: string; key: string }[]]>([
    ['a first stay since today', open(TODAY), [], []],
    ['a stay that ended', closed('2026-01-10', '2026-06-30'), [], []],
    ['moving in tomorrow', open('2026-11-22'), [], [{ path: 'movedInOn', key: 'housing.moved_in_future' }]],
    ['moving out tomorrow', closed('2026-01-10', '2026-11-22'), [], [{ path: 'movedOutOn', key: 'housing.moved_out_future' }]],
    ['out before in', closed('2026-06-10', '2026-06-09'), [], [{ path: 'movedOutOn', key: 'housing.moved_out_before_in' }]],
    ['in and out on one day', closed('2026-06-10', '2026-06-10'), [], []],
    ['a second open stay', open('2026-11-01'), [open('2026-03-01')], [{ path: 'accommodationId', key: 'housing.already_placed' }]],
    ['the next stay from the day the last one ended', open('2026-06-30'), [closed('2026-01-10', '2026-06-30')], []],
    ['a stay inside an earlier one', closed('2026-02-01', '2026-03-01'), [closed('2026-01-10', '2026-06-30')], [{ path: 'movedInOn', key: 'housing.overlaps_other_stay' }]],
    ['an earlier stay recorded while the current one is open', closed('2025-01-01', '2025-06-30'), [open('2026-03-01')], []],
    ['an earlier stay reaching into the open one', closed('2025-01-01', '2026-04-01'), [open('2026-03-01')], [{ path: 'movedInOn', key: 'housing.overlaps_other_stay' }]],
  ])('%s', (_label, stay, others, expected) => expect(stayProblems(stay, others, TODAY)).toEqual(expected));
});

describe('stayMonths', () => {
  it.each<[string, Stay, number]>([
    ['moved in today', { movedInOn: TODAY, movedOutOn: null }, 0],
    ['one day short of a month', { movedInOn: '2026-10-22', movedOutOn: null }, 0],
    ['a month to the day', { movedInOn: '2026-10-21', movedOutOn: null }, 1],
    ['fourteen months', { movedInOn: '2025-09-21', movedOutOn: null }, 14],
    ['an ended stay counts to its move-out', { movedInOn: '2025-01-15', movedOutOn: '2025-04-14' }, 2],
  ])('%s', (_label, stay, months) => expect(stayMonths(stay, TODAY)).toBe(months));
});

describe('agreementYear', () => {
  it.each<[string, string, string | null, { from: string; to: string } | null]>([
    ['not begun yet', '2027-01-01', null, null],
    ['in its first year', '2026-03-01', null, { from: '2026-03-01', to: '2027-02-28' }],
    ['in its third year', '2024-01-01', '2028-12-31', { from: '2026-01-01', to: '2026-12-31' }],
    ['on an anniversary: the new year begins', '2024-11-21', null, { from: '2026-11-21', to: '2027-11-20' }],
    ['ending within the year: the year ends with it', '2025-07-01', '2026-12-31', { from: '2026-07-01', to: '2026-12-31' }],
    ['ended: its last year', '2023-04-01', '2025-09-30', { from: '2025-04-01', to: '2025-09-30' }],
    ['begun on 29 February', '2024-02-29', null, { from: '2026-02-28', to: '2027-02-27' }],
  ])('%s', (_label, from, until, expected) => expect(agreementYear(from, until, TODAY)).toEqual(expected));
});

describe('countWithin', () => {
  it('counts the days of the period, both ends included', () => {
    const days = ['2025-12-31', '2026-01-01', '2026-06-15', '2026-12-31', '2027-01-01'];
    expect(countWithin(days, { from: '2026-01-01', to: '2026-12-31' })).toBe(3);
    expect(countWithin(days, null)).toBe(0);
  });
});

describe('livingSituationOfPlacement', () => {
  it.each([
    ['emergency_shelter', 'emergency_accommodation', 'overnight_shelter'],
    ['transitional_housing', 'homeless_accommodation', 'transitional_supported'],
    ['refugee_accommodation', 'homeless_accommodation', 'temporary_accommodation'],
    ['hostel', 'homeless_accommodation', 'temporary_accommodation'],
    ['temporary_flat', 'homeless_accommodation', 'temporary_accommodation'],
  ] as const)('%s → %s / %s', (kind, category, situation) => {
    expect(livingSituationOfPlacement(kind)).toEqual({ category, situation });
    expect(ethosCategoryOf(situation)).toBe(category);
  });
});
