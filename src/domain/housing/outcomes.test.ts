import { describe, expect, it } from 'vitest';
import { housingOutcomes, monthsBetween, quartiles, type Quartiles } from './outcomes.js';

describe('quartiles of the days to a lease', () => {
  // [label, values, expected]
  const cases: [string, number[], Quartiles][] = [
    ['none', [], { count: 0, median: null, q1: null, q3: null }],
    ['one household: its days are every quartile', [120], { count: 1, median: 120, q1: 120, q3: 120 }],
    ['two: the median is their mean', [100, 200], { count: 2, median: 150, q1: 125, q3: 175 }],
    ['three', [30, 90, 300], { count: 3, median: 90, q1: 60, q3: 195 }],
    ['four, given unsorted', [400, 10, 200, 100], { count: 4, median: 150, q1: 77.5, q3: 250 }],
    ['five', [1, 2, 3, 4, 5], { count: 5, median: 3, q1: 2, q3: 4 }],
    ['equal values', [60, 60, 60], { count: 3, median: 60, q1: 60, q3: 60 }],
    ['a lease on the day the search began', [0, 10], { count: 2, median: 5, q1: 2.5, q3: 7.5 }],
    ['one long search does not move the median far', [50, 60, 70, 80, 2000], { count: 5, median: 70, q1: 60, q3: 80 }],
  ];
  it.each(cases)('%s', (_label, values, expected) => {
    expect(quartiles(values)).toEqual(expected);
  });

  it('leaves the caller’s list as it was', () => {
    const values = [3, 1, 2];
    quartiles(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('months of a period', () => {
  const cases: [string, string, string, string[]][] = [
    ['within one month', '2026-11-03', '2026-11-21', ['2026-11']],
    ['across the turn of the year', '2026-11-15', '2027-02-01', ['2026-11', '2026-12', '2027-01', '2027-02']],
    ['a whole year', '2026-01-01', '2026-12-31', ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']],
    ['the end before the start: none', '2026-05-01', '2026-04-30', []],
  ];
  it.each(cases)('%s', (_label, from, to, months) => {
    expect(monthsBetween(from, to)).toEqual(months);
  });
});

describe('outcomes of a period', () => {
  const leases = [
    { startedOn: '2026-01-10', leaseSignedOn: '2026-03-01' }, // 50 days
    { startedOn: '2025-11-01', leaseSignedOn: '2026-03-31' }, // 150 days
    { startedOn: '2026-04-01', leaseSignedOn: '2026-05-11' }, // 40 days
    { startedOn: '2025-06-01', leaseSignedOn: '2026-02-28' }, // before the period
    { startedOn: '2026-05-01', leaseSignedOn: '2026-07-01' }, // after the period
  ];
  const followUps = [
    { months: 6, dueOn: '2026-01-15', inPlace: true },
    { months: 6, dueOn: '2026-04-20', inPlace: false },
    { months: 6, dueOn: '2026-05-30', inPlace: null }, // due, not checked yet
    { months: 6, dueOn: '2026-09-01', inPlace: null }, // due only after the period
    { months: 12, dueOn: '2026-03-10', inPlace: true },
    { months: 12, dueOn: '2027-03-01', inPlace: null },
  ];

  it('counts leases per month (empty months included), the days to them and the tenancies still in place', () => {
    expect(housingOutcomes('2026-03-01', '2026-06-30', leases, followUps)).toEqual({
      from: '2026-03-01',
      to: '2026-06-30',
      placementsPerMonth: [
        { month: '2026-03', placements: 2 },
        { month: '2026-04', placements: 0 },
        { month: '2026-05', placements: 1 },
        { month: '2026-06', placements: 0 },
      ],
      daysToLease: { count: 3, median: 50, q1: 45, q3: 100 },
      sustainment: [
        { months: 6, due: 3, checked: 2, inPlace: 1 },
        { months: 12, due: 1, checked: 1, inPlace: 1 },
      ],
    });
  });

  it('the first and the last day of the period count', () => {
    const r = housingOutcomes('2026-03-01', '2026-03-31', leases, []);
    expect(r.placementsPerMonth).toEqual([{ month: '2026-03', placements: 2 }]);
    expect(r.daysToLease.count).toBe(2);
    expect(r.sustainment).toEqual([
      { months: 6, due: 0, checked: 0, inPlace: 0 },
      { months: 12, due: 0, checked: 0, inPlace: 0 },
    ]);
  });

  it('a period without leases', () => {
    expect(housingOutcomes('2027-01-01', '2027-01-31', leases, []).daysToLease).toEqual({ count: 0, median: null, q1: null, q3: null });
  });
});
