import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClipped,
  addWeeks,
  addWorkingDays,
  daysBetween,
  nextWorkingDay,
  nonWorkingReason,
  previousWorkingDay,
  shiftToWorkingDay,
  subtractDays,
  subtractWeeks,
  weekday,
  weekdayName,
} from './calendar.js';
import { DeadlineInputError } from './errors.js';
import type { StateCode } from './holidays.js';
import { fromDayNumber, isIsoDate, toDayNumber } from './iso-date.js';

describe('addMonthsClipped (§ 188 Abs. 2 und 3 BGB)', () => {
  it.each<[string, number, string]>([
    ['2025-02-18', 2, '2025-04-18'], // same day number
    ['2025-12-31', 2, '2026-02-28'], // no 31 Feb → last day
    ['2027-12-31', 2, '2028-02-29'], // leap year
    ['2026-12-31', 2, '2027-02-28'],
    ['2023-12-30', 2, '2024-02-29'],
    ['2023-12-29', 2, '2024-02-29'],
    ['2024-12-29', 2, '2025-02-28'],
    ['2026-08-31', 2, '2026-10-31'], // 31 Oct exists
    ['2026-07-31', 2, '2026-09-30'],
    ['2025-11-15', 2, '2026-01-15'], // across the year
    ['2028-02-29', 12, '2029-02-28'], // one year from 29 Feb
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-03-02', 12, '2027-03-02'],
    ['2026-03-31', -1, '2026-02-28'], // backwards
    ['2028-02-29', -24, '2026-02-28'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-05-05', 0, '2026-05-05'],
  ])('%s + %i months → %s', (date, months, expected) => {
    expect(addMonthsClipped(date, months)).toBe(expected);
  });
});

describe('day and week arithmetic', () => {
  it.each<[string, number, string]>([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-03-29', 1, '2026-03-30'], // DST switch in Germany: still one calendar day
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('addDays(%s, %i) → %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(subtractDays(expected, n)).toBe(date);
    expect(daysBetween(date, expected)).toBe(n);
  });

  it.each<[string, number, string]>([
    ['2026-04-14', -3, '2026-03-24'], // TD-01
    ['2026-04-14', -2, '2026-03-31'], // TD-02
    ['2026-02-17', 2, '2026-03-03'],
    ['2028-02-22', 1, '2028-02-29'],
  ])('addWeeks(%s, %i) → %s', (date, n, expected) => {
    expect(addWeeks(date, n)).toBe(expected);
    expect(subtractWeeks(expected, n)).toBe(date);
  });

  it('round-trips day numbers over four centuries of days', () => {
    for (let n = toDayNumber('1900-01-01'); n <= toDayNumber('2199-12-31'); n += 97) {
      expect(toDayNumber(fromDayNumber(n))).toBe(n);
    }
  });
});

describe('weekday', () => {
  it.each<[string, number, string]>([
    ['1970-01-01', 4, 'Donnerstag'],
    ['1969-12-31', 3, 'Mittwoch'],
    ['2025-12-31', 3, 'Mittwoch'],
    ['2026-02-28', 6, 'Samstag'],
    ['2027-02-28', 0, 'Sonntag'],
    ['2028-02-29', 2, 'Dienstag'],
    ['2026-04-14', 2, 'Dienstag'],
  ])('%s → %i (%s)', (date, n, name) => {
    expect(weekday(date)).toBe(n);
    expect(weekdayName(date)).toBe(name);
  });
});

describe('working days', () => {
  it.each<[string, StateCode, string | null]>([
    ['2026-03-02', 'NW', null],
    ['2026-02-28', 'NW', 'Samstag'],
    ['2026-03-01', 'NW', 'Sonntag'],
    ['2025-04-18', 'NW', 'Karfreitag'],
    ['2026-12-26', 'NW', '2. Weihnachtstag'], // a Saturday: the holiday name wins
    ['2026-06-04', 'NI', null],
  ])('nonWorkingReason(%s, %s) → %s', (date, state, expected) => {
    expect(nonWorkingReason(date, state)).toBe(expected);
  });

  it.each<[string, StateCode, string, string]>([
    // [date, state, next working day (strictly after), previous working day (strictly before)]
    ['2026-03-06', 'NW', '2026-03-09', '2026-03-05'], // Friday
    ['2026-03-07', 'NW', '2026-03-09', '2026-03-06'], // Saturday
    ['2025-04-17', 'NW', '2025-04-22', '2025-04-16'], // Gründonnerstag → over Easter
    ['2025-04-22', 'NW', '2025-04-23', '2025-04-17'],
    ['2026-06-03', 'NW', '2026-06-05', '2026-06-02'],
    ['2026-06-03', 'NI', '2026-06-04', '2026-06-02'],
    ['2025-12-24', 'NW', '2025-12-29', '2025-12-23'],
  ])('around %s in %s: next %s, previous %s', (date, state, next, prev) => {
    expect(nextWorkingDay(date, state)).toBe(next);
    expect(previousWorkingDay(date, state)).toBe(prev);
  });

  it('shiftToWorkingDay lists every skipped day (TC-04)', () => {
    expect(shiftToWorkingDay('2025-04-18', 'NW')).toEqual({
      date: '2025-04-22',
      skipped: [
        { date: '2025-04-18', reason: 'Karfreitag' },
        { date: '2025-04-19', reason: 'Samstag' },
        { date: '2025-04-20', reason: 'Sonntag' },
        { date: '2025-04-21', reason: 'Ostermontag' },
      ],
    });
    expect(shiftToWorkingDay('2025-04-22', 'NW')).toEqual({ date: '2025-04-22', skipped: [] });
  });

  it.each<[string, number, StateCode, string]>([
    ['2026-03-02', 3, 'NW', '2026-03-05'], // Monday + 3
    ['2026-03-06', 3, 'NW', '2026-03-11'], // Friday + 3 → Wednesday
    ['2026-03-07', 1, 'NW', '2026-03-09'], // Saturday + 1 → Monday (start not counted)
    ['2025-04-17', 1, 'NW', '2025-04-22'], // over Easter
    ['2025-12-23', 3, 'NW', '2025-12-30'], // 24 Dec counts, 25/26 and the weekend do not
    ['2026-06-03', 1, 'NW', '2026-06-05'],
    ['2026-06-03', 1, 'NI', '2026-06-04'],
    ['2026-03-07', 0, 'NW', '2026-03-07'],
    ['2026-03-11', -3, 'NW', '2026-03-06'],
  ])('addWorkingDays(%s, %i, %s) → %s', (date, n, state, expected) => {
    expect(addWorkingDays(date, n, state)).toBe(expected);
  });
});

describe('validation', () => {
  it.each([
    ['2025-02-29', false],
    ['2024-02-29', true],
    ['1900-02-29', false], // not a leap year (century rule)
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-00-10', false],
    ['0099-01-01', false],
    ['1899-12-31', false],
    ['2026-01-01 ', false],
    [20260101, false],
    [null, false],
  ])('isIsoDate(%j) → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('throws DeadlineInputError for bad arguments', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(DeadlineInputError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(expect.objectContaining({ field: 'days' }));
    expect(() => addMonthsClipped('2026-02-01', Number.NaN)).toThrow(expect.objectContaining({ field: 'months' }));
    expect(() => addWorkingDays('2026-02-01', 1e9)).toThrow(expect.objectContaining({ field: 'workingDays' }));
  });
});
