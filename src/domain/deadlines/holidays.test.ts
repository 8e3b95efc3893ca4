import { describe, expect, it } from 'vitest';
import { DeadlineInputError } from './errors.js';
import { isPublicHoliday, isWorkingDay, publicHolidays, STATE_CODES, type StateCode } from './holidays.js';

// domain.md §6 "NRW holidays used" (FeiertG NW § 2: eleven days a year).
const NW_HOLIDAYS: Record<number, string[]> = {
  2025: ['01-01', '04-18', '04-21', '05-01', '05-29', '06-09', '06-19', '10-03', '11-01', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-01', '05-14', '05-25', '06-04', '10-03', '11-01', '12-25', '12-26'],
  2027: ['01-01', '03-26', '03-29', '05-01', '05-06', '05-17', '05-27', '10-03', '11-01', '12-25', '12-26'],
};

describe('publicHolidays (NW)', () => {
  it.each([2025, 2026, 2027])('%i equals the list in domain.md §6', (year) => {
    expect(publicHolidays(year, 'NW').map((h) => h.date)).toEqual(NW_HOLIDAYS[year].map((d) => `${year}-${d}`));
  });

  it('2028 has no holiday in February (TC-02)', () => {
    expect(publicHolidays(2028, 'NW').filter((h) => h.date.startsWith('2028-02'))).toEqual([]);
  });

  it('defaults to NW', () => {
    expect(publicHolidays(2026)).toEqual(publicHolidays(2026, 'NW'));
  });

  it('has Reformationstag 2017 (the one-off 500th anniversary holiday in every Land)', () => {
    expect(isPublicHoliday('2017-10-31', 'NW')).toBe('Reformationstag');
  });

  it.each([1.5, 1899, 2200])('rejects year %s', (year) => {
    expect(() => publicHolidays(year, 'NW')).toThrow(DeadlineInputError);
  });
});

// [date, state, expected holiday name or null]
type Row = [string, StateCode, string | null];

describe('isPublicHoliday', () => {
  it.each<Row>([
    // Names as date-holidays spells them.
    ['2025-01-01', 'NW', 'Neujahr'],
    ['2025-04-18', 'NW', 'Karfreitag'],
    ['2025-04-21', 'NW', 'Ostermontag'],
    ['2025-05-01', 'NW', 'Maifeiertag'],
    ['2027-05-06', 'NW', 'Christi Himmelfahrt'],
    ['2025-06-09', 'NW', 'Pfingstmontag'],
    ['2025-10-03', 'NW', 'Tag der Deutschen Einheit'],
    ['2025-12-25', 'NW', '1. Weihnachtstag'],
    ['2026-12-26', 'NW', '2. Weihnachtstag'],
    // Fronleichnam: NW yes, NI no; Land-wide list leaves out the Saxon/Thuringian parishes.
    ['2026-06-04', 'NW', 'Fronleichnam'],
    ['2026-06-04', 'NI', null],
    ['2026-06-04', 'SN', null],
    ['2026-06-04', 'TH', null],
    // Reformationstag: NI yes, NW no (TC-14).
    ['2027-10-31', 'NI', 'Reformationstag'],
    ['2027-10-31', 'NW', null],
    // Allerheiligen: NW yes, NI and HE no (TC-09).
    ['2027-11-01', 'NW', 'Allerheiligen'],
    ['2027-11-01', 'NI', null],
    ['2027-11-01', 'HE', null],
    // Buß- und Bettag only in Saxony.
    ['2026-11-18', 'SN', 'Buß- und Bettag'],
    ['2026-11-18', 'BY', null],
    // Regional-only holidays are not Land-wide: Augsburger Friedensfest, Mariä Himmelfahrt in BY.
    ['2026-08-08', 'BY', null],
    ['2026-08-15', 'BY', null],
    ['2026-08-15', 'SL', 'Mariä Himmelfahrt'],
    // Observances and bank days are not holidays (TC-16, TC-18).
    ['2025-12-24', 'NW', null],
    ['2026-12-31', 'NW', null],
    ['2025-04-20', 'NW', null], // Ostersonntag: a Sunday, not a listed holiday in NW …
    ['2025-04-20', 'BB', 'Ostersonntag'], // … but statutory in Brandenburg
    ['2026-03-08', 'BE', 'Internationaler Frauentag'],
    ['2026-09-20', 'TH', 'Weltkindertag'],
    // An ordinary working day.
    ['2026-03-03', 'NW', null],
  ])('%s in %s → %s', (date, state, expected) => {
    expect(isPublicHoliday(date, state)).toBe(expected);
  });

  it('2026-01-06 (Heilige Drei Könige) is a holiday in BW, BY and ST only (TC-17)', () => {
    const states = STATE_CODES.filter((s) => isPublicHoliday('2026-01-06', s) !== null);
    expect(states.sort()).toEqual(['BW', 'BY', 'ST']);
  });

  it('every Land has the nationwide holidays', () => {
    for (const s of STATE_CODES) {
      for (const d of ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-25', '2026-12-26']) {
        expect(isPublicHoliday(d, s), `${d} ${s}`).not.toBeNull();
      }
    }
  });

  it.each([
    ['2026-02-30'],
    ['2026-13-01'],
    ['2026-1-1'],
    ['26-01-01'],
    ['2026-01-01T00:00:00Z'],
    [''],
  ])('rejects %j', (date) => {
    expect(() => isPublicHoliday(date, 'NW')).toThrow(DeadlineInputError);
  });

  it('rejects an unknown Land', () => {
    expect(() => isPublicHoliday('2026-01-01', 'XX' as StateCode)).toThrow(expect.objectContaining({ field: 'state' }));
  });
});

describe('isWorkingDay', () => {
  it.each<[string, StateCode, boolean]>([
    ['2026-03-02', 'NW', true], // Monday
    ['2026-02-28', 'NW', false], // Saturday
    ['2026-03-01', 'NW', false], // Sunday
    ['2026-06-04', 'NW', false], // Fronleichnam
    ['2026-06-04', 'NI', true],
    ['2025-12-24', 'NW', true], // Heiligabend
    ['2026-01-06', 'NW', true],
    ['2026-01-06', 'BY', false],
  ])('%s in %s → %s', (date, state, expected) => {
    expect(isWorkingDay(date, state)).toBe(expected);
  });
});
